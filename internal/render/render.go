// Package render executes the site's html/template layouts for the pages of
// one View. Layouts are parsed once per build: layouts/_base.html is the
// document every page shares, layouts/partials/*.html hold named pieces,
// and every other layouts/NAME.html defines "main" (and may define "head")
// for the pages whose layout is NAME. A piece every page shows nearly alike
// (the header, the footer) is written {{.Shared "partials/header.html"}} and
// made once per variant, not once per page (shared.go); a piece made from a
// small value alone, such as a list of terms, is made once per distinct
// value (memo.go). Templates get a *Data, whose methods hand
// out only what the View shows, and every link they make is relative to the
// page (so the output works under any sub-path and from file://).
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/site"
)

// Templates are the parsed layouts of one site.
type Templates struct {
	byName map[string]*template.Template
	// asWritten holds the layouts parsed as written when byName holds them
	// minified: an error is told from these, so that its line and column
	// are the ones in the file.
	asWritten map[string]*template.Template
}

// Parse reads every layout from fsys (the layouts folder). A non-nil
// minify is applied to each layout's source before it is parsed (the
// build passes output.MinifyLayout); the layouts are then parsed as
// written too, for errors that point into the files.
func Parse(fsys fs.FS, minify func([]byte) ([]byte, error)) (*Templates, error) {
	partials, _ := fs.Glob(fsys, "partials/*.html")
	files, _ := fs.Glob(fsys, "*.html")
	src := map[string]string{}
	for _, f := range append(append([]string{"_base.html"}, partials...), files...) {
		if _, read := src[f]; read {
			continue // _base.html is among files too
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", f, err)
		}
		src[f] = string(b)
	}
	asWritten, err := parseSet(files, partials, src)
	if err != nil {
		return nil, err
	}
	if minify == nil {
		return &Templates{byName: asWritten}, nil
	}
	for f, s := range src {
		b, err := minify([]byte(s))
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", f, err)
		}
		src[f] = string(b)
	}
	byName, err := parseSet(files, partials, src)
	if err != nil {
		return nil, fmt.Errorf("skabelonerne virker ikke efter minificering: %w", err)
	}
	return &Templates{byName: byName, asWritten: asWritten}, nil
}

// parseSet parses, for each layout in files, a template set of
// _base.html, the partials and the layout, from their sources in src.
func parseSet(files, partials []string, src map[string]string) (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, f := range files {
		if f == "_base.html" {
			continue
		}
		tpl := template.New("_base.html").Funcs(funcs)
		if _, err := tpl.Parse(src["_base.html"]); err != nil {
			return nil, fmt.Errorf("layouts/_base.html: %w", err)
		}
		for _, p := range partials {
			if _, err := tpl.New(p).Parse(src[p]); err != nil {
				return nil, fmt.Errorf("layouts/%s: %w", p, err)
			}
		}
		if _, err := tpl.New(f).Parse(src[f]); err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", f, err)
		}
		out[strings.TrimSuffix(f, ".html")] = tpl
	}
	return out, nil
}

