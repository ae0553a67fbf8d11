package search

import (
	"cmp"
	"hash/fnv"
	"hash/maphash"
	"slices"
	"strings"
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
	Fields   map[string][]string // extra fields by name, e.g. "phrases"; indexed if Weights gives them a weight
	Boost    float64             // the page's scores are multiplied by it (0: 1)
}

// Fields of a document: the builtin ones, then the extra fields that
// Weights names, in name order, up to maxFields in all.
const (
	fTitle = iota
	fSummary
	fHeadings
	fFacets
	fBody
	nBuiltinFields
	maxFields = 8 // Add packs the field into 4 bits
)

// Index collects documents and answers queries; Write turns it into shard
// files for the browser client. Add and Search are safe for concurrent use.
type Index struct {
	syn    synonymTable
	fields fieldSet
	vocab  vocab
	mu     sync.Mutex
	docs   []*docIn
	labels map[string]string
	bets   []BestBet
	built  *built // nil when docs changed since the last build
	caches sync.Pool
}

// docIn is one added document with its word counts. Of its text it keeps
// only what the page shards show (stored): the index of a large site need
// not hold every page's whole text until Write.
type docIn struct {
	doc  Doc    // Summary and Body clipped for the page shards, no Headings
	full uint64 // FNV-1a of the whole Summary and Body, to order duplicates
	// ents holds one entry per (word, field): wordID<<24 | field<<20 | count.
	ents []uint64
	lens [maxFields]uint32 // indexed words per field
	kept *Kept             // the Kept AddKept took it from; nil if Add analysed it
}

// NewIndex returns an empty index that expands queries with syn.
func NewIndex(syn Synonyms) *Index {
	fs, _ := DefaultWeights().fieldSet()
	return &Index{syn: buildSynonyms(syn), labels: map[string]string{}, fields: fs}
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
	c, _ := ix.caches.Get().(*addCache)
	if c == nil {
		c = &addCache{}
	}
	c.doc++
	c.gids, c.counts = c.gids[:0], c.counts[:0]
	di := &docIn{doc: d}
	field := 0
	fn := func(w []byte, h uint32) {
		li := c.ids.find(w, h)
		if li < 0 {
			id, stop := ix.vocab.lookup(w)
			li = c.ids.insert(w, h)
			c.gid = append(c.gid, id<<1|b2u(stop))
			c.stamp = append(c.stamp, 0)
			c.slot = append(c.slot, 0)
		}
		g := c.gid[li]
		if g&1 == 1 {
			return // stop word
		}
		if c.stamp[li] != c.doc {
			c.stamp[li] = c.doc
			c.slot[li] = int32(len(c.counts))
			c.counts = append(c.counts, [maxFields]uint32{})
			c.gids = append(c.gids, g>>1)
		}
		c.counts[c.slot[li]][field]++
		di.lens[field]++
	}
	scan := func(f int, text string) {
		if ix.fields.weight[f] == 0 {
			return // a part the site does not index
		}
		field = f
		c.buf = scanWords(text, c.buf, fn)
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
	for i, name := range ix.fields.extra {
		for _, t := range d.Fields[name] {
			scan(nBuiltinFields+i, t)
		}
	}
	di.ents = c.entries()
	di.doc.Summary = stored(d.Summary)
	body := d.Body
	if strings.TrimSpace(body) == "" {
		body = strings.Join(d.Headings, ". ")
	}
	di.doc.Body = stored(afterSummary(d.Summary, body))
	di.doc.Headings, di.doc.Fields = nil, nil
	h := fnv.New64a()
	h.Write([]byte(d.Summary))
	h.Write([]byte{0})
	h.Write([]byte(d.Body))
	di.full = h.Sum64()
	ix.caches.Put(c)
	ix.mu.Lock()
	ix.docs = append(ix.docs, di)
	ix.built = nil
	ix.mu.Unlock()
}

// addCache maps words to vocab ids for Add without touching the shared
// vocab for words it has seen, and counts a document's words without
// sorting them. One per processor, through a sync.Pool.
type addCache struct {
	ids    wordTable // word -> local index
	gid    []uint32  // local index -> vocab id<<1 | stop
	stamp  []uint32  // local index -> last document counted in
	slot   []int32   // local index -> index in counts for that document
	doc    uint32
	gids   []uint32 // this document's words (vocab ids)
	counts [][maxFields]uint32
	buf    []byte
}

// entries returns the document's word counts, one entry per (word,
// field): vocab id<<24 | field<<20 | count.
func (c *addCache) entries() []uint64 {
	ents := make([]uint64, 0, len(c.counts)+len(c.counts)/4)
	for k, counts := range c.counts {
		for f, n := range counts {
			if n > 0 {
				ents = append(ents, uint64(c.gids[k])<<24|uint64(f)<<20|uint64(min(n, 1<<20-1)))
			}
		}
	}
	return ents
}

// wordTable is an open-addressing hash table from words to dense indexes
// 0, 1, 2, ... in insertion order; cheaper than a map[string] for the
// many short look-ups of Add.
type wordTable struct {
	slots []uint64 // hash<<32 | index+1; 0 is empty
	ends  []uint32 // index -> end of the word in arena
	arena []byte
}

func (t *wordTable) word(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.arena[start:t.ends[i]]
}

// find returns the index of w, whose wordHash is h, or -1.
func (t *wordTable) find(w []byte, h uint32) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if uint32(s>>32) == h {
			if idx := int32(uint32(s)) - 1; string(t.word(idx)) == string(w) {
				return idx
			}
		}
	}
}

