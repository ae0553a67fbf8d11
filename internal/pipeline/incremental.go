package pipeline

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// cachedBuild is one incremental build's state beside the stages' (Run
// with Options.Incremental). With a cache that matches (the same
// generator, config, layouts, assets, data and static files, the output
// it describes, the same sections and terms), the render stage renders
// only the files whose page changed or whose recorded dependency keys a
// change touches, the language report, and the search index from every page's kept text; they
// are written to the staging folder and, at the end, moved into the live
// output (Writer.Merge), and the files no longer made are removed. The
// cache is removed before the live output is touched and written again
// after: a build stopped midway leaves no cache, so the next is full.
type cachedBuild struct {
	st       *state
	path     string // the cache file
	loaded   chan *buildCache
	old      *buildCache // the cache that matched; nil for a full build
	version  string
	hashes   map[string][2][32]byte // source path → sourceHash (all, front)
	todo     map[string]bool        // file URLs to render
	prev     *buildCache            // the cache as read, matching or not
	ps       *parses                // the content stage's parses
	pkey     string                 // parseKey
	parsed   map[string]*cachedSource
	urls     map[string]job      // the files this build makes, by URL
	heads    map[string][32]byte // page URL → searchHead, of the pages the index has
	takes    *bool               // whether the search index can take the cache's documents (search.Index.Takes)
	terms    *glossaryTerms      // the glossary's entries each page uses; nil without a glossary
	context  *[32]byte           // headContext, once made
	glossary [32]byte            // SHA-256 of the glossary file
}

// config reads the config and starts reading the cache meanwhile.
func (c *cachedBuild) config() error {
	if err := c.st.config(); err != nil {
		return err
	}
	out := c.st.o.Out
	if out == "" {
		out = c.st.target.Out
	}
	c.path = out + CacheSuffix
	go func() { c.loaded <- loadCache(c.path) }()
	c.ps = &parses{sums: map[string][32]byte{}, hits: map[string]bool{}, stamps: map[string]content.Stamp{}, unread: map[string]bool{},
		cfg: c.st.cfg, dir: c.st.dirs.prefix}
	c.pkey = parseKey(c.st)
	return nil
}

// load reads the content, parsing only the files whose bytes changed
// since the cache's build, and reading only those whose stamp changed
// (but with --force, which reads every file). The cache may still be
// being read: the layouts are parsed and the folders walked meanwhile, and
// the readers wait for it at their first file (parses.wait).
func (c *cachedBuild) load() error {
	ready := make(chan struct{})
	c.ps.ready = ready
	go func() {
		defer close(ready)
		c.prev = <-c.loaded
		if c.prev != nil && c.prev.ParseKey == c.pkey {
			c.ps.old = c.prev.Parsed
			n := len(c.ps.old) // about as many files now: the maps are made at their size
			c.ps.sums, c.ps.hits, c.ps.stamps, c.ps.unread = make(map[string][32]byte, n), make(map[string]bool, n),
				make(map[string]content.Stamp, n), make(map[string]bool, n)
		}
	}()
	c.ps.start = time.Now()
	if c.st.o.clock != nil {
		c.ps.start = c.st.o.clock()
	}
	c.st.o.Reader.Known = c.ps.known
	c.st.o.Reader.Unchanged = c.ps.unchanged
	if c.st.o.Force {
		c.st.o.Reader.Unchanged = func(p string, s content.Stamp, _ *diag.List) (*content.Source, [32]byte, bool) {
			c.ps.wait()
			c.ps.mu.Lock()
			c.ps.stamps[p] = s // kept for the next build, but not trusted now
			c.ps.mu.Unlock()
			return nil, [32]byte{}, false
		}
	}
	err := c.st.load()
	<-ready
	if err != nil {
		return err
	}
	// What the next build keeps of the sources, taken now: the render
	// stage lets the bodies go.
	c.parsed = c.ps.keep(c.st.tree, c.st.all.Items())
	c.hashes = make(map[string][2][32]byte, len(c.st.tree.Sources))
	for _, src := range c.st.tree.Sources {
		h, err := c.sourceHash(src)
		if err != nil {
			return err
		}
		c.hashes[src.Path] = h
	}
	return nil
}