// Names lists the layouts.
func (t *Templates) Names() []string {
	var out []string
	for n := range t.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render renders d with its page's layout and, if that worked, passes the
// bytes to use, which may not keep them: they go back to a pool after.
func (t *Templates) Render(d *Data, use func([]byte)) error {
	tpl := t.byName[d.Page.Layout]
	if tpl == nil {
		return fmt.Errorf("skabelonen layouts/%s.html findes ikke (mulige: %s)", d.Page.Layout, strings.Join(t.Names(), ", "))
	}
	d.trackJob()
	d.set = tpl
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	defer bufPool.Put(b)
	if err := tpl.ExecuteTemplate(b, "_base.html", d); err != nil {
		return t.errorAsWritten(d, err)
	}
	use(b.Bytes())
	return nil
}

// errorAsWritten runs the page again with the layouts as written, which
// fail the same way, so that err's line and column are the file's, not
// the minified layout's. The run uses no shared pieces and keeps none.
func (t *Templates) errorAsWritten(d *Data, err error) error {
	tpl := t.asWritten[d.Page.Layout]
	if tpl == nil {
		return err
	}
	again := *d
	again.set, again.shared, again.used = tpl, nil, nil
	if err2 := tpl.ExecuteTemplate(io.Discard, "_base.html", &again); err2 != nil {
		return err2
	}
	return err
}

var months = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

var funcs = template.FuncMap{
	// date writes a date the Danish way: "23. november 2026".
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
	},
	"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	// tel makes a tel: URL from a Danish phone number.
	"tel": func(s string) template.URL {
		var b strings.Builder
		for _, r := range s {
			if r >= '0' && r <= '9' || r == '+' {
				b.WriteRune(r)
			}
		}
		n := b.String()
		if len(n) == 8 {
			n = "+45" + n
		}
		return template.URL("tel:" + n) // digits and + only: safe
	},
	// phone writes a phone number with non-breaking spaces, so it never
	// breaks over two lines.
	"phone": func(s string) template.HTML {
		return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), " ", "&nbsp;"))
	},
	"join":  strings.Join,
	"words": strings.Fields,
	"lower": strings.ToLower,
	"list": func(v interface{}) []string {
		switch x := v.(type) {
		case []string:
			return x
		case string:
			if x == "" {
				return nil
			}
			return []string{x}
		}
		return nil
	},
	"str": func(v interface{}) string {
		if v == nil {
			return ""
		}
		return fmt.Sprint(v)
	},
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	},
	"add": func(a, b int) int { return a + b },
	// dict makes a map from key, value pairs, for jsonld.
	"dict": func(kv ...interface{}) (map[string]interface{}, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: ulige antal argumenter")
		}
		m := make(map[string]interface{}, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: nøglen %v er ikke tekst", kv[i])
			}
			if kv[i+1] != nil && kv[i+1] != "" {
				m[k] = kv[i+1]
			}
		}
		return m, nil
	},
	// jsonld writes a value as JSON for a <script type="application/ld+json">
	// block; encoding/json escapes <, > and & so it cannot end the element.
	"jsonld": func(v interface{}) (template.JS, error) {
		b, err := json.Marshal(v)
		return template.JS(b), err
	},
}

// Data is what a layout sees: the page, its content, and methods that give
// only what the target's View holds. Nothing exported leads from Data to a
// page the target does not show (sealed.go).
type Data struct {
	Page     *site.Page
	Site     SiteInfo
	Content  template.HTML         // the rendered Markdown body
	Headings []markdown.HeadingRef // the body's headings, for a table of contents
	Pager    *Pager                // for paged section lists; nil otherwise
	Filter   *FilterTerm           // on a filter page: the term and its pages; nil otherwise
	FilterOf *Taxonomy             // on a filter page: the taxonomy filtered by
	Section  *site.Page            // on a filter page: the section it filters
	Language []LanguageRow         // on the language report page: every page, worst first
	Glossary []GlossaryEntry       // on the glossary page: every entry, A–Å
	URL      string                // the URL this file is written at (differs from Page.URL on later list pages)
	Assets   map[string]string     // logical asset name → site-absolute fingerprinted URL
	view     *site.View            // the target's view: never handed to a layout
	root     string                // relative path from this file to the site root
	portable bool
	used     map[string]struct{} // dependency keys, when tracked (deps.go)
	set      *template.Template  // the layout's template set, while it executes
	shared   *SharedCache        // shared partials already made (shared.go)
}

// SiteInfo is site-wide information for layouts.
type SiteInfo struct {
	Title    string
	Owner    string
	Language string
	Label    string // the target's visible mark, e.g. "Intranet"; "" on the public site
	Target   string // the target's name
	Preview  bool   // rendered by the preview server
	Year     int
	Params   map[string]string // site.yaml params, for the layouts
}

// NewData makes the data for page p written at URL u.
func NewData(v *site.View, p *site.Page, u string, info SiteInfo, assets map[string]string) *Data {
	d := &Data{view: v, Page: p, Site: info, URL: u, Assets: assets, portable: v.Target.Portable}
	switch {
	case strings.HasSuffix(u, ".html") && !strings.HasSuffix(u, "/index.html") && strings.Count(u, "/") == 1:
		d.root = v.Target.Base // 404.html is served at any depth: use the base path
		d.portable = false
	default:
		d.root = strings.Repeat("../", depth(u))
	}
	return d
}

func depth(u string) int {
	s := strings.Trim(u, "/")
	if s == "" {
		return 0
	}
	return strings.Count(s, "/") + 1
}

// maxTitle is the longest <title> a page gets; longer ones leave out the
// site's name, then shorten the page's own title.
const maxTitle = 70

