package render

import (
	"github.com/guldborgsund/labyrint/internal/site"
)

// Sealed templates: a layout reaches only what its page's target shows.
// Data keeps its View unexported, and hands layouts *site.Page values
// (whose exported fields describe the page itself and lead to no other
// page) and the value types below instead of site's Term, Taxonomy and
// Filter, whose exported fields lead to every term of the whole site and
// through a term to its page, whichever target shows it. A layout written
// to list the whole site ({{range .View.Site.Pages}}) fails to run;
// internal/pipeline's TestHostileLayouts tries every path the types allow.

// Term is one term of a taxonomy, as a layout sees it.
type Term struct {
	Name string
	Slug string
	// Page is the page that defines the term (page-based taxonomies); nil
	// for a listed or free term, and nil when the target does not show it.
	Page *site.Page
	t    *site.Term
}

// Taxonomy is a taxonomy's name and title, as a layout sees it.
type Taxonomy struct {
	Name  string // the front matter key's taxonomy name, e.g. "values"
	Title string // heading for its lists, e.g. "Hjertesager"
	Free  bool   // terms are free words, not a fixed list
}

// Filter is one taxonomy's filter pages for a section (site.Filter, as a
// layout sees it).
type Filter struct {
	Tax     Taxonomy
	Section *site.Page
	Terms   []FilterTerm
}

// FilterTerm is one filter page: the term, its URL and the section's pages
// with the term.
type FilterTerm struct {
	Term  Term
	URL   string
	Pages []*site.Page
}

// termOf returns t as v shows it.
func termOf(v *site.View, t *site.Term) Term {
	out := Term{Name: t.Name, Slug: t.Slug, t: t}
	if t.Page != nil && v.Has(t.Page) {
		out.Page = t.Page
	}
	return out
}

func termsOf(v *site.View, ts []*site.Term) []Term {
	if len(ts) == 0 {
		return nil
	}
	out := make([]Term, len(ts))
	for i, t := range ts {
		out[i] = termOf(v, t)
	}
	return out
}

// TaxonomyOf returns the name and title of tx (nil for nil).
func TaxonomyOf(tx *site.Taxonomy) *Taxonomy {
	if tx == nil {
		return nil
	}
	return &Taxonomy{Name: tx.Name, Title: tx.Title, Free: tx.Free}
}

// FilterTermOf returns the filter page ft of view v as a layout sees it.
func FilterTermOf(v *site.View, ft *site.FilterTerm) *FilterTerm {
	if ft == nil {
		return nil
	}
	return &FilterTerm{Term: termOf(v, ft.Term), URL: ft.URL, Pages: ft.Pages}
}

func filtersOf(v *site.View, fs []site.Filter) []Filter {
	if len(fs) == 0 {
		return nil
	}
	out := make([]Filter, len(fs))
	for i, f := range fs {
		out[i] = Filter{Tax: *TaxonomyOf(f.Tax), Section: f.Section, Terms: make([]FilterTerm, len(f.Terms))}
		for j := range f.Terms {
			out[i].Terms[j] = *FilterTermOf(v, &f.Terms[j])
		}
	}
	return out
}
