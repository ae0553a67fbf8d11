package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/output"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// Session keeps the last good build of one target in memory, so that the
// next build after a change to a few content files renders only the files
// that show something of them. The preview uses it; labyrint build does
// not (it always renders everything, into a staging folder).
//
// Update sorts a change into one of these:
//
//   - Only the Markdown body of pages changed (their front matter is the
//     same): those pages are rendered again, nothing else. A body is shown
//     on its own page only.
//   - Front matter changed, or pages came, went or were renamed, but not
//     the site's shape (the same sections and taxonomy terms): the model is
//     made again from the kept sources (site.Rebuild, Select) and the files
//     whose recorded dependencies the change touches are rendered
//     (render/deps.go says which keys a file records and which keys a
//     change touches), with the parts of lists whose items changed.
//   - The glossary file: the pages whose text uses the changed entries,
//     and the glossary page (session_glossary.go).
//   - The synonyms or best bets: nothing is rendered; the search index is
//     made again when it is asked for (see Refresh).
//   - Anything else (a layout, an asset, the config, a section's page, a
//     file the session cannot read as a page): a full build.
//
// Files are written in place, each replaced whole, and only once every one
// of them rendered without error: a failed update leaves the last good
// build. The edited pages' own files are written first. An update that
// made the model again leaves the other files it touches pending, to be
// rendered in the background or when asked for (Fresh; session_lazy.go).
// The outputs made from every page (the search index and the language
// report) are brought up to date by Refresh, which the preview calls when
// one of them is asked for (Derived), so an edit does not wait for them.
type Session struct {
	o     Options
	mu    sync.Mutex
	last  *recorder // the last good build; nil before the first
	stale bool      // the search index and language report lag behind
	// lag names the files that lag behind (nil when none), for Derived,
	// which must not wait for an update: the preview serves the files an
	// update wrote (the edited pages first) while it writes the rest.
	lag atomic.Pointer[lagging]
	// pend is the list pages the last update left to render
	// (session_lazy.go), nil when none.
	pend     *pending
	pendURLs atomic.Pointer[map[string]bool] // the pending files' URLs when pend was made, for Fresh
	// lazyOnly leaves pending files to Fresh and Flush (no background),
	// for tests and benchmarks.
	lazyOnly bool
	// idle is how long the background waits after an update before it
	// starts (backgroundIdle; tests may shorten it).
	idle time.Duration
}

// lagging names the files made from every page: the search index's
// folder and the language report's URLs.
type lagging struct {
	idx  string
	urls []string
}

// setStale records whether the search index and language report lag
// behind the last good build.
func (s *Session) setStale(stale bool) {
	s.stale = stale
	if !stale {
		s.lag.Store(nil)
		return
	}
	l := &lagging{}
	b := s.last.b
	if sp := b.searchPage(); sp != nil {
		l.idx = sp.URL + "idx/"
	}
	for _, j := range b.last {
		l.urls = append(l.urls, j.url)
	}
	s.lag.Store(l)
}

// NewSession starts a session for o (o.Out must be set).
func NewSession(o Options) *Session { return &Session{o: o, idle: backgroundIdle} }

// Build brings the output up to date after changes to the named files
// (absolute or relative paths, as a file watcher reports them). With no
// names, or before a first good build, it builds everything.
func (s *Session) Build(ctx context.Context, changed []string) (*Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last != nil && len(changed) > 0 {
		res, err := s.update(ctx, changed)
		if !errors.Is(err, errFullBuild) {
			return res, err
		}
	}
	return s.full(ctx)
}

func (s *Session) full(ctx context.Context) (*Result, error) {
	o := s.o
	o.rec = newRecorder(false)
	o.Force = true
	res, err := Run(ctx, o)
	s.setPending(nil)
	if err == nil {
		s.last = o.rec
		s.setStale(false)
	}
	return res, err
}

// Derived reports whether the file at URL path u (as the preview is asked
// for it) is made from every page: the search index or the language report.
// It does not wait for an update under way.
func (s *Session) Derived(u string) bool {
	l := s.lag.Load()
	if l == nil {
		return false
	}
	if l.idx != "" && strings.HasPrefix(u, l.idx) {
		return true
	}
	for _, url := range l.urls {
		if u == url || u == url+"index.html" {
			return true
		}
	}
	return false
}