// insert adds w (hash h), which must not be in t, and returns its index.
func (t *wordTable) insert(w []byte, h uint32) int32 {
	if (len(t.ends)+1)*2 > len(t.slots) {
		t.grow()
	}
	idx := int32(len(t.ends))
	t.arena = append(t.arena, w...)
	t.ends = append(t.ends, uint32(len(t.arena)))
	t.put(h, idx)
	return idx
}

func (t *wordTable) put(h uint32, idx int32) {
	mask := uint32(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = uint64(h)<<32 | uint64(idx+1)
}

func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]uint64, max(1024, 2*len(old)))
	for _, s := range old {
		if s != 0 {
			t.put(uint32(s>>32), int32(uint32(s))-1)
		}
	}
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
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

func cmpDocs(a, b *docIn) int {
	if c := strings.Compare(a.doc.URL, b.doc.URL); c != 0 {
		return c
	}
	return cmp.Or(
		strings.Compare(a.doc.Title, b.doc.Title),
		strings.Compare(a.doc.Summary, b.doc.Summary),
		strings.Compare(a.doc.Body, b.doc.Body),
		cmp.Compare(a.full, b.full),
	)
}

// stored returns the part of a text the page shards keep, as a string of
// its own (not holding on to the whole text).
// afterSummary returns body without the whole sentences at its start that
// the summary has already (a page often opens with its summary's first
// sentence): the snippet, cut from summary and body together, would show
// them twice, and they would take room from the body's stored text.
func afterSummary(summary, body string) string {
	for {
		rest := strings.TrimLeft(body, " \n")
		end := sentenceEnd(rest)
		if end < 20 || !strings.ContainsAny(rest[end-1:end], ".!?") || !strings.Contains(summary, rest[:end]) {
			return rest
		}
		body = rest[end:]
	}
}

// sentenceEnd returns the length of s's first sentence: up to and
// including its first ".", "!" or "?" followed by white space or the end,
// or up to the end of its line or of s.
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i
		case '.', '!', '?':
			if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' {
				return i + 1
			}
		}
	}
	return len(s)
}

func stored(s string) string { return strings.Clone(nfc(clip(s, storeTextRunes))) }
