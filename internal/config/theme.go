package config

import (
	"fmt"
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

// checkTheme fills in the defaults and reports paths that are not site paths.
func (c *Config) checkTheme(p *problems) {
	bad := func(format string, args ...any) { p.bad("theme", "", format, args...) }
	th := &c.Theme
	switch th.Search {
	case "":
		th.Search = "/soeg/"
	case "off":
		th.Search = ""
	}
	path := func(key, u string) {
		if u != "" && !strings.HasPrefix(u, "/") {
			bad("theme.%s: %q skal være en adresse på sitet, der begynder med / (fx /kontakt/)", key, u)
		}
	}
	path("search", th.Search)
	path("guide.page", th.Guide.Page)
	path("guide.section", th.Guide.Section)
	if n := th.Guide.Taxonomy; n != "" && c.Taxonomies[n] == nil {
		bad("theme.guide.taxonomy: ukendt taksonomi %q", n)
	}
	path("help", th.Help)
	path("contact", th.Contact)
	path("accessibility", th.Accessibility)
	for i, p := range th.Menu {
		path(fmt.Sprintf("menu[%d]", i), p)
	}
	for _, l := range [][]string{th.Home.Tasks, th.Home.Grid, th.Home.Sections} {
		for _, u := range l {
			path("home", u)
		}
	}
	if h := th.HeaderLink; h != nil {
		path("header_link.url", h.URL)
		if h.Title == "" {
			bad("theme.header_link mangler title")
		}
		for _, t := range h.Targets {
			if c.Targets[t] == nil {
				bad("theme.header_link.targets: ukendt mål %q", t)
			}
		}
	}
	for _, n := range th.Taxonomies {
		if c.Taxonomies[n] == nil {
			bad("theme.taxonomies: ukendt taksonomi %q", n)
		}
	}
	if th.OwnerURL != "" && !strings.HasPrefix(th.OwnerURL, "https://") && !strings.HasPrefix(th.OwnerURL, "http://") {
		bad("theme.owner_url: %q skal begynde med https://", th.OwnerURL)
	}
}