// Refresh writes the search index and the language report again if an
// update has made them stale.
func (s *Session) Refresh(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil || !s.stale {
		return nil
	}
	if err := s.flush(); err != nil { // the pending files' text is indexed too
		return err
	}
	r := s.last
	w, err := output.OpenInPlace(s.o.Out)
	if err != nil {
		return err
	}
	defer w.Commit()
	b := r.b
	b.w, b.ctx = w, ctx
	defer func() { b.w = nil }()
	if sp := b.searchPage(); sp != nil {
		ix, err := r.index(b)
		if err != nil {
			return err
		}
		dir := strings.TrimPrefix(sp.URL, "/") + "idx/"
		wrote := map[string]bool{}
		if err := ix.Write(func(name string, data []byte) error {
			rel := dir + strings.TrimPrefix(name, "idx/")
			wrote[rel] = true
			h := sha256.Sum256(data)
			if r.idx[rel] == h {
				return nil // as written before: most shards, after an edit
			}
			if err := w.WriteRaw(rel, data); err != nil {
				return err
			}
			r.idx[rel] = h
			return nil
		}); err != nil {
			return err
		}
		// Shards the index no longer has would be served stale. One
		// that comes back must then be written again, whatever it held.
		old, _ := fs.Glob(os.DirFS(s.o.Out), dir+"*")
		for _, f := range old {
			if rel := strings.TrimSuffix(f, ".gz"); !wrote[rel] {
				os.Remove(filepath.Join(s.o.Out, filepath.FromSlash(f)))
				delete(r.idx, rel)
			}
		}
	}
	if len(b.last) > 0 {
		b.language = b.language[:0]
		for _, p := range b.view.Pages {
			if row, ok := r.rows[p.URL]; ok {
				row.Page = p
				b.language = append(b.language, row)
			}
		}
		sortLanguage(b.language)
		var l diag.List
		for _, j := range b.last {
			b.page(j, &l)
		}
		if err := l.Err(); err != nil {
			return err
		}
	}
	s.setStale(false)
	return nil
}

// errFullBuild says that a change takes a full build.
var errFullBuild = errors.New("the change takes a full build")

// edit is a changed content file: its page (nil for a new one) and the
// new source (nil for a deleted one, gone).
type edit struct {
	page *site.Page
	src  *content.Source
	gone bool
}

// path is the edited file's path below the content folder.
func (e edit) path() string {
	if e.src != nil {
		return e.src.Path
	}
	return e.page.Src.Path
}

// update tries to bring the output up to date by rendering only what the
// changed files show; errFullBuild when it takes a full build.
func (s *Session) update(ctx context.Context, changed []string) (*Result, error) {
	u := &partialBuild{s: s, r: s.last, start: time.Now(), res: &Result{Target: s.o.Target, Out: s.o.Out}}
	edits, err := u.read(changed)
	if err != nil {
		return nil, err
	}
	if u.failed() {
		return u.result(errFindings)
	}
	if u.gl != nil {
		if len(edits) > 0 {
			return nil, errFullBuild // the glossary with pages: not worth its own way
		}
		if err := u.reword(); err != nil {
			return nil, err
		}
		return u.result(u.write(ctx, nil))
	}
	if len(edits) == 0 {
		if u.data != nil {
			u.keepData() // the synonyms or best bets: the search index alone
			u.res.Partial = true
		} else {
			u.res.Unchanged = true
		}
		u.res.Duration = time.Since(u.start)
		return u.res, nil
	}
	if err := u.plan(edits); err != nil {
		if errors.Is(err, errFullBuild) {
			return nil, err
		}
		return u.result(err)
	}
	return u.result(u.write(ctx, edits))
}

// partialBuild is one Session update's state.
type partialBuild struct {
	s     *Session
	r     *recorder // the last good build
	start time.Time
	res   *Result
	l     diag.List
	// plan
	bodyOnly bool
	next     *builder // the next state: the same model with new bodies, or a new model
	tree     content.Tree
	todo     []job
	gone     []string          // URLs of files the next state no longer has
	data     map[string][]byte // the content's data files, if the search index's or the glossary changed
	gl       *glossary         // the glossary, if its file changed
	words    wordUse           // the counts of use of the glossary's entries, if made again
	moved    bool              // files came or went, or an edited page has aliases: write the addresses again
	relinked map[string]bool   // files whose text links to a page that came or went
	nextJobs map[string]job    // the new model's files by URL (jobsByURL), when remodelled
}

