package pipeline

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/flat"
	"github.com/guldborgsund/labyrint/internal/search"
)

// The build cache is written in a flat binary form of its own (cache.go):
// lengths and numbers as uvarints, strings as a length and their bytes.
// Reading it takes one copy of the file as a string, of which every
// string read is a part: no allocation per string. (encoding/gob, used
// before, spent more on the cache than the incremental build did on
// everything else; see the README, "Tuning".)

// cacheWriter appends values to b. A string written before is written
// as its number (most are dependency keys, messages and file names that
// many pages share).
type cacheWriter struct {
	b    []byte
	done [][]byte          // parts before b (raw)
	seen map[string]uint64 // string → its number, in the order first written
}

// raw writes b as bytes does, but without copying it: what w has so far
// and b become parts of their own (see parts). b must not change after.
func (w *cacheWriter) raw(b []byte) {
	w.uint(uint64(len(b)))
	w.done = append(w.done, w.b, b)
	w.b = w.b[len(w.b):]
}

// parts is what w wrote, in order: save writes them one after another.
func (w *cacheWriter) parts() [][]byte { return append(w.done, w.b) }

// bytesOf is s's bytes without a copy, for writing only: a part of the
// cache as read (a string of the file's bytes, see loadCache) written again.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

func (w *cacheWriter) uint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }
func (w *cacheWriter) int(x int)     { w.b = binary.AppendVarint(w.b, int64(x)) }
func (w *cacheWriter) int64(x int64) { w.b = binary.AppendVarint(w.b, x) }

// str writes s as n<<1|1 if it is string number n, else as its length<<1
// and its bytes.
func (w *cacheWriter) str(s string) {
	if n, ok := w.seen[s]; ok {
		w.uint(n<<1 | 1)
		return
	}
	if w.seen == nil {
		w.seen = map[string]uint64{}
	}
	w.seen[s] = uint64(len(w.seen))
	w.uint(uint64(len(s)) << 1)
	w.b = append(w.b, s...)
}

// keyPad is the secondary weight of a letter with no accent, the most of a
// Danish collation key (site.Page.TitleKey) that ignores case: after the
// primary weights, one such pair for each letter.
const keyPad = "\x00\x20"

// key writes a title's collation key without the run of keyPad it ends in:
// its part before and the run's length (half the bytes of a plain title's
// key). Keys are not numbered as strings are: each title has its own.
func (w *cacheWriter) key(k string) {
	m := 0
	for strings.HasSuffix(k[:len(k)-m*len(keyPad)], keyPad) {
		m++
	}
	head := k[:len(k)-m*len(keyPad)]
	w.uint(uint64(len(head)))
	w.b = append(w.b, head...)
	w.uint(uint64(m))
}

func (w *cacheWriter) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *cacheWriter) sum(h [32]byte) { w.b = append(w.b, h[:]...) }

func (w *cacheWriter) bool(x bool) {
	if x {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *cacheWriter) findings(fs []diag.Finding) {
	w.uint(uint64(len(fs)))
	for _, f := range fs {
		w.str(f.File)
		w.int(f.Line)
		w.int(f.Col)
		w.int(int(f.Severity))
		w.str(f.Code)
		w.str(f.Msg)
		w.str(f.Hint)
	}
}

// fields writes a page's front matter: each value a string, int, bool,
// time.Time or []string (content.Source.Fields); another type is an error.
func (w *cacheWriter) fields(m map[string]any) error {
	w.uint(uint64(len(m)))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		w.str(k)
		switch v := m[k].(type) {
		case string:
			w.b = append(w.b, 's')
			w.str(v)
		case int:
			w.b = append(w.b, 'i')
			w.int(v)
		case bool:
			w.b = append(w.b, 'b')
			w.bool(v)
		case []string:
			if v == nil {
				w.b = append(w.b, 'n') // nil, not empty: the source's hash tells them apart
				continue
			}
			w.b = append(w.b, 'l')
			w.strs(v)
		case time.Time:
			b, err := v.MarshalBinary()
			if err != nil {
				return err
			}
			w.b = append(w.b, 't')
			w.str(string(b))
		default:
			return fmt.Errorf("the field %s is a %T", k, v)
		}
	}
	return nil
}

