package config

import (
	"fmt"
	"slices"
	"strings"
)

// Theme is what the layouts show that is the site's own and not content:
// the owner's identity in the header, a prominent header link, the main
// menu, what the front page shows, the search page's address and the
// optional parts of the layouts. Every key may be left out.
type Theme struct {
	Logo          string      `yaml:"logo"`          // file in assets/ shown beside the owner's name
	OwnerURL      string      `yaml:"owner_url"`     // the owner's main site (https://…)
	HeaderLink    *HeaderLink `yaml:"header_link"`   // a prominent link in the header of every page
	Feedback      string      `yaml:"feedback"`      // the feedback link's address: mailto:…, https://… or a site path
	Menu          []string    `yaml:"menu"`          // the main menu's pages by URL path; default the pages with front matter menu:
	Home          Home        `yaml:"home"`          // what the front page shows
	Search        string      `yaml:"search"`        // URL path of the search page with the A–Å list; default /soeg/; "off": none
	Taxonomies    []string    `yaml:"taxonomies"`    // order of the term lists on pages; default every taxonomy by name
	Guide         Guide       `yaml:"guide"`         // a guide page ("Find hjælp") that leads from a choice to a filtered list
	Help          string      `yaml:"help"`          // URL path of the page to call when no offer fits; "" none
	Contact       string      `yaml:"contact"`       // URL path of the contact page, linked in the footer
	Accessibility string      `yaml:"accessibility"` // URL path of the accessibility statement, linked in the footer
	Listen        bool        `yaml:"listen"`        // a "Lyt" button that reads the page aloud with the browser's Danish voice
}

// Guide is a page that asks one question and answers with a section's
// filter pages by one taxonomy (the choices), linked from the front page
// and the section.
type Guide struct {
	Page     string `yaml:"page"`     // URL path of the guide page; "" none
	Section  string `yaml:"section"`  // URL path of the section whose filter pages are the answers
	Taxonomy string `yaml:"taxonomy"` // the taxonomy of the choices (one of the section's kind's filters)
}

// HeaderLink is a link the header shows on every page of the listed targets.
type HeaderLink struct {
	Title   string   `yaml:"title"`   // the link's text
	URL     string   `yaml:"url"`     // a site path; the link is left out where the target does not show the page
	Targets []string `yaml:"targets"` // the targets that show it; default every target
}

// Home is what the front page shows besides its own text.
type Home struct {
	Tasks    []string `yaml:"tasks"`    // the most common needs: pages by URL path, shown first as direct links
	Grid     []string `yaml:"grid"`     // sections whose pages are shown as a grid of short cards
	Sections []string `yaml:"sections"` // sections shown with their pages; default every top-level section
}

// ShowsHeaderLink reports whether target t shows the header link.
func (h *HeaderLink) ShowsHeaderLink(t string) bool {
	if h == nil || h.URL == "" {
		return false
	}
	if len(h.Targets) == 0 {
		return true
	}
	for _, n := range h.Targets {
		if n == t {
			return true
		}
	}
	return false
}

// checkTheme fills in the defaults and reports, at the key or item at
// fault, paths that are not site paths and names that are not declared.
// Whether a path names a page is for the build to see (ThemePaths).
func (c *Config) checkTheme(p *problems) {
	th := &c.Theme
	switch th.Search {
	case "":
		th.Search = "/soeg/"
	case "off":
		th.Search = ""
	}
	for _, tp := range c.ThemePaths() {
		if !strings.HasPrefix(tp.URL, "/") {
			p.bad(tp.Key, "skriv adressen fra sitets rod med / foran og bagved, fx /kontakt/",
				"%s: %q skal være en adresse på sitet, der begynder med /", tp.Key, tp.URL)
		}
	}
	if th.Search != "" && !strings.HasPrefix(th.Search, "/") {
		p.bad("theme.search", `skriv fx /soeg/, eller "off" for ingen søgeside`, "theme.search: %q skal være en adresse på sitet, der begynder med /", th.Search)
	}
	if f := th.Feedback; f != "" && !strings.HasPrefix(f, "/") && !strings.HasPrefix(f, "mailto:") && !strings.HasPrefix(f, "https://") && !strings.HasPrefix(f, "http://") {
		p.bad("theme.feedback", "skriv fx mailto:web@kommune.dk, https://… eller /kontakt/", "theme.feedback: %q er hverken en e-mailadresse (mailto:), en hel adresse eller en adresse på sitet", f)
	}
	taxes := sortedNames(c.Taxonomies)
	c.checkGuide(p)
	if h := th.HeaderLink; h != nil {
		if h.Title == "" {
			p.bad("theme.header_link", "skriv fx title: Akut hjælp under header_link", "theme.header_link mangler title")
		}
		for i, t := range h.Targets {
			if c.Targets[t] == nil {
				p.bad(fmt.Sprintf("theme.header_link.targets[%d]", i), suggest(t, sortedNames(c.Targets)), "theme.header_link.targets: ukendt mål %q", t)
			}
		}
	}
	for i, n := range th.Taxonomies {
		if c.Taxonomies[n] == nil {
			p.bad(fmt.Sprintf("theme.taxonomies[%d]", i), suggest(n, taxes), "theme.taxonomies: ukendt taksonomi %q", n)
		}
	}
	if th.OwnerURL != "" && !strings.HasPrefix(th.OwnerURL, "https://") && !strings.HasPrefix(th.OwnerURL, "http://") {
		p.bad("theme.owner_url", "skriv hele adressen, fx https://www.kommune.dk/", "theme.owner_url: %q skal begynde med https://", th.OwnerURL)
	}
}

