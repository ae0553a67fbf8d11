package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"golang.org/x/sync/errgroup"

	"github.com/guldborgsund/labyrint/internal/flat"
)

// Kept is what an index made of its documents' text: each document's
// words with their counts per field, and the parts of it the page shards
// show, but not the text. A later index takes a kept document (AddKept)
// exactly as if Add had analysed the same document again, so a build that
// renders only the pages that changed (labyrint build --incremental)
// indexes the others without their text and without analysing it again.
// The index made from kept and new documents is then built and written as
// always (Write): every shard is made from all the documents, with the
// same bytes as an index to which every document was added by Add.
//
// A Kept read from bytes (UnmarshalString) decodes a document only when
// an index takes it, and an index's Keep takes the documents it took from
// one Kept as they are, with that Kept's words: a build that changed a few
// pages encodes and remaps only those (keepFrom).
type Kept struct {
	fields string              // the field set the documents were analysed with
	words  []string            // the words the documents use
	raw    map[string]string   // by URL: a document as MarshalBinary writes it after its URL (read, not decoded)
	docs   map[string]*keptDoc // by URL: the documents not encoded (made by Keep)
	base   [2]int              // the words and documents when the words were last made afresh (keepFrom)

	mu  sync.Mutex
	ids map[*Index][]uint32 // per index taking documents: word → vocab id + 1 (0: not looked up)
}

type keptDoc struct {
	doc  Doc // as docIn keeps it: Summary and Body clipped, no Headings or Fields
	full uint64
	lens [maxFields]uint32
	ents []uint64 // word (index in words)<<24 | field<<20 | count
}

// Keep returns the documents of the index as analysed (one per URL, the
// one Write uses).
func (ix *Index) Keep() *Kept {
	b := ix.build()
	if k := ix.keepFrom(b); k != nil {
		return k
	}
	k := &Kept{fields: ix.fields.signature(), docs: make(map[string]*keptDoc, len(b.docs)), raw: map[string]string{}}
	local := ix.localWords()
	for _, d := range b.docs {
		k.docs[d.doc.URL] = k.keepDoc(ix, d, &local)
	}
	k.base = [2]int{len(k.words), len(k.docs)}
	return k
}

// localWords is a table by vocab id (as the vocab's shards hold them) of
// a word's index in a Kept's words + 1 (0: not in them yet).
func (ix *Index) localWords() (local [vocabShards][]uint32) {
	for i := range local {
		sh := &ix.vocab.shards[i]
		sh.mu.RLock()
		local[i] = make([]uint32, len(sh.words))
		sh.mu.RUnlock()
	}
	return local
}

// keepDoc is d with its words as indexes in k.words, the words k does not
// have yet appended.
func (k *Kept) keepDoc(ix *Index, d *docIn, local *[vocabShards][]uint32) *keptDoc {
	kd := &keptDoc{doc: d.doc, full: d.full, lens: d.lens, ents: make([]uint64, len(d.ents))}
	for i, e := range d.ents {
		id := uint32(e >> 24)
		w := &local[id&(vocabShards-1)][id>>6]
		if *w == 0 {
			k.words = append(k.words, ix.vocab.word(id))
			*w = uint32(len(k.words))
		}
		kd.ents[i] = uint64(*w-1)<<24 | e&(1<<24-1)
	}
	return kd
}

// keepFrom is Keep when at least half of the documents were taken from one
// Kept, src: those are taken as src has them (its bytes or its decoded
// documents), with src's words, and the others' words not among them
// appended. The words of documents gone stay, so while the words grew by
// no more than a quarter and the documents shrank by no more than a
// quarter since the words were made afresh; else nil (Keep makes them
// afresh).
func (ix *Index) keepFrom(b *built) *Kept {
	var src *Kept
	from := 0
	for _, d := range b.docs {
		if d.kept == nil {
			continue
		}
		if src != nil && d.kept != src {
			return nil
		}
		src = d.kept
		from++
	}
	if src == nil || src.fields != ix.fields.signature() || 2*from < len(b.docs) ||
		4*len(src.words) > 5*src.base[0] || 4*len(b.docs) < 3*src.base[1] {
		return nil
	}
	k := &Kept{fields: src.fields, words: slices.Clip(src.words), base: src.base,
		raw: make(map[string]string, from), docs: map[string]*keptDoc{}}
	local := ix.localWords()
	src.mu.Lock()
	for w, v := range src.ids[ix] {
		if v != 0 {
			id := v - 1
			local[id&(vocabShards-1)][id>>6] = uint32(w + 1)
		}
	}
	src.mu.Unlock()
	for _, d := range b.docs {
		u := d.doc.URL
		if d.kept == src {
			if r, ok := src.raw[u]; ok {
				k.raw[u] = r
			} else {
				k.docs[u] = src.docs[u]
			}
			continue
		}
		k.docs[u] = k.keepDoc(ix, d, &local)
	}
	return k
}

// Has reports whether k holds the document at url.
func (k *Kept) Has(url string) bool {
	if _, ok := k.raw[url]; ok {
		return true
	}
	_, ok := k.docs[url]
	return ok
}