// DocTitle is the text of the page's <title>: the page's title (and list
// page number), then the site's title and the target's label when it fits.
func (d *Data) DocTitle() string {
	t := d.Page.Title
	if d.Pager != nil && d.Pager.Number > 1 {
		t += fmt.Sprintf(" – side %d", d.Pager.Number)
	}
	site := d.Site.Title
	if d.Site.Label != "" {
		site += " (" + d.Site.Label + ")"
	}
	if d.Page.URL == "/" {
		return site
	}
	if full := t + " – " + site; titleLen(full) <= maxTitle {
		return full
	}
	if titleLen(t) > maxTitle {
		r := []rune(t)
		for titleLen(string(r))+1 > maxTitle {
			r = r[:len(r)-1]
		}
		return string(r) + "…"
	}
	return t
}

// titleLen is a title's length as the page spells it: html/template writes
// ' " + & as five characters (&#39; …) and < > as four, and the HTML checker
// (html-validate's long-title) counts what is written.
func titleLen(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '\'', '"', '+', '&':
			n += 5
		case '<', '>':
			n += 4
		default:
			n++
		}
	}
	return n
}

// Portable reports whether links end in index.html (a target opened from file://).
func (d *Data) Portable() bool { return d.portable }

// Root is the relative path to the site root ("" on the front page).
func (d *Data) Root() string { return d.root }

// Rel makes a site-absolute URL path relative to the current file.
func (d *Data) Rel(u string) string {
	frag := ""
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u, frag = u[:i], u[i:]
	}
	if u == "" {
		return frag
	}
	r := d.root + strings.TrimPrefix(u, "/")
	if d.portable && strings.HasSuffix(r, "/") || d.portable && r == "" {
		r += "index.html"
	}
	if r == "" {
		r = "./"
	}
	return r + frag
}

// Link returns the relative link to a page, a term (its page), or a URL path.
func (d *Data) Link(x interface{}) string {
	switch v := x.(type) {
	case *site.Page:
		return d.Rel(v.URL)
	case Term:
		if v.Page != nil {
			return d.Rel(v.Page.URL)
		}
		return ""
	case *Term:
		if v != nil && v.Page != nil {
			return d.Rel(v.Page.URL)
		}
		return ""
	case string:
		return d.Rel(v)
	}
	return ""
}

// Asset returns the relative link to an asset by its name in assets/.
func (d *Data) Asset(name string) (string, error) {
	u, ok := d.Assets[name]
	if !ok {
		return "", fmt.Errorf("filen assets/%s findes ikke", name)
	}
	return d.Rel(u), nil
}

// IsCurrent reports whether p is the page being rendered.
func (d *Data) IsCurrent(p *site.Page) bool { return p == d.Page }

// InSection reports whether the page being rendered is p or below it.
func (d *Data) InSection(p *site.Page) bool {
	return p == d.Page || p.URL != "/" && strings.HasPrefix(d.Page.URL, p.URL)
}

// Children returns the visible pages directly below the page.
func (d *Data) Children() []*site.Page {
	d.use(listKey(d.Page))
	ps := d.view.Children(d.Page)
	d.usePages(ps) // their titles and order
	return ps
}

// ChildrenOf returns the visible pages directly below p.
func (d *Data) ChildrenOf(p *site.Page) []*site.Page {
	if p == nil || !d.view.Has(p) {
		return nil
	}
	d.use(listKey(p))
	ps := d.view.Children(p)
	d.usePages(ps)
	return ps
}

// PageAt returns the visible page at URL u, or nil.
func (d *Data) PageAt(u string) *site.Page {
	p := d.view.PageByURL(u)
	if p == nil {
		return nil
	}
	d.use(pageKey(p))
	return p
}

// Filters returns the filter pages of the page (a section), by taxonomy.
func (d *Data) Filters() []Filter {
	fs := d.view.Filters(d.Page)
	d.useFilters(fs)
	return filtersOf(d.view, fs)
}

// FilterIn returns the filter by taxonomy tax of the section at URL u (nil
// if there is none), for pages that lead into it, such as a guide.
func (d *Data) FilterIn(u, tax string) *Filter {
	sec := d.PageAt(u)
	if sec == nil {
		return nil
	}
	for _, f := range d.view.Filters(sec) {
		if f.Tax.Name == tax {
			fs := []site.Filter{f}
			d.useFilters(fs)
			return &filtersOf(d.view, fs)[0]
		}
	}
	return nil
}

