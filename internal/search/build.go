package search

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// Ranking (BM25F, field weights in weights.go). Impacts are computed here
// once and shipped; the browser only adds them up, so Go and JS rank alike
// by construction.
const (
	bm25K1 = 1.2
	// maxImpact is the impact of a (hypothetical) perfect match of the rarest
	// term; impacts are integers 1..maxImpact.
	maxImpact = 1000
	// compoundMinRunes is the shortest part of a compound word.
	compoundMinRunes = 3
	// compoundMinWord is the shortest word that is split into parts.
	compoundMinWord = 6
	// compoundHeadRunes and compoundTailRunes are the shortest first and
	// last part of a compound whose last part is not a known word.
	compoundHeadRunes = 5
	compoundTailRunes = 5
	// Sharding.
	shardKeyRunes = 3 // runes of a term shard's key: the terms' first three
	// maxPrefixShards is the most shards a last word shorter than
	// shardKeyRunes is expanded over as a prefix.
	maxPrefixShards = 8
	// typoKeepRunes is how many first runes of a word a typo must leave
	// right: its candidates are the terms of the shards that start so.
	typoKeepRunes = 1
	// A page shard holds consecutive pages up to docShardTarget bytes, each
	// with its summary and body clipped to storeTextRunes: enough for the
	// client's 30-word snippet, and about five pages a shard. Larger shards
	// or longer texts would make a query, which loads the page shards of
	// its first ten results, download more (see doc.go).
	docShardTarget = 2200 // bytes of a doc shard before a new one starts
	storeTextRunes = 300  // summary and body text kept for snippets, per doc
)

// built is the index as written: documents in URL order, terms sorted.
type built struct {
	docs   []*docIn
	terms  []string
	termID map[string]int32
	post   [][]posting // by term id, doc ascending
	forms  [][]string  // by term id: the words indexed under it, minus the term (a prefix of each)
	keys   []string    // term shard keys, sorted
	keySet map[string]bool
	shards map[string][]int32 // shard key -> term ids, sorted
	syn    synonymTable
	facets []facet
	bets   []bestBet
	// What withSynonyms scores moved terms again from: each vocab word's
	// terms as build numbered them, and that number's term id now (-1: a
	// term dropped), nil if the same.
	words *wordRefs
	renum []int32
	// The shards once made (see shardFiles); memoMu guards memo, and is a
	// pointer so that a built can be copied.
	memoMu *sync.Mutex
	memo   *shardBytes
}

type posting struct {
	doc int32
	imp uint16
}

// facet is a filter: the section, or one taxonomy of Doc.Facets.
type facet struct {
	name, label string
	values      []facetValue
}

type facetValue struct {
	name string
	docs []int32
}

// termRef is an index term a word stands for, with its weight in halves:
// 2 for the word's own stem, 1 for a part of a compound word.
type termRef struct {
	term int32
	half uint32
}

// build returns the built index, building it if documents were added:
// the documents in URL order, their terms, each term's document frequency
// and IDF, the impacts of each document's terms, then the postings, the
// shards, the facets and the best bets.
func (ix *Index) build() *built {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.built != nil {
		return ix.built
	}
	b := &built{syn: ix.syn, memoMu: new(sync.Mutex)}
	// Documents in URL order, one per URL.
	docs := slices.Clone(ix.docs)
	slices.SortFunc(docs, cmpDocs)
	docs = slices.CompactFunc(docs, func(a, b *docIn) bool { return a.doc.URL == b.doc.URL })
	b.docs = docs

	ix.stemVocab()
	wordTerms := ix.expandWords(b)
	df := docFrequencies(docs, len(b.terms), wordTerms)
	s := scorer{fieldWeights: ix.fields.weight, fieldB: ix.fields.b, avgLen: avgFieldLengths(docs)}
	s.setIDF(b, df, len(docs))
	impacts := s.impacts(docs, wordTerms)
	b.forms = ix.collectForms(docs, b)
	b.post = postings(impacts, df)
	b.words = wordTerms
	b.renum = b.dropEmptyTerms()
	b.layoutShards()
	b.facets = ix.buildFacets(docs)
	b.buildBestBets(ix.bets)
	ix.built = b
	return b
}

