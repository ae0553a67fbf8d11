package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Weights of the ways a query word can match an index term (in tenths).
// For each document and query word, d is the best weight × impact over the
// word's own terms (all but synonyms) and y the best over its synonyms; the
// document's score for the word is bothShare × max(d, y) + min(d, y), so a
// page that has the word and a synonym of it (hjemløs and forsorgshjem)
// beats one that has only either. Its score is the sum over the words.
const (
	wExact   = 10 // the word's stem
	wVariant = 9  // the stem of an ae→æ / oe→ø spelling
	wSynonym = 8  // a synonym of the stem; only synonyms have this weight
	wPrefix  = 6  // a term the last word is the start of
	// wPrefixDone: a term the last word is the start of, when the word as
	// typed is a whole word of the index (its stem is a term): it is then
	// most likely finished ("sit liv" is not "livssituation"), and an
	// expansion rare on the site (hjælpemidler, impact up to 1000) should
	// not outweigh the word itself when common (hjælp, 100 or so).
	wPrefixDone = 1
	wFuzzy      = 5 // a term one typo away from the stem
	wTail       = 5 // the stem of the last part of a compound word
	// bothShare: the lesser of a word's own and synonym score counts
	// 1/bothShare as much as the greater.
	bothShare = 4
	// coordCommon: a query word found in more than 1/coordCommon of the
	// pages is common; it does not count for coordination.
	coordCommon = 4
	// strongShare: in a query with other words, a weak word
	// (weakwords_da.txt) counts 1/strongShare as much as the others, and
	// not for coordination.
	strongShare = 3
	// tailHeadRunes and tailMinRunes: the shortest first and last part of
	// a query word that matches nothing, split to search for its last part.
	tailHeadRunes = 3
	tailMinRunes  = 5
)

// Hit is one search result.
type Hit struct {
	URL     string
	Title   string
	Section string
	Score   float64
}

// Search returns the n best documents for q (all if n <= 0), best first,
// ranked exactly as the browser client ranks them: documents that match
// some of the query's words are returned, each scored by the sum of its
// words' scores times the number of the query's rare words it matches (a
// coordination factor; at least 1), so a page covering more of the query
// ranks higher. The pages of
// the editors' best bets whose phrase the query holds come before all.
func (ix *Index) Search(q string, n int) []Hit {
	b := ix.build()
	words := parseQuery(q, &b.syn)
	if len(words) == 0 {
		return nil
	}
	st := newStemmer()
	type acc struct {
		score int64
		cov   int
	}
	accs := map[int32]*acc{}
	weak := weakWords(words, st)
	for i, w := range words {
		best := map[int32]*[2]int64{} // the best own and synonym weight × impact
		for t, wt := range b.candidates(w, st) {
			k := 0
			if wt == wSynonym {
				k = 1
			}
			for _, p := range b.post[t] {
				e := best[p.doc]
				if e == nil {
					e = &[2]int64{}
					best[p.doc] = e
				}
				e[k] = max(e[k], int64(wt)*int64(p.imp))
			}
		}
		rare := len(best)*coordCommon <= len(b.docs) && !weak[i]
		share := int64(strongShare)
		if weak[i] {
			share = 1
		}
		for d, e := range best {
			a := accs[d]
			if a == nil {
				a = &acc{}
				accs[d] = a
			}
			a.score += (bothShare*max(e[0], e[1]) + min(e[0], e[1])) * share
			if rare {
				a.cov++
			}
		}
	}
	docs := make([]int32, 0, len(accs))
	for d := range accs {
		docs = append(docs, d)
	}
	// Coordination: a page's score is its sum times the number of the
	// query's rare words it matches (at least 1), so pages covering more
	// of the query come first without pages that miss a word being left
	// out; a common word (hjælp) adds to the sum but not to the count.
	key := func(d int32) int64 { return accs[d].score * int64(max(1, accs[d].cov)) }
	slices.SortFunc(docs, func(x, y int32) int {
		return cmp.Or(cmp.Compare(key(y), key(x)), cmp.Compare(x, y))
	})
	// The editors' best bets first.
	if bets := b.bestBetDocs(q, st); len(bets) > 0 {
		docs = append(bets, slices.DeleteFunc(docs, func(d int32) bool { return slices.Contains(bets, d) })...)
	}
	if n > 0 && len(docs) > n {
		docs = docs[:n]
	}
	hits := make([]Hit, len(docs))
	for i, d := range docs {
		doc := b.docs[d].doc
		score := int64(0)
		if a := accs[d]; a != nil {
			score = key(d)
		}
		hits[i] = Hit{URL: doc.URL, Title: doc.Title, Section: doc.Section, Score: float64(score)}
	}
	return hits
}

