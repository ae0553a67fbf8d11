// Package pipeline runs the build for one target: read the config, load and
// check the content, build the site model, select the target's view, render
// every page (streamed to disk as it is made), write the search index, the
// sitemap and robots.txt, and swap the finished output in. A build with any
// error leaves the previous output exactly as it was.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/guldborgsund/labyrint/internal/check"
	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/output"
	"github.com/guldborgsund/labyrint/internal/plainlang"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
)

// Options say what to build and where.
type Options struct {
	Source  string // site root: site.yaml, layouts, assets; default "."
	Content string // content folder; default the config's, below Source
	Out     string // output folder; default the target's
	Target  string // target name; default "public"
	Drafts  bool   // include drafts (the preview only)
	Preview bool   // rendered for the preview server
	Check   bool   // check only: run every stage and the link checks, write nothing
	Force   bool   // build even when nothing changed since the output was made
	// Reader reads the content; the command sets its hooks to tune the
	// process (internal packages change no process-wide setting).
	Reader content.Reader

	ImageCache string // folder for the photos' resized copies; default the user's cache folder
	// Incremental keeps a build cache beside the output (<out>.labyrint-cache)
	// and renders only the files a change shows (cache.go).
	Incremental bool

	rec   *recorder        // set by Session: remember what each file used (session.go)
	clock func() time.Time // the time an incremental build's stamps are judged by (content.Stamp.Racy); nil: time.Now
}

// Result tells what a build did.
type Result struct {
	Target    string
	Out       string
	Pages     int // HTML pages written
	Files     int // files written, not counting .gz
	Findings  []diag.Finding
	Duration  time.Duration
	Stages    []Stage              // time spent in each stage, in order
	Language  []render.LanguageRow // every page's plain-language figures, worst first
	Unchanged bool                 // nothing changed since the build in Out: nothing was written
	Partial   bool                 // a Session rendered only the files a change shows (Pages of them)
}

// Stage is the time one pipeline stage took.
type Stage struct {
	Name string
	Took time.Duration
}

// dropsText reports whether the build may let a page's Markdown go once it
// is rendered: a plain or cached build, which nothing reads after it (the
// preview's session and labyrint check keep the sources).
func (o Options) dropsText() bool { return !o.Check && !o.Preview && (o.rec == nil || o.cached()) }

// cached reports whether the build keeps a build cache (incremental.go).
func (o Options) cached() bool { return o.Incremental && !o.Check && !o.Preview }

// under resolves a folder named in the config against the site root.
func under(root, dir string) string {
	if filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(root, dir)
}

type builder struct {
	ctx          context.Context
	o            Options
	cfg          *config.Config
	site         *site.Site
	view         *site.View
	tpl          *render.Templates
	w            *output.Writer
	md           *markdown.Renderer
	gl           *glossary // the editors' word list, see glossary.go
	pics         *pictures // photos' copies, see images.go
	info         render.SiteInfo
	rules        plainlang.Rules
	lixCommon    *plainlang.Common // counts of the short blocks of text many rendered pages show
	index        *search.Index     // nil when the site has no search page
	language     []render.LanguageRow
	filterURLs   []string            // the filter pages' first URLs, for the sitemap
	rec          *recorder           // what each file used, for a Session; nil otherwise
	shared       *render.SharedCache // shared partials made in the current pass
	jobs, last   []job               // the files to render; last: the language report, after jobs[:texts]
	texts        int                 // jobs[:texts] render their page's text; the rest are further list pages
	checked      []*check.Page       // what labyrint check looks at; only with Options.Check
	assetURLs    map[string]string
	mu           sync.Mutex
	pagesWritten int
	files        int
}

// assets copies assets/ with CSS and JS minified and fingerprinted.
func (b *builder) assets(fsys fs.FS) error {
	b.assetURLs = map[string]string{}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "." {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("assets/%s: symbolske links er ikke tilladt i assets; kopiér filen ind i stedet", p)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := p
		switch path.Ext(p) {
		case ".css", ".js":
			if data, err = b.w.Minified(p, data); err != nil {
				return err
			}
			name = output.Fingerprint(p, data)
		}
		b.assetURLs[p] = "/assets/" + name
		b.files++
		return b.w.WriteRaw("assets/"+name, data)
	})
}

type job struct {
	page   *site.Page
	url    string
	pager  *render.Pager
	filter *site.FilterTerm
	tax    *site.Taxonomy
	src    *content.Source // the page's new source in a Session's body-only update; nil: page.Src
}