// Breadcrumbs returns the visible sections from the front page down to the
// page's parent. Pages in one folder share their trail, so a layout can
// write it {{.Memo "partials/crumbs.html" .Breadcrumbs}}.
func (d *Data) Breadcrumbs() Trail {
	var ps []*site.Page
	if d.Section != nil {
		ps = append(d.view.Breadcrumbs(d.Section), d.Section)
	} else {
		ps = d.view.Breadcrumbs(d.Page)
	}
	d.usePages(ps)
	out := make(Trail, len(ps))
	for i, p := range ps {
		out[i] = Crumb{URL: p.URL, Title: p.Title, Link: d.Rel(p.URL)}
	}
	return out
}

// Cards returns the pages ps with their links, for a list of cards: one
// call for the list instead of a Link call for each page. Given to Memo,
// each card is made (or found) on its own: a case is on several lists.
func (d *Data) Cards(ps []*site.Page) Cards {
	out := make(Cards, len(ps))
	for i, p := range ps {
		out[i] = Card{Page: p, Title: p.Title, Summary: p.Summary, Kind: p.Kind, Link: d.Rel(p.URL), Context: d.contextOf(p)}
	}
	return out
}

// HasKind reports whether any of the pages ps is of the kind.
func (d *Data) HasKind(ps []*site.Page, kind string) bool {
	for _, p := range ps {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// Card is a page in a list and the relative link to it. The fields a card
// shows are copied, not reached through an embedded *site.Page: a template
// finds a promoted field only by reflect's slow search, which allocates.
type Card struct {
	Page                 *site.Page
	Title, Summary, Kind string
	Link                 string
	Context              string // where the title repeats, the section above the page (nav.go)
}

// Cards is a list of cards; see Data.Cards.
type Cards []Card

// memoKey spells the card's fields; with the page's URL, they spell a
// card in any render pass if the partial reaches no more of the page
// (SharedCache.Next).
func (c Card) memoKey() string { return c.spelled(c.Link) }

// spelled returns the card's page URL and fields with link in place of
// the card's, separated by NULs.
func (c Card) spelled(link string) string {
	return strings.Join([]string{c.Page.URL, link, c.Title, c.Summary, c.Kind, c.Context}, "\x00")
}

func (cs Cards) memoItems() []Memoable { return memoables(cs) }

// Crumb is a page above this one in the breadcrumb trail: its URL path,
// its title and the relative link to it.
type Crumb struct{ URL, Title, Link string }

// Menu returns the main menu's pages.
func (d *Data) Menu() []*site.Page {
	d.use(menuKey)
	return d.view.Menu()
}

// Terms returns the terms of taxonomy tax the page refers to.
func (d *Data) Terms(tax string) []Term {
	ts := d.view.Terms(d.Page, tax)
	d.useTerms(ts)
	return termsOf(d.view, ts)
}

// TermsOf returns the terms of taxonomy tax that p refers to (none if the
// target does not show p).
func (d *Data) TermsOf(p *site.Page, tax string) []Term {
	if p == nil || !d.view.Has(p) {
		return nil
	}
	d.use(pageKey(p))
	ts := d.view.Terms(p, tax)
	d.useTerms(ts)
	return termsOf(d.view, ts)
}

// TermPages returns the visible pages that refer to t.
func (d *Data) TermPages(t Term) []*site.Page {
	if t.t == nil {
		return nil
	}
	d.useTermPages(t.t)
	ps := d.view.TermPages(t.t)
	d.usePages(ps) // their titles and order
	return ps
}

// DefinedTerm returns the term the page defines in a page-based taxonomy,
// or nil.
func (d *Data) DefinedTerm(tax string) *Term {
	t := d.view.TermOf(d.Page, tax)
	if t == nil {
		return nil
	}
	d.useTerms([]*site.Term{t})
	out := termOf(d.view, t)
	return &out
}

// Taxonomy returns a taxonomy's name and title, or nil.
func (d *Data) Taxonomy(name string) *Taxonomy { return TaxonomyOf(d.view.Taxonomy(name)) }

// AZ returns the visible pages in Danish alphabetical order, leaving out the
// front page, the 404 page and pages in lists long enough to be paged (they
// are reached through their list).
func (d *Data) AZ() []*site.Page {
	d.use(azKey)
	var out []*site.Page
	for _, p := range d.view.Pages {
		if p.URL == "/" || p.Kind == "notfound" || p == d.Page {
			continue
		}
		if par := d.view.Parent(p); par != nil && len(d.view.Children(par)) > ListSize {
			continue
		}
		out = append(out, p)
	}
	site.SortByTitle(out)
	return out
}

// ListSize is how many items a list page shows before it is split.
const ListSize = 50

// Field returns a front matter field of the page.
func (d *Data) Field(k string) interface{} { return d.Page.Field(k) }

// FieldRow is one front matter field of the page, for a list of fields.
type FieldRow struct {
	Key   string
	Label string      // the editor's label (site.yaml), or the key
	Value interface{} // nil when the field is empty
}

// Fields returns the page's fields named in keys (separated by spaces), in
// that order, with their labels: one call for a whole list of fields
// instead of a Label and a Field call per field (README, "Tuning").
func (d *Data) Fields(keys string) []FieldRow {
	ks := strings.Fields(keys)
	out := make([]FieldRow, len(ks))
	for i, k := range ks {
		out[i] = FieldRow{Key: k, Label: d.Label(k), Value: d.Page.Field(k)}
	}
	return out
}

// Label returns the editor's label for field k of the page's kind.
func (d *Data) Label(k string) string {
	if f := d.view.Config().FieldFor(d.Page.Src.Kind, k); f != nil && f.Label != "" {
		return f.Label
	}
	return k
}

// Pager splits a long list over several files.
type Pager struct {
	Number int          // 1-based
	Total  int          // number of list pages
	Items  []*site.Page // the items on this list page
	base   string       // URL of the first list page
}

// PageURL returns the URL of list page n.
func (p *Pager) PageURL(n int) string { return PagerURL(p.base, n) }

// Prev returns the number of the list page before this one, or 0.
func (p *Pager) Prev() int { return p.Number - 1 }

// Next returns the number of the list page after this one, or 0.
func (p *Pager) Next() int {
	if p.Number < p.Total {
		return p.Number + 1
	}
	return 0
}

// Window returns the list pages to link to from this one: the first, the
// last, and two on each side of this one, in order, with a 0 where numbers
// are left out. A list of 1,600 pages thus links to at most 7 of them, not
// to all of them from every one (which grows with the square of the list).
func (p *Pager) Window() []int {
	var out []int
	add := func(n int) {
		if n < 1 || n > p.Total || len(out) > 0 && out[len(out)-1] >= n {
			return
		}
		if len(out) > 0 {
			switch last := out[len(out)-1]; {
			case n-last == 2:
				out = append(out, last+1) // a gap of one page: show it
			case n-last > 2:
				out = append(out, 0)
			}
		}
		out = append(out, n)
	}
	add(1)
	for n := p.Number - 2; n <= p.Number+2; n++ {
		add(n)
	}
	add(p.Total)
	return out
}

// PagerURL returns the URL of list page n of the list at base.
func PagerURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%sside/%d/", base, n)
}

// FileFor returns the output file for URL u: "/a/" → "a/index.html".
func FileFor(u string) string {
	if strings.HasSuffix(u, "/") {
		return path.Join(strings.TrimPrefix(u, "/"), "index.html")
	}
	return strings.TrimPrefix(u, "/")
}

// Pages splits items into list pages of size n (one page when n <= 0 or the list is short).
func Pages(base string, items []*site.Page, n int) []*Pager {
	if n <= 0 || len(items) <= n {
		return []*Pager{{Number: 1, Total: 1, Items: items, base: base}}
	}
	total := (len(items) + n - 1) / n
	out := make([]*Pager, 0, total)
	for i := 0; i < total; i++ {
		end := min((i+1)*n, len(items))
		out = append(out, &Pager{Number: i + 1, Total: total, Items: items[i*n : end], base: base})
	}
	return out
}

// LanguageRow is one page's line in the language report.
type LanguageRow struct {
	Page     *site.Page
	Lix      int      // rounded down, as the build's warnings show it
	Words    int      // words in the main text
	Longest  string   // the longest sentence
	Longests int      // its number of words
	Terms    []string // abbreviations and § references the glossary does not explain
	Findings int      // plain-language warnings for the page
}
