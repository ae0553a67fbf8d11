package search

import "slices"

// A term shard names, for the words of each of its terms in hintMinDocs
// pages or more, the first hintResults pages a query of that one word
// gets (doc.go, "Shards"): with those, the client asks for their page
// shards as soon as the term shard is in, while it ranks, which for a word
// in thousands of pages takes longer than the page shards' round trip.
// Only a hint for loading: the client draws what its own ranking finds.
const (
	hintMinDocs = 1000
	hintResults = 5
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

// appendHints writes the hints of the words of the terms of shard key
// (each term in hintMin pages or more, and each of its words: the term
// with each of its forms, and the term itself if it is its own stem) as
// the JSON member "":{"word":"ids",...} and a comma, or nothing if there
// are none.
func appendHints(out []byte, b *built, key string) []byte {
	var s hintScratch
	st := newStemmer()
	n := 0
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
			if st.stem(w) != term {
				continue
			}
			if n == 0 {
				out = append(out, `"":{`...)
			} else {
				out = append(out, ',')
			}
			n++
			out = appendJSString(out, w)
			out = append(out, ':', '"')
			for _, d := range b.firstResults(w, st, &s) {
				out = appendNum(out, uint32(d))
			}
			out = append(out, '"')
		}
	}
	if n > 0 {
		out = append(out, '}', ',')
	}
	return out
}