// ThemePath is an address on the site that theme: names, with its key path
// ("theme.menu[2]").
type ThemePath struct{ Key, URL string }

// ThemePaths lists the site addresses theme: names (the menu, the front
// page's links and sections, the guide, help, contact and accessibility
// pages, the header link and a feedback link that is a site path), in
// the order of the keys. The search page is left out: the build adds it.
func (c *Config) ThemePaths() []ThemePath {
	th := &c.Theme
	var out []ThemePath
	one := func(key, u string) {
		if u != "" {
			out = append(out, ThemePath{"theme." + key, u})
		}
	}
	list := func(key string, us []string) {
		for i, u := range us {
			one(fmt.Sprintf("%s[%d]", key, i), u)
		}
	}
	list("menu", th.Menu)
	list("home.tasks", th.Home.Tasks)
	list("home.grid", th.Home.Grid)
	list("home.sections", th.Home.Sections)
	one("guide.page", th.Guide.Page)
	one("guide.section", th.Guide.Section)
	one("help", th.Help)
	one("contact", th.Contact)
	one("accessibility", th.Accessibility)
	if th.HeaderLink != nil {
		one("header_link.url", th.HeaderLink.URL)
	}
	if strings.HasPrefix(th.Feedback, "/") {
		one("feedback", th.Feedback)
	}
	return out
}

// checkGuide reports a guide that could show no choice: its page without a
// section or taxonomy, a taxonomy that is not declared, or one that no
// kind of the section filters by (the choices are the section's filter
// pages by it).
func (c *Config) checkGuide(p *problems) {
	g := c.Theme.Guide
	if g.Page == "" && g.Section == "" && g.Taxonomy == "" {
		return
	}
	for _, k := range []struct{ key, v string }{{"page", g.Page}, {"section", g.Section}, {"taxonomy", g.Taxonomy}} {
		if k.v == "" {
			p.bad("theme.guide", "skriv page (guidens side), section (sektionen med filtersiderne) og taxonomy (valgene)",
				"theme.guide mangler %s", k.key)
			return
		}
	}
	if c.Taxonomies[g.Taxonomy] == nil {
		p.bad("theme.guide.taxonomy", suggest(g.Taxonomy, sortedNames(c.Taxonomies)), "theme.guide.taxonomy: ukendt taksonomi %q", g.Taxonomy)
		return
	}
	section := strings.Trim(g.Section, "/")
	var filters []string
	for _, k := range c.SortedKinds() {
		if k != nil && k.Section == section {
			if slices.Contains(k.Filters, g.Taxonomy) {
				return
			}
			filters = append(filters, k.Filters...)
		}
	}
	hint := fmt.Sprintf("tilføj %s til filters under den slags side, der bor i %s", g.Taxonomy, section)
	if len(filters) > 0 {
		hint = suggest(g.Taxonomy, filters)
	}
	p.bad("theme.guide.taxonomy", hint, "theme.guide.taxonomy: ingen slags side i %s filtrerer efter %q, så guiden har ingen valg", g.Section, g.Taxonomy)
}