// docFrequencies returns the number of documents each of nt terms is in
// (counted per worker, then summed).
func docFrequencies(docs []*docIn, nt int, wordTerms *wordRefs) []int32 {
	var dfMu sync.Mutex
	df := make([]int32, nt)
	parallelAcc(len(docs), nt, wordTerms, func(acc *tfAcc, lo, hi int) {
		local := make([]int32, nt)
		for i := lo; i < hi; i++ {
			acc.fill(docs[i])
			for _, t := range acc.touched {
				local[t]++
			}
		}
		dfMu.Lock()
		for t, c := range local {
			df[t] += c
		}
		dfMu.Unlock()
	})
	return df
}

// avgFieldLengths returns each field's average length over the documents
// that have the field.
func avgFieldLengths(docs []*docIn) [maxFields]float64 {
	var sumLen, withField [maxFields]float64
	for _, d := range docs {
		for f := range maxFields {
			if d.lens[f] > 0 {
				sumLen[f] += float64(d.lens[f])
				withField[f]++
			}
		}
	}
	var avgLen [maxFields]float64
	for f := range maxFields {
		if withField[f] > 0 {
			avgLen[f] = sumLen[f] / withField[f]
		}
	}
	return avgLen
}

// scorer holds what a term's impact in a document is computed from (BM25F).
type scorer struct {
	fieldWeights, fieldB, avgLen [maxFields]float64
	idf                          []float64 // by term id
	maxScore                     float64   // the IDF of a term in one document
}

// setIDF sets the IDF of every term from its blended document frequency
// (see blendedDF) among n documents.
func (s *scorer) setIDF(b *built, df []int32, docs int) {
	n := float64(docs)
	idfOf := func(df int32) float64 {
		return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	}
	s.maxScore = idfOf(1)
	s.idf = make([]float64, len(df))
	for t := range df {
		s.idf[t] = idfOf(b.blendedDF(t, df))
	}
}

// impacts returns, per document, its terms and their impacts as
// term<<16 | impact.
func (s *scorer) impacts(docs []*docIn, wordTerms *wordRefs) [][]uint64 {
	impacts := make([][]uint64, len(docs))
	parallelAcc(len(docs), len(s.idf), wordTerms, func(acc *tfAcc, lo, hi int) {
		for i := lo; i < hi; i++ {
			acc.fill(docs[i])
			impacts[i] = s.docImpacts(acc, docs[i])
		}
	})
	return impacts
}

// docImpacts returns the impacts of the terms acc was filled with from d.
func (s *scorer) docImpacts(acc *tfAcc, d *docIn) []uint64 {
	norm := s.norms(d)
	out := make([]uint64, len(acc.touched))
	for k, t := range acc.touched {
		out[k] = uint64(t)<<16 | uint64(s.impact(&acc.tf[t].tf, &norm, s.idf[t], d.doc.Boost))
	}
	return out
}

// norms returns d's BM25F length normalisation per field.
func (s *scorer) norms(d *docIn) [maxFields]float64 {
	var norm [maxFields]float64
	for f := range maxFields {
		norm[f] = 1
		if s.avgLen[f] > 0 {
			norm[f] = float64(1 - s.fieldB[f] + float64(s.fieldB[f]*float64(d.lens[f])/s.avgLen[f]))
		}
	}
	return norm
}

// impact returns the impact of a term with the frequencies tf (in halves,
// per field) and the IDF idf in a document with the norms norm and the
// boost boost.
func (s *scorer) impact(tf *[maxFields]uint16, norm *[maxFields]float64, idf, boost float64) uint16 {
	tfw := 0.0
	for f, halves := range tf {
		if halves > 0 {
			tfw += float64(s.fieldWeights[f] * float64(float64(halves)/2) / norm[f])
		}
	}
	score := float64(idf * float64(tfw/(bm25K1+tfw)))
	if boost > 0 {
		score *= boost
	}
	return uint16(max(1, min(maxImpact, math.Round(score/s.maxScore*maxImpact))))
}

