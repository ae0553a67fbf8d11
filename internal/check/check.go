// Package check finds what a build does not stop for but an editor should
// fix: links to #anchors that no heading has, pages nothing links to, and
// the external links a page makes (listed, never fetched). It works on what
// the build saw of every page: its heading ids, the links its Markdown
// writes, and the links its rendered HTML holds.
package check

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Page is one rendered page as the checks see it.
type Page struct {
	URL   string          // site-absolute URL path of the page
	File  string          // its source, for messages
	IDs   map[string]bool // ids a link may point at (headings, and the layout's main)
	Links []Link          // links written in its Markdown
	Hrefs []string        // every href of its rendered HTML, relative as written
}

// Link is a link written in a page's Markdown.
type Link struct {
	Dest string // as written
	Line int
	To   string // the site-absolute URL it resolves to ("" when external or not a page)
	Frag string // the #anchor, without #
}

// Run checks the pages of one target; root is the front page's URL.
func Run(pages []*Page, root string) []diag.Finding {
	byURL := make(map[string]*Page, len(pages))
	for _, p := range pages {
		byURL[p.URL] = p
	}
	var out []diag.Finding
	for _, p := range pages {
		for _, l := range p.Links {
			switch {
			case isExternal(l.Dest):
				out = append(out, diag.Finding{File: p.File, Line: l.Line, Severity: diag.Info, Code: "external",
					Msg: "eksternt link (ikke tjekket): " + l.Dest})
			case l.Frag != "":
				target := p
				if l.To != "" {
					target = byURL[l.To]
				}
				if target != nil && !target.IDs[l.Frag] {
					f := diag.Finding{File: p.File, Line: l.Line, Severity: diag.Error, Code: "anchor",
						Msg: fmt.Sprintf("linket %q peger på #%s, men %s har ingen overskrift med det id", l.Dest, l.Frag, target.URL)}
					if sug := diag.Suggest(l.Frag, keys(target.IDs)); sug != "" {
						f.Hint = fmt.Sprintf("mente du #%s?", sug)
					}
					out = append(out, f)
				}
			}
		}
	}
	// Reachability: follow the rendered pages' links from the front page.
	seen := map[string]bool{root: true}
	queue := []string{root}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		p := byURL[u]
		if p == nil {
			continue
		}
		for _, h := range p.Hrefs {
			t := Resolve(u, h)
			if t != "" && !seen[t] && byURL[t] != nil {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	for _, p := range pages {
		if !seen[p.URL] && !strings.HasSuffix(p.URL, ".html") {
			out = append(out, diag.Finding{File: p.File, Line: 1, Severity: diag.Warning, Code: "unreachable",
				Msg: fmt.Sprintf("ingen menu, liste eller side linker til %s", p.URL), Hint: "link til siden fra dens sektion eller en anden side"})
		}
	}
	return out
}

// Resolve turns an href written on the page at URL from into a
// site-absolute page URL ("" for other hosts, assets and anchors only).
func Resolve(from, href string) string {
	if href == "" || strings.HasPrefix(href, "#") || isExternal(href) || strings.Contains(href, ":") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = path.Join(path.Dir(from+"x"), p)
		if strings.HasSuffix(u.Path, "/") || u.Path == "" {
			p += "/"
		}
	}
	p = strings.TrimSuffix(p, "index.html")
	if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
		p += "/"
	}
	return p
}

func isExternal(d string) bool {
	l := strings.ToLower(d)
	return strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") || strings.HasPrefix(l, "mailto:") ||
		strings.HasPrefix(l, "tel:") || strings.HasPrefix(l, "//")
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
