package pipeline

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"unsafe"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
)

// CacheSuffix names an incremental build's cache: the file <out>.labyrint-cache
// beside the output folder (like <out>.lock), one per output.
const CacheSuffix = ".labyrint-cache"

// cacheFormat starts the cache file; it changes whenever the format does:
// an older cache is ignored.
const cacheFormat = "labyrint-build-cache 11\n"

// buildCache is what an incremental labyrint build keeps of the last good
// build: enough to tell which files a change shows and to make the
// outputs made from every page (the search index, the language report)
// without rendering the pages again.
type buildCache struct {
	Version  string                   // generator, config, layouts, assets, data and static files, options
	Digest   string                   // the output's DigestFile: the output this cache describes
	Shape    [32]byte                 // the sections and taxonomy terms (shapeOf)
	Files    map[string]*cachedFile   // file URL → what it used and found
	Pages    map[string]*cachedPage   // source path → its page
	Index    map[string][32]byte      // search index file → hash of its bytes
	Words    [32]byte                 // the glossary page's entries (glossaryHash)
	Glossary [32]byte                 // SHA-256 of the glossary file the parses' Terms are of; zero: none
	Heads    [32]byte                 // the pages' Search heads' context (cachedBuild.headContext)
	Parsed   map[string]*cachedSource // source path → its parse (cache_parse.go)
	ParseKey string                   // what the parses depend on (parseKey)
	Other    []string                 // every other file written (assets, sitemap, static …)
	Kept     *search.Kept             // the search index's documents as analysed; nil if none

	rawParsed, rawPages, rawFiles *rawChunks  // the large sections' parts as read (cache_codec.go)
	from                          *buildCache // the cache this one was made from: its parts kept are written as read
}

// cachedFile is one rendered file.
type cachedFile struct {
	Keys     []string // dependency keys its layout used (render/deps.go)
	Findings []diag.Finding
	Filters  string   // for a filter page, the URL of its section
	Pager    [32]byte // for a list page, pagerSig
}

// cachedPage is one page of the site, shown by the target or not.
type cachedPage struct {
	Hash   [32]byte   // sourceHash
	Front  [32]byte   // sourceHash without the body
	URL    string     // "" if the target does not show it
	Keys   []string   // render.KeysOf the page
	Search [32]byte   // searchHead of its document in Kept; zero if the index does not have it
	Row    *cachedRow // its row in the language report, if any
	Links  []string   // where its text's links lead, as written
}

// cachedRow is a render.LanguageRow without its page.
type cachedRow struct {
	Lix, Words, Longests, Findings int
	Longest                        string
	Terms                          []string
}

