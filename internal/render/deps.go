package render

import (
	"sort"

	"github.com/guldborgsund/labyrint/internal/site"
)

// Dependency keys: what a rendering looked at, for the preview's
// incremental rebuilds (see build.Session). This file holds both sides of
// the contract: Data's methods record keys as they hand pages to a layout
// (use), and KeysOf says which keys a change to a page touches. A layout
// reaches other pages only through Data's methods, so a rendered file
// needs to be made again only when a key it recorded is touched.
//
//	p:<url>        the page's front matter (title, summary, fields)
//	c:<url>        the list of pages directly below the section at url
//	t:<tax>/<slug> the pages that refer to a term (and filter pages by it)
//	m              the main menu
//	az             the A–Å list of all pages
//	tt:<title>     which pages carry this title (a repeated title shows its section; nav.go)
//	f:<url>        which filter pages the section at url has (FilterKey)
//
// A page's Markdown body is shown only on its own page: a change to the
// body alone touches no key (the page itself is rendered again).
const (
	menuKey = "m"
	azKey   = "az"
)

func pageKey(p *site.Page) string  { return "p:" + p.URL }
func listKey(p *site.Page) string  { return "c:" + p.URL }
func titleKey(p *site.Page) string { return "tt:" + p.Title }
func termKey(t *site.Term) string  { return "t:" + t.Tax.Name + "/" + t.Slug }

// FilterKey is the key of the set of filter pages of the section at url:
// a change that adds or removes one of them touches it (KeysOf cannot
// tell; the builder sees the filter pages come and go).
func FilterKey(url string) string { return "f:" + url }

// Track makes d record the keys its layout uses; read them with Used.
func (d *Data) Track() { d.used = map[string]struct{}{} }

// Used returns the keys recorded since Track, sorted.
func (d *Data) Used() []string {
	out := make([]string, 0, len(d.used))
	for k := range d.used {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (d *Data) use(k string) {
	if d.used != nil {
		d.used[k] = struct{}{}
	}
}

func (d *Data) usePages(ps []*site.Page) {
	if d.used == nil {
		return
	}
	for _, p := range ps {
		d.used[pageKey(p)] = struct{}{}
	}
}

// useTerms records terms as names: a page-based term is named by its page.
func (d *Data) useTerms(ts []*site.Term) {
	if d.used == nil {
		return
	}
	for _, t := range ts {
		if t.Page != nil {
			d.used[pageKey(t.Page)] = struct{}{}
		}
	}
}

// useTermPages records terms with the lists of pages that refer to them.
func (d *Data) useTermPages(ts ...*site.Term) {
	if d.used == nil {
		return
	}
	d.useTerms(ts)
	for _, t := range ts {
		d.used[termKey(t)] = struct{}{}
	}
}

func (d *Data) useFilters(fs []site.Filter) {
	if d.used == nil {
		return
	}
	for _, f := range fs {
		d.use(pageKey(f.Section))
		d.use(FilterKey(f.Section.URL))
		for _, ft := range f.Terms {
			d.useTermPages(ft.Term)
		}
	}
}

// trackJob records what a file shows whatever its layout does: the page
// itself, its section (on filter pages), the whole list a list page is a
// part of (an item moving changes every part) and the term of a filter
// page. A list is recorded by its key, not its pages: a change to a page
// touches the keys of the lists it is in (KeysOf).
func (d *Data) trackJob() {
	if d.used == nil {
		return
	}
	d.use(pageKey(d.Page))
	if d.Section != nil {
		d.use(pageKey(d.Section))
	}
	if d.Pager != nil {
		sec := d.Page
		if d.Section != nil {
			sec = d.Section
		}
		d.use(listKey(sec))
	}
	if d.Filter != nil && d.Filter.Term.t != nil {
		d.useTermPages(d.Filter.Term.t)
	}
}

// KeysOf returns the keys that a change to page p's front matter touches
// in view v: the page, the list it is in (and, for a section, its own),
// the terms it refers to or defines, the menu if it is in it, and the A–Å
// list. Call it with the page before and after the change.
func KeysOf(v *site.View, p *site.Page) []string {
	keys := []string{pageKey(p), azKey, titleKey(p)}
	if p.Menu > 0 {
		keys = append(keys, menuKey)
	}
	if par := v.Parent(p); par != nil {
		keys = append(keys, listKey(par))
	}
	if p.IsSection {
		keys = append(keys, listKey(p))
	}
	for _, tx := range v.Taxonomies() {
		for _, t := range v.Terms(p, tx.Name) {
			keys = append(keys, termKey(t))
		}
		if t := v.TermOf(p, tx.Name); t != nil {
			keys = append(keys, termKey(t))
		}
	}
	return keys
}