// postings turns the impacts of each document into each term's postings,
// documents ascending.
func postings(impacts [][]uint64, df []int32) [][]posting {
	post := make([][]posting, len(df))
	for t := range post {
		post[t] = make([]posting, 0, df[t])
	}
	for i, ents := range impacts {
		for _, e := range ents {
			t := e >> 16
			post[t] = append(post[t], posting{doc: int32(i), imp: uint16(e & 0xffff)})
		}
	}
	return post
}

// blendedDF returns the document frequency term t is weighted by: its own,
// or, for a term with synonyms, the highest of its synonyms' (those that are
// index terms) if that is higher. Synonyms thus count as one word for
// rarity, as Lucene's SynonymQuery does: a rare synonym (elevbolig) does not
// outscore the common word the user typed (botilbud) just for being rare.
func (b *built) blendedDF(t int, df []int32) int32 {
	n := df[t]
	for _, y := range b.syn.of[b.terms[t]] {
		if id, ok := b.termID[y]; ok {
			n = max(n, df[id])
		}
	}
	return n
}

// tfAcc accumulates one document's term frequencies per field (in halves)
// in a dense array indexed by term; touched lists the terms seen.
type tfAcc struct {
	refs    *wordRefs
	tf      []termTF
	doc     uint32 // stamp of the document being filled
	touched []int32
}

type termTF struct {
	stamp uint32
	tf    [maxFields]uint16
}

func (a *tfAcc) fill(d *docIn) {
	a.doc++
	a.touched = a.touched[:0]
	for _, e := range d.ents {
		field := e >> 20 & 0xf
		count := uint16(min(e&(1<<20-1), 1<<15))
		for _, r := range a.refs.of(uint32(e >> 24)) {
			tf := &a.tf[r.term]
			if tf.stamp != a.doc {
				tf.stamp = a.doc
				tf.tf = [maxFields]uint16{}
				a.touched = append(a.touched, r.term)
			}
			tf.tf[field] = satAdd(tf.tf[field], uint16(r.half)*count)
		}
	}
}

func satAdd(a, b uint16) uint16 {
	if s := a + b; s >= a {
		return s
	}
	return 1<<16 - 1
}

// wordRefs holds the terms each vocab word is indexed under, flat.
type wordRefs struct {
	base  [vocabShards]uint32 // dense index of each vocab shard's first word
	start []uint32            // dense word index -> first ref; one extra at the end
	refs  []termRef
}

func (w *wordRefs) of(id uint32) []termRef {
	i := w.base[id&(vocabShards-1)] + id>>6
	return w.refs[w.start[i]:w.start[i+1]]
}

// parallelAcc runs fn over chunks of [0,n) with one tfAcc per worker.
func parallelAcc(n, terms int, refs *wordRefs, fn func(acc *tfAcc, lo, hi int)) {
	var pool sync.Pool
	var g errgroup.Group
	workers := runtime.GOMAXPROCS(0)
	g.SetLimit(workers)
	step := max(64, (n+workers*4-1)/(workers*4)) // four chunks a processor
	for lo := 0; lo < n; lo += step {
		g.Go(func() error {
			acc, _ := pool.Get().(*tfAcc)
			if acc == nil {
				acc = &tfAcc{refs: refs, tf: make([]termTF, terms)}
			}
			fn(acc, lo, min(lo+step, n))
			pool.Put(acc)
			return nil
		})
	}
	g.Wait()
}

// stemVocab stems the words added since the last build.
func (ix *Index) stemVocab() {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range vocabShards {
		g.Go(func() error {
			st := newStemmer()
			sh := &ix.vocab.shards[i]
			sh.mu.Lock()
			for _, w := range sh.words[len(sh.stems):] {
				sh.stems = append(sh.stems, st.stem(w))
			}
			sh.mu.Unlock()
			return nil
		})
	}
	g.Wait()
}

