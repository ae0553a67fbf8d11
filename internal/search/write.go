package search

import (
	"maps"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"
)

// ShardExt is the shards' file extension. Not .js: a server sends .txt as
// text/plain, which a browser refuses to run in a worker (importScripts),
// where a page of another origin could forge location (see doc.go).
const ShardExt = ".txt"

// ShardHead starts every shard, before its name: the shard hands its data
// to the search client only when it runs in a page opened from file://.
// Over http(s) the client fetches the file and reads the data out of the
// text (see doc.go, "Who can read the index").
const ShardHead = `location.protocol==="file:"&&window.labyrintSearch.load(`

// Write writes the index as shards, each ShardHead, its name, a comma, its
// data as JSON, and ");\n". Names are relative to the search folder (the
// folder of search.js): "idx/meta.txt", "idx/t-<key>.txt" (term shards)
// and "idx/d-<n>.txt" (document shards). Files are written in name order
// and their bytes depend only on the documents, the synonyms and the facet
// labels, not on the order of Add calls.
func (ix *Index) Write(write func(name string, data []byte) error) error {
	b := ix.build()
	files := map[string][]byte{}
	docStarts := docShardStarts(b.docs)
	m := b.shardFiles()
	for k, data := range m.docs {
		files["d-"+strconv.Itoa(k)] = data
	}
	for key, data := range m.terms {
		files["t-"+shardFileKey(key)] = data
	}
	files["meta"] = wrapShard("meta", metaShard(b, docStarts))
	files["f"] = wrapShard("f", appendFacets(nil, b.facets, func(facet) bool { return true }))
	for _, name := range sortedKeys(files) {
		if err := write("idx/"+name+ShardExt, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// shardBytes holds the document and term shards of a built index once
// written: an index that takes other synonyms or best bets (SetSynonyms,
// SetBestBets) makes again only the term shards whose postings changed.
type shardBytes struct {
	docs  [][]byte          // by document shard number
	terms map[string][]byte // by shard key
}

// shardFiles returns b's document and term shards, made on all processors
// where b.memo lacks them, and keeps them in b.memo.
func (b *built) shardFiles() *shardBytes {
	b.memoMu.Lock()
	defer b.memoMu.Unlock()
	old := b.memo
	if old != nil && old.docs != nil && len(old.terms) == len(b.keys) {
		return old
	}
	m := &shardBytes{terms: make(map[string][]byte, len(b.keys))}
	if old != nil {
		m.docs = old.docs
		maps.Copy(m.terms, old.terms)
	}
	if m.docs == nil {
		starts := docShardStarts(b.docs)
		m.docs = parallelShards(len(starts), func(k int) []byte { return docShard(b, starts, k) })
	}
	var todo []string
	for _, key := range b.keys {
		if m.terms[key] == nil {
			todo = append(todo, key)
		}
	}
	for k, data := range parallelShards(len(todo), func(k int) []byte { return termShard(b, todo[k]) }) {
		m.terms[todo[k]] = data
	}
	b.memo = m
	return m
}

// parallelShards returns shard(0) … shard(n-1), made on all processors.
func parallelShards(n int, shard func(k int) []byte) [][]byte {
	out := make([][]byte, n)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for k := range n {
		g.Go(func() error {
			out[k] = shard(k)
			return nil
		})
	}
	g.Wait()
	return out
}

// docShardStarts returns the first document of each document shard:
// consecutive documents up to docShardTarget bytes.
func docShardStarts(docs []*docIn) []int {
	var starts []int
	size := docShardTarget
	for i, d := range docs {
		if size >= docShardTarget {
			starts = append(starts, i)
			size = 0
		}
		size += len(d.doc.URL) + len(d.doc.Title) + len(d.doc.Summary) + len(d.doc.Body) + 12
	}
	return starts
}

// docShard returns document shard k: [[url, title, summary, text], ...],
// with the summary and text as Add kept them for the shards.
func docShard(b *built, starts []int, k int) []byte {
	end := len(b.docs)
	if k+1 < len(starts) {
		end = starts[k+1]
	}
	size := 64
	for _, d := range b.docs[starts[k]:end] {
		size += len(d.doc.URL) + len(d.doc.Title) + len(d.doc.Summary) + len(d.doc.Body) + 16
	}
	out := shardStart(make([]byte, 0, size+size/16), "d-"+strconv.Itoa(k))
	out = append(out, '[')
	for i := starts[k]; i < end; i++ {
		if i > starts[k] {
			out = append(out, ',')
		}
		out = append(out, '[')
		out = appendDocEntry(out, &b.docs[i].doc)
		out = append(out, ']')
	}
	return append(out, "]);\n"...)
}

// appendDocEntry writes a page as a page shard holds it: url, title,
// summary, text (the last two as Add kept them for the shards).
func appendDocEntry(out []byte, d *Doc) []byte {
	out = appendJSString(out, d.URL)
	out = append(out, ',')
	out = appendJSString(out, nfc(d.Title))
	out = append(out, ',')
	out = appendJSString(out, d.Summary)
	out = append(out, ',')
	return appendJSString(out, d.Body)
}

// termShard returns the term shard of key: {"":{"term":"ids",...},
// "term":"postings form form",...}, the first member only if a term has
// hints (hint.go).
func termShard(b *built, key string) []byte {
	size := 64
	for _, t := range b.shards[key] {
		size += len(b.terms[t]) + 8 + postingsLen(b.post[t])
		for _, f := range b.forms[t] {
			size += len(f) + 1
		}
	}
	out := shardStart(make([]byte, 0, size), "t-"+shardFileKey(key))
	out = append(out, '{')
	out = appendHints(out, b, key)
	for i, t := range b.shards[key] {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendJSString(out, b.terms[t])
		out = append(out, ':', '"')
		out = appendPostings(out, b.post[t])
		for _, f := range b.forms[t] {
			out = append(out, ' ')
			out = append(out, f...)
		}
		out = append(out, '"')
	}
	return append(out, "});\n"...)
}

// metaShard returns the data of idx/meta.txt (see doc.go).
func metaShard(b *built, docStarts []int) []byte {
	m := []byte(`{"v":1,"n":`)
	m = strconv.AppendInt(m, int64(len(b.docs)), 10)
	m = append(m, `,"t":`...)
	m = appendJSString(m, strings.Join(b.keys, " "))
	m = append(m, `,"d":"`...)
	for i := 1; i < len(docStarts); i++ {
		m = appendNum(m, uint32(docStarts[i]-docStarts[i-1]))
	}
	m = append(m, `","s":`...)
	m = appendJSString(m, stopList)
	m = append(m, `,"y":[`...)
	for i, g := range b.syn.groups {
		if i > 0 {
			m = append(m, ',')
		}
		m = appendJSString(m, strings.Join(g, " "))
	}
	m = append(m, ']')
	m = appendQueryRules(m, b.bets)
	// The section facet names each result's section; the others are for
	// the filters, which load them from idx/f.txt when they are opened.
	m = append(m, `,"f":`...)
	m = appendFacets(m, b.facets, func(f facet) bool { return f.name == "section" })
	return append(m, '}')
}

// appendFacets appends [[facet name, label, [[value, page list], ...]], ...]
// for the facets keep lets through.
func appendFacets(m []byte, facets []facet, keep func(facet) bool) []byte {
	m = append(m, '[')
	n := 0
	for _, f := range facets {
		if !keep(f) {
			continue
		}
		if n++; n > 1 {
			m = append(m, ',')
		}
		m = append(m, '[')
		m = appendJSString(m, f.name)
		m = append(m, ',')
		m = appendJSString(m, f.label)
		m = append(m, ",["...)
		for j, v := range f.values {
			if j > 0 {
				m = append(m, ',')
			}
			m = append(m, '[')
			m = appendJSString(m, v.name)
			m = append(m, ',', '"')
			m = appendDocList(m, v.docs)
			m = append(m, '"', ']')
		}
		m = append(m, "]]"...)
	}
	return append(m, ']')
}

func wrapShard(name string, data []byte) []byte {
	out := shardStart(make([]byte, 0, len(data)+48), name)
	out = append(out, data...)
	return append(out, ");\n"...)
}

// shardStart appends the start of a shard file, up to its data.
func shardStart(b []byte, name string) []byte {
	b = append(b, ShardHead...)
	b = appendJSString(b, name)
	return append(b, ',')
}

// shardFileKey spells a shard key for a file name: a-z and 0-9 as they
// are, any other rune as "_<hex>_" (æ → "_e6_"), so names are ASCII and
// differ even on file systems that ignore case.
func shardFileKey(key string) string {
	var sb strings.Builder
	for _, r := range key {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			sb.WriteRune(r)
			continue
		}
		sb.WriteByte('_')
		sb.WriteString(strconv.FormatInt(int64(r), 16))
		sb.WriteByte('_')
	}
	return sb.String()
}

// clip shortens s to at most n runes, at a space if there is one near.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	k := 0
	for i := range s {
		if k == n {
			cut := i
			if j := strings.LastIndexByte(s[:i], ' '); j > i*4/5 {
				cut = j
			}
			return s[:cut] + " …"
		}
		k++
	}
	return s
}