func (u *partialBuild) failed() bool {
	errs, _ := u.l.Count()
	return errs > 0
}

// result is what update returns after its steps ended with err.
func (u *partialBuild) result(err error) (*Result, error) {
	u.res.Duration = time.Since(u.start)
	switch {
	case err == nil:
		u.res.Findings = u.l.Items()
		return u.res, nil
	case errors.Is(err, errFindings):
		u.res.Findings = u.l.Items()
		return u.res, u.l.Err()
	}
	return u.res, err
}

// read reads the changed files as pages; errFullBuild for a change that
// is not to a page's text or front matter.
func (u *partialBuild) read(changed []string) ([]edit, error) {
	contentAbs, err := filepath.Abs(u.r.contentDir)
	if err != nil {
		return nil, errFullBuild
	}
	var edits []edit
	seen := map[string]bool{}
	for _, name := range changed {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, errFullBuild
		}
		rel, err := filepath.Rel(contentAbs, abs)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			return nil, errFullBuild // the config, a layout or an asset
		}
		rel = filepath.ToSlash(rel)
		if seen[rel] {
			continue
		}
		seen[rel] = true
		if indexData(rel) {
			if err := u.readIndexData(rel, abs); err != nil {
				return nil, err
			}
			continue
		}
		if rel == GlossaryFile {
			if err := u.readGlossary(abs); err != nil {
				return nil, err
			}
			continue
		}
		e, err := u.readOne(rel, abs)
		if err != nil {
			return nil, err
		}
		if e.src != nil || e.gone {
			edits = append(edits, e)
		}
	}
	return edits, nil
}

// readOne reads the changed file rel (at abs): the edit of a page (a new
// page has none before, a deleted one no source after), or no edit
// (nothing to show, or a source with errors, which are in u.l).
func (u *partialBuild) readOne(rel, abs string) (edit, error) {
	p := u.r.b.site.PageByPath(rel)
	fi, statErr := os.Lstat(abs)
	if p == nil {
		switch {
		case statErr != nil && u.r.holds(rel):
			return edit{}, errFullBuild // a folder of pages moved or deleted
		case statErr != nil:
			return edit{}, nil // a temporary file that came and went
		case fi.IsDir() && empty(abs):
			return edit{}, nil // a new, empty folder: nothing to show yet
		case newPage(rel, fi):
			return u.parse(nil, rel, abs)
		}
		return edit{}, errFullBuild // a data or static file, a folder
	}
	if errors.Is(statErr, fs.ErrNotExist) && !p.IsSection {
		return edit{page: p, gone: true}, nil
	}
	if statErr != nil || !fi.Mode().IsRegular() || fi.Size() > content.MaxFileSize {
		return edit{}, errFullBuild // replaced by a link, too large: let a full build say so
	}
	return u.parse(p, rel, abs)
}

// newPage reports whether a new file at rel can be read as a new page
// without a full build: a plain Markdown page (a section's _index.md
// changes the site's shape), not a name content.Load leaves out.
func newPage(rel string, fi fs.FileInfo) bool {
	name := path.Base(rel)
	return fi.Mode().IsRegular() && fi.Size() <= content.MaxFileSize && strings.HasSuffix(name, ".md") &&
		name != "_index.md" && !strings.ContainsAny(name[:1], ".#~") && !strings.HasSuffix(name, "~") &&
		!strings.HasPrefix(path.Base(path.Dir(rel)), ".")
}

// parse reads the page at rel (p, nil for a new page) from abs.
func (u *partialBuild) parse(p *site.Page, rel, abs string) (edit, error) {
	raw, err := os.ReadFile(abs)
	if err != nil {
		return edit{}, errFullBuild
	}
	file := path.Join(u.r.prefix, rel)
	if p != nil {
		file = p.Src.File
	}
	return edit{p, content.Parse(file, rel, raw, u.r.b.cfg, &u.l), false}, nil
}