// source is the source whose text the job renders.
func (j job) source() *content.Source {
	if j.src != nil {
		return j.src
	}
	return j.page.Src
}

// hasText says whether the job renders its page's own text (Markdown):
// every page's first (or only) file. Only these feed the search index and
// the language report.
func (j job) hasText() bool { return j.filter == nil && (j.pager == nil || j.pager.Number == 1) }

// pages renders every page of the view on all cores, writing each as soon
// as it is made. The files with text come first (plan puts them there):
// when they are made, the search index has every document and the language
// report every row. So the report is made then (before the index is
// written: it has text of its own, which is indexed), and writeIndex runs
// beside the rest, the lists' further pages and the filter pages, instead
// of after them on cores left idle by its serial parts.
func (b *builder) pages() (*diag.List, error) {
	b.plan()
	all := b.run(b.jobs[:b.texts])
	sortLanguage(b.language)
	all.Merge(b.render(b.last))
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		err = b.writeIndex()
	}()
	all.Merge(b.render(b.jobs[b.texts:]))
	<-done
	return all, err
}

// sortLanguage orders the language report: hardest pages first.
func sortLanguage(rows []render.LanguageRow) {
	sort.Slice(rows, func(i, j int) bool {
		a, c := rows[i], rows[j]
		if a.Lix != c.Lix {
			return a.Lix > c.Lix
		}
		return a.Page.URL < c.Page.URL
	})
}

// clone returns a builder with b's model and settings and none of its
// results, for a Session's update.
func (b *builder) clone() *builder {
	return &builder{ctx: b.ctx, o: b.o, cfg: b.cfg, site: b.site, view: b.view, tpl: b.tpl, md: b.md, gl: b.gl, lixCommon: b.lixCommon,
		info: b.info, rules: b.rules, assetURLs: b.assetURLs, pics: b.pics.fresh(), jobs: b.jobs, texts: b.texts, last: b.last, filterURLs: b.filterURLs,
		shared: b.shared} // its memoised pieces are kept (render.SharedCache.Next)
}

// plan lists the files to render: b.jobs, then b.last.
func (b *builder) plan() {
	b.filterURLs = nil
	jobs := make([]job, 0, len(b.view.Pages)+len(b.view.Pages)/8) // and the parts of lists
	for _, p := range b.view.Pages {
		if p.IsSection && p.URL != "/" {
			for _, pg := range render.Pages(p.URL, b.view.Children(p), render.ListSize) {
				jobs = append(jobs, job{page: p, url: pg.PageURL(pg.Number), pager: pg})
			}
			for _, f := range b.view.Filters(p) {
				for i := range f.Terms {
					ft := &f.Terms[i]
					b.filterURLs = append(b.filterURLs, ft.URL)
					for _, pg := range render.Pages(ft.URL, ft.Pages, render.ListSize) {
						jobs = append(jobs, job{page: p, url: pg.PageURL(pg.Number), pager: pg, filter: ft, tax: f.Tax})
					}
				}
			}
			continue
		}
		jobs = append(jobs, job{page: p, url: p.URL})
	}
	// The language report shows every page's analysis: render it last,
	// after the files with text, which the others follow (see pages).
	texts, rest := make([]job, 0, len(jobs)), []job(nil)
	var last []job
	for _, j := range jobs {
		switch {
		case j.page.Layout == ReportLayout:
			last = append(last, j)
		case j.hasText():
			texts = append(texts, j)
		default:
			rest = append(rest, j)
		}
	}
	b.jobs, b.texts, b.last = append(texts, rest...), len(texts), last
}

// run renders jobs on all cores in a pass of their own.
func (b *builder) run(jobs []job) *diag.List {
	b.shared = b.shared.Next(b.tpl) // a pass sees one menu and one set of titles; memoised pieces are kept
	return b.render(jobs)
}

// render renders jobs on all cores, in the current pass (b.shared): one
// goroutine a processor takes the next job until none is left, so a
// goroutine's stack, grown deep by the templates, serves many pages (a
// goroutine a job grew a new stack for every page).
func (b *builder) render(jobs []job) *diag.List {
	lists := make([]diag.List, len(jobs))
	var next atomic.Int64
	var g errgroup.Group
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < len(jobs) && b.ctx.Err() == nil; i = int(next.Add(1) - 1) {
				b.page(jobs[i], &lists[i])
				b.rec.job(jobs[i].url, &lists[i])
			}
			return nil
		})
	}
	g.Wait()
	var all diag.List
	for i := range lists {
		all.Merge(&lists[i])
	}
	return &all
}

