package search

import (
	"encoding/binary"
	"errors"
	"math"
	"sync"

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
type Kept struct {
	fields string             // the field set the documents were analysed with
	words  []string           // the words the documents use
	docs   map[string]keptDoc // by URL

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
	k := &Kept{fields: ix.fields.signature(), docs: make(map[string]keptDoc, len(b.docs))}
	var local [vocabShards][]uint32 // vocab id → index in k.words + 1 (0: not yet in it)
	for i := range local {
		sh := &ix.vocab.shards[i]
		sh.mu.RLock()
		local[i] = make([]uint32, len(sh.words))
		sh.mu.RUnlock()
	}
	for _, d := range b.docs {
		kd := keptDoc{doc: d.doc, full: d.full, lens: d.lens, ents: make([]uint64, len(d.ents))}
		for i, e := range d.ents {
			id := uint32(e >> 24)
			w := &local[id&(vocabShards-1)][id>>6]
			if *w == 0 {
				k.words = append(k.words, ix.vocab.word(id))
				*w = uint32(len(k.words))
			}
			kd.ents[i] = uint64(*w-1)<<24 | e&(1<<24-1)
		}
		k.docs[d.doc.URL] = kd
	}
	return k
}

// Has reports whether k holds the document at url.
func (k *Kept) Has(url string) bool {
	_, ok := k.docs[url]
	return ok
}

// Takes reports whether ix can take k's documents: they were analysed
// with the same weights (SetWeights).
func (ix *Index) Takes(k *Kept) bool { return k != nil && k.fields == ix.fields.signature() }

// AddKept adds the kept document at url to ix as Add added it; false if k
// has no such document or was analysed with other weights (SetWeights),
// when the caller must Add the document again.
func (ix *Index) AddKept(k *Kept, url string) bool {
	kd, ok := k.docs[url]
	if !ok || k.fields != ix.fields.signature() {
		return false
	}
	k.mu.Lock()
	if k.ids == nil {
		k.ids = map[*Index][]uint32{}
	}
	ids := k.ids[ix]
	if ids == nil {
		ids = make([]uint32, len(k.words))
		k.ids[ix] = ids
	}
	di := &docIn{doc: kd.doc, full: kd.full, lens: kd.lens, ents: make([]uint64, len(kd.ents))}
	for i, e := range kd.ents {
		w := e >> 24
		if ids[w] == 0 {
			id, _ := ix.vocab.lookup([]byte(k.words[w])) // only the words of documents added: they make the compounds
			ids[w] = id + 1
		}
		di.ents[i] = uint64(ids[w]-1)<<24 | e&(1<<24-1)
	}
	k.mu.Unlock()
	ix.mu.Lock()
	ix.docs = append(ix.docs, di)
	ix.built = nil
	ix.mu.Unlock()
	return true
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
const keptMagic = "labyrint-kept 2\n"

// MarshalBinary encodes k: the field set, the words, and each document.
func (k *Kept) MarshalBinary() ([]byte, error) {
	size := 64 + len(k.fields)
	for _, w := range k.words {
		size += len(w) + 1
	}
	for _, d := range k.docs {
		size += 64 + len(d.doc.URL) + len(d.doc.Title) + len(d.doc.Section) + len(d.doc.Summary) + len(d.doc.Body) + 4*len(d.ents)
		for n, vs := range d.doc.Facets {
			size += len(n) + 1
			for _, v := range vs {
				size += len(v) + 1
			}
		}
	}
	b := append(make([]byte, 0, size), keptMagic...)
	b = flat.AppendString(b, k.fields)
	b = binary.AppendUvarint(b, uint64(len(k.words)))
	for _, w := range k.words {
		b = flat.AppendString(b, w)
	}
	b = binary.AppendUvarint(b, uint64(len(k.docs)))
	for _, u := range sortedKeys(k.docs) { // the same documents, the same bytes
		d := k.docs[u]
		for _, s := range []string{d.doc.URL, d.doc.Title, d.doc.Section, d.doc.Summary, d.doc.Body} {
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
	}
	return b, nil
}

var errKeptDamaged = errors.New("search: a kept index cut short or damaged")

// UnmarshalBinary decodes what MarshalBinary made. The strings share one
// copy of data.
func (k *Kept) UnmarshalBinary(data []byte) error { return k.UnmarshalString(string(data)) }

// UnmarshalString is UnmarshalBinary without the copy: the strings are
// parts of data (the build cache reads its file as one string).
func (k *Kept) UnmarshalString(data string) error {
	r := flat.NewReader(data)
	if r.Take(len(keptMagic)) != keptMagic {
		return errors.New("search: not a kept index")
	}
	k.fields = r.Str()
	k.words = make([]string, r.Count())
	for i := range k.words {
		k.words[i] = r.Str()
	}
	n := r.Count()
	k.docs = make(map[string]keptDoc, n)
	for range n {
		var d keptDoc
		d.doc.URL, d.doc.Title, d.doc.Section, d.doc.Summary, d.doc.Body = r.Str(), r.Str(), r.Str(), r.Str(), r.Str()
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
				r.Fail()
			}
			d.ents[i] = w<<24 | (fc&0xf)<<20 | fc>>4
		}
		if r.Err() != nil {
			return errKeptDamaged
		}
		k.docs[d.doc.URL] = d
	}
	if !r.Done() {
		return errKeptDamaged
	}
	return nil
}