// plan finds the files to render again: for edits to bodies alone, the
// edited pages; else, with a model made again, the files whose recorded
// dependencies the edits touch (errFullBuild if the site's shape changed).
func (u *partialBuild) plan(edits []edit) error {
	u.bodyOnly = true
	for _, e := range edits {
		if e.page == nil || e.gone {
			u.bodyOnly = false
			continue
		}
		o := e.page.Src
		if o.Kind != e.src.Kind || o.BodyLine != e.src.BodyLine || !reflect.DeepEqual(o.Fields, e.src.Fields) || !reflect.DeepEqual(o.Lines, e.src.Lines) {
			u.bodyOnly = false
		}
	}
	u.next = u.r.b.clone()
	u.tree = *u.r.tree
	if u.data != nil {
		u.tree.Data = u.data
	}
	u.tree.Sources = editedSources(u.r.tree.Sources, edits)
	if u.bodyOnly {
		for _, e := range edits {
			if j, ok := u.r.jobs[e.page.URL]; ok && j.page.Layout != ReportLayout {
				j.src = e.src              // the kept page takes it once every file is made
				u.todo = append(u.todo, j) // the report is remade by Refresh
			}
		}
	} else if err := u.remodel(edits); err != nil {
		return err
	}
	u.relist(edits) // the glossary page lists the terms the pages use
	return nil
}

