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
	// A hint (hint.go) is a query's first results, which the synonyms
	// expand: other synonyms, other hints.
	hinted := !slices.EqualFunc(b.syn.groups, syn.groups, slices.Equal)
	nb.memo = b.memoExcept(nil, hinted)
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
	if len(moved) == 0 {
		return &nb
	}
	slices.Sort(moved)
	nb.memo = b.memoExcept(moved, hinted)
	s := scorer{fieldWeights: fields.weight, fieldB: fields.b, avgLen: avgFieldLengths(b.docs)}
	s.setIDF(&nb, df, len(b.docs))
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
	return &nb
}

// memoExcept returns the shards b.memo holds but those of the terms
// moved and, if hinted, those with hints (hint.go), which must be made
// again; nil if b has none.
func (b *built) memoExcept(moved []int32, hinted bool) *shardBytes {
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
	if hinted {
		for key, ts := range b.shards {
			if slices.ContainsFunc(ts, func(t int32) bool { return len(b.post[t]) >= hintMin }) {
				delete(m.terms, key)
			}
		}
	}
	return m
}