// knownWords returns the strings a part of a compound word may be, each
// mapped to the index term it stands for: every word of three letters or
// more that is not a stop word (to its stem), and every such stem (to
// itself). whole holds the words (not stems) that may be the first part of
// a compound whose last part is not known: those of compoundHeadRunes
// letters or more.
func (ix *Index) knownWords() (known map[string]string, whole map[string]bool) {
	known, whole = map[string]string{}, map[string]bool{}
	var stems []string
	for i := range ix.vocab.shards {
		sh := &ix.vocab.shards[i]
		sh.mu.RLock()
		ws, wstems := sh.words[:len(sh.stems)], sh.stems
		sh.mu.RUnlock()
		for j, w := range ws {
			if stopWords[w] {
				continue
			}
			s := wstems[j]
			stems = append(stems, s)
			if n := utf8.RuneCountInString(w); n >= compoundMinRunes {
				known[w] = s
				if n >= compoundHeadRunes {
					whole[w] = true
				}
			}
		}
	}
	for _, s := range stems {
		if _, ok := known[s]; !ok && !stopWords[s] && utf8.RuneCountInString(s) >= compoundMinRunes {
			known[s] = s
		}
	}
	return known, whole
}

// expandWords fills b.terms and b.termID and returns, per vocab shard and
// word, the terms each word is indexed under: its stem and the stems of its
// compound parts.
func (ix *Index) expandWords(b *built) *wordRefs {
	known, whole := ix.knownWords()
	type exp struct {
		stem  string
		parts []string
	}
	// Split in parallel, one vocab shard at a time per goroutine; a
	// compounder (with its memo: splitting is a pure function of known)
	// serves one shard at a time and is kept for the next.
	exps := make([][]exp, vocabShards)
	compounders := sync.Pool{New: func() any { return newCompounder(known, whole) }}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range vocabShards {
		g.Go(func() error {
			c := compounders.Get().(*compounder)
			defer compounders.Put(c)
			sh := &ix.vocab.shards[i]
			sh.mu.RLock()
			ws, stems := sh.words[:len(sh.stems)], sh.stems
			sh.mu.RUnlock()
			exps[i] = make([]exp, len(ws))
			for j, w := range ws {
				if stopWords[w] {
					continue
				}
				s := stems[j]
				e := exp{stem: s}
				if utf8.RuneCountInString(w) >= compoundMinWord {
					parts := c.split(w)
					if parts == nil && s != w {
						parts = c.split(s)
					}
					for _, p := range parts {
						t, ok := known[p]
						if !ok {
							t = p // the stem of an unknown last part
						}
						if t != s && !slices.Contains(e.parts, t) {
							e.parts = append(e.parts, t)
						}
					}
				}
				exps[i][j] = e
			}
			return nil
		})
	}
	g.Wait()
	termSet := map[string]bool{}
	for i := range exps {
		for _, e := range exps[i] {
			if e.stem != "" {
				termSet[e.stem] = true
				for _, p := range e.parts {
					termSet[p] = true
				}
			}
		}
	}
	b.terms = sortedKeys(termSet)
	b.termID = make(map[string]int32, len(b.terms))
	for i, t := range b.terms {
		b.termID[t] = int32(i)
	}
	w := &wordRefs{start: []uint32{0}}
	for i := range exps {
		w.base[i] = uint32(len(w.start) - 1)
		for _, e := range exps[i] {
			if e.stem != "" {
				w.refs = append(w.refs, termRef{b.termID[e.stem], 2})
				for _, p := range e.parts {
					w.refs = append(w.refs, termRef{b.termID[p], 1})
				}
			}
			w.start = append(w.start, uint32(len(w.refs)))
		}
	}
	return w
}

// collectForms returns, per term, the words of docs that stem to it, as
// the part after the term (the stem is always a prefix of the word), sorted.
// A word that is its own stem adds nothing.
func (ix *Index) collectForms(docs []*docIn, b *built) [][]string {
	used := make([][]bool, vocabShards)
	for i := range ix.vocab.shards {
		sh := &ix.vocab.shards[i]
		sh.mu.RLock()
		used[i] = make([]bool, len(sh.stems))
		sh.mu.RUnlock()
	}
	for _, d := range docs {
		for _, e := range d.ents {
			id := uint32(e >> 24)
			used[id&(vocabShards-1)][id>>6] = true
		}
	}
	forms := make([][]string, len(b.terms))
	for i := range ix.vocab.shards {
		sh := &ix.vocab.shards[i]
		sh.mu.RLock()
		ws, stems := sh.words[:len(used[i])], sh.stems
		sh.mu.RUnlock()
		for j, w := range ws {
			s := stems[j]
			if !used[i][j] || w == s || !strings.HasPrefix(w, s) {
				continue
			}
			t := b.termID[s]
			forms[t] = append(forms[t], w[len(s):])
		}
	}
	for _, f := range forms {
		slices.Sort(f)
	}
	return forms
}