// sourceHash is sourceHash(src), or the last build's if src is the
// parse it kept of the same bytes.
func (c *cachedBuild) sourceHash(src *content.Source) ([2][32]byte, error) {
	if c.ps.reused(src.Path) && c.prev != nil {
		if op := c.prev.Pages[src.Path]; op != nil {
			return [2][32]byte{op.Hash, op.Front}, nil
		}
	}
	if err := c.bodies([]*content.Source{src}); err != nil {
		return [2][32]byte{}, err
	}
	all, front := sourceHash(src)
	return [2][32]byte{all, front}, nil
}

// model makes the site's model, with the titles' collation keys the cache
// kept (cachedSource.Key). The glossary page lists the entries the
// pages use: a page not read (its stamp is the same) uses the entries the
// cache kept for it, if any; else its text is read.
func (c *cachedBuild) model() error {
	c.st.keys = make(map[string]string, len(c.ps.hits))
	for p := range c.ps.hits {
		if cs := c.ps.old[p]; cs.Key != "" {
			title, _ := cs.Fields["title"].(string)
			c.st.keys[title] = cs.Key
		}
	}
	if data, ok := c.st.tree.Data[GlossaryFile]; ok {
		c.glossary = sha256.Sum256(data)
		c.terms = &glossaryTerms{ps: c.ps, valid: c.prev != nil && c.prev.Glossary == c.glossary, found: map[string][]int32{}}
		var need []*content.Source
		for _, src := range c.st.tree.Sources {
			if _, ok := c.terms.get(src); !ok {
				need = append(need, src)
			}
		}
		if err := c.bodies(need); err != nil {
			return err
		}
		c.st.terms = c.terms
	}
	return c.st.model()
}

// bodies reads the text of those of srcs the content stage took by
// their stamp, unread (parses.unchanged), on all cores. A file whose
// bytes are no longer the ones its stamp stood for changed during the
// build: an error, and the cache is left as it was.
func (c *cachedBuild) bodies(srcs []*content.Source) error {
	var todo []*content.Source
	for _, src := range srcs {
		if c.ps.unread[src.Path] {
			delete(c.ps.unread, src.Path)
			todo = append(todo, src)
		}
	}
	errs := make([]string, len(todo))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, src := range todo {
		g.Go(func() error {
			errs[i] = c.body(src)
			return nil
		})
	}
	g.Wait()
	failed := false
	for i, msg := range errs {
		if msg != "" {
			c.st.all.Errorf(todo[i].File, 0, "read", "%s", msg)
			failed = true
		}
	}
	if failed {
		return errFindings
	}
	return nil
}

// body reads src's text from its file; a message if it cannot.
func (c *cachedBuild) body(src *content.Source) string {
	cs := c.ps.old[src.Path]
	raw, err := os.ReadFile(filepath.Join(c.st.dirs.content, filepath.FromSlash(src.Path)))
	if err != nil {
		return "kan ikke læse: " + diag.OSError(err)
	}
	norm := frontmatter.Normalize(raw)
	if sha256.Sum256(raw) != cs.Sum || cs.BodyLen > len(norm) {
		return "filen blev ændret, mens sitet blev bygget; byg igen"
	}
	src.Body = norm[len(norm)-cs.BodyLen:]
	return ""
}

// render renders what changed, or everything if the cache does not match.
func (c *cachedBuild) render() error {
	st := c.st
	c.version = cacheVersion(st)
	for _, p := range st.site.Pages { // the pages not read from a file (withDefaultPages)
		if _, ok := c.hashes[p.Src.Path]; !ok {
			all, front := sourceHash(p.Src)
			c.hashes[p.Src.Path] = [2][32]byte{all, front}
		}
	}
	if st.o.Force {
		return st.render() // labyrint build --force: everything, and a new cache
	}
	old := c.prev
	live, _ := os.ReadFile(filepath.Join(st.res.Out, DigestFile))
	if old == nil || old.Version != c.version || old.Digest != string(live) || !c.plan(old) {
		if err := c.bodies(c.shown()); err != nil {
			return err
		}
		return st.render()
	}
	c.old = old
	return c.renderChanged()
}

