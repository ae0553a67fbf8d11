package render

import (
	"slices"
	"sort"
	"strings"

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
//	c:<url>        which pages are directly below the section at url
//	t:<tax>/<slug> which pages refer to a term (and filter pages by it)
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
// itself, its section (on filter pages) and the term of a filter page
// (which pages have it: the page says how many). A list page's part of
// the list is not a key: the builder compares each part's items with the
// last build's (the pipeline's pagerSig), so an item moving in a long list
// makes again only the parts whose items changed; the items' own fields
// are recorded by what shows them (Cards).
func (d *Data) trackJob() {
	if d.used == nil {
		return
	}
	d.use(pageKey(d.Page))
	if d.Section != nil {
		d.use(pageKey(d.Section))
	}
	if d.Filter != nil && d.Filter.Term.t != nil {
		d.useTermPages(d.Filter.Term.t)
	}
}

// ChangeKeys returns the keys that changing page before (in view bv) into
// page after (in view av) touches; either may be nil (a page added or
// removed). When the page stays in the same lists (the same section and
// terms, shown or hidden as before), the keys of the lists are left out:
// whoever shows the lists' pages recorded each page's own key too
// (Children, TermPages and Cards record them), and the order within a
// list page is compared by the builder.
func ChangeKeys(bv *site.View, before *site.Page, av *site.View, after *site.Page) []string {
	var old, now []string
	if before != nil {
		old = KeysOf(bv, before)
	}
	if after != nil {
		now = KeysOf(av, after)
	}
	if before == nil || after == nil || before.IsSection || after.IsSection || bv.Has(before) != av.Has(after) {
		return append(slices.Clip(old), now...)
	}
	return MergeKeys(old, now)
}

// MergeKeys returns the keys a change of a page touches, given its keys
// (KeysOf) before and after, when it is shown in both and no section:
// without the list keys if it stays in the same lists (see ChangeKeys).
func MergeKeys(old, now []string) []string {
	if !slices.Equal(listKeys(old), listKeys(now)) {
		return append(slices.Clip(old), now...)
	}
	var out []string
	for _, k := range append(old, now...) {
		if !isListKey(k) {
			out = append(out, k)
		}
	}
	return out
}

func isListKey(k string) bool { return strings.HasPrefix(k, "c:") || strings.HasPrefix(k, "t:") }

// listKeys returns the list keys of keys, sorted.
func listKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		if isListKey(k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
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
