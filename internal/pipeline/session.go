package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

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
// Update sorts a change into one of three:
//
//   - Only the Markdown body of pages changed (their front matter is the
//     same): those pages are rendered again, nothing else. A body is shown
//     on its own page only.
//   - Front matter changed, but not the site's shape (the same files to
//     render and the same taxonomy terms): the model is made again from the
//     kept sources (site.Build, Select) and the files whose recorded
//     dependencies the change touches are rendered (render/deps.go says
//     which keys a file records and which keys a change touches).
//   - Anything else (a file added or removed, a layout, an asset, the
//     config, the glossary or synonyms, a file the session cannot read as
//     a page): a full build.
//
// Files are written in place, each replaced whole, and only once every one
// of them rendered without error: a failed update leaves the last good
// build. The outputs made from every page (the search index and the
// language report) are brought up to date by Refresh, which the preview
// calls when one of them is asked for (Derived), so an edit does not wait
// for them.
type Session struct {
	o     Options
	mu    sync.Mutex
	last  *recorder // the last good build; nil before the first
	stale bool      // the search index and language report lag behind
}

// NewSession starts a session for o (o.Out must be set).
func NewSession(o Options) *Session { return &Session{o: o} }

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
	if err == nil {
		s.last, s.stale = o.rec, false
	}
	return res, err
}