// weakWords reports which of the query's words are weak (their stem is
// in weakwords_da.txt); if all are, none is.
func weakWords(words []queryWord, st *stemmer) []bool {
	weak := make([]bool, len(words))
	all := true
	for i, w := range words {
		weak[i] = w.concept == "" && weakStems[st.stem(w.word)]
		all = all && weak[i]
	}
	if all {
		clear(weak)
	}
	return weak
}

// candidates returns the index terms a query word matches, with weights.
// Variants are only tried when the word as typed matches no term, and
// typos only when the variants match none either. A typo is one edit
// between the word's stem and a term, or between the word and a term or
// one of its forms, among the terms of the stem's shard.
func (b *built) candidates(w queryWord, st *stemmer) map[int32]int {
	c := map[int32]int{}
	add := func(term string, wt int) {
		if id, ok := b.termID[term]; ok && c[id] < wt {
			c[id] = wt
		}
	}
	try := func(word string, wt int) {
		s := st.stem(word)
		add(s, wt)
		for _, y := range b.syn.of[s] {
			add(y, wSynonym)
		}
		if w.prefix {
			pw := wPrefix
			if _, whole := b.termID[s]; whole {
				pw = wPrefixDone
			}
			for _, t := range b.prefixTerms(word) {
				if c[t] < pw {
					c[t] = pw
				}
			}
		}
	}
	if w.concept != "" {
		for _, s := range strings.Fields(w.concept) {
			add(s, wSynonym)
		}
		return c
	}
	try(w.word, wExact)
	if len(c) == 0 {
		for _, v := range variants(w.word) {
			try(v, wVariant)
		}
	}
	if len(c) == 0 && utf8.RuneCountInString(w.word) >= fuzzyMinRunes {
		b.addTypos(w.word, st, c)
	}
	if len(c) == 0 {
		b.addTail(w.word, st, c)
	}
	return c
}

// addTypos adds to c, with weight wFuzzy, the terms that start with the
// first typoKeepRunes runes of word's stem and are one edit from the
// stem, or from word itself or one of the term's forms.
func (b *built) addTypos(word string, st *stemmer, c map[int32]int) {
	s := st.stem(word)
	rs, rw := []rune(s), []rune(word)
	for _, t := range b.typoShardTerms(s) {
		term := b.terms[t]
		if editDistance1(rs, []rune(term)) || editDistance1(rw, []rune(term)) {
			c[t] = wFuzzy
			continue
		}
		for _, f := range b.forms[t] {
			if editDistance1(rw, []rune(term+f)) {
				c[t] = wFuzzy
				break
			}
		}
	}
}

// addTail adds to c, with weight wTail, the stem of the longest end of
// word that is an index term, leaving a start of tailHeadRunes letters or
// more and keeping tailMinRunes: a compound the site does not have is
// searched for by its last part, which names what it is (panikangst:
// angst). The client requests the shard of every such end's stem.
func (b *built) addTail(word string, st *stemmer, c map[int32]int) {
	rw := []rune(word)
	for i := tailHeadRunes; i <= len(rw)-tailMinRunes; i++ {
		if id, ok := b.termID[st.stem(string(rw[i:]))]; ok {
			c[id] = wTail
			return
		}
	}
}

// prefixTerms returns the terms that w, the last word being typed, may be
// the start of: terms that start with w or have a word (form) that does
// ("boli" → "bol", the stem of "bolig"). At most maxPrefixTerms are kept,
// those in most documents first.
func (b *built) prefixTerms(w string) []int32 {
	if utf8.RuneCountInString(w) < prefixMinRunes {
		return nil
	}
	var out []int32
	for _, t := range b.prefixShardTerms(w) {
		term := b.terms[t]
		if strings.HasPrefix(term, w) {
			out = append(out, t)
			continue
		}
		if !strings.HasPrefix(w, term) {
			continue
		}
		rest := w[len(term):]
		for _, f := range b.forms[t] {
			if strings.HasPrefix(f, rest) {
				out = append(out, t)
				break
			}
		}
	}
	slices.SortFunc(out, func(x, y int32) int {
		return cmp.Or(cmp.Compare(len(b.post[y]), len(b.post[x])), cmp.Compare(b.terms[x], b.terms[y]))
	})
	if len(out) > maxPrefixTerms {
		out = out[:maxPrefixTerms]
	}
	return out
}