// shown is the sources of the pages the target shows.
func (c *cachedBuild) shown() []*content.Source {
	out := make([]*content.Source, 0, len(c.st.view.Pages))
	for _, p := range c.st.view.Pages {
		out = append(out, p.Src)
	}
	return out
}

// plan lists the files to render (c.todo); false if the change takes a
// full build (the sections or a taxonomy's terms changed).
func (c *cachedBuild) plan(old *buildCache) bool {
	st, b := c.st, c.st.b
	b.plan()
	if shapeOf(st.view) != old.Shape {
		return false
	}
	changed, fronts := c.changed(old)
	touched := map[string]bool{} // a body is shown on its own page only (render/deps.go)
	lists := map[string]bool{}   // the lists the changed pages are or were in
	var tokens []string          // names of pages that came or went: a link to one is found or lost
	for p, front := range fronts {
		if !front {
			continue
		}
		np, op := st.site.PageByPath(p), old.Pages[p]
		newURL, oldURL := "", ""
		var now []string
		if np != nil {
			now = render.KeysOf(st.view, np)
			if st.view.Has(np) {
				newURL = np.URL
			}
		}
		if op != nil {
			oldURL = op.URL
		}
		keys := append(slices.Clip(now), opKeys(op)...)
		if np != nil && op != nil && !np.IsSection && oldURL != "" && newURL != "" {
			keys = render.MergeKeys(op.Keys, now) // the section's pages come and go with the shape
		}
		for _, k := range keys {
			touched[k] = true
		}
		for _, k := range append(slices.Clip(now), opKeys(op)...) {
			if strings.HasPrefix(k, "c:") || strings.HasPrefix(k, "t:") {
				lists[k] = true
			}
		}
		if newURL != oldURL {
			tokens = append(tokens, linkTokens(p, oldURL, newURL)...)
		}
	}
	for _, js := range [][]job{b.jobs, b.last} { // filter pages that came
		for _, j := range js {
			if j.filter != nil && old.Files[j.url] == nil {
				touched[render.FilterKey(j.page.URL)] = true
			}
		}
	}
	for url, f := range old.Files { // and went
		if f.Filters != "" && !c.planned(url) {
			touched[render.FilterKey(f.Filters)] = true
		}
	}
	relinked := map[string]bool{}
	for _, op := range old.Pages {
		if linksTo(op.Links, tokens) {
			relinked[op.URL] = true
		}
	}
	c.todo, c.heads = map[string]bool{}, make(map[string][32]byte, len(old.Pages))
	if gl := st.gl; gl != nil && gl.page != nil && glossaryHash(gl) != old.Words {
		c.todo[gl.page.URL] = true
	}
	for _, js := range [][]job{b.jobs, b.last} {
		for _, j := range js {
			f := old.Files[j.url]
			if f == nil || changed[j.page.Src.Path] || relinked[j.url] || j.page.Layout == ReportLayout || usesAny(f.Keys, touched) ||
				lists[listOf(j)] && f.Pager != pagerSig(j) || !c.keptSearch(j, old) {
				c.todo[j.url] = true
			}
		}
	}
	return true
}

// keptSearch reports whether the search index may take job j's page as
// the last build analysed it (search.Kept): the page is not indexed, or
// its document is kept and all but its text (searchHead) is the same.
func (c *cachedBuild) keptSearch(j job, old *buildCache) bool {
	b := c.st.b
	if b.index == nil || !j.hasText() || !searched(j.page) {
		return true
	}
	if c.takes == nil {
		takes := b.index.Takes(old.Kept)
		c.takes = &takes
	}
	op := old.Pages[j.page.Src.Path]
	if op == nil || op.URL != j.page.URL || !*c.takes || !old.Kept.Has(j.page.URL) {
		return false
	}
	h := op.Search
	if old.Heads != c.headContext() || op.Hash != c.hashes[j.page.Src.Path][0] || h == ([32]byte{}) {
		h = searchHead(b.view, j.page)
	}
	c.heads[j.page.URL] = h
	return op.Search == h
}