// page makes one file: the text step (the page's Markdown, for its first
// file) and then the file step (the layout, and writing).
func (b *builder) page(j job, l *diag.List) {
	d, p := b.data(j)
	var links []markdown.LinkRef
	var lang *lixJob // the page's plain-language row, measured once it is rendered
	if j.hasText() {
		var ok bool
		if links, lang, ok = b.text(j, p, d, l); !ok {
			return
		}
		b.rec.linked(p.URL, links)
	}
	if b.o.Check && b.info.Label == "" && j.url == p.URL {
		for _, f := range check.Todo(p.Src.File, p.Src.Line("title"), b.missing(p)) {
			l.Add(f)
		}
	}
	if p.Review != "" && b.info.Label == "" && !b.info.Preview && j.url == p.URL {
		l.Add(diag.Finding{File: p.Src.File, Line: p.Src.Line("review"), Severity: diag.Warning, Code: "review",
			Msg: "til redaktionel gennemlæsning: " + p.Review})
	}
	b.file(j, p, d, links, lang, l)
}

// data is what the layout of job j sees, and the page it renders (on a
// filter page, one made for the filter).
func (b *builder) data(j job) (*render.Data, *site.Page) {
	p := j.page
	d := render.NewData(b.view, p, j.url, b.info, b.assetURLs)
	d.Pager = j.pager
	d.UseShared(b.shared)
	d.Filter, d.FilterOf = render.FilterTermOf(b.view, j.filter), render.TaxonomyOf(j.tax)
	if p.Layout == ReportLayout {
		d.Language = b.language
	}
	if b.rec != nil {
		d.Track()
	}
	if j.filter != nil {
		p = &site.Page{Src: p.Src, URL: j.url, Title: j.filter.Term.Name, Kind: "filter", Layout: "filter", Audience: p.Audience}
		d.Page = p
		d.Section = j.page
	}
	return d, p
}

// text is a page's text step: its Markdown rendered (and minified) into d,
// its problems, glossary and plain-language findings in l, and its
// document in the search index. It returns the links the text makes and
// the page's language-report job (nil if it has no row); ok false if the
// page cannot be made.
func (b *builder) text(j job, p *site.Page, d *render.Data, l *diag.List) (links []markdown.LinkRef, lang *lixJob, ok bool) {
	src := j.source()
	var html string
	var minErr error
	res := b.md.RenderHTML(src.Body, src.BodyLine, b.linkFunc(p, d), func(h []byte) { html, minErr = output.MinifyHTML(h) },
		append(b.gl.renderOptions(p), markdown.WithImages(b.imageFunc(p)))...)
	if b.o.dropsText() {
		// A body is rendered once per build, here: let a large site's
		// file contents go as soon as their page is made.
		p.Src.Body = nil
	}
	for _, pr := range res.Problems {
		sev := diag.Warning
		if pr.Error {
			sev = diag.Error
		}
		l.Add(diag.Finding{File: p.Src.File, Line: pr.Line, Severity: sev, Code: pr.Code, Msg: pr.Msg})
	}
	if minErr != nil {
		l.Add(diag.Finding{File: p.Src.File, Line: p.Src.BodyLine, Severity: diag.Error, Code: "minify", Msg: minErr.Error()})
		return nil, nil, false
	}
	d.Content = templateHTML(html)
	d.Headings = res.Headings
	unexplained := b.gl.check(p, d, res.Blocks, l)
	// Sentences and paragraphs are checked in the Markdown, where they
	// have lines; a public page's LIX is measured on the rendered page
	// (measureLix), lists, cards and contact blocks included.
	rendered := b.lixRendered(p)
	rules := b.rules
	if rendered {
		rules.LixTarget, rules.LixError = 0, 0
	}
	var known *plainlang.Known // the Markdown's blocks, measured again on the rendered page
	if rendered {
		known = &plainlang.Known{}
	}
	rep := plainlang.AnalyzeKnown(p.Src.File, res.Blocks, rules, known)
	for _, f := range rep.Findings {
		l.Add(f)
	}
	if p.Layout != ReportLayout && p.Kind != "notfound" {
		lang = &lixJob{terms: unexplained, findings: len(rep.Findings), rendered: rendered, known: known}
		if !rendered {
			lang.rep = rep
		}
	}
	if searched(p) {
		if !b.o.cached() { // a cached build keeps the analysed document (search.Kept), not the blocks
			b.rec.indexed(p.URL, res.Blocks)
		}
		if b.index != nil {
			b.index.Add(SearchDoc(b.view, p, res.Blocks))
		}
	}
	return res.Links, lang, true
}

