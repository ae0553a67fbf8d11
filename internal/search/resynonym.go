package search

import (
	"maps"
	"slices"
	"sync"
)

// SetSynonyms replaces the synonyms the index weights terms and expands
// queries with. An index already built is not built again from its
// documents: synonyms change only the weight of the terms whose blended
// document frequency (see blendedDF) they move, so only those terms'
// postings are scored again, with the impacts a build of the same
// documents with syn gives them (withSynonyms). The preview uses it for
// an edit of the synonym file.
func (ix *Index) SetSynonyms(syn Synonyms) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.syn = buildSynonyms(syn)
	if ix.built != nil {
		ix.built = ix.built.withSynonyms(ix.syn, ix.fields)
	}
}

// withSynonyms returns b with the synonyms syn: a copy that shares all
// but the postings of the terms whose IDF syn changes, which are scored
// again from their documents' term frequencies (fields: the weights b
// was built with).
func (b *built) withSynonyms(syn synonymTable, fields fieldSet) *built {
	nb := *b
	nb.syn = syn
	nb.memoMu = new(sync.Mutex)
	df := make([]int32, len(b.terms))
	for t := range df {
		df[t] = int32(len(b.post[t])) // one posting per document with the term
	}
	var moved []int32
	seen := map[int32]bool{}
	for _, tab := range []synonymTable{b.syn, syn} {
		for stem := range tab.of {
			t, ok := b.termID[stem]
			if !ok || seen[t] {
				continue
			}
			seen[t] = true
			if b.blendedDF(int(t), df) != nb.blendedDF(int(t), df) {
				moved = append(moved, t)
			}
		}
	}
	if len(moved) > 0 {
		slices.Sort(moved)
		nb.rescore(b, moved, df, fields)
	}
	nb.memo = b.memoExcept(moved, b.rehinted(&nb, moved))
	return &nb
}

// rescore gives nb, b with other synonyms, the postings of the terms moved
// (sorted) scored again with nb's IDF from their documents' term
// frequencies; df is each term's document frequency.
func (nb *built) rescore(b *built, moved, df []int32, fields fieldSet) {
	s := scorer{fieldWeights: fields.weight, fieldB: fields.b, avgLen: avgFieldLengths(b.docs)}
	s.setIDF(nb, df, len(b.docs))
	isMoved := make(map[int32]bool, len(moved))
	nb.post = slices.Clone(b.post)
	var docs []int32 // the documents with a moved term
	for _, t := range moved {
		isMoved[t] = true
		nb.post[t] = slices.Clone(b.post[t])
		for _, p := range b.post[t] {
			docs = append(docs, p.doc)
		}
	}
	slices.Sort(docs)
	docs = slices.Compact(docs)
	// The term frequencies are counted under the ids build gave the terms
	// (b.words uses those): each moved term's id then.
	was := make(map[int32]int32, len(moved))
	nbuilt := len(b.terms)
	if b.renum == nil {
		for _, t := range moved {
			was[t] = t
		}
	} else {
		nbuilt = len(b.renum)
		for old, now := range b.renum {
			if now >= 0 && isMoved[now] {
				was[int32(old)] = now
			}
		}
	}
	var mu sync.Mutex
	parallelAcc(len(docs), nbuilt, b.words, func(acc *tfAcc, lo, hi int) {
		type set struct {
			t, doc int32
			imp    uint16
		}
		var sets []set
		for _, i := range docs[lo:hi] {
			d := b.docs[i]
			acc.fill(d)
			norm := s.norms(d)
			for _, old := range acc.touched {
				t, ok := was[old]
				if !ok {
					continue
				}
				sets = append(sets, set{t, i, s.impact(&acc.tf[old].tf, &norm, s.idf[t], d.doc.Boost)})
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for _, x := range sets {
			ps := nb.post[x.t]
			k, _ := slices.BinarySearchFunc(ps, x.doc, func(p posting, doc int32) int { return int(p.doc - doc) })
			ps[k].imp = x.imp
		}
	})
}

// memoExcept returns the shards b.memo holds but those of the terms
// moved and the shards keys, which must be made again; nil if b has none.
func (b *built) memoExcept(moved []int32, keys []string) *shardBytes {
	b.memoMu.Lock()
	defer b.memoMu.Unlock()
	if b.memo == nil {
		return nil
	}
	m := &shardBytes{docs: b.memo.docs, terms: maps.Clone(b.memo.terms)}
	for _, t := range moved {
		key, _ := b.shardOf(b.terms[t])
		delete(m.terms, key)
	}
	for _, key := range keys {
		delete(m.terms, key)
	}
	return m
}

// rehinted returns the keys of b's shards with hints (hint.go) that nb,
// b with other synonyms and the terms moved scored again, hints
// otherwise: a hint is a one-word query's first results, made from the
// word's candidates (its stem, its synonyms, the terms it is a prefix of)
// and their postings, so it changes only where the synonyms change a
// word's candidates or a candidate moved.
func (b *built) rehinted(nb *built, moved []int32) []string {
	b.memoMu.Lock()
	none := b.memo == nil
	b.memoMu.Unlock()
	if none {
		return nil // nothing kept to make again
	}
	isMoved := make(map[int32]bool, len(moved))
	for _, t := range moved {
		isMoved[t] = true
	}
	var keys []string
	st := newStemmer()
	for _, key := range b.keys {
		again := false
		b.hintWords(key, st, func(_ int32, w string) {
			if again {
				return
			}
			q := queryWord{word: w, prefix: true}
			was, now := b.candidates(q, st), nb.candidates(q, st)
			if !maps.Equal(was, now) {
				again = true
				return
			}
			for t := range now {
				if isMoved[t] {
					again = true
					return
				}
			}
		})
		if again {
			keys = append(keys, key)
		}
	}
	return keys
}
