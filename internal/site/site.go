package site

import (
	"cmp"
	"fmt"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// Page is one page of the site. Pages are built once and shared by every
// target's View; relations between pages are only reachable through a View.
type Page struct {
	Src       *content.Source // the checked source, with all front matter fields
	URL       string          // site-absolute URL path: "/hjertesager/respekt/", "/" or "/404.html"
	Title     string          // front matter title
	Summary   string          // front matter summary; may be empty
	Weight    int             // order in lists; 0 sorts after weighted pages
	Date      time.Time       // front matter date; may be zero
	Kind      string          // kind name from site.yaml, "section", "home" or "page"
	Layout    string          // layout file name without .html
	Audience  string          // resolved audience
	Draft     bool            // only the preview shows drafts
	IsSection bool            // the page is a folder's _index.md
	Menu      int             // place in the main menu, 0 for none
	Review    string          // note for editors; never shown on targets without a label

	parent   *Page   // the section page above, nil for the front page
	children []*Page // pages and sections directly below, sorted
	terms    []*Term // the terms this page refers to, each taxonomy's in the page's order
	key      string  // Danish collation key of the title, for sorting (TitleKey)

	// Made once from the source, and copied with the page by Rebuild:
	own      string     // the source's own audience ("" to inherit)
	titleKey string     // the title as duplicateTitles compares it
	refs     []fieldRef // the source's taxonomy fields, once buildTaxonomies found them

	prev *Page // while Rebuild models: the previous model's page copied
}

// fieldRef is a front matter field whose values name a taxonomy's terms.
type fieldRef struct {
	key string
	tax string
	v   interface{}
}

// Field returns a front matter field by key (nil if absent).
func (p *Page) Field(k string) interface{} { return p.Src.Fields[k] }

// Taxonomy is a vocabulary with its terms.
type Taxonomy struct {
	Name   string // the front matter key's taxonomy name, e.g. "values"
	Title  string // heading for its lists, e.g. "Hjertesager"
	Terms  []*Term
	Free   bool
	bySlug map[string]*Term
}

// Term is one entry of a taxonomy.
type Term struct {
	Tax   *Taxonomy
	Slug  string
	Name  string
	Page  *Page // the page that defines the term, for page-based taxonomies
	pages []*Page
}

// Site is the model of all pages, for every target.
type Site struct {
	Config     *config.Config
	Pages      []*Page // all pages, sorted by URL
	Root       *Page   // the front page
	Taxonomies []*Taxonomy
	Static     []string          // static files below content/, published as they are
	Data       map[string][]byte // data files at the top of content/
	byURL      map[string]*Page
	byPath     map[string]*Page
	titled     []*Page // Pages by title (byTitle), which the lists start from
	clean      bool    // modelled without errors: Rebuild may take a copied page's terms from it
	staticSet  map[string]bool
	taxByName  map[string]*Taxonomy
}

// PageByURL returns the page with URL u (with or without a trailing slash).
func (s *Site) PageByURL(u string) *Page {
	if p := s.byURL[u]; p != nil {
		return p
	}
	if !strings.HasSuffix(u, "/") {
		return s.byURL[u+"/"]
	}
	return nil
}

// PageByPath returns the page from content path p ("hjertesager/respekt.md").
func (s *Site) PageByPath(p string) *Page { return s.byPath[p] }

// IsStatic reports whether p (a content path) is a published static file.
func (s *Site) IsStatic(p string) bool { return s.staticSet[p] }

// sectionOf returns the section page of the folder a content path lies in
// (the nearest _index.md above it), or nil for the top of content/.
func (s *Site) sectionOf(p string) *Page {
	for dir := path.Dir(p); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if sec := s.byPath[dir+"/_index.md"]; sec != nil {
			return sec
		}
	}
	return nil
}

// Taxonomy returns a taxonomy by name, or nil.
func (s *Site) Taxonomy(name string) *Taxonomy { return s.taxByName[name] }

// collators holds Danish collators with their scratch space: a collator
// is not safe for concurrent use, and pages are modelled on all processors.
var collators = sync.Pool{New: func() any {
	return &collator{c: collate.New(language.Danish, collate.IgnoreCase)}
}}

type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// Less orders two titles the Danish way (æ, ø, å last).
func Less(a, b string) bool {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	return c.c.CompareString(a, b) < 0
}

// collationKey returns s's Danish sort key: comparing keys bytewise orders
// like Less, without running the collator on every comparison.
func collationKey(s string) string {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	c.buf.Reset()
	return string(c.c.KeyFromString(&c.buf, s))
}

// TitleKey is the Danish collation key of p's title (see BuildKnown).
func (p *Page) TitleKey() string { return p.key }