// Derived reports whether the file at URL path u (as the preview is asked
// for it) is made from every page: the search index or the language report.
func (s *Session) Derived(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil || !s.stale {
		return false
	}
	b := s.last.b
	if sp := b.searchPage(); sp != nil && strings.HasPrefix(u, sp.URL+"idx/") {
		return true
	}
	for _, j := range b.last {
		if u == j.url || u == j.url+"index.html" {
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
		ix, err := NewSearchIndex(b.site, r.prefix)
		if err != nil {
			return err
		}
		for _, p := range b.view.Pages {
			if blocks, ok := r.blocks[p.URL]; ok {
				ix.Add(SearchDoc(b.view, p, blocks))
			}
		}
		dir := strings.TrimPrefix(sp.URL, "/") + "idx/"
		wrote := map[string]bool{}
		if err := ix.Write(func(name string, data []byte) error {
			rel := dir + strings.TrimPrefix(name, "idx/")
			wrote[rel] = true
			return w.WriteRaw(rel, data)
		}); err != nil {
			return err
		}
		// Shards the index no longer has would be served stale.
		old, _ := fs.Glob(os.DirFS(s.o.Out), dir+"*")
		for _, f := range old {
			if !wrote[strings.TrimSuffix(f, ".gz")] {
				os.Remove(filepath.Join(s.o.Out, filepath.FromSlash(f)))
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
	s.stale = false
	return nil
}

// errFullBuild says that a change takes a full build.
var errFullBuild = errors.New("the change takes a full build")

// edit is a changed content file: its page and the new source.
type edit struct {
	page *site.Page
	src  *content.Source
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
	if len(edits) == 0 {
		u.res.Unchanged = true
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
		e, err := u.readOne(rel, abs)
		if err != nil {
			return nil, err
		}
		if e.src != nil {
			edits = append(edits, e)
		}
	}
	return edits, nil
}

// readOne reads the changed file rel (at abs): the edit of a page, or no
// edit (nothing to show, or a source with errors, which are in u.l).
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
		}
		return edit{}, errFullBuild // a new file, or a data or static file
	}
	if statErr != nil || !fi.Mode().IsRegular() || fi.Size() > content.MaxFileSize {
		return edit{}, errFullBuild // deleted, replaced by a link, too large: let a full build say so
	}
	raw, err := os.ReadFile(abs)
	if err != nil {
		return edit{}, errFullBuild
	}
	return edit{p, content.Parse(p.Src.File, p.Src.Path, raw, u.r.b.cfg, &u.l)}, nil
}

// plan finds the files to render again: for edits to bodies alone, the
// edited pages; else, with a model made again, the files whose recorded
// dependencies the edits touch (errFullBuild if the site's shape changed).
func (u *partialBuild) plan(edits []edit) error {
	u.bodyOnly = true
	for _, e := range edits {
		o := e.page.Src
		if o.Kind != e.src.Kind || o.BodyLine != e.src.BodyLine || !reflect.DeepEqual(o.Fields, e.src.Fields) || !reflect.DeepEqual(o.Lines, e.src.Lines) {
			u.bodyOnly = false
		}
	}
	u.next = u.r.b.clone()
	sources := append([]*content.Source(nil), u.r.tree.Sources...)
	for _, e := range edits {
		for i, src := range sources {
			if src == e.page.Src {
				sources[i] = e.src
			}
		}
	}
	u.tree = *u.r.tree
	u.tree.Sources = sources
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

// remodel makes the model again from the kept sources with the edits, and
// plans the files the edits touch.
func (u *partialBuild) remodel(edits []edit) error {
	b := u.r.b
	st, sl := site.Build(b.cfg, withDefaultPages(b.cfg, &u.tree))
	u.l.Merge(sl)
	if u.failed() {
		return errFindings
	}
	view := st.Select(b.view.Target, site.Options{Drafts: u.s.o.Drafts})
	gl, gll := loadGlossary(u.r.prefix, u.tree.Data, st, view)
	u.l.Merge(gll)
	if u.failed() {
		return errFindings
	}
	u.next.site, u.next.view, u.next.gl, u.next.md = st, view, gl, gl.renderer(b.md.Reserved())
	u.next.plan()
	if signature(u.next) != u.r.sig {
		return errFullBuild // the site's shape changed
	}
	touched := map[string]bool{}
	for _, e := range edits {
		for _, k := range render.KeysOf(b.view, e.page) {
			touched[k] = true
		}
		if np := st.PageByPath(e.page.Src.Path); np != nil {
			for _, k := range render.KeysOf(view, np) {
				touched[k] = true
			}
		}
	}
	files := map[string]bool{}
	for k := range touched {
		for url := range u.r.uses[k] {
			files[url] = true
		}
	}
	for _, j := range u.next.jobs {
		if files[j.url] {
			u.todo = append(u.todo, j)
		}
	}
	return nil
}

// write renders the planned files into memory, writes them only if every
// one rendered, and keeps the new state.
func (u *partialBuild) write(ctx context.Context, edits []edit) error {
	rec := newRecorder(true)
	u.next.rec, u.next.ctx = rec, ctx
	u.l.Merge(u.next.run(u.todo))
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
	for _, url := range slices.Sorted(maps.Keys(rec.html)) {
		if err := w.WritePage(render.FileFor(url), rec.html[url]); err != nil {
			w.Commit()
			return err
		}
	}
	w.Commit()
	u.keep(rec, edits)
	u.res.Partial = true
	u.res.Pages = len(rec.html)
	u.res.Files = len(rec.html)
	return nil
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
	if !u.bodyOnly {
		r.jobs = jobsByURL(next) // the same files, of the new model's pages
	}
	u.s.stale = true
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

// signature sums up the site's shape: the files to render and the terms of
// every taxonomy. An update that keeps it needs no full build.
func signature(b *builder) [32]byte {
	h := sha256.New()
	for _, js := range [][]job{b.jobs, b.last} {
		for _, j := range js {
			h.Write([]byte(j.url + "\x00"))
		}
	}
	for _, tx := range b.site.Taxonomies {
		fmt.Fprintf(h, "\x01%s", tx.Name)
		for _, t := range tx.Terms {
			fmt.Fprintf(h, "\x00%s\x00%s", t.Slug, t.Name)
		}
	}
	return [32]byte(h.Sum(nil))
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

	// After a good build (done):
	b          *builder
	tree       *content.Tree
	prefix     string
	contentDir string
	jobs       map[string]job                 // file URL → job
	uses       map[string]map[string]struct{} // dependency key → file URLs
	sig        [32]byte
}

func newRecorder(hold bool) *recorder {
	return &recorder{hold: hold, html: map[string][]byte{}, keys: map[string][]string{},
		blocks: map[string][]markdown.Block{}, rows: map[string]render.LanguageRow{}}
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
	b.w, b.index, b.checked = nil, nil, nil
	r.b, r.tree, r.prefix, r.contentDir = b, tree, prefix, contentDir
	r.jobs = jobsByURL(b)
	r.uses = map[string]map[string]struct{}{}
	for u, keys := range r.keys {
		r.use(u, keys)
	}
	r.sig = signature(b)
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
		for _, k := range r.keys[u] {
			delete(r.uses[k], u)
		}
		r.keys[u] = keys
		r.use(u, keys)
	}
	for u, bl := range n.blocks {
		r.blocks[u] = bl
	}
	for u, row := range n.rows {
		r.rows[u] = row
	}
}
