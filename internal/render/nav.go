package render

import (
	"fmt"
	"strings"
	"sync"

	"github.com/guldborgsund/labyrint/internal/site"
)

// The header, menu, footer and front page of the generic theme: what
// site.yaml's theme (config.Theme) asks for, handed to the layouts as
// values with their links made, for the current target only. No layout
// names a page of one site: the addresses come from the config.

// NavItem is a page in a menu or a list of links.
type NavItem struct {
	Title, Summary, Link string
	Current              bool // the page being rendered
	Active               bool // the page being rendered is below it
}

// Identity is the site's owner as the header shows it.
type Identity struct {
	Name string // the owner, e.g. the kommune
	URL  string // the owner's main site; "" none
	Logo string // relative link to the logo file; "" none
}

// Block is a section shown on the front page: its title, summary, link and
// its pages as cards.
type Block struct {
	Title, Summary, Link string
	Cards                Cards
}

// Help is the page to call when nothing in a list fits.
type Help struct {
	Title, Link, Phone string
}

// configured returns the visible page at u, a path from the theme, or nil
// when the theme leaves it empty ("" is not the front page).
func (d *Data) configured(u string) *site.Page {
	if u == "" {
		return nil
	}
	return d.PageAt(u)
}

// configured returns the visible page at u, or nil when u is empty.
func (s *Shared) configured(u string) *site.Page {
	if u == "" {
		return nil
	}
	return s.PageAt(u)
}

// pageAt is PageAt for both Data and Shared: the visible page at u, or nil.
func pageAt(v *site.View, u string) *site.Page {
	if u == "" {
		return nil
	}
	return v.PageByURL(u)
}

// Owner returns the owner's name, main site and logo.
func (s *Shared) Owner() (Identity, error) {
	th := s.d.view.Config().Theme
	id := Identity{Name: s.Site.Owner, URL: th.OwnerURL}
	if th.Logo != "" {
		l, err := s.d.Asset(th.Logo)
		if err != nil {
			return id, err
		}
		id.Logo = l
	}
	return id, nil
}

// HeaderLink returns the header's prominent link, or nil where the target
// does not show it or its page.
func (s *Shared) HeaderLink() *NavItem {
	h := s.d.view.Config().Theme.HeaderLink
	if !h.ShowsHeaderLink(s.Site.Target) {
		return nil
	}
	p := s.configured(h.URL)
	if p == nil {
		return nil
	}
	return &NavItem{Title: h.Title, Link: s.d.Rel(p.URL), Current: s.IsCurrent(p)}
}

// MainMenu returns the main menu: the pages theme.menu names, else the
// pages with menu: in their front matter.
func (s *Shared) MainMenu() []NavItem {
	var ps []*site.Page
	if urls := s.d.view.Config().Theme.Menu; len(urls) > 0 {
		for _, u := range urls {
			if p := s.configured(u); p != nil {
				ps = append(ps, p)
			}
		}
	} else {
		ps = s.Menu()
	}
	out := make([]NavItem, len(ps))
	for i, p := range ps {
		out[i] = NavItem{Title: p.Title, Link: s.d.Rel(p.URL), Current: s.IsCurrent(p)}
		if !out[i].Current {
			out[i].Active = s.InSection(p)
		}
	}
	return out
}

// SearchLink returns the link to the search page, or "" when there is none
// or it is the page being rendered or the front page (which has its own
// search field).
func (s *Shared) SearchLink() string {
	p := s.configured(s.d.view.Config().Theme.Search)
	if p == nil || s.IsCurrent(p) || s.IsHome() {
		return ""
	}
	return s.d.Rel(p.URL)
}

// FooterLinks returns the contact page, the accessibility statement and the
// search page with the A–Å list, those the target shows.
func (s *Shared) FooterLinks() []NavItem {
	th := s.d.view.Config().Theme
	var out []NavItem
	add := func(u, title string) {
		if p := s.configured(u); p != nil {
			if title == "" {
				title = p.Title
			}
			out = append(out, NavItem{Title: title, Link: s.d.Rel(p.URL)})
		}
	}
	add(th.Contact, "")
	add(th.Accessibility, "Tilgængelighedserklæring")
	add(th.Search, "Søg og sider fra A til Å")
	return out
}

// Feedback returns the feedback link's address: a mailto: or https: address
// as it is, a site path made relative; "" when the config gives none.
func (s *Shared) Feedback() string { return feedback(s.d) }

// Feedback returns the feedback link's address; see Shared.Feedback.
func (d *Data) Feedback() string { return feedback(d) }