// loadCache reads the cache at name; nil if there is none or it cannot be
// read whole (a partial or corrupt cache means a full build). The file is
// the format line, the sections (cacheSections), each as its length and
// bytes, and the CRC-32C of all that.
func loadCache(name string) *buildCache {
	data, err := os.ReadFile(name)
	if err != nil || len(data) < len(cacheFormat)+4 || string(data[:len(cacheFormat)]) != cacheFormat {
		return nil
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil
	}
	r := newCacheReader(unsafe.String(unsafe.SliceData(body), len(body))) // data is not written to again: no copy
	r.Take(len(cacheFormat))
	secs := make([]*cacheReader, len(cacheSections))
	for i := range secs {
		secs[i] = newCacheReader(r.Take(r.Count()))
	}
	if !r.Done() {
		return nil
	}
	c := &buildCache{}
	var wg sync.WaitGroup
	for i, sec := range cacheSections { // on all cores: each fills fields of its own
		wg.Go(func() {
			sec.read(c, secs[i])
			if secs[i].Err() == nil && !secs[i].Done() {
				secs[i].Fail()
			}
		})
	}
	wg.Wait()
	for _, r := range secs {
		if r.Err() != nil {
			return nil
		}
	}
	return c
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// save writes the cache to name whole: to a temporary file first, renamed
// over name. The sections' parts are written as they are, a part kept from
// the cache read (cacheWriter.raw) without a copy.
func (c *buildCache) save(name string) error {
	secs := make([]cacheWriter, len(cacheSections))
	errs := make([]error, len(cacheSections))
	var wg sync.WaitGroup
	for i, sec := range cacheSections {
		wg.Go(func() { errs[i] = sec.write(c, &secs[i]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	tmp := name + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = writeSections(f, secs)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}

// writeSections writes the format line, each section as its length and
// its parts, and the CRC-32C of all that (loadCache reads it).
func writeSections(f io.Writer, secs []cacheWriter) error {
	bw := bufio.NewWriterSize(f, 256<<10) // a part larger than that is written directly
	var crc uint32
	put := func(b []byte) {
		crc = crc32.Update(crc, castagnoli, b)
		bw.Write(b) // an error stays: Flush returns it
	}
	put([]byte(cacheFormat))
	for i := range secs {
		parts := secs[i].parts()
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		put(binary.AppendUvarint(nil, uint64(n)))
		for _, p := range parts {
			put(p)
		}
	}
	bw.Write(binary.LittleEndian.AppendUint32(nil, crc))
	return bw.Flush()
}

// cacheVersion hashes everything that, changed, takes a full build: the
// generator, the config, the layouts, the assets, the options, the data
// files but those only the stages run whole in every build read (the
// retired addresses, the synonyms, the best bets), and the static files.
func cacheVersion(st *state) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", st.dirs.prefix)
	for _, n := range slices.Sorted(maps.Keys(st.tree.Data)) {
		if n == RetiredFile || n == SynonymFile || n == BestBetFile {
			continue
		}
		fmt.Fprintf(h, "d%s\x00%d\x00", n, len(st.tree.Data[n]))
		h.Write(st.tree.Data[n])
	}
	for _, p := range st.tree.Static {
		b, _ := os.ReadFile(filepath.Join(st.dirs.content, filepath.FromSlash(p)))
		fmt.Fprintf(h, "s%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	return buildDigest(st.o, st.target.Name, h.Sum(nil), st.dirs.layouts, st.dirs.assets)
}

// sourceHash hashes what a page is made of: its kind, front matter (with
// the lines) and body; and the same without the body.
func sourceHash(src *content.Source) (all, front [32]byte) {
	h := sha256.New()
	kind := ""
	if src.Kind != nil {
		kind = src.Kind.Name
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00", src.Path, src.File, kind, src.BodyLine)
	for _, k := range slices.Sorted(maps.Keys(src.Fields)) {
		fmt.Fprintf(h, "f%s\x00%T\x00%#v\x00", k, src.Fields[k], src.Fields[k])
	}
	for _, k := range slices.Sorted(maps.Keys(src.Lines)) {
		fmt.Fprintf(h, "l%s\x00%d\x00", k, src.Lines[k])
	}
	front = [32]byte(h.Sum(nil))
	h.Write(src.Body)
	return [32]byte(h.Sum(nil)), front
}

// glossaryHash sums up the entries the glossary page lists: a page's text
// that starts or stops using a word changes them.
func glossaryHash(gl *glossary) [32]byte {
	if gl == nil || gl.page == nil {
		return [32]byte{}
	}
	return sha256.Sum256(fmt.Appendf(nil, "%#v", gl.entries))
}

// shapeOf sums up what an incremental build does not follow: the sections
// the view shows and every taxonomy's terms.
func shapeOf(v *site.View) [32]byte {
	h := sha256.New()
	for _, p := range v.Pages {
		if p.IsSection {
			fmt.Fprintf(h, "s%s\x00", p.URL)
		}
	}
	for _, tx := range v.Taxonomies() {
		fmt.Fprintf(h, "\x01%s", tx.Name)
		for _, t := range tx.Terms {
			fmt.Fprintf(h, "\x00%s\x00%s", t.Slug, t.Name)
		}
	}
	return [32]byte(h.Sum(nil))
}

// row turns a language report row into its cached form.
func cacheRow(r render.LanguageRow) *cachedRow {
	return &cachedRow{Lix: r.Lix, Words: r.Words, Longests: r.Longests, Findings: r.Findings, Longest: r.Longest, Terms: r.Terms}
}

// languageRow is the cached row of page p.
func (r *cachedRow) languageRow(p *site.Page) render.LanguageRow {
	return render.LanguageRow{Page: p, Lix: r.Lix, Words: r.Words, Longest: r.Longest, Longests: r.Longests, Terms: r.Terms, Findings: r.Findings}
}