// headContext sums up what a page's searchHead takes from other pages:
// the shape (the sections, the taxonomies' terms) and every shown page's
// address, title and whether it is a section (a section's title is its
// pages' "section", a term's page its name). While it and a page's source
// are the same, so is the page's head: the kept one is taken.
func (c *cachedBuild) headContext() [32]byte {
	if c.context == nil {
		v := c.st.view
		shape := shapeOf(v)
		b := append(make([]byte, 0, 64*len(v.Pages)), shape[:]...)
		for _, p := range v.Pages { // each string as its length and its bytes, not quoted
			b = strconv.AppendInt(b, int64(len(p.URL)), 10)
			b = append(append(b, ':'), p.URL...)
			b = strconv.AppendInt(b, int64(len(p.Title)), 10)
			b = append(append(b, ':'), p.Title...)
			b = strconv.AppendBool(b, p.IsSection)
		}
		sum := sha256.Sum256(b)
		c.context = &sum
	}
	return *c.context
}

func opKeys(op *cachedPage) []string {
	if op == nil {
		return nil
	}
	return op.Keys
}

// planned reports whether this build makes the file at url.
func (c *cachedBuild) planned(url string) bool {
	if c.urls == nil {
		c.urls = jobsByURL(c.st.b)
	}
	_, ok := c.urls[url]
	return ok
}

// changed returns the pages whose source changed since the cache's build,
// and of those the ones whose front matter changed or that came or went.
func (c *cachedBuild) changed(old *buildCache) (changed, fronts map[string]bool) {
	changed, fronts = map[string]bool{}, map[string]bool{}
	for p, h := range c.hashes {
		if op := old.Pages[p]; op == nil || op.Hash != h[0] {
			changed[p] = true
			fronts[p] = op == nil || op.Front != h[1]
		}
	}
	for p := range old.Pages {
		if _, ok := c.hashes[p]; !ok {
			changed[p], fronts[p] = true, true
		}
	}
	return changed, fronts
}

// linkTokens names a page that came or went: its file's name and the last
// part of its addresses, which a link to it contains.
func linkTokens(src string, urls ...string) []string {
	toks := []string{strings.TrimSuffix(path.Base(src), ".md")}
	if toks[0] == "_index" || toks[0] == "index" {
		toks[0] = path.Base(path.Dir(src))
	}
	for _, u := range urls {
		if u != "" && u != "/" {
			toks = append(toks, path.Base(strings.TrimSuffix(u, "/")))
		}
	}
	return toks
}

func linksTo(links, tokens []string) bool {
	for _, l := range links {
		for _, t := range tokens {
			if strings.Contains(l, t) {
				return true
			}
		}
	}
	return false
}

func usesAny(keys []string, touched map[string]bool) bool {
	for _, k := range keys {
		if touched[k] {
			return true
		}
	}
	return false
}

// renderChanged renders the planned files (the files with text first, as
// a full build does), the language report with every page's row, and
// writes the search index files that changed.
func (c *cachedBuild) renderChanged() error {
	st, b, old := c.st, c.st.b, c.old
	var srcs []*content.Source
	pick := func(js []job) []job {
		var out []job
		for _, j := range js {
			if c.todo[j.url] {
				out = append(out, j)
				srcs = append(srcs, j.source())
			}
		}
		return out
	}
	texts, rest := pick(b.jobs[:b.texts]), pick(b.jobs[b.texts:])
	for _, j := range b.last { // rendered whole
		srcs = append(srcs, j.source())
	}
	if err := c.bodies(srcs); err != nil {
		return err
	}
	all := b.run(texts)
	c.language()
	all.Merge(b.render(b.last))
	all.Merge(b.render(rest))
	for _, js := range [][]job{b.jobs, b.last} {
		for _, j := range js {
			if !c.todo[j.url] {
				for _, f := range old.Files[j.url].Findings {
					all.Add(f)
				}
			}
		}
	}
	st.all.Merge(all)
	if errs, _ := st.all.Count(); errs > 0 {
		return errFindings
	}
	return c.writeIndex()
}