// compounder splits compound words into known words, allowing the Danish
// linking "s" or "e" between parts: misbrugsbehandling = misbrug+s+behandling.
// The longest known first part wins; both parts are split further.
//
// Failing that, a word that starts with a whole known word of
// compoundHeadRunes letters or more, followed by a part that is not known
// but whose stem has compoundTailRunes letters or more, is split there, the
// unknown part standing for its stem: socialmedicinsk = social + medicinsk,
// although the site has no "medicinsk" on its own. The first part must be
// a word, not only a stem (kommunikation is not kommun(e) + ikation), and
// as a linking letter cannot be told from a part's own, the first part may
// not end in "s" (borgersamling is not borgers + amling) nor the unknown
// part start with "s" or "e".
type compounder struct {
	known map[string]string
	whole map[string]bool
	memo  map[string][]string
	st    *stemmer
}

func newCompounder(known map[string]string, whole map[string]bool) *compounder {
	return &compounder{known: known, whole: whole, memo: map[string][]string{}, st: newStemmer()}
}

func (c *compounder) split(x string) []string {
	if parts, ok := c.memo[x]; ok {
		return parts
	}
	c.memo[x] = nil // guards against cycles; overwritten below
	var parts []string
	n := utf8.RuneCountInString(x)
	// Byte offsets of rune starts, so heads and tails are whole runes.
	var starts []int
	for i := range x {
		starts = append(starts, i)
	}
	for k := n - compoundMinRunes; k >= compoundMinRunes && parts == nil; k-- {
		head, rest := x[:starts[k]], x[starts[k]:]
		if _, ok := c.known[head]; !ok {
			continue
		}
		tails := []string{rest}
		if rest[0] == 's' || rest[0] == 'e' {
			tails = append(tails, rest[1:])
		}
		for _, t := range tails {
			tn := utf8.RuneCountInString(t)
			if tn < compoundMinRunes {
				continue
			}
			if _, ok := c.known[t]; ok {
				parts = append([]string{head, t}, c.split(head)...)
				parts = append(parts, c.split(t)...)
				break
			}
			if tn >= compoundMinWord {
				if sub := c.split(t); sub != nil {
					parts = append([]string{head}, c.split(head)...)
					parts = append(parts, sub...)
					break
				}
			}
		}
	}
	for k := n - compoundTailRunes; k >= compoundHeadRunes && parts == nil; k-- {
		head, rest := x[:starts[k]], x[starts[k]:]
		if !c.whole[head] || head[len(head)-1] == 's' || rest[0] == 's' || rest[0] == 'e' {
			continue
		}
		if t := c.st.stem(rest); utf8.RuneCountInString(t) >= compoundTailRunes {
			parts = append([]string{head, t}, c.split(head)...)
		}
	}
	c.memo[x] = parts
	return parts
}

// dropEmptyTerms removes terms without postings (from documents that lost
// to another with the same URL) and renumbers the rest. It returns each
// old term id's new one (-1: dropped), or nil if none was dropped.
func (b *built) dropEmptyTerms() []int32 {
	keep := 0
	renum := make([]int32, len(b.terms))
	for t := range b.terms {
		if len(b.post[t]) == 0 {
			renum[t] = -1
			continue
		}
		renum[t] = int32(keep)
		b.terms[keep], b.post[keep], b.forms[keep] = b.terms[t], b.post[t], b.forms[t]
		keep++
	}
	if keep == len(b.terms) {
		return nil
	}
	b.terms, b.post, b.forms = b.terms[:keep], b.post[:keep], b.forms[:keep]
	b.termID = make(map[string]int32, keep)
	for i, t := range b.terms {
		b.termID[t] = int32(i)
	}
	return renum
}

