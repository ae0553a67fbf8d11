package search

import (
	"slices"
	"strconv"
)

// A term shard names, for the words of each of its terms in hintMinDocs
// pages or more, the first hintResults pages a query of that one word
// gets (doc.go, "Shards"): with those, the client asks for their page
// shards as soon as the term shard is in, while it ranks, which for a word
// in thousands of pages takes longer than the page shards' round trip.
// Only a hint for loading: the client draws what its own ranking finds.
// The shard also holds the hinted pages themselves (up to hintPagesMax),
// so that a query of such a word needs no page shard for its first five.
const (
	hintMinDocs  = 1000
	hintResults  = 5
	hintPagesMax = 25 // pages a term shard holds for its hints
)

// hintMin is hintMinDocs; tests lower it to see hints on a small index.
var hintMin = hintMinDocs

// hintScratch is the per-document best own and synonym score of one word,
// reused for the terms of a shard; touched lists the documents set.
type hintScratch struct {
	best    [][2]int64
	touched []int32
}

// firstResults returns the first hintResults documents of a one-word
// query of word (as typed, the last word: expanded as a prefix), ranked as
// Search ranks them without the best bets: the candidates of the word,
// each page scored bothShare × max(own, synonym) + min(own, synonym) (the
// query's other factors are the same for every page of a one-word query).
func (b *built) firstResults(word string, st *stemmer, s *hintScratch) []int32 {
	c := b.candidates(queryWord{word: word, prefix: true}, st)
	if s.best == nil {
		s.best = make([][2]int64, len(b.docs))
	}
	for id, wt := range c {
		k := 0
		if wt == wSynonym {
			k = 1
		}
		for _, p := range b.post[id] {
			e := &s.best[p.doc]
			if e[0] == 0 && e[1] == 0 {
				s.touched = append(s.touched, p.doc)
			}
			e[k] = max(e[k], int64(wt)*int64(p.imp))
		}
	}
	type hit struct {
		doc   int32
		score int64
	}
	top := make([]hit, 0, hintResults+1)
	for _, d := range s.touched {
		e := s.best[d]
		h := hit{d, bothShare*max(e[0], e[1]) + min(e[0], e[1])}
		s.best[d] = [2]int64{}
		i := len(top)
		for i > 0 && (top[i-1].score < h.score || top[i-1].score == h.score && top[i-1].doc > h.doc) {
			i--
		}
		if i < hintResults {
			top = slices.Insert(top, i, h)
			if len(top) > hintResults {
				top = top[:hintResults]
			}
		}
	}
	s.touched = s.touched[:0]
	out := make([]int32, len(top))
	for i, h := range top {
		out[i] = h.doc
	}
	return out
}

// hintWords calls fn with each word shard key has hints for and its term:
// the words of each term in hintMin pages or more (the term with each of
// its forms, and the term itself if it is its own stem).
func (b *built) hintWords(key string, st *stemmer, fn func(t int32, word string)) {
	for _, t := range b.shards[key] {
		if len(b.post[t]) < hintMin {
			continue
		}
		term := b.terms[t]
		for i := -1; i < len(b.forms[t]); i++ {
			w := term
			if i >= 0 {
				w += b.forms[t][i]
			}
			if st.stem(w) == term {
				fn(t, w)
			}
		}
	}
}

// appendHints writes the hints of the words of the terms of shard key
// (each term in hintMin pages or more, and each of its words: the term
// with each of its forms, and the term itself if it is its own stem) as
// the JSON member "":{"word":"ids",...,"":[[id,url,title,summary,text],
// ...]} and a comma, or nothing if there are none. The "" list holds the
// hinted pages as their page shards hold them, those of the words of the
// terms in most pages first, up to hintPagesMax pages: a query of such a
// word then needs no page shard for its first five.
func appendHints(out []byte, b *built, key string) []byte {
	type hinted struct {
		word string
		df   int
		docs []int32
	}
	var hs []hinted
	var s hintScratch
	st := newStemmer()
	b.hintWords(key, st, func(t int32, w string) {
		hs = append(hs, hinted{w, len(b.post[t]), b.firstResults(w, st, &s)})
	})
	if len(hs) == 0 {
		return out
	}
	out = append(out, `"":{`...)
	for i, h := range hs {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendJSString(out, h.word)
		out = append(out, ':', '"')
		for _, d := range h.docs {
			out = appendNum(out, uint32(d))
		}
		out = append(out, '"')
	}
	// The pages, of the words of the terms in most pages first.
	slices.SortStableFunc(hs, func(x, y hinted) int { return y.df - x.df })
	var pages []int32
	for _, h := range hs {
		more := slices.DeleteFunc(slices.Clone(h.docs), func(d int32) bool { return slices.Contains(pages, d) })
		if len(pages)+len(more) > hintPagesMax {
			break
		}
		pages = append(pages, more...)
	}
	slices.Sort(pages)
	out = append(out, `,"":[`...)
	for i, d := range pages {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		out = strconv.AppendInt(out, int64(d), 10)
		out = append(out, ',')
		out = appendDocEntry(out, &b.docs[d].doc)
		out = append(out, ']')
	}
	return append(out, ']', '}', ',')
}