// cacheReader reads what cacheWriter wrote; past an error (data cut short
// or damaged) it returns zeros and err is set.
type cacheReader struct {
	*flat.Reader
	seen []string // the strings read, by number
}

func newCacheReader(data string) *cacheReader { return &cacheReader{Reader: flat.NewReader(data)} }

func (r *cacheReader) str() string {
	n := r.Uint()
	if n&1 == 1 {
		if n>>1 >= uint64(len(r.seen)) {
			r.Fail()
			return ""
		}
		return r.seen[n>>1]
	}
	s := r.Take(int(n >> 1)) // n>>1 fits an int: at most 1<<63 - 1
	r.seen = append(r.seen, s)
	return s
}

// key reads what cacheWriter.key wrote.
func (r *cacheReader) key() string {
	head := r.Take(r.Count())
	m := r.Uint()
	if m == 0 || m > 1<<16 {
		if m > 0 {
			r.Fail()
		}
		return head
	}
	var b strings.Builder // one allocation
	b.Grow(len(head) + int(m)*len(keyPad))
	b.WriteString(head)
	for range m {
		b.WriteString(keyPad)
	}
	return b.String()
}

func (r *cacheReader) strs() []string {
	n := r.Count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.str()
	}
	return ss
}

func (r *cacheReader) sum() (h [32]byte) {
	copy(h[:], r.Take(32))
	return h
}

func (r *cacheReader) bool() bool { return r.Take(1) == "\x01" }

func (r *cacheReader) findings() []diag.Finding {
	n := r.Count()
	if n == 0 {
		return nil
	}
	fs := make([]diag.Finding, n)
	for i := range fs {
		fs[i] = diag.Finding{File: r.str(), Line: r.Int(), Col: r.Int(), Severity: diag.Severity(r.Int()),
			Code: r.str(), Msg: r.str(), Hint: r.str()}
	}
	return fs
}

func (r *cacheReader) fields() map[string]any {
	n := r.Count()
	m := make(map[string]any, n)
	for range n {
		k := r.str()
		switch r.Take(1) {
		case "s":
			m[k] = r.str()
		case "i":
			m[k] = r.Int()
		case "b":
			m[k] = r.bool()
		case "l":
			l := r.strs()
			if l == nil {
				l = []string{}
			}
			m[k] = l
		case "n":
			m[k] = []string(nil)
		case "t":
			var t time.Time
			if err := t.UnmarshalBinary([]byte(r.str())); err != nil {
				r.Fail()
			}
			m[k] = t
		default:
			r.Fail()
		}
	}
	return m
}

// cacheSections are the parts of the cache file, in order, each read and
// written on a core of its own.
var cacheSections = []struct {
	read  func(c *buildCache, r *cacheReader)
	write func(c *buildCache, w *cacheWriter) error
}{
	{readMeta, writeMeta},
	{readParsed, writeParsed},
	{readPages, writePages},
	{readFiles, writeFiles},
	{readKept, writeKept},
}

// writeKept writes the search index's documents (search.Kept), if any.
func writeKept(c *buildCache, w *cacheWriter) error {
	if c.Kept == nil {
		return nil
	}
	w.done = append(w.done, w.b)
	w.done = append(w.done, c.Kept.MarshalParts()...) // a document kept as read: its bytes, not copied
	w.b = nil
	return nil
}

func readKept(c *buildCache, r *cacheReader) {
	data := r.Rest()
	if data == "" {
		return
	}
	c.Kept = &search.Kept{}
	if err := c.Kept.UnmarshalString(data); err != nil {
		r.Fail()
	}
}

