package search

import (
	"cmp"
	"hash/maphash"
	"slices"
	"sync"
)

// Doc is one page as the index sees it; the render stage fills it.
type Doc struct {
	URL      string              // site-absolute URL path, e.g. "/enheder/myndighed/visitation/"
	Title    string              // page title
	Section  string              // human section name, e.g. "Enheder og tilbud"
	Summary  string              // one or two sentences
	Headings []string            // headings of the main content
	Body     string              // plain text of the main content
	Facets   map[string][]string // taxonomy name -> term names, e.g. "unit": {"Myndighed"}
}

// Fields of a document, in the order of fieldWeights.
const (
	fTitle = iota
	fSummary
	fHeadings
	fFacets
	fBody
	nFields
)

// Index collects documents and answers queries; Write turns it into shard
// files for the browser client. Add and Search are safe for concurrent use.
type Index struct {
	syn    synonymTable
	vocab  vocab
	mu     sync.Mutex
	docs   []*docIn
	labels map[string]string
	built  *built // nil when docs changed since the last build
}

// docIn is one added document with its word counts.
type docIn struct {
	doc Doc
	// ents holds one entry per (word, field): wordID<<24 | field<<20 | count.
	ents []uint64
	lens [nFields]uint32 // indexed words per field
}

// NewIndex returns an empty index that expands queries with syn.
func NewIndex(syn Synonyms) *Index {
	return &Index{syn: buildSynonyms(syn), labels: map[string]string{}}
}

// SetFacetLabel sets the label shown above the filter for a facet (a
// taxonomy name of Doc.Facets), e.g. "unit" -> "Enheder". Without one the
// filter is labelled with the name itself. The section filter is labelled
// "Sektion" unless a label is set for the name "section".
func (ix *Index) SetFacetLabel(name, label string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.labels[name] = label
	ix.built = nil
}

// Add analyses d and adds it to the index. Documents are kept in URL order
// whatever the order they were added in; of two with the same URL only one
// is kept (the first in order of title, summary, body).
func (ix *Index) Add(d Doc) {
	di := &docIn{doc: d}
	var buf []byte
	ents := make([]uint64, 0, 512)
	field := uint64(0)
	fn := func(w []byte) {
		id, stop := ix.vocab.lookup(w)
		if stop {
			return
		}
		ents = append(ents, uint64(id)<<24|field<<20)
		di.lens[field]++
	}
	scan := func(f int, text string) {
		field = uint64(f)
		buf = scanWords(text, buf, fn)
	}
	scan(fTitle, d.Title)
	scan(fSummary, d.Summary)
	for _, h := range d.Headings {
		scan(fHeadings, h)
	}
	for _, name := range sortedKeys(d.Facets) {
		for _, t := range d.Facets[name] {
			scan(fFacets, t)
		}
	}
	scan(fBody, d.Body)
	slices.Sort(ents)
	out := ents[:0]
	for _, e := range ents {
		if n := len(out); n > 0 && out[n-1]>>20 == e>>20 && out[n-1]&(1<<20-1) < 1<<20-1 {
			out[n-1]++
			continue
		}
		out = append(out, e|1)
	}
	di.ents = slices.Clip(out)
	ix.mu.Lock()
	ix.docs = append(ix.docs, di)
	ix.built = nil
	ix.mu.Unlock()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// vocab interns the words of all documents. A word's id is only used
// inside one build; everything written out is ordered by strings.
type vocab struct {
	seed   maphash.Seed
	once   sync.Once
	shards [vocabShards]vocabShard
}

const vocabShards = 64

type vocabShard struct {
	mu    sync.RWMutex
	ids   map[string]uint32
	words []string
	stems []string // stems of words[:len(stems)], filled by builds
}

// lookup returns the id of w (adding it if new) and whether it is a stop word.
func (v *vocab) lookup(w []byte) (uint32, bool) {
	v.once.Do(func() {
		v.seed = maphash.MakeSeed()
		for i := range v.shards {
			v.shards[i].ids = map[string]uint32{}
		}
	})
	si := maphash.Bytes(v.seed, w) % vocabShards
	sh := &v.shards[si]
	sh.mu.RLock()
	id, ok := sh.ids[string(w)]
	sh.mu.RUnlock()
	if !ok {
		sh.mu.Lock()
		id, ok = sh.ids[string(w)]
		if !ok {
			s := string(w)
			id = uint32(len(sh.words))<<7 | uint32(si)<<1
			if stopWords[s] {
				id |= 1
			}
			sh.ids[s] = id
			sh.words = append(sh.words, s)
		}
		sh.mu.Unlock()
	}
	return id >> 1, id&1 == 1
}

// word returns the word with the given id (as returned by lookup).
func (v *vocab) word(id uint32) string {
	return v.shards[id&(vocabShards-1)].words[id>>6]
}

func cmpDocs(a, b *docIn) int {
	return cmp.Or(
		cmp.Compare(a.doc.URL, b.doc.URL),
		cmp.Compare(a.doc.Title, b.doc.Title),
		cmp.Compare(a.doc.Summary, b.doc.Summary),
		cmp.Compare(a.doc.Body, b.doc.Body),
	)
}
