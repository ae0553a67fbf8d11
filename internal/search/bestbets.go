package search

import (
	"slices"
	"strings"
	"sync"
)

// BestBet is an editor's answer to a word or phrase: when a query holds
// Phrase (its words in a row, each in any inflection: the words' stems are
// compared, stop words included), the pages URLs are shown first, in
// order, before the ranked results. Pages not in the index (another
// target's) are left out, so a best bet never shows a page the target
// does not have.
type BestBet struct {
	Phrase string
	URLs   []string
}

// bestBet is a BestBet as the index uses it.
type bestBet struct {
	stems []string // the phrase's words, stemmed
	docs  []int32
}

// SetBestBets sets the editors' best bets (they replace any set before).
// An index already built keeps all but its best bets.
func (ix *Index) SetBestBets(bets []BestBet) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.bets = slices.Clone(bets)
	if ix.built != nil {
		nb := *ix.built
		nb.memoMu = new(sync.Mutex)
		nb.memo = ix.built.memoExcept(nil, nil) // best bets are in meta.txt alone; hints leave them out
		nb.bets = nil
		nb.buildBestBets(ix.bets)
		ix.built = &nb
	}
}

// buildBestBets resolves the best bets against the built documents: the
// phrases stemmed, the URLs as document numbers. Bets whose pages are all
// missing, or whose phrase has no words, are dropped.
func (b *built) buildBestBets(bets []BestBet) {
	st := newStemmer()
	for _, bet := range bets {
		var e bestBet
		for _, w := range words(bet.Phrase) {
			e.stems = append(e.stems, st.stem(w))
		}
		for _, u := range bet.URLs {
			i, ok := slices.BinarySearchFunc(b.docs, u, func(d *docIn, u string) int { return strings.Compare(d.doc.URL, u) })
			if ok && !slices.Contains(e.docs, int32(i)) {
				e.docs = append(e.docs, int32(i))
			}
		}
		if len(e.stems) > 0 && len(e.docs) > 0 {
			b.bets = append(b.bets, e)
		}
	}
}

// bestBetDocs returns the documents of the best bets whose phrase q holds,
// in the order of the bets, each once.
func (b *built) bestBetDocs(q string, st *stemmer) []int32 {
	if len(b.bets) == 0 {
		return nil
	}
	var qs []string
	for _, w := range words(q) {
		qs = append(qs, st.stem(w))
	}
	var out []int32
	for _, e := range b.bets {
		if !containsRun(qs, e.stems) {
			continue
		}
		for _, d := range e.docs {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

// containsRun reports whether run occurs in s as consecutive elements.
func containsRun(s, run []string) bool {
	for i := 0; i+len(run) <= len(s); i++ {
		if slices.Equal(s[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// appendQueryRules appends the meta shard's rules for queries besides the
// stop words and synonyms: the weak words' stems, ,"w":"stem stem ...", and
// the best bets.
func appendQueryRules(m []byte, bets []bestBet) []byte {
	m = append(m, `,"w":`...)
	m = appendJSString(m, weakList)
	return appendBestBets(m, bets)
}

// appendBestBets appends the meta shard's best bets, ,"b":[["stem stem",
// page list], ...] (page lists as in facets), or nothing if there are none.
func appendBestBets(m []byte, bets []bestBet) []byte {
	if len(bets) == 0 {
		return m
	}
	m = append(m, `,"b":[`...)
	for i, e := range bets {
		if i > 0 {
			m = append(m, ',')
		}
		m = append(m, '[')
		m = appendJSString(m, strings.Join(e.stems, " "))
		m = append(m, ',', '"')
		for _, d := range e.docs {
			m = appendNum(m, uint32(d))
		}
		m = append(m, '"', ']')
	}
	return append(m, ']')
}