func writeMeta(c *buildCache, w *cacheWriter) error {
	w.str(c.Version)
	w.str(c.Digest)
	w.sum(c.Shape)
	w.sum(c.Words)
	w.sum(c.Glossary)
	w.sum(c.Heads)
	w.str(c.ParseKey)
	w.uint(uint64(len(c.Index)))
	for _, f := range slices.Sorted(maps.Keys(c.Index)) {
		w.str(f)
		w.sum(c.Index[f])
	}
	w.strs(c.Other)
	return nil
}

func readMeta(c *buildCache, r *cacheReader) {
	c.Version, c.Digest, c.Shape, c.Words, c.Glossary, c.Heads, c.ParseKey = r.str(), r.str(), r.sum(), r.sum(), r.sum(), r.sum(), r.str()
	n := r.Count()
	c.Index = make(map[string][32]byte, n)
	for range n {
		c.Index[r.str()] = r.sum()
	}
	c.Other = r.strs()
}

// The three large sections (parses, pages, files) are maps, each cut into
// cacheChunks parts by a hash of the key, every part with strings of its
// own. A part whose entries are all the previous cache's (the same
// pointers: kept, not made again) is written as the bytes it was read
// from, so an incremental build writes again only the parts it changed.
const cacheChunks = 64

// rawChunks are a section's parts as read: their bytes and entries.
type rawChunks struct {
	bytes [cacheChunks]string
	n     [cacheChunks]int
}

func chunkOf(key string) int {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return int(h % cacheChunks)
}

// writeChunked writes map m in parts; prev and raw are the previous
// cache's map and parts (nil if none).
func writeChunked[V comparable](w *cacheWriter, m, prev map[string]V, raw *rawChunks, enc func(w *cacheWriter, v V) error) error {
	var keys [cacheChunks][]string
	for k := range m {
		i := chunkOf(k)
		keys[i] = append(keys[i], k)
	}
	w.uint(uint64(len(m)))
	for i, ks := range keys {
		if raw != nil && raw.n[i] == len(ks) && allKept(ks, m, prev) {
			w.raw(bytesOf(raw.bytes[i]))
			continue
		}
		part := &cacheWriter{}
		if raw != nil { // about the size it had
			part.b = make([]byte, 0, len(raw.bytes[i])+len(raw.bytes[i])/8)
		}
		part.uint(uint64(len(ks)))
		for _, k := range ks {
			part.str(k)
			if err := enc(part, m[k]); err != nil {
				return err
			}
		}
		w.raw(part.b)
	}
	return nil
}

func allKept[V comparable](keys []string, m, prev map[string]V) bool {
	for _, k := range keys {
		if v, ok := prev[k]; !ok || v != m[k] {
			return false
		}
	}
	return true
}

// readChunked reads what writeChunked wrote into a map, and its parts
// into raw.
func readChunked[V any](r *cacheReader, raw *rawChunks, dec func(r *cacheReader) V) map[string]V {
	m := make(map[string]V, r.Count())
	for i := range raw.bytes {
		data := r.Take(r.Count())
		part := newCacheReader(data)
		raw.bytes[i], raw.n[i] = data, part.Count()
		part.seen = make([]string, 0, raw.n[i]*4) // about as many strings a part has, written first there
		for range raw.n[i] {
			k := part.str()
			m[k] = dec(part)
		}
		if !part.Done() {
			r.Fail()
		}
	}
	return m
}

// prevOf is the map of the cache c was made from, and its parts.
func prevOf[V any](c *buildCache, m func(*buildCache) map[string]V, raw func(*buildCache) *rawChunks) (map[string]V, *rawChunks) {
	if c.from == nil {
		return nil, nil
	}
	return m(c.from), raw(c.from)
}