// file is a page's file step: the layout executed with d, the page's LIX
// measured on what it shows (lang, if it has a row), and the HTML written
// (or, in a Session's update, held until every file is made).
func (b *builder) file(j job, p *site.Page, d *render.Data, links []markdown.LinkRef, lang *lixJob, l *diag.List) {
	var held bool
	var werr error
	err := b.tpl.Render(d, func(html []byte) {
		var r *refs // what labyrint check needs of the page
		if b.o.Check {
			r = newRefs()
		}
		if lang != nil && lang.rendered {
			b.measureMain(p, lang, html, r) // r read in the same pass
		} else if r != nil {
			r.ids, r.hrefs = pageRefs(html)
		}
		if r != nil {
			b.collect(j, p, r, links)
		}
		if b.rec != nil && b.rec.file(j.url, d.Used(), html) {
			held = true // until every file of an update is made (Session)
			return
		}
		werr = b.w.WritePage(render.FileFor(j.url), html)
	})
	if err != nil {
		l.Add(diag.Finding{File: p.Src.File, Line: 1, Severity: diag.Error, Code: "template", Msg: "skabelonen fejlede: " + err.Error()})
		return
	}
	if lang != nil {
		b.measureLix(p, lang, l)
	}
	if held {
		return
	}
	if werr != nil {
		l.Add(diag.Finding{File: p.Src.File, Line: 1, Severity: diag.Error, Code: "write", Msg: werr.Error()})
		return
	}
	b.mu.Lock()
	b.pagesWritten++
	b.files++
	b.mu.Unlock()
}