// editedSources returns sources with the edits made: sources replaced,
// added in path order, deleted.
func editedSources(sources []*content.Source, edits []edit) []*content.Source {
	byPath := make(map[string]int, len(edits))
	for i, e := range edits {
		byPath[e.path()] = i
	}
	out := make([]*content.Source, 0, len(sources)+len(edits))
	for _, src := range sources {
		i, ok := byPath[src.Path]
		switch {
		case !ok:
			out = append(out, src)
		case !edits[i].gone:
			out = append(out, edits[i].src)
		}
		delete(byPath, src.Path)
	}
	for _, i := range byPath {
		if !edits[i].gone {
			out = append(out, edits[i].src)
		}
	}
	slices.SortFunc(out, func(a, b *content.Source) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// remodel makes the model again from the kept sources with the edits, and
// plans the files the edits touch: those whose recorded dependencies they
// touch, new files, and the files of pages whose text links to a page that
// came or went. A change to the sections or a taxonomy's terms takes a
// full build.
func (u *partialBuild) remodel(edits []edit) error {
	b := u.r.b
	st, sl := site.Rebuild(b.site, b.cfg, withDefaultPages(b.cfg, &u.tree))
	u.l.Merge(sl)
	if u.failed() {
		return errFindings
	}
	view := st.Select(b.view.Target, site.Options{Drafts: u.s.o.Drafts})
	gl, gll := loadGlossary(u.r.prefix, u.tree.Data, view)
	u.l.Merge(gll)
	if u.failed() {
		return errFindings
	}
	u.next.site, u.next.view, u.next.gl, u.next.md = st, view, gl, gl.renderer(b.md.Reserved())
	u.next.plan()
	if shapeOf(view) != shapeOf(b.view) {
		return errFullBuild // the sections or a taxonomy's terms changed
	}
	touched, lists := map[string]bool{}, map[string]bool{} // lists: those the edited pages are or were in
	var tokens []string                                    // names of pages that came or went
	for _, e := range edits {
		oldURL, newURL := "", ""
		if e.page != nil && b.view.Has(e.page) {
			oldURL = e.page.URL
		}
		np := st.PageByPath(e.path())
		if np != nil && view.Has(np) {
			newURL = np.URL
		}
		for _, k := range render.ChangeKeys(b.view, e.page, view, np) {
			touched[k] = true
		}
		listsOf(lists, b.view, e.page)
		listsOf(lists, view, np)
		u.moved = u.moved || hasAliases(e.page) || hasAliases(np)
		if oldURL != newURL {
			tokens = append(tokens, linkTokens(e.path(), oldURL, newURL)...)
		}
	}
	next := jobsByURL(u.next)
	u.nextJobs = next
	for k := range filtersChanged(u.r.b.jobs, u.r.jobs, u.next.jobs, next) {
		touched[k] = true
	}
	files := map[string]bool{}
	for k := range touched {
		for url := range u.r.uses[k] {
			files[url] = true
		}
	}
	u.relinked = map[string]bool{}
	for url, links := range u.r.links {
		if linksTo(links, tokens) {
			files[url], u.relinked[url] = true, true
		}
	}
	for _, js := range [][]job{u.next.jobs, u.next.last} {
		for _, j := range js {
			was, had := u.r.jobs[j.url]
			if files[j.url] || !had || lists[listOf(j)] && !samePart(j, was) {
				u.todo = append(u.todo, j)
				u.moved = u.moved || !had
			}
		}
	}
	for url := range u.r.jobs {
		if _, ok := next[url]; !ok {
			u.gone = append(u.gone, url)
		}
	}
	if _, l := u.next.aliases(); l != nil {
		u.l.Merge(l) // checked before anything is written
		if u.failed() {
			return errFindings
		}
	}
	return nil
}

// write renders the planned files into memory, writes them only if every
// one rendered, and keeps the new state.
func (u *partialBuild) write(ctx context.Context, edits []edit) error {
	rec := newRecorder(true)
	u.next.rec, u.next.ctx = rec, ctx
	now, later := u.split(edits)
	u.l.Merge(u.next.run(now))
	if err := ctx.Err(); err != nil {
		return err
	}
	if u.failed() {
		return errFindings
	}
	w, err := output.OpenInPlace(u.s.o.Out)
	if err != nil {
		return err
	}
	// The edited pages' own files first: the preview serves each file as
	// soon as it is written, and the editor looks at the page edited.
	first := u.edited(edits, rec)
	for _, url := range first {
		if err := w.WritePage(render.FileFor(url), rec.html[url]); err != nil {
			w.Commit()
			return err
		}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for url, html := range rec.html {
		if !slices.Contains(first, url) {
			g.Go(func() error { return w.WritePage(render.FileFor(url), html) })
		}
	}
	if err := g.Wait(); err != nil {
		w.Commit()
		return err
	}
	if u.moved || len(u.gone) > 0 {
		if err := u.addresses(w); err != nil {
			w.Commit()
			return err
		}
	}
	removeFiles(u.s.o.Out, u.gone)
	w.Commit()
	u.keep(rec, edits)
	u.s.leave(later, rec)
	u.res.Partial = true
	u.res.Pages = len(rec.html)
	u.res.Files = len(rec.html)
	return nil
}

// edited returns the URLs of the edited pages' own files that the update
// rendered (rec holds them).
func (u *partialBuild) edited(edits []edit, rec *recorder) []string {
	var out []string
	for _, e := range edits {
		if np := u.next.site.PageByPath(e.path()); np != nil {
			if _, ok := rec.html[np.URL]; ok && !slices.Contains(out, np.URL) {
				out = append(out, np.URL)
			}
		}
	}
	return out
}

// addresses writes the aliases' redirects, the list of addresses and the
// sitemap of the new model, and removes the redirects of aliases gone.
func (u *partialBuild) addresses(w *output.Writer) error {
	u.next.w = w
	old, _ := u.r.b.aliases()
	now, _ := u.next.aliases()
	kept := map[string]bool{}
	for _, a := range now {
		kept[a.from] = true
	}
	// A renamed page's old address now holds its redirect: not removed.
	u.gone = slices.DeleteFunc(u.gone, func(url string) bool { return kept[url] })
	for _, a := range old {
		if !kept[a.from] {
			u.gone = append(u.gone, a.from)
		}
	}
	if l, err := u.next.addresses(u.s.o.Out, u.tree.Data[RetiredFile], u.r.prefix); err != nil || l != nil {
		if l != nil {
			return l.Err()
		}
		return err
	}
	return u.next.sitemap()
}

// keep makes the update's state the session's last good build.
func (u *partialBuild) keep(rec *recorder, edits []edit) {
	r, next := u.r, u.next
	next.rec, next.w = nil, nil
	if u.bodyOnly {
		for _, e := range edits {
			e.page.Src = e.src
		}
	}
	r.merge(rec)
	r.b = next
	r.tree = &u.tree
	if u.data != nil {
		next.site.Data = u.data
	}
	if u.words != nil {
		r.words = u.words
	}
	if !u.bodyOnly {
		r.jobs = u.nextJobs // the files of the new model's pages
	}
	for _, url := range u.gone {
		for _, k := range r.keys[url] {
			delete(r.uses[k], url)
		}
		delete(r.keys, url)
		delete(r.links, url)
		delete(r.blocks, url)
		delete(r.rows, url)
	}
	u.s.setStale(true)
}

// jobsByURL indexes b's files to render by URL.
func jobsByURL(b *builder) map[string]job {
	m := make(map[string]job, len(b.jobs)+len(b.last))
	for _, j := range b.jobs {
		m[j.url] = j
	}
	for _, j := range b.last {
		m[j.url] = j
	}
	return m
}

// holds reports whether the kept sources had files in folder rel.
func (r *recorder) holds(rel string) bool {
	for _, src := range r.tree.Sources {
		if strings.HasPrefix(src.Path, rel+"/") {
			return true
		}
	}
	for _, p := range r.tree.Static {
		if strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

func empty(dir string) bool {
	es, err := os.ReadDir(dir)
	return err == nil && len(es) == 0
}

// recorder is what a session keeps of a build: the builder with its model,
// which dependency keys each file used, and per page what the search index
// and the language report need.
type recorder struct {
	mu     sync.Mutex
	hold   bool                          // keep rendered files in html instead of writing them
	html   map[string][]byte             // file URL → rendered HTML, when holding
	keys   map[string][]string           // file URL → dependency keys it used
	blocks map[string][]markdown.Block   // page URL → text blocks, for the search index
	rows   map[string]render.LanguageRow // page URL → language figures
	found  map[string][]diag.Finding     // file URL → its findings
	links  map[string][]string           // page URL → the links its text makes
	idx    map[string][32]byte           // search index file → hash of its bytes
	kept   keptIndex                     // the documents of the last index a Refresh made

	// After a good build (done):
	b          *builder
	tree       *content.Tree
	prefix     string
	contentDir string
	jobs       map[string]job                 // file URL → job
	uses       map[string]map[string]struct{} // dependency key → file URLs
	words      wordUse                        // the glossary's counts of use, once an update made them
}

func newRecorder(hold bool) *recorder {
	return &recorder{hold: hold, html: map[string][]byte{}, keys: map[string][]string{},
		blocks: map[string][]markdown.Block{}, rows: map[string]render.LanguageRow{},
		found: map[string][]diag.Finding{}, links: map[string][]string{}, idx: map[string][32]byte{}}
}

// job records the findings of file u.
func (r *recorder) job(u string, l *diag.List) {
	if r == nil {
		return
	}
	items := slices.Clone(l.Items())
	r.mu.Lock()
	r.found[u] = items
	r.mu.Unlock()
}

// linked records where the links of page u's text lead.
func (r *recorder) linked(u string, links []markdown.LinkRef) {
	if r == nil {
		return
	}
	dests := make([]string, len(links))
	for i, l := range links {
		dests[i] = l.Dest
	}
	r.mu.Lock()
	r.links[u] = dests
	r.mu.Unlock()
}

// indexFile records the hash of a search index file as written.
func (r *recorder) indexFile(name string, data []byte) {
	if r == nil {
		return
	}
	h := sha256.Sum256(data)
	r.mu.Lock()
	r.idx[name] = h
	r.mu.Unlock()
}

// file records a rendered file; it reports whether the file is held.
func (r *recorder) file(u string, keys []string, html []byte) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.keys[u] = keys
	if r.hold {
		r.html[u] = bytes.Clone(html) // the caller's bytes go back to a pool
	}
	return r.hold
}

func (r *recorder) row(u string, row render.LanguageRow) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.rows[u] = row
	r.mu.Unlock()
}

func (r *recorder) indexed(u string, blocks []markdown.Block) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.blocks[u] = blocks
	r.mu.Unlock()
}

// done keeps what a good full build leaves for the next update.
func (r *recorder) done(b *builder, tree *content.Tree, prefix, contentDir string) {
	r.keepFull(b, b.index)
	b.w, b.index, b.checked = nil, nil, nil
	r.b, r.tree, r.prefix, r.contentDir = b, tree, prefix, contentDir
	r.jobs = jobsByURL(b)
	r.uses = map[string]map[string]struct{}{}
	for u, keys := range r.keys {
		r.use(u, keys)
	}
	r.html = nil
}

func (r *recorder) use(u string, keys []string) {
	for _, k := range keys {
		m := r.uses[k]
		if m == nil {
			m = map[string]struct{}{}
			r.uses[k] = m
		}
		m[u] = struct{}{}
	}
}

// merge takes in what an update rendered.
func (r *recorder) merge(n *recorder) {
	for u, keys := range n.keys {
		r.rekey(u, r.keys[u], keys)
		r.keys[u] = keys
	}
	for u, bl := range n.blocks {
		r.blocks[u] = bl
		r.kept.changed(u)
	}
	for u, row := range n.rows {
		r.rows[u] = row
	}
	for u, l := range n.links {
		r.links[u] = l
	}
}

// rekey moves file u's entries in uses from its keys before to its keys
// now. A list page rendered again mostly keeps its hundreds of keys: with
// both sorted (render.Data.Used), only the keys that differ are touched.
func (r *recorder) rekey(u string, before, now []string) {
	if !slices.IsSorted(before) || !slices.IsSorted(now) {
		for _, k := range before {
			delete(r.uses[k], u)
		}
		r.use(u, now)
		return
	}
	var added []string
	for len(before) > 0 || len(now) > 0 {
		switch {
		case len(now) == 0 || len(before) > 0 && before[0] < now[0]:
			delete(r.uses[before[0]], u)
			before = before[1:]
		case len(before) == 0 || now[0] < before[0]:
			added = append(added, now[0])
			now = now[1:]
		default:
			before, now = before[1:], now[1:]
		}
	}
	r.use(u, added)
}

// listsOf adds the keys of the lists page p is in (render.KeysOf) to
// lists; nothing for nil.
func listsOf(lists map[string]bool, v *site.View, p *site.Page) {
	if p == nil {
		return
	}
	for _, k := range render.KeysOf(v, p) {
		if strings.HasPrefix(k, "c:") || strings.HasPrefix(k, "t:") {
			lists[k] = true
		}
	}
}

func hasAliases(p *site.Page) bool { return p != nil && len(p.Src.List(AliasField)) > 0 }

// listOf returns the key of the list a list page is a part of (render/deps.go):
// only a list that an edited page is in, or was in, can change its parts;
// "" for a file that is no list page.
func listOf(j job) string {
	switch {
	case j.pager == nil:
		return ""
	case j.filter != nil:
		return "t:" + j.tax.Name + "/" + j.filter.Term.Slug
	}
	return "c:" + j.page.URL
}

// samePart reports whether list pages a and b are the same part of their
// list with the same items in order (what pagerSig sums up), compared
// directly: an update has both in memory.
func samePart(a, b job) bool {
	if (a.pager == nil) != (b.pager == nil) {
		return false
	}
	if a.pager == nil {
		return true
	}
	if a.pager.Number != b.pager.Number || a.pager.Total != b.pager.Total || len(a.pager.Items) != len(b.pager.Items) {
		return false
	}
	for i, p := range a.pager.Items {
		if p.URL != b.pager.Items[i].URL {
			return false
		}
	}
	return true
}

// pagerSig sums up a list page's part of its list: which part of how many,
// and its items in order. A part whose sum is the same shows the same
// items (whose own fields are dependency keys of the file).
func pagerSig(j job) [32]byte {
	h := sha256.New()
	if j.pager != nil {
		fmt.Fprintf(h, "%d/%d\x00", j.pager.Number, j.pager.Total)
		for _, p := range j.pager.Items {
			h.Write([]byte(p.URL + "\x00"))
		}
	}
	return [32]byte(h.Sum(nil))
}

// filtersChanged returns the keys (render.FilterKey) of the sections whose
// filter pages came or went between the files of before and after (a
// builder's jobs, and the same by URL; the language report's files are no
// filter pages).
func filtersChanged(before []job, beforeByURL map[string]job, after []job, afterByURL map[string]job) map[string]bool {
	keys := map[string]bool{}
	for _, m := range []struct {
		jobs  []job
		other map[string]job
	}{{before, afterByURL}, {after, beforeByURL}} {
		for _, j := range m.jobs {
			if j.filter == nil {
				continue
			}
			if _, ok := m.other[j.url]; !ok {
				keys[render.FilterKey(j.page.URL)] = true
			}
		}
	}
	return keys
}

// removeFiles removes the files of the URLs gone from the output out, each
// with its .gz, and the folders they leave empty.
func removeFiles(out string, gone []string) {
	for _, u := range gone {
		f := filepath.Join(out, filepath.FromSlash(render.FileFor(u)))
		os.Remove(f)
		os.Remove(f + ".gz")
		for dir := filepath.Dir(f); dir != out && len(dir) > len(out); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
}