func feedback(d *Data) string {
	f := d.view.Config().Theme.Feedback
	switch {
	case f == "":
		return ""
	case strings.HasPrefix(f, "/"):
		if p := pageAt(d.view, f); p != nil {
			d.use(pageKey(p))
			return d.Rel(p.URL)
		}
		return ""
	}
	return f
}

// SearchPage returns the link to the search page, or "" when the target
// has none.
func (d *Data) SearchPage() string { return d.linkAt(d.view.Config().Theme.Search) }

// Guide returns the guide page ("Find hjælp") as a link, or nil.
func (d *Data) Guide() *NavItem {
	p := d.configured(d.view.Config().Theme.Guide.Page)
	if p == nil || p == d.Page {
		return nil
	}
	return &NavItem{Title: p.Title, Summary: p.Summary, Link: d.Rel(p.URL)}
}

// Choice is one answer of the guide: a filter page and how many pages it lists.
type Choice struct {
	Title, Link string
	Count       int
}

// GuideChoices returns the guide's answers: the guide section's filter
// pages by the guide's taxonomy, or nil when the config names none.
func (d *Data) GuideChoices() []Choice {
	g := d.view.Config().Theme.Guide
	if g.Section == "" || g.Taxonomy == "" {
		return nil
	}
	f := d.FilterIn(g.Section, g.Taxonomy)
	if f == nil {
		return nil
	}
	out := make([]Choice, 0, len(f.Terms))
	for _, t := range f.Terms {
		out = append(out, Choice{Title: t.Term.Name, Link: d.Rel(t.URL), Count: len(t.Pages)})
	}
	return out
}

// InGuideSection reports whether the filter page being rendered filters the
// guide's section (where the help panel belongs).
func (d *Data) InGuideSection() bool {
	return d.Section != nil && d.Section.URL == d.view.Config().Theme.Guide.Section
}

// HelpPage returns the page to call when nothing in a list fits, with its
// phone field, or nil.
func (d *Data) HelpPage() *Help {
	p := d.configured(d.view.Config().Theme.Help)
	if p == nil {
		return nil
	}
	h := &Help{Title: p.Title, Link: d.Rel(p.URL)}
	if ph, ok := p.Field("phone").(string); ok {
		h.Phone = ph
	}
	return h
}

func (d *Data) linkAt(u string) string {
	if p := d.configured(u); p != nil {
		return d.Rel(p.URL)
	}
	return ""
}

// HomeTasks returns the front page's direct links to the most common needs.
func (d *Data) HomeTasks() []NavItem {
	var out []NavItem
	for _, u := range d.view.Config().Theme.Home.Tasks {
		if p := d.configured(u); p != nil {
			out = append(out, NavItem{Title: p.Title, Summary: p.Summary, Link: d.Rel(p.URL)})
		}
	}
	return out
}

// HomeGrid returns the sections theme.home.grid names, with their pages.
func (d *Data) HomeGrid() []Block { return d.blocks(d.view.Config().Theme.Home.Grid) }

// HomeSections returns the sections the front page lists with their pages:
// those theme.home.sections names, else every top-level section that is
// not in the grid, with its pages, in the site's order.
func (d *Data) HomeSections() []Block {
	th := d.view.Config().Theme
	if len(th.Home.Sections) > 0 {
		return d.blocks(th.Home.Sections)
	}
	grid := map[string]bool{}
	for _, u := range th.Home.Grid {
		grid[u] = true
	}
	var urls []string
	for _, p := range d.ChildrenOf(d.view.PageByURL("/")) {
		if p.IsSection && !grid[p.URL] {
			urls = append(urls, p.URL)
		}
	}
	return d.blocks(urls)
}

func (d *Data) blocks(urls []string) []Block {
	var out []Block
	for _, u := range urls {
		p := d.configured(u)
		if p == nil {
			continue
		}
		out = append(out, Block{Title: p.Title, Summary: p.Summary, Link: d.Rel(p.URL), Cards: d.Cards(d.ChildrenOf(p))})
	}
	return out
}

// PageTerms returns the page's terms in every taxonomy (theme.taxonomies
// gives the order; default every taxonomy by name), for
// {{.Memo "partials/term-list.html" .PageTerms}}.
func (d *Data) PageTerms() TermLists {
	names := d.view.Config().Theme.Taxonomies
	if len(names) == 0 {
		for _, tx := range d.view.Taxonomies() {
			names = append(names, tx.Name)
		}
	}
	return d.TermLists(strings.Join(names, " "))
}