// layoutShards puts each term in the shard keyed by its first
// shardKeyRunes runes (a shorter term: the term itself), so that the client
// can name a word's shard from the word alone, before it has read
// idx/meta.txt (see doc.go, "Shards").
func (b *built) layoutShards() {
	b.keySet = map[string]bool{}
	b.shards = map[string][]int32{}
	for t, term := range b.terms {
		key := prefixRunes(term, shardKeyRunes)
		b.keySet[key] = true
		b.shards[key] = append(b.shards[key], int32(t))
	}
	b.keys = sortedKeys(b.keySet)
}

// prefixRunes returns the first n runes of s (all of s if shorter).
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// shardOf returns the key of the shard that holds term (whether or not the
// term exists): the longest shard key that term starts with.
func (b *built) shardOf(term string) (string, bool) {
	for n := min(shardKeyRunes, utf8.RuneCountInString(term)); n > 0; n-- {
		if k := prefixRunes(term, n); b.keySet[k] {
			return k, true
		}
	}
	return "", false
}

// prefixShardTerms returns the terms of the shards that hold every term
// starting with w: w's shard if w has shardKeyRunes runes or more, else
// the shards whose keys start with w, or none if those are more than
// maxPrefixShards (a word that short is then not expanded).
func (b *built) prefixShardTerms(w string) []int32 {
	if utf8.RuneCountInString(w) >= shardKeyRunes {
		key, ok := b.shardOf(w)
		if !ok {
			return nil
		}
		return b.shards[key]
	}
	i, _ := slices.BinarySearch(b.keys, w)
	j := i
	for j < len(b.keys) && strings.HasPrefix(b.keys[j], w) {
		j++
	}
	if j-i > maxPrefixShards {
		return nil
	}
	var out []int32
	for _, k := range b.keys[i:j] {
		out = append(out, b.shards[k]...)
	}
	return out
}

// typoShardTerms returns the terms of the shards whose keys start with the
// first typoKeepRunes runes of s: those a typo in s after them may have
// meant.
func (b *built) typoShardTerms(s string) []int32 {
	p := prefixRunes(s, typoKeepRunes)
	i, _ := slices.BinarySearch(b.keys, p)
	var out []int32
	for ; i < len(b.keys) && strings.HasPrefix(b.keys[i], p); i++ {
		out = append(out, b.shards[b.keys[i]]...)
	}
	return out
}

// buildFacets lists the sections and the values of each facet with their
// documents.
func (ix *Index) buildFacets(docs []*docIn) []facet {
	collect := func(name, label string, get func(d Doc) []string) facet {
		byValue := map[string][]int32{}
		for i, d := range docs {
			var seen []string
			for _, v := range get(d.doc) {
				if v == "" || slices.Contains(seen, v) {
					continue
				}
				seen = append(seen, v)
				byValue[v] = append(byValue[v], int32(i))
			}
		}
		f := facet{name: name, label: label}
		for _, v := range sortedKeys(byValue) {
			f.values = append(f.values, facetValue{name: v, docs: byValue[v]})
		}
		return f
	}
	label := func(name, def string) string {
		if l := ix.labels[name]; l != "" {
			return l
		}
		return def
	}
	names := map[string]bool{}
	for _, d := range docs {
		for name := range d.doc.Facets {
			if name != "section" {
				names[name] = true
			}
		}
	}
	// The section facet first, then the others by name; one per processor.
	order := append([]string{"section"}, sortedKeys(names)...)
	all := make([]facet, len(order))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range order {
		g.Go(func() error {
			if name == "section" {
				all[i] = collect(name, label(name, "Sektion"), func(d Doc) []string { return []string{d.Section} })
				return nil
			}
			all[i] = collect(name, label(name, name), func(d Doc) []string { return d.Facets[name] })
			return nil
		})
	}
	g.Wait()
	var out []facet
	for _, f := range all {
		if len(f.values) > 0 {
			out = append(out, f)
		}
	}
	return out
}