// language makes the language report's rows: the rendered pages' new
// ones, the others' kept.
func (c *cachedBuild) language() {
	b, r := c.st.b, c.st.o.rec
	b.language = b.language[:0]
	for _, p := range b.view.Pages {
		if row, ok := r.rows[p.URL]; ok {
			b.language = append(b.language, row)
		} else if op := c.old.Pages[p.Src.Path]; op != nil && op.URL == p.URL && op.Row != nil && !c.todo[p.URL] {
			b.language = append(b.language, op.Row.languageRow(p))
		}
	}
	sortLanguage(b.language)
}

// writeIndex makes the search index of every page, the rendered pages'
// documents new and the others' as the cache kept them analysed, and
// writes the files that changed.
func (c *cachedBuild) writeIndex() error {
	b, r := c.st.b, c.st.o.rec
	if b.index == nil {
		return nil
	}
	var kept []string
	for _, js := range [][]job{b.jobs, b.last} {
		for _, j := range js {
			if _, fresh := r.keys[j.url]; fresh || c.todo[j.url] || !j.hasText() || !searched(j.page) {
				continue
			}
			kept = append(kept, j.page.URL)
		}
	}
	if u, ok := b.index.AddKeptAll(c.old.Kept, kept); !ok { // plan renders a page whose document is not kept
		return fmt.Errorf("the build cache has no search document for %s", u)
	}
	dir := strings.TrimPrefix(b.searchPage().URL, "/") + "idx/"
	return b.index.Write(func(name string, data []byte) error {
		rel := dir + strings.TrimPrefix(name, "idx/")
		r.indexFile(rel, data)
		if c.old.Index[rel] == sha256.Sum256(data) {
			return nil
		}
		b.files++
		return b.w.WriteRaw(rel, data)
	})
}

// commit puts the build in place and keeps its cache: a full build is
// swapped in; an incremental one's files are moved into the live output
// and the files it no longer has removed. The old cache goes first, so a
// build stopped midway is followed by a full one.
func (c *cachedBuild) commit() error {
	st := c.st
	next := c.next()
	if err := os.Remove(c.path); err != nil && !os.IsNotExist(err) {
		return err
	}
	var err error
	if c.old == nil {
		err = st.w.Commit()
	} else {
		err = st.w.Merge(c.stale(next))
		st.res.Partial = true
	}
	if err != nil {
		return err
	}
	st.committed = true
	st.res.Pages, st.res.Files = st.b.pagesWritten, st.b.files
	next.save(c.path) // without a cache, the next build is a full one
	return nil
}

// next is the cache of this build: what was rendered now, and the rest
// kept from the old cache.
func (c *cachedBuild) next() *buildCache {
	st, b, r, old := c.st, c.st.b, c.st.o.rec, c.old
	if old == nil {
		old = &buildCache{}
	}
	n := &buildCache{Version: c.version, Digest: st.digest, Shape: shapeOf(st.view), Index: r.idx, Words: glossaryHash(st.gl),
		Parsed: c.parsed, ParseKey: c.pkey, from: c.prev, Glossary: c.glossary, Heads: c.headContext(),
		Files: make(map[string]*cachedFile, len(old.Files)), Pages: make(map[string]*cachedPage, len(st.site.Pages))}
	pages := make(map[string]bool, len(b.jobs)+len(b.last))
	for _, js := range [][]job{b.jobs, b.last} {
		for _, j := range js {
			pages[render.FileFor(j.url)] = true
			if keys, ok := r.keys[j.url]; ok {
				n.Files[j.url] = &cachedFile{Keys: keys, Findings: r.found[j.url]}
				if j.filter != nil {
					n.Files[j.url].Filters = j.page.URL
				}
				if j.pager != nil {
					n.Files[j.url].Pager = pagerSig(j)
				}
			} else if f := old.Files[j.url]; f != nil {
				n.Files[j.url] = f
			}
		}
	}
	if b.index != nil {
		n.Kept = b.index.Keep()
	}
	withTerms(n.Parsed, c.terms)
	c.withKeys(n.Parsed)
	c.nextPages(n, old)
	for _, f := range st.w.Written() {
		if _, ok := r.idx[f]; !ok && !pages[f] {
			n.Other = append(n.Other, f)
		}
	}
	return n
}