// DefinedTerms returns, for each taxonomy whose terms are pages, the pages
// that refer to the term this page defines (a value's cases, a unit's
// offers and cases), with the taxonomy's title.
func (d *Data) DefinedTerms() []Block {
	var out []Block
	for _, tx := range d.view.Taxonomies() {
		t := d.DefinedTerm(tx.Name)
		if t == nil {
			continue
		}
		if ps := d.TermPages(*t); len(ps) > 0 {
			out = append(out, Block{Title: tx.Title, Cards: d.Cards(ps)})
		}
	}
	return out
}

// Updated returns the page's front matter date the Danish way, or "".
func (d *Data) Updated() string {
	t := d.Page.Date
	if t.IsZero() {
		return ""
	}
	return t.Format("2") + ". " + months[t.Month()-1] + " " + t.Format("2006")
}

// Context returns what tells the page apart where its title repeats in the
// target: the title of the section above it ("Botilbud – Marie Grubbe"),
// or "" when the title is the only one of its kind.
func (d *Data) Context() string { return d.contextOf(d.Page) }

func (d *Data) contextOf(p *site.Page) string {
	d.use(titleKey(p)) // a page taking or leaving this title changes the answer
	if repeats(d.view)[p.Title] < 2 {
		return ""
	}
	return d.parentTitle(p)
}

// repeated holds, for the last few views, how many visible pages carry each
// title. A view does not change once selected.
var repeated struct {
	sync.Mutex
	views []*site.View
	count []map[string]int
}

func repeats(v *site.View) map[string]int {
	repeated.Lock()
	defer repeated.Unlock()
	for i, w := range repeated.views {
		if w == v {
			return repeated.count[i]
		}
	}
	m := make(map[string]int, len(v.Pages))
	for _, p := range v.Pages {
		m[p.Title]++
	}
	if len(repeated.views) == 4 {
		repeated.views, repeated.count = repeated.views[1:], repeated.count[1:]
	}
	repeated.views = append(repeated.views, v)
	repeated.count = append(repeated.count, m)
	return m
}

// HeadTitle is the text of the page's <title>: the page's title (with its
// section where the title repeats, and the list page's number), the site's
// title and the owner ("Botilbud – Marie Grubbe – Løsningernes Labyrint –
// Guldborgsund Kommune"), leaving out from the end what does not fit in
// maxTitle characters; a title too long alone is shortened (DocTitle).
func (d *Data) HeadTitle() string {
	site := d.Site.Title
	if d.Site.Label != "" {
		site += " (" + d.Site.Label + ")"
	}
	var parts []string
	if d.Page.URL != "/" {
		t := d.Page.Title
		if c := d.Context(); c != "" {
			t += " – " + c
		}
		if d.Pager != nil && d.Pager.Number > 1 {
			t += fmt.Sprintf(" – side %d", d.Pager.Number)
		}
		parts = append(parts, t)
	}
	parts = append(parts, site)
	if d.Site.Owner != "" && !strings.Contains(site, d.Site.Owner) {
		parts = append(parts, d.Site.Owner)
	}
	for n := len(parts); n > 0; n-- {
		if t := strings.Join(parts[:n], " – "); titleLen(t) <= maxTitle {
			return t
		}
	}
	return d.DocTitle()
}

// ContextOf is Context for page p, for lists such as the A–Å list.
func (d *Data) ContextOf(p *site.Page) string { return d.contextOf(p) }

// ParentTitle returns the title of the section above p (an offer's unit),
// or "" for a page the target does not show or a page at the top. Offer
// cards show it to tell offers apart.
func (d *Data) ParentTitle(p *site.Page) string {
	if p == nil || !d.view.Has(p) {
		return ""
	}
	return d.parentTitle(p)
}

// parentTitle is the title of the section above p, recorded as used, or ""
// at the top.
func (d *Data) parentTitle(p *site.Page) string {
	par := d.view.Parent(p)
	if par == nil || par.URL == "/" {
		return ""
	}
	d.use(pageKey(par))
	return par.Title
}

// Listen reports whether the page offers the "Lyt" button (theme.listen);
// assets/js/page.js shows it only where the browser has a Danish voice.
func (d *Data) Listen() bool { return d.view.Config().Theme.Listen }

// FilterTerms returns the terms page p has in each taxonomy its kind is
// filtered by, as "taxonomy:slug" words, for a card's data-terms (the
// catalogue's filter script reads them).
func (d *Data) FilterTerms(p *site.Page) string {
	k := p.Src.Kind
	if k == nil {
		return ""
	}
	var b strings.Builder
	for _, tax := range k.Filters {
		for _, t := range d.TermsOf(p, tax) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tax + ":" + t.Slug)
		}
	}
	return b.String()
}