// writeIndex writes the search index into the search page's idx/ folder,
// compressing and writing its files on all cores; nothing if the site has
// no search page.
func (b *builder) writeIndex() error {
	if b.index == nil {
		return nil // the site has no search page
	}
	dir := strings.TrimPrefix(b.searchPage().URL, "/") + "idx/"
	type file struct {
		name string
		data []byte
	}
	var files []file
	err := b.index.Write(func(name string, data []byte) error {
		files = append(files, file{dir + strings.TrimPrefix(name, "idx/"), data})
		b.rec.indexFile(files[len(files)-1].name, data)
		return nil
	})
	if err != nil {
		return err
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range files {
		g.Go(func() error { return b.w.WriteRaw(f.name, f.data) })
	}
	b.mu.Lock() // pages are written meanwhile (see pages)
	b.files += len(files)
	b.mu.Unlock()
	return g.Wait()
}

// SearchLayout is the layout of the search page; a site with such a page
// gets a search index beside it (in its idx/ folder).
const SearchLayout = "search"

// ReportLayout is the layout of the language report page: it is rendered
// after every other page and gets their plain-language figures.
const ReportLayout = "sprograpport"

// searchPage returns the view's search page, or nil.
func (b *builder) searchPage() *site.Page {
	for _, p := range b.view.Pages {
		if p.Layout == SearchLayout {
			return p
		}
	}
	return nil
}

// searched reports whether page p's text goes into the search index.
func searched(p *site.Page) bool { return p.Kind != "notfound" && p.Layout != SearchLayout }

// SearchDoc is what the index sees of a page: its title, summary,
// headings and text, the text of its kind's own fields (an offer's "who is
// it for" and "what you get" are on the page too), the fields site.yaml's
// search.weights indexes as parts of their own (phrases), its top
// section's title and its taxonomy terms. Exported so the search quality test indexes
// the real site exactly as the build does.
func SearchDoc(v *site.View, p *site.Page, blocks []markdown.Block) search.Doc {
	d := search.Doc{URL: p.URL, Title: p.Title, Summary: p.Summary, Facets: map[string][]string{}}
	var body strings.Builder
	n := 64 // room for a few short fields
	for _, bl := range blocks {
		n += len(bl.Text) + 1
	}
	body.Grow(n)
	for _, bl := range blocks {
		if bl.Kind == markdown.Heading {
			d.Headings = append(d.Headings, bl.Text)
			continue
		}
		body.WriteString(bl.Text)
		body.WriteByte('\n')
	}
	extra := v.Config().SearchFields()
	for _, n := range extra {
		if t := searchFieldText(p.Field(n)); len(t) > 0 {
			if d.Fields == nil {
				d.Fields = map[string][]string{}
			}
			d.Fields[n] = t
		}
	}
	if k := p.Src.Kind; k != nil {
		d.Boost = v.Config().Search.Boost[k.Name]
		names := make([]string, 0, len(k.Fields))
		for n, f := range k.Fields {
			if f.Taxonomy == "" && f.Enum == nil && (f.Type == "string" || f.Type == "list") && !slices.Contains(extra, n) {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			switch x := p.Field(n).(type) {
			case string:
				body.WriteString(x)
				body.WriteByte('\n')
			case []string:
				for _, s := range x {
					body.WriteString(s)
					body.WriteByte('\n')
				}
			}
		}
	}
	d.Body = body.String()
	if crumbs := v.Breadcrumbs(p); len(crumbs) > 1 {
		d.Section = crumbs[1].Title
	} else if p.IsSection && p.URL != "/" {
		d.Section = p.Title
	}
	for _, tx := range v.Taxonomies() {
		if tx.Free {
			continue
		}
		for _, t := range v.Terms(p, tx.Name) {
			d.Facets[tx.Name] = append(d.Facets[tx.Name], t.Name)
		}
	}
	return d
}

// linkFunc resolves links written in p's Markdown: site paths and .md paths
// become relative links to pages this target shows; a link to a page that
// does not exist, or that this target does not show, is an error.
func (b *builder) linkFunc(p *site.Page, d *render.Data) markdown.LinkFunc {
	return func(dest string, image bool) (string, string, bool) {
		if dest == "" {
			return dest, "linket har ingen adresse", true
		}
		if image && isExternal(dest) {
			// The reader's browser would fetch it from another server (the
			// hosting CSP blocks it, and the other server learns who reads).
			return dest, fmt.Sprintf("billedet %q hentes fra en anden server; læg billedet i indholdsmappen og link til det derfra", dest), false
		}
		if strings.HasPrefix(dest, "#") || isExternal(dest) {
			return dest, "", false
		}
		u, frag := dest, ""
		if i := strings.IndexByte(u, '#'); i >= 0 {
			u, frag = u[:i], u[i:]
		}
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		var target *site.Page
		var contentPath string
		if strings.HasPrefix(u, "/") {
			clean := path.Clean(u)
			if clean != "/" && strings.HasSuffix(u, "/") {
				clean += "/"
			}
			target = b.site.PageByURL(clean)
			contentPath = strings.TrimPrefix(clean, "/")
		} else {
			joined := path.Join(path.Dir(p.Src.Path), u)
			if strings.HasPrefix(joined, "../") || joined == ".." {
				return "#", fmt.Sprintf("linket %q peger uden for sitet", dest), true
			}
			contentPath = joined
			if strings.HasSuffix(u, ".md") {
				target = b.site.PageByPath(joined)
			}
		}
		if target == nil {
			if b.view.HasStatic(contentPath) {
				return d.Rel("/"+contentPath) + frag, "", false
			}
			if b.site.IsStatic(contentPath) {
				return "#", fmt.Sprintf("filen %q ligger i en sektion, som målet %q ikke viser", dest, b.view.Target.Name), true
			}
			what := "siden"
			if image {
				what = "billedet"
			} else if ext := path.Ext(u); ext != "" && ext != ".md" && ext != ".html" {
				what = "filen"
			}
			msg := fmt.Sprintf("%s %q findes ikke", what, dest)
			if sug := b.suggestURL(u); sug != "" {
				msg += fmt.Sprintf(" (mente du %s?)", sug)
			}
			return "#", msg, true
		}
		if !b.view.Has(target) {
			if target.Draft {
				return "#", fmt.Sprintf("linket peger på %s, som er en kladde (draft) og ikke bliver udgivet", target.Src.File), true
			}
			return "#", fmt.Sprintf("linket peger på en side, som målet %q ikke viser (%s har audience %q)", b.view.Target.Name, target.Src.File, target.Audience), true
		}
		return d.Rel(target.URL) + frag, "", false
	}
}

func (b *builder) suggestURL(u string) string {
	var urls []string
	for _, p := range b.view.Pages {
		urls = append(urls, p.URL)
	}
	if !strings.HasSuffix(u, "/") && !strings.HasSuffix(u, ".md") {
		u += "/"
	}
	return diag.Suggest(u, urls)
}

func isExternal(d string) bool {
	i := strings.IndexByte(d, ':')
	if i <= 0 {
		return strings.HasPrefix(d, "//")
	}
	scheme := strings.ToLower(d[:i])
	return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel"
}

// static publishes the non-Markdown files of content/ as they are. A file
// whose place in the output (or its .gz twin's) is taken is reported at its
// path, prefix/p.
func (b *builder) static(fsys fs.FS, prefix string) (*diag.List, error) {
	var l diag.List
	for _, p := range b.view.Static() {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		var clash *output.Clash
		if err := b.w.WriteRaw(p, data); errors.As(err, &clash) {
			l.Add(diag.Finding{File: path.Join(prefix, p), Severity: diag.Error, Code: "output-clash",
				Msg:  fmt.Sprintf("filen vil ligge samme sted som en fil, sitet selv laver (%s)", clash.Taken),
				Hint: "omdøb filen eller flyt den til en anden mappe"})
			continue
		} else if err != nil {
			return nil, err
		}
		b.files++
	}
	return &l, nil
}

// Targets lists the target names of the site at o.Source.
func Targets(o Options) ([]string, error) {
	if o.Source == "" {
		o.Source = "."
	}
	cfg, err := config.Load(os.DirFS(o.Source))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range cfg.SortedTargets() {
		out = append(out, t.Name)
	}
	return out, nil
}

// SourceDirs returns the folders and files a build of o reads: the config,
// the content, the layouts and the assets (for the preview's watcher).
func SourceDirs(o Options) ([]string, error) {
	if o.Source == "" {
		o.Source = "."
	}
	cfg, err := config.Load(os.DirFS(o.Source))
	if err != nil {
		return nil, err
	}
	content := o.Content
	if content == "" {
		content = under(o.Source, cfg.Content)
	}
	return []string{o.Source, content, under(o.Source, cfg.Layouts), under(o.Source, cfg.Assets)}, nil
}

// collect keeps what labyrint check needs of one rendered file.
func (b *builder) collect(j job, p *site.Page, r *refs, links []markdown.LinkRef) {
	cp := &check.Page{URL: j.url, File: p.Src.File, IDs: r.ids, Hrefs: r.hrefs}
	for _, l := range links {
		cl := check.Link{Dest: l.Dest, Line: l.Line}
		u, frag, _ := strings.Cut(l.Dest, "#")
		cl.Frag = frag
		switch {
		case u == "" || isExternal(u):
		case strings.HasPrefix(u, "/"):
			if t := b.site.PageByURL(path.Clean(u) + "/"); t != nil {
				cl.To = t.URL
			} else if t := b.site.PageByURL(u); t != nil {
				cl.To = t.URL
			}
		case strings.HasSuffix(u, ".md"):
			if t := b.site.PageByPath(path.Join(path.Dir(p.Src.Path), u)); t != nil {
				cl.To = t.URL
			}
		}
		if cl.Frag != "" && u != "" && cl.To == "" {
			continue // a link to a file, not a page
		}
		cp.Links = append(cp.Links, cl)
	}
	b.mu.Lock()
	b.checked = append(b.checked, cp)
	b.mu.Unlock()
}

// DigestFile, in the output, holds the digest of the build that made it.
const DigestFile = ".labyrint-digest"

// exeHashed is the state of a SHA-256 that has hashed the generator
// itself, made once: a build digests twice (the output's digest and an
// incremental build's cacheVersion), and the generator is 20 MB. Nil if
// it cannot be read.
var exeHashed = sync.OnceValue(func() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	io.Copy(h, f)
	state, _ := h.(encoding.BinaryMarshaler).MarshalBinary()
	return state
})

// buildDigest hashes everything a build's output depends on: the generator
// itself, the config, the content, the layouts and assets, and the options.
func buildDigest(o Options, target string, content []byte, dirs ...string) string {
	h := sha256.New()
	if state := exeHashed(); state != nil {
		h.(encoding.BinaryUnmarshaler).UnmarshalBinary(state)
	}
	fmt.Fprintf(h, "%s\x00%v\x00", target, o.Drafts)
	if b, err := os.ReadFile(filepath.Join(o.Source, config.FileName)); err == nil {
		h.Write(b)
	}
	h.Write(content)
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(d, p)
			h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
			h.Write(b)
			return nil
		})
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