// withKeys gives the parses of the next cache their pages' titles'
// collation keys, each changed parse as a copy.
func (c *cachedBuild) withKeys(parsed map[string]*cachedSource) {
	for p, cs := range parsed {
		if pg := c.st.site.PageByPath(p); pg != nil && pg.TitleKey() != cs.Key {
			cp := *cs
			cp.Key = pg.TitleKey()
			parsed[p] = &cp
		}
	}
}

// nextPages puts every page of the site in n: what was rendered now,
// and the rest kept from old.
func (c *cachedBuild) nextPages(n, old *buildCache) {
	st, r := c.st, c.st.o.rec
	keys := make([][]string, len(st.site.Pages)) // on all cores: a read of the view each
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	const step = 512
	for lo := 0; lo < len(keys); lo += step {
		g.Go(func() error {
			for i := lo; i < min(lo+step, len(keys)); i++ {
				keys[i] = render.KeysOf(st.view, st.site.Pages[i])
			}
			return nil
		})
	}
	g.Wait()
	for i, p := range st.site.Pages {
		h := c.hashes[p.Src.Path]
		cp := &cachedPage{Hash: h[0], Front: h[1], Keys: keys[i]}
		if st.view.Has(p) {
			cp.URL = p.URL
		}
		n.Pages[p.Src.Path] = cp
		if cp.URL == "" {
			continue
		}
		if n.Kept != nil && n.Kept.Has(p.URL) {
			head, ok := c.heads[p.URL]
			if !ok {
				head = searchHead(st.view, p)
			}
			cp.Search = head
		}
		op := old.Pages[p.Src.Path]
		if _, ok := r.keys[p.URL]; ok || op == nil || op.URL != p.URL {
			cp.Links = r.links[p.URL]
			if row, ok := r.rows[p.URL]; ok {
				cp.Row = cacheRow(row)
			}
			continue
		}
		cp.Links, cp.Row = op.Links, op.Row
		if cp.Hash == op.Hash && cp.Front == op.Front && cp.Search == op.Search && slices.Equal(cp.Keys, op.Keys) {
			n.Pages[p.Src.Path] = op // the same: its part of the cache file is written as read
		}
	}
}

// stale lists the files of the live output that this build no longer
// makes: pages gone, index files gone, other files not written again.
func (c *cachedBuild) stale(next *buildCache) []string {
	var out []string
	for u := range c.old.Files {
		if next.Files[u] == nil {
			out = append(out, render.FileFor(u))
		}
	}
	for f := range c.old.Index {
		if _, ok := next.Index[f]; !ok {
			out = append(out, f)
		}
	}
	now := map[string]bool{}
	for _, f := range next.Other {
		now[f] = true
	}
	for _, f := range c.old.Other {
		if !now[f] {
			out = append(out, f)
		}
	}
	return out
}

// searchHead sums up the search index's document of page p but its text
// (SearchDoc without the blocks): a kept document (search.Kept) is taken
// while this is the same, or the page is rendered again.
func searchHead(v *site.View, p *site.Page) [32]byte {
	d := SearchDoc(v, p, nil)
	b := make([]byte, 0, 256+len(d.Summary)+len(d.Body))
	put := func(ss ...string) {
		for _, s := range ss {
			b = strconv.AppendInt(b, int64(len(s)), 10)
			b = append(b, ':')
			b = append(b, s...)
		}
	}
	put(d.URL, d.Title, d.Section, d.Summary, d.Body, strconv.FormatFloat(d.Boost, 'g', -1, 64))
	for _, m := range []map[string][]string{d.Facets, d.Fields} {
		put("\x00")
		for _, k := range slices.Sorted(maps.Keys(m)) {
			put(k, strconv.Itoa(len(m[k])))
			put(m[k]...)
		}
	}
	return sha256.Sum256(b)
}