// SortByTitle orders pages by title the Danish way, equal titles by URL.
// URLs are unique, so the order is total and needs no stable sort (a
// stable sort of a large term's pages is slower; README, "Tuning").
func SortByTitle(ps []*Page) { slices.SortFunc(ps, byTitle) }

// byTitle compares pages by their titles' collation keys, then by URL.
func byTitle(a, b *Page) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	return strings.Compare(a.URL, b.URL)
}

// URLFor returns the URL of the content path p, and the page slug.
func URLFor(p string, slug string) string {
	dir, file := path.Split(p)
	var segs []string
	for _, d := range strings.Split(strings.Trim(dir, "/"), "/") {
		if d != "" {
			segs = append(segs, markdown.Slug(d))
		}
	}
	if file != "_index.md" {
		name := strings.TrimSuffix(file, path.Ext(file))
		if slug != "" {
			name = slug
		}
		segs = append(segs, markdown.Slug(name))
	}
	if len(segs) == 0 {
		return "/"
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// Build makes the site model. The returned list holds the problems found;
// the site is usable only when the list has no errors.
func Build(cfg *config.Config, tree *content.Tree) (*Site, *diag.List) {
	return buildModel(cfg, tree, nil, nil)
}

// BuildKnown is Build with the collation keys of titles known beforehand
// (title → its page's TitleKey, as a build of the same generator made
// them; labyrint build --incremental keeps them): a page whose title is in
// keys does not run the collator, the costly part of making a page.
func BuildKnown(cfg *config.Config, tree *content.Tree, keys map[string]string) (*Site, *diag.List) {
	return buildModel(cfg, tree, nil, keys)
}

// Rebuild is Build after a few of prev's sources changed (prev's tree with
// some sources replaced, added or removed): a page whose source is the very
// one a page of prev has is copied from it instead of made anew (a title's
// collation key is the costly part of making a page); its relations are
// made again as Build makes them. prev is not changed, and the result is
// the model Build would make.
func Rebuild(prev *Site, cfg *config.Config, tree *content.Tree) (*Site, *diag.List) {
	return buildModel(cfg, tree, prev, nil)
}

func buildModel(cfg *config.Config, tree *content.Tree, prev *Site, keys map[string]string) (*Site, *diag.List) {
	var l diag.List
	s := &Site{Config: cfg, Static: tree.Static, Data: tree.Data, byURL: make(map[string]*Page, len(tree.Sources)),
		byPath: make(map[string]*Page, len(tree.Sources)), staticSet: make(map[string]bool, len(tree.Static)), taxByName: map[string]*Taxonomy{}}
	for _, st := range tree.Static {
		s.staticSet[st] = true
	}
	if prev != nil && prev.Config != cfg {
		prev = nil // what a page refers to depends on the config
	}
	pages := modelPages(tree.Sources, prev, keys)
	defer func() {
		for _, p := range pages {
			p.prev = nil // the previous model is not kept alive by this one
		}
	}()
	s.addPages(tree.Sources, pages, &l)
	s.Root = s.byURL["/"]
	if s.Root == nil {
		l.Errorf("content/_index.md", 0, "no-home", "sitet har ingen forside: opret content/_index.md med en title")
		return s, &l
	}
	s.titled = titleOrder(s.Pages, prev)
	s.linkParents(prev != nil && sameSections(prev, pages))
	s.inheritAudiences()
	s.buildTaxonomies(prev, &l)
	duplicateTitles(s.Pages, &l)
	errs, _ := l.Count()
	s.clean = errs == 0
	return s, &l
}

// titleOrder returns pages (a model's, with their prev set by Rebuild)
// sorted by title the Danish way (byTitle): the copied pages in prev's
// order, merged with the others, sorted; without prev, all sorted.
// Children and terms gather their pages in this order, so that sorting
// them finds them (nearly) in order: sorting every term's pages from URL
// order was a third of an update's model work at 10,000 cases.
func titleOrder(pages []*Page, prev *Site) []*Page {
	if prev == nil || len(prev.titled) != len(prev.Pages) {
		out := slices.Clone(pages)
		slices.SortFunc(out, byTitle)
		return out
	}
	copied := make(map[*Page]*Page, len(pages))
	var fresh []*Page
	for _, p := range pages {
		if p.prev != nil {
			copied[p.prev] = p
		} else {
			fresh = append(fresh, p)
		}
	}
	slices.SortFunc(fresh, byTitle)
	out := make([]*Page, 0, len(pages))
	for _, o := range prev.titled {
		p := copied[o]
		if p == nil {
			continue
		}
		for len(fresh) > 0 && byTitle(fresh[0], p) < 0 {
			out = append(out, fresh[0])
			fresh = fresh[1:]
		}
		out = append(out, p)
	}
	return append(out, fresh...)
}

// sameSections reports whether the pages (of the sources Rebuild models)
// have the sections prev has, so that every copied page's parent is the
// page at its parent's path in prev: no section page came or went.
func sameSections(prev *Site, pages []*Page) bool {
	n := 0
	for _, p := range pages {
		if !p.IsSection {
			continue
		}
		if o := prev.byPath[p.Src.Path]; o == nil || !o.IsSection {
			return false
		}
		n++
	}
	m := 0
	for _, p := range prev.Pages {
		if p.IsSection {
			m++
		}
	}
	return n == m
}

// modelPages makes a page of each source on all processors (a title's
// collation key is the costly part), copying prev's page of the same
// source where prev (if not nil) has one, and taking a title's key from
// keys (BuildKnown) where it has one.
func modelPages(sources []*content.Source, prev *Site, keys map[string]string) []*Page {
	if prev != nil {
		pages := make([]*Page, len(sources))
		for i, src := range sources {
			if p := prev.byPath[src.Path]; p != nil && p.Src == src {
				c := *p
				c.parent, c.children, c.terms, c.prev = nil, nil, nil, p
				c.Audience = c.own // resolved again by inheritAudiences
				pages[i] = &c
			} else {
				pages[i] = newPage(src, nil)
			}
		}
		return pages
	}
	pages := make([]*Page, len(sources))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	const step = 256
	for lo := 0; lo < len(pages); lo += step {
		g.Go(func() error {
			for i := lo; i < min(lo+step, len(pages)); i++ {
				pages[i] = newPage(sources[i], keys)
			}
			return nil
		})
	}
	g.Wait()
	return pages
}

// addPages registers the pages made of sources, in order, refusing a bad
// slug, a path that gives no URL and a URL another page has; s.Pages ends
// sorted by URL.
func (s *Site) addPages(sources []*content.Source, pages []*Page, l *diag.List) {
	s.Pages = make([]*Page, 0, len(pages))
	for i, src := range sources {
		p := pages[i]
		if p.prev == nil { // a page Rebuild copied had its slug and URL checked when it was made
			if sl := src.String("slug"); sl != "" && markdown.Slug(sl) != sl {
				l.Add(diag.Finding{File: src.File, Line: src.Line("slug"), Severity: diag.Error, Code: "slug",
					Msg: fmt.Sprintf("adressen (slug) %q må kun have små bogstaver a-z, tal og bindestreger", sl), Hint: fmt.Sprintf("brug %q", markdown.Slug(sl))})
				continue
			}
			if strings.Contains(p.URL, "//") {
				l.Add(noURLFinding(src))
				continue
			}
		}
		if o := s.byURL[p.URL]; o != nil {
			l.Add(duplicateURL(src, p, o))
			continue
		}
		s.byURL[p.URL] = p
		s.byPath[src.Path] = p
		s.Pages = append(s.Pages, p)
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
}

func duplicateURL(src *content.Source, p, o *Page) diag.Finding {
	return diag.Finding{File: src.File, Line: 1, Severity: diag.Error, Code: "duplicate-url",
		Msg: fmt.Sprintf("siden får samme adresse %s som %s", p.URL, o.Src.File), Hint: "omdøb den ene fil eller giv den et andet slug"}
}

// linkParents gives every page its parent, the nearest _index.md above
// it (the front page for the top), and every section its sorted children.
// With sameSections (Rebuild, no section page came or went) a copied
// page's parent is the page at its previous parent's path.
func (s *Site) linkParents(sameSections bool) {
	for _, p := range s.titled {
		if p == s.Root || p.Kind == "notfound" {
			continue
		}
		if sameSections && p.prev != nil && p.prev.parent != nil {
			if par := s.byPath[p.prev.parent.Src.Path]; par != nil {
				p.parent = par
				par.children = append(par.children, p)
				continue
			}
		}
		dir := path.Dir(p.Src.Path)
		if p.IsSection {
			dir = path.Dir(dir)
		}
		for {
			key := "_index.md"
			if dir != "." {
				key = dir + "/_index.md"
			}
			if par := s.byPath[key]; par != nil {
				p.parent = par
				break
			}
			if dir == "." {
				break
			}
			dir = path.Dir(dir)
		}
		if p.parent == nil {
			p.parent = s.Root
		}
		p.parent.children = append(p.parent.children, p)
	}
	for _, p := range s.Pages {
		sortPages(p.children)
	}
}

// inheritAudiences gives a page without an audience of its own the one
// of the nearest section that says, else its kind's, else "public".
func (s *Site) inheritAudiences() {
	for _, p := range s.Pages {
		if p.Audience != "" {
			continue
		}
		for a := p.parent; a != nil; a = a.parent {
			if v := a.Src.String("audience"); v != "" {
				p.Audience = v
				break
			}
		}
		if p.Audience == "" && p.Src.Kind != nil {
			p.Audience = p.Src.Kind.Audience
		}
		if p.Audience == "" {
			p.Audience = "public"
		}
	}
}

// noURLFinding is the error for a page whose path has a folder or file
// name that gives no URL segment (no letter a-z or digit, e.g. "!!!.md").
func noURLFinding(src *content.Source) diag.Finding {
	what, name, hint := "filnavnet", path.Base(src.Path), "omdøb filen, eller giv siden et slug"
	for _, d := range strings.Split(path.Dir(src.Path), "/") {
		if d != "." && markdown.Slug(d) == "" {
			what, name, hint = "mappen", d, "omdøb mappen"
			break
		}
	}
	return diag.Finding{File: src.File, Line: 1, Severity: diag.Error, Code: "url",
		Msg:  fmt.Sprintf("%s %q giver ingen adresse: navnet skal have mindst ét bogstav a-z eller et tal", what, name),
		Hint: hint}
}

func newPage(src *content.Source, keys map[string]string) *Page {
	p := &Page{Src: src, Title: src.String("title"), Summary: src.String("summary"), Weight: src.Int("weight"),
		Date: src.Date("date"), Draft: src.Bool("draft"), Menu: src.Int("menu"), Review: src.String("review"),
		Audience: src.String("audience"), IsSection: path.Base(src.Path) == "_index.md"}
	p.own = p.Audience
	p.titleKey = strings.ToLower(strings.TrimSpace(p.Title))
	p.URL = URLFor(src.Path, src.String("slug"))
	if k, ok := keys[p.Title]; ok {
		p.key = k
	} else {
		p.key = collationKey(p.Title)
	}
	switch {
	case src.Kind != nil:
		p.Kind, p.Layout = src.Kind.Name, src.Kind.Layout
	case p.URL == "/":
		p.Kind, p.Layout = "home", "home"
	case p.IsSection:
		p.Kind, p.Layout = "section", "section"
	default:
		p.Kind, p.Layout = "page", "page"
	}
	if l := src.String("layout"); l != "" {
		p.Layout = l
	}
	if p.Layout == "notfound" {
		p.Kind, p.URL = "notfound", "/404.html"
	}
	if p.Layout == "" {
		p.Layout = "page"
	}
	return p
}

// sortPages orders a section's pages: weighted ones first by weight, then
// sections, then by title the Danish way. URLs are unique, so the order is
// total and an unstable sort gives the one answer, faster than a stable
// one (README, "Tuning").
func sortPages(ps []*Page) {
	slices.SortFunc(ps, func(a, b *Page) int {
		if (a.Weight == 0) != (b.Weight == 0) {
			if a.Weight != 0 {
				return -1
			}
			return 1
		}
		if a.Weight != b.Weight {
			return cmp.Compare(a.Weight, b.Weight)
		}
		if a.IsSection != b.IsSection {
			if a.IsSection {
				return -1
			}
			return 1
		}
		return byTitle(a, b)
	})
}

// buildTaxonomies makes the taxonomies' terms and the pages' references
// to them; with prev (Rebuild), the lists of pages start at the size
// they had.
func (s *Site) buildTaxonomies(prev *Site, l *diag.List) {
	same := map[*Term]*Term{} // prev's terms of a taxonomy with terms named in the config or by pages → this model's
	names := make([]string, 0, len(s.Config.Taxonomies))
	for n := range s.Config.Taxonomies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ct := s.Config.Taxonomies[n]
		t := &Taxonomy{Name: n, Title: ct.Title, Free: ct.Free, bySlug: map[string]*Term{}}
		switch {
		case ct.Pages != "":
			// The terms are the pages directly in the section, in its order.
			if sec := s.byPath[ct.Pages+"/_index.md"]; sec != nil {
				for _, c := range sec.children {
					t.add(&Term{Tax: t, Slug: path.Base(strings.TrimSuffix(c.URL, "/")), Name: c.Title, Page: c})
				}
			}
		default:
			for _, tm := range ct.TermList() {
				t.add(&Term{Tax: t, Slug: tm.Slug, Name: tm.Name})
			}
		}
		s.Taxonomies = append(s.Taxonomies, t)
		s.taxByName[n] = t
		if prev == nil || prev.taxByName[n] == nil {
			continue
		}
		for _, tm := range t.Terms {
			if o := prev.taxByName[n].bySlug[tm.Slug]; o != nil {
				tm.pages = make([]*Page, 0, len(o.pages)+1)
				if !t.Free {
					same[o] = tm
				}
			}
		}
	}
	for _, p := range s.Pages {
		if p.prev != nil {
			p.terms = make([]*Term, 0, len(p.prev.terms))
			if prev.clean && p.refs != nil && s.sameTerms(p, same, l) {
				continue
			}
		}
		if p.refs == nil {
			p.refs = []fieldRef{} // found: none
			for key, v := range p.Src.Fields {
				if decl := s.Config.FieldFor(p.Src.Kind, key); decl != nil && decl.Taxonomy != "" {
					p.refs = append(p.refs, fieldRef{key, decl.Taxonomy, v})
				}
			}
		}
		for _, r := range p.refs {
			s.refer(p, r.key, r.v, s.taxByName[r.tax], l)
		}
	}
	// Each term's pages, by title: gathered in title order, they need
	// no sort.
	for _, p := range s.titled {
		for _, tm := range p.terms {
			tm.pages = append(tm.pages, p)
		}
	}
	s.sortTerms()
}

// sameTerms gives p, a page copied from a model without errors, the terms
// of its previous page: a term of a taxonomy that is not free is this
// model's term of the same slug (same), which the same value names; a free
// taxonomy's are referred to again (refer: a new term takes its name from
// the first page that names it). It reports false, with p's terms as
// they were, if a term is gone: refer then says what is wrong.
func (s *Site) sameTerms(p *Page, same map[*Term]*Term, l *diag.List) bool {
	for _, t := range p.prev.terms {
		if t.Tax.Free {
			continue
		}
		nt := same[t]
		if nt == nil {
			p.terms = p.terms[:0]
			return false
		}
		p.terms = append(p.terms, nt)
	}
	for _, r := range p.refs {
		if t := s.taxByName[r.tax]; t.Free {
			s.refer(p, r.key, r.v, t, l)
		}
	}
	return true
}

// refer makes page p refer to the terms of taxonomy t that field key's
// value v names (a free taxonomy gains the terms it did not have).
func (s *Site) refer(p *Page, key string, v interface{}, t *Taxonomy, l *diag.List) {
	var vals []string
	switch x := v.(type) {
	case string:
		vals = []string{x}
	case []string:
		vals = x
	}
	for _, val := range vals {
		term := t.bySlug[val]
		if term == nil && t.Free {
			term = &Term{Tax: t, Slug: markdown.Slug(val), Name: val}
			if old := t.bySlug[term.Slug]; old != nil {
				term = old
			} else {
				t.add(term)
			}
		}
		if term == nil {
			l.Add(unknownTerm(p, key, val, t))
			continue
		}
		if slices.Contains(p.terms, term) {
			continue // the same term twice on one page
		}
		p.terms = append(p.terms, term) // and term.pages gets p: buildTaxonomies
	}
}

// unknownTerm is the error for a value that names no term of t.
func unknownTerm(p *Page, key, val string, t *Taxonomy) diag.Finding {
	slugs := make([]string, 0, len(t.Terms))
	for _, x := range t.Terms {
		slugs = append(slugs, x.Slug)
	}
	f := diag.Finding{File: p.Src.File, Line: p.Src.Line(key), Severity: diag.Error, Code: "unknown-term",
		Msg: fmt.Sprintf("%q er ikke en kendt værdi i %s (%s)", val, key, t.Title)}
	if sug := diag.Suggest(val, slugs); sug != "" {
		f.Hint = fmt.Sprintf("mente du %q?", sug)
	} else if len(slugs) == 0 {
		f.Hint = fmt.Sprintf("%s har ingen termer endnu; se taxonomies.%s i %s", t.Title, t.Name, config.FileName)
	} else {
		f.Hint = "brug en af: " + strings.Join(slugs, ", ")
	}
	return f
}

// sortTerms orders a free taxonomy's terms by name. Every term's pages
// are in title order already (buildTaxonomies): a term gathers pages from
// many sections, whose weights only order each section.
func (s *Site) sortTerms() {
	for _, t := range s.Taxonomies {
		if t.Free {
			sort.Slice(t.Terms, func(i, j int) bool { return Less(t.Terms[i].Name, t.Terms[j].Name) })
		}
	}
}

func (t *Taxonomy) add(tm *Term) {
	if _, dup := t.bySlug[tm.Slug]; dup {
		return
	}
	t.bySlug[tm.Slug] = tm
	t.Terms = append(t.Terms, tm)
}
