package site

import (
	"github.com/guldborgsund/labyrint/internal/config"
)

// Options change what Select lets through.
type Options struct {
	Drafts bool // the preview shows drafts; a build never does
}

// View is the site as one target shows it. Every list it hands out holds
// only pages of that target, and nothing exported leads from it to the
// whole Site (the site field is unexported for that reason).
type View struct {
	site     *Site
	Target   *config.Target
	Pages    []*Page // the pages of this target, sorted by URL
	visible  map[*Page]bool
	children map[*Page][]*Page
	terms    map[*Term][]*Page
	menu     []*Page
	filters  map[*Page][]Filter // by section page, made once by Select
}

// Select makes the view of target t. This is the one place where pages are
// filtered by audience and draft state.
func (s *Site) Select(t *config.Target, o Options) *View {
	v := &View{site: s, Target: t, visible: make(map[*Page]bool, len(s.Pages)), children: map[*Page][]*Page{}, terms: map[*Term][]*Page{}}
	v.Pages = make([]*Page, 0, len(s.Pages))
	for _, p := range s.Pages {
		if !t.Shows(p.Audience) || (p.Draft && !o.Drafts) {
			continue
		}
		v.visible[p] = true
		v.Pages = append(v.Pages, p)
	}
	for _, p := range v.Pages {
		if len(p.children) > 0 { // a page without: Children's nil
			kids := make([]*Page, 0, len(p.children))
			for _, c := range p.children {
				if v.visible[c] {
					kids = append(kids, c)
				}
			}
			if len(kids) > 0 {
				v.children[p] = kids
			}
		}
		if p.Menu > 0 {
			v.menu = append(v.menu, p)
		}
	}
	sortMenu(v.menu)
	v.filters = map[*Page][]Filter{}
	for _, tx := range s.Taxonomies {
		for _, tm := range tx.Terms {
			ps := make([]*Page, 0, len(tm.pages))
			for _, p := range tm.pages {
				if v.visible[p] {
					ps = append(ps, p)
				}
			}
			if len(ps) == 0 {
				ps = nil
			}
			v.terms[tm] = ps
		}
	}
	for _, p := range v.Pages {
		if f := v.makeFilters(p); f != nil {
			v.filters[p] = f
		}
	}
	return v
}

func sortMenu(ps []*Page) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Menu < ps[j-1].Menu; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// PageByURL returns the page at URL u if this view shows it, else nil.
func (v *View) PageByURL(u string) *Page {
	if p := v.site.PageByURL(u); p != nil && v.visible[p] {
		return p
	}
	return nil
}

// Config returns the site's config.
func (v *View) Config() *config.Config { return v.site.Config }

// Taxonomy returns a taxonomy by name, or nil. Its terms are the whole
// site's: ask the view (Terms, TermPages) which of them it shows.
func (v *View) Taxonomy(name string) *Taxonomy { return v.site.taxByName[name] }

// Taxonomies returns the site's taxonomies; see Taxonomy.
func (v *View) Taxonomies() []*Taxonomy { return v.site.Taxonomies }

// Has reports whether p is in this view.
func (v *View) Has(p *Page) bool { return v.visible[p] }

// Children returns the visible pages directly below p.
func (v *View) Children(p *Page) []*Page { return v.children[p] }

// Parent returns the nearest visible section above p, or nil.
func (v *View) Parent(p *Page) *Page {
	for a := p.parent; a != nil; a = a.parent {
		if v.visible[a] {
			return a
		}
	}
	return nil
}

// Breadcrumbs returns the visible sections from the front page down to p's parent.
func (v *View) Breadcrumbs(p *Page) []*Page {
	var out []*Page
	for a := v.Parent(p); a != nil; a = v.Parent(a) {
		out = append(out, a)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Menu returns the pages of the main menu, in order.
func (v *View) Menu() []*Page { return v.menu }

// Terms returns the terms of taxonomy tax that p refers to, leaving out
// page-based terms whose page this view does not show.
func (v *View) Terms(p *Page, tax string) []*Term {
	var out []*Term
	for _, t := range p.terms {
		if t.Tax.Name == tax && (t.Page == nil || v.visible[t.Page]) {
			out = append(out, t)
		}
	}
	return out
}

// TermPages returns the visible pages that refer to term t.
func (v *View) TermPages(t *Term) []*Page { return v.terms[t] }

// TermOf returns the term that page p defines in a page-based taxonomy, or nil.
func (v *View) TermOf(p *Page, tax string) *Term {
	t := v.site.taxByName[tax]
	if t == nil {
		return nil
	}
	for _, tm := range t.Terms {
		if tm.Page == p {
			return tm
		}
	}
	return nil
}

// Static returns the static files of content/ that this view publishes: a
// file is published when the section it lies in is shown (a picture in the
// intranet catalogue's folder stays off the public site).
func (v *View) Static() []string {
	var out []string
	for _, f := range v.site.Static {
		if v.HasStatic(f) {
			out = append(out, f)
		}
	}
	return out
}

// HasStatic reports whether this view publishes the static file p.
func (v *View) HasStatic(p string) bool {
	if !v.site.staticSet[p] {
		return false
	}
	sec := v.site.sectionOf(p)
	return sec == nil || v.visible[sec]
}

// Filter is one taxonomy's filter pages for a section: for each term that a
// visible page of the section's kind refers to, the list of those pages.
type Filter struct {
	Tax     *Taxonomy
	Section *Page
	Terms   []FilterTerm
}

// FilterTerm is one filter page.
type FilterTerm struct {
	Term  *Term
	URL   string  // e.g. "/inspiration/focus/samarbejde/"
	Pages []*Page // visible pages of the kind with this term
}

// Filters returns the filter pages of section page sec: one Filter per
// taxonomy named in the kinds whose section it is.
func (v *View) Filters(sec *Page) []Filter { return v.filters[sec] }

func (v *View) makeFilters(sec *Page) []Filter {
	if sec == nil || !sec.IsSection || !v.visible[sec] {
		return nil
	}
	var out []Filter
	for _, k := range v.site.Config.SortedKinds() {
		if len(k.Filters) == 0 || sec.Src.Path != k.Section+"/_index.md" {
			continue
		}
		for _, name := range k.Filters {
			tx := v.site.taxByName[name]
			f := Filter{Tax: tx, Section: sec}
			for _, tm := range tx.Terms {
				if tm.Page != nil && !v.visible[tm.Page] {
					continue
				}
				var ps []*Page
				for _, p := range v.terms[tm] {
					if p.Kind == k.Name {
						ps = append(ps, p)
					}
				}
				if len(ps) > 0 {
					slug := v.site.Config.Taxonomies[name].Slug
					f.Terms = append(f.Terms, FilterTerm{Term: tm, URL: sec.URL + slug + "/" + tm.Slug + "/", Pages: ps})
				}
			}
			if len(f.Terms) > 0 {
				out = append(out, f)
			}
		}
	}
	return out
}