// Takes reports whether ix can take k's documents: they were analysed
// with the same weights (SetWeights).
func (ix *Index) Takes(k *Kept) bool { return k != nil && k.fields == ix.fields.signature() }

// idsFor returns ix's vocabulary id + 1 of each of k's words (0: not
// looked up yet), made on first use; the caller holds k.mu.
func (k *Kept) idsFor(ix *Index) []uint32 {
	if k.ids == nil {
		k.ids = map[*Index][]uint32{}
	}
	ids := k.ids[ix]
	if ids == nil {
		ids = make([]uint32, len(k.words))
		k.ids[ix] = ids
	}
	return ids
}

// AddKept adds the kept document at url to ix as Add added it; false if k
// has no such document or was analysed with other weights (SetWeights),
// when the caller must Add the document again.
func (ix *Index) AddKept(k *Kept, url string) bool {
	if k.fields != ix.fields.signature() {
		return false
	}
	k.mu.Lock()
	ids := k.idsFor(ix)
	id := func(w uint64) uint64 {
		if ids[w] == 0 {
			id, _ := ix.vocab.lookup([]byte(k.words[w])) // only the words of documents added: they make the compounds
			ids[w] = id + 1
		}
		return uint64(ids[w] - 1)
	}
	var di *docIn
	if raw, ok := k.raw[url]; ok {
		di = k.decode(url, raw, id)
	} else if kd, ok := k.docs[url]; ok {
		di = &docIn{doc: kd.doc, full: kd.full, lens: kd.lens, ents: make([]uint64, len(kd.ents))}
		for i, e := range kd.ents {
			di.ents[i] = id(e>>24)<<24 | e&(1<<24-1)
		}
	}
	k.mu.Unlock()
	if di == nil {
		return false
	}
	di.kept = k
	ix.mu.Lock()
	ix.docs = append(ix.docs, di)
	ix.built = nil
	ix.mu.Unlock()
	return true
}

// AddKeptAll adds the kept documents at urls as AddKept does, decoding
// them on all processors; false and the first of urls k does not have (or
// cannot decode) if one is missing, when none is added.
func (ix *Index) AddKeptAll(k *Kept, urls []string) (string, bool) {
	if len(urls) == 0 {
		return "", true
	}
	if k.fields != ix.fields.signature() {
		return urls[0], false
	}
	dis := make([]*docIn, len(urls)) // the words as indexes in k.words first
	var g errgroup.Group
	workers := runtime.GOMAXPROCS(0)
	step := max(64, (len(urls)+workers*4-1)/(workers*4))
	for lo := 0; lo < len(urls); lo += step {
		g.Go(func() error {
			for i := lo; i < min(lo+step, len(urls)); i++ {
				u := urls[i]
				if raw, ok := k.raw[u]; ok {
					dis[i] = k.decode(u, raw, func(w uint64) uint64 { return w })
				} else if kd, ok := k.docs[u]; ok {
					dis[i] = &docIn{doc: kd.doc, full: kd.full, lens: kd.lens, ents: slices.Clone(kd.ents)}
				}
			}
			return nil
		})
	}
	g.Wait()
	for i, di := range dis {
		if di == nil {
			return urls[i], false
		}
	}
	k.mu.Lock()
	ids := k.idsFor(ix)
	for _, di := range dis { // only the words of documents added: they make the compounds
		for _, e := range di.ents {
			if w := e >> 24; ids[w] == 0 {
				id, _ := ix.vocab.lookup([]byte(k.words[w]))
				ids[w] = id + 1
			}
		}
	}
	k.mu.Unlock()
	for lo := 0; lo < len(dis); lo += step {
		g.Go(func() error {
			for _, di := range dis[lo:min(lo+step, len(dis))] {
				for i, e := range di.ents {
					di.ents[i] = uint64(ids[e>>24]-1)<<24 | e&(1<<24-1)
				}
				di.kept = k
			}
			return nil
		})
	}
	g.Wait()
	ix.mu.Lock()
	ix.docs = append(ix.docs, dis...)
	ix.built = nil
	ix.mu.Unlock()
	return "", true
}

// word returns the word of vocab id (as lookup returns it).
func (v *vocab) word(id uint32) string {
	sh := &v.shards[id&(vocabShards-1)]
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.words[id>>6]
}

// signature names the field set: a kept analysis is valid only with the
// same one.
func (fs *fieldSet) signature() string { return fs.sig }

// keptMagic starts a marshalled Kept; it changes with the format.
const keptMagic = "labyrint-kept 3\n"

// MarshalBinary encodes k: the field set, the words, and each document
// as its URL and its bytes (a document read and not decoded as read).
func (k *Kept) MarshalBinary() ([]byte, error) { return bytes.Join(k.MarshalParts(), nil), nil }