func writeParsed(c *buildCache, w *cacheWriter) error {
	prev, raw := prevOf(c, func(c *buildCache) map[string]*cachedSource { return c.Parsed }, func(c *buildCache) *rawChunks { return c.rawParsed })
	return writeChunked(w, c.Parsed, prev, raw, func(w *cacheWriter, cs *cachedSource) error {
		w.sum(cs.Sum)
		w.int64(cs.Stamp.Size)
		w.int64(cs.Stamp.ModTime)
		w.int64(cs.Stamp.Ctime)
		w.uint(cs.Stamp.Ino)
		w.uint(cs.Stamp.Dev)
		if err := w.fields(cs.Fields); err != nil {
			return err
		}
		w.uint(uint64(len(cs.Lines)))
		for k, n := range cs.Lines {
			w.str(k)
			w.int(n)
		}
		w.int(cs.BodyLine)
		w.int(cs.BodyLen)
		w.findings(cs.Warnings)
		w.key(cs.Key)
		w.bool(cs.Terms != nil)
		if cs.Terms == nil {
			return nil
		}
		w.uint(uint64(len(cs.Terms)))
		for _, i := range cs.Terms {
			w.uint(uint64(i))
		}
		return nil
	})
}

func readParsed(c *buildCache, r *cacheReader) {
	c.rawParsed = &rawChunks{}
	c.Parsed = readChunked(r, c.rawParsed, func(r *cacheReader) *cachedSource {
		cs := &cachedSource{Sum: r.sum()}
		cs.Stamp = content.Stamp{Size: r.Int64(), ModTime: r.Int64(), Ctime: r.Int64(), Ino: r.Uint(), Dev: r.Uint()}
		cs.Fields = r.fields()
		nl := r.Count()
		cs.Lines = make(map[string]int, nl)
		for range nl {
			cs.Lines[r.str()] = r.Int()
		}
		cs.BodyLine, cs.BodyLen, cs.Warnings, cs.Key = r.Int(), r.Int(), r.findings(), r.key()
		if r.bool() {
			cs.Terms = make([]int32, r.Count())
			for i := range cs.Terms {
				cs.Terms[i] = int32(r.Uint())
			}
		}
		return cs
	})
}

func writePages(c *buildCache, w *cacheWriter) error {
	prev, raw := prevOf(c, func(c *buildCache) map[string]*cachedPage { return c.Pages }, func(c *buildCache) *rawChunks { return c.rawPages })
	return writeChunked(w, c.Pages, prev, raw, func(w *cacheWriter, cp *cachedPage) error {
		w.sum(cp.Hash)
		w.sum(cp.Front)
		w.str(cp.URL)
		w.strs(cp.Keys)
		w.sum(cp.Search)
		w.strs(cp.Links)
		w.bool(cp.Row != nil)
		if r := cp.Row; r != nil {
			w.int(r.Lix)
			w.int(r.Words)
			w.int(r.Longests)
			w.int(r.Findings)
			w.str(r.Longest)
			w.strs(r.Terms)
		}
		return nil
	})
}

func readPages(c *buildCache, r *cacheReader) {
	c.rawPages = &rawChunks{}
	c.Pages = readChunked(r, c.rawPages, func(r *cacheReader) *cachedPage {
		cp := &cachedPage{Hash: r.sum(), Front: r.sum(), URL: r.str(), Keys: r.strs(), Search: r.sum(), Links: r.strs()}
		if r.bool() {
			cp.Row = &cachedRow{Lix: r.Int(), Words: r.Int(), Longests: r.Int(), Findings: r.Int(), Longest: r.str(), Terms: r.strs()}
		}
		return cp
	})
}

func writeFiles(c *buildCache, w *cacheWriter) error {
	prev, raw := prevOf(c, func(c *buildCache) map[string]*cachedFile { return c.Files }, func(c *buildCache) *rawChunks { return c.rawFiles })
	return writeChunked(w, c.Files, prev, raw, func(w *cacheWriter, f *cachedFile) error {
		w.strs(f.Keys)
		w.findings(f.Findings)
		w.str(f.Filters)
		w.sum(f.Pager)
		return nil
	})
}

func readFiles(c *buildCache, r *cacheReader) {
	c.rawFiles = &rawChunks{}
	c.Files = readChunked(r, c.rawFiles, func(r *cacheReader) *cachedFile {
		return &cachedFile{Keys: r.strs(), Findings: r.findings(), Filters: r.str(), Pager: r.sum()}
	})
}