// MarshalParts is MarshalBinary in parts, to be written one after another:
// a document read and not decoded is a part of its own, its bytes as read
// (of the string UnmarshalString read, not copied: they must not change).
func (k *Kept) MarshalParts() [][]byte {
	size := 64 + len(k.fields)
	for _, w := range k.words {
		size += len(w) + 1
	}
	urls := make([]string, 0, len(k.raw)+len(k.docs))
	for u := range k.raw {
		urls = append(urls, u)
		size += len(u) + 8
	}
	for u, d := range k.docs {
		urls = append(urls, u)
		size += 64 + len(u) + len(d.doc.Title) + len(d.doc.Section) + len(d.doc.Summary) + len(d.doc.Body) + 4*len(d.ents)
		for n, vs := range d.doc.Facets {
			size += len(n) + 1
			for _, v := range vs {
				size += len(v) + 1
			}
		}
	}
	slices.Sort(urls) // the same documents, the same bytes
	b := append(make([]byte, 0, size), keptMagic...)
	b = flat.AppendString(b, k.fields)
	b = binary.AppendUvarint(b, uint64(k.base[0]))
	b = binary.AppendUvarint(b, uint64(k.base[1]))
	b = binary.AppendUvarint(b, uint64(len(k.words)))
	for _, w := range k.words {
		b = flat.AppendString(b, w)
	}
	b = binary.AppendUvarint(b, uint64(len(urls)))
	var parts [][]byte
	var doc []byte
	for _, u := range urls {
		b = flat.AppendString(b, u)
		if r, ok := k.raw[u]; ok {
			b = binary.AppendUvarint(b, uint64(len(r)))
			parts = append(parts, b, unsafe.Slice(unsafe.StringData(r), len(r)))
			b = b[len(b):]
			continue
		}
		doc = k.docs[u].appendTo(doc[:0])
		b = binary.AppendUvarint(b, uint64(len(doc)))
		b = append(b, doc...)
	}
	return append(parts, b)
}

// appendTo appends d's bytes (but its URL) to b.
func (d *keptDoc) appendTo(b []byte) []byte {
	for _, s := range []string{d.doc.Title, d.doc.Section, d.doc.Summary, d.doc.Body} {
		b = flat.AppendString(b, s)
	}
	b = binary.AppendUvarint(b, math.Float64bits(d.doc.Boost))
	b = binary.AppendUvarint(b, uint64(len(d.doc.Facets)))
	for _, name := range sortedKeys(d.doc.Facets) {
		b = flat.AppendString(b, name)
		b = binary.AppendUvarint(b, uint64(len(d.doc.Facets[name])))
		for _, v := range d.doc.Facets[name] {
			b = flat.AppendString(b, v)
		}
	}
	b = binary.AppendUvarint(b, d.full)
	for _, n := range d.lens {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = binary.AppendUvarint(b, uint64(len(d.ents)))
	for _, e := range d.ents { // the word, then count<<4 | field: about three bytes
		b = binary.AppendUvarint(b, e>>24)
		b = binary.AppendUvarint(b, (e&(1<<20-1))<<4|e>>20&0xf)
	}
	return b
}

// decode makes the document at url of its bytes, its words turned into
// ids by id; nil if the bytes are damaged.
func (k *Kept) decode(url, raw string, id func(word uint64) uint64) *docIn {
	r := flat.NewReader(raw)
	d := &docIn{}
	d.doc.URL, d.doc.Title, d.doc.Section, d.doc.Summary, d.doc.Body = url, r.Str(), r.Str(), r.Str(), r.Str()
	d.doc.Boost = math.Float64frombits(r.Uint())
	nf := r.Count()
	d.doc.Facets = make(map[string][]string, nf)
	for range nf {
		name := r.Str()
		vs := make([]string, r.Count())
		for i := range vs {
			vs[i] = r.Str()
		}
		d.doc.Facets[name] = vs
	}
	d.full = r.Uint()
	for f := range d.lens {
		d.lens[f] = uint32(r.Uint())
	}
	d.ents = make([]uint64, r.Count())
	for i := range d.ents {
		w, fc := r.Uint(), r.Uint()
		if w >= uint64(len(k.words)) || fc>>4 >= 1<<20 {
			return nil
		}
		d.ents[i] = id(w)<<24 | (fc&0xf)<<20 | fc>>4
	}
	if r.Err() != nil || !r.Done() {
		return nil
	}
	return d
}

var errKeptDamaged = errors.New("search: a kept index cut short or damaged")

// UnmarshalBinary decodes what MarshalBinary made. The strings share one
// copy of data.
func (k *Kept) UnmarshalBinary(data []byte) error { return k.UnmarshalString(string(data)) }

// UnmarshalString is UnmarshalBinary without the copy: the strings are
// parts of data (the build cache reads its file as one string). The
// documents are decoded when an index takes them (AddKept).
func (k *Kept) UnmarshalString(data string) error {
	r := flat.NewReader(data)
	if r.Take(len(keptMagic)) != keptMagic {
		return errors.New("search: not a kept index")
	}
	k.fields = r.Str()
	k.base = [2]int{r.Count(), r.Count()}
	k.words = make([]string, r.Count())
	for i := range k.words {
		k.words[i] = r.Str()
	}
	n := r.Count()
	k.raw, k.docs = make(map[string]string, n), map[string]*keptDoc{}
	for range n {
		u := r.Str()
		k.raw[u] = r.Str()
	}
	if r.Err() != nil || !r.Done() {
		return errKeptDamaged
	}
	return nil
}
