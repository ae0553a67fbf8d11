package pipeline

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/site"
)

// Addresses that survive moves. A page's front matter may list the
// addresses it had before (aliases: [/gammel-adresse/]); each gets a small
// redirect page (meta refresh, a link, rel=canonical) and a line in the
// redirect map for nginx. Every build also writes the public addresses it
// published (URLsFile); the next build that would drop one of them without
// an alias, or without the editors retiring it in RetiredFile, stops and
// says which address and how to keep it.

// AliasField is the front matter key that lists a page's earlier addresses.
const AliasField = "aliases"

// URLsFile, in the output, lists the addresses the build published, one a line.
const URLsFile = ".labyrint-urls"

// RedirectMap, in the output, holds one line "old new;" per alias, for an
// nginx map (see docs/hosting).
const RedirectMap = ".labyrint-redirects.map"

// RetiredFile, at the top of content/, lists addresses that may go away on
// purpose, one a line ("#" starts a comment).
const RetiredFile = "udgaaede-adresser.txt"

// alias is one earlier address of a page.
type alias struct {
	from string
	to   *site.Page
}

// aliases collects and checks the view's aliases: each must be a path from
// the site's root that no page and no other alias has.
func (b *builder) aliases() ([]alias, *diag.List) {
	var l diag.List
	var out []alias
	seen := map[string]*site.Page{}
	for _, p := range b.view.Pages {
		for _, a := range p.Src.List(AliasField) {
			at := func(msg, hint string) {
				l.Add(diag.Finding{File: p.Src.File, Line: p.Src.Line(AliasField), Severity: diag.Error, Code: "alias", Msg: msg, Hint: hint})
			}
			u, ok := aliasURL(a)
			switch {
			case !ok:
				at(fmt.Sprintf("den gamle adresse %q skal begynde med /", a), "skriv adressen fra sitets rod, fx /enheder/gammelt-navn/")
			case b.site.PageByURL(u) != nil:
				at(fmt.Sprintf("den gamle adresse %s er stadig adressen på %s", u, b.site.PageByURL(u).Src.File), "slet den fra aliases")
			case seen[u] != nil && seen[u] != p:
				at(fmt.Sprintf("den gamle adresse %s står også i %s", u, seen[u].Src.File), "en gammel adresse kan kun føre til én side; slet den det ene sted")
			case seen[u] == nil:
				seen[u] = p
				out = append(out, alias{u, p})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].from < out[j].from })
	return out, &l
}

// aliasURL makes an alias a URL path like the site's own ("/a/b/").
func aliasURL(a string) (string, bool) {
	a = strings.TrimSpace(a)
	if !strings.HasPrefix(a, "/") || strings.Contains(a, "..") || strings.ContainsAny(a, " ?#\"'<>\\") {
		return "", false
	}
	u := path.Clean(a)
	if u != "/" && path.Ext(u) == "" {
		u += "/"
	}
	return u, u != "/"
}

// writeRedirects writes a redirect page for every alias and the nginx map.
func (b *builder) writeRedirects(as []alias) error {
	var m strings.Builder
	for _, a := range as {
		to := relFrom(a.from, a.to.URL, b.view.Target.Portable)
		canon := to
		if base := strings.TrimSuffix(b.view.Target.URL, "/"); base != "" {
			canon = base + a.to.URL
		}
		page := fmt.Sprintf(`<!doctype html><html lang="da"><head><meta charset="utf-8"><title>%s</title>`+
			`<link rel="canonical" href="%s"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=%s">`+
			`</head><body><p>Siden er flyttet til <a href="%s">%s</a>.</p></body></html>`+"\n",
			html.EscapeString(a.to.Title), html.EscapeString(canon), html.EscapeString(to), html.EscapeString(to), html.EscapeString(a.to.Title))
		name := strings.TrimPrefix(a.from, "/")
		if strings.HasSuffix(a.from, "/") {
			name += "index.html"
		}
		if err := b.w.WriteRaw(name, []byte(page)); err != nil {
			return err
		}
		b.files++
		fmt.Fprintf(&m, "%s %s;\n", a.from, a.to.URL)
	}
	if len(as) == 0 {
		return nil
	}
	b.files++
	return b.w.WriteRaw(RedirectMap, []byte(m.String()))
}

// relFrom makes the site path to relative to a file at URL from.
func relFrom(from, to string, portable bool) string {
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	r := strings.Repeat("../", strings.Count(dir, "/")-1) + strings.TrimPrefix(to, "/")
	if r == "" {
		r = "./"
	}
	if portable && strings.HasSuffix(r, "/") {
		r += "index.html"
	}
	return r
}

// published lists the addresses this build publishes: its pages (not the
// 404 page) and its aliases.
func (b *builder) published(as []alias) []string {
	var urls []string
	for _, p := range b.view.Pages {
		if p.Kind != "notfound" {
			urls = append(urls, p.URL)
		}
	}
	for _, a := range as {
		urls = append(urls, a.from)
	}
	sort.Strings(urls)
	return urls
}

// guardURLs compares the addresses the output in out published with urls:
// one that would go away without an alias or without being retired is an
// error. The contentPrefix names the content folder in messages.
func (b *builder) guardURLs(out string, urls []string, retired []byte, contentPrefix string) *diag.List {
	var l diag.List
	old, err := os.ReadFile(filepath.Join(out, URLsFile))
	if err != nil {
		return &l // a first build, or an output made before the list was kept
	}
	now := make(map[string]bool, len(urls))
	for _, u := range urls {
		now[u] = true
	}
	gone := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(retired))
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" && !strings.HasPrefix(t, "#") {
			if u, ok := aliasURL(t); ok {
				gone[u] = true
			}
		}
	}
	was := make(map[string]bool, len(urls))
	var lost []string
	sc = bufio.NewScanner(bytes.NewReader(old))
	for sc.Scan() {
		u := strings.TrimSpace(sc.Text())
		was[u] = true
		if u != "" && !now[u] && !gone[u] {
			lost = append(lost, u)
		}
	}
	var fresh []string // addresses new in this build: where a lost one may have gone
	for _, u := range urls {
		if !was[u] {
			fresh = append(fresh, u)
		}
	}
	for _, u := range lost {
		f := diag.Finding{File: path.Join(contentPrefix, RetiredFile), Severity: diag.Error, Code: "url-gone",
			Msg:  fmt.Sprintf("adressen %s blev udgivet sidst, men findes ikke længere; links udefra til den går i stykker", u),
			Hint: fmt.Sprintf("skriv aliases: [%s] i den side, der nu har indholdet, eller skriv %s på en linje i %s, hvis adressen skal væk", u, u, path.Join(contentPrefix, RetiredFile))}
		if sug := movedTo(u, fresh); sug != "" {
			if p := b.site.PageByURL(sug); p != nil {
				f.Hint = fmt.Sprintf("er siden flyttet til %s? skriv så aliases: [%s] i %s; eller skriv %s på en linje i %s, hvis adressen skal væk",
					sug, u, p.Src.File, u, path.Join(contentPrefix, RetiredFile))
			}
		}
		l.Add(f)
	}
	return &l
}

// addresses writes the redirect pages and the list of published addresses,
// after checking the aliases and (for a real build) that no address
// published last time goes away. A list is returned when it holds errors.
func (b *builder) addresses(out string, retired []byte, contentPrefix string) (*diag.List, error) {
	as, l := b.aliases()
	if errs, _ := l.Count(); errs > 0 {
		return l, nil
	}
	urls := b.published(as)
	if !b.o.Preview && !b.o.Check {
		if l := b.guardURLs(out, urls, retired, contentPrefix); len(l.Items()) > 0 {
			return l, nil
		}
	}
	if err := b.writeRedirects(as); err != nil {
		return nil, err
	}
	b.files++
	return nil, b.w.WriteRaw(URLsFile, []byte(strings.Join(urls, "\n")+"\n"))
}

// movedTo guesses which new address a lost one moved to: a near spelling,
// else the only new address in the same folder, else the only new address.
func movedTo(u string, fresh []string) string {
	if sug := diag.Suggest(u, fresh); sug != "" {
		return sug
	}
	var same []string
	for _, f := range fresh {
		if path.Dir(strings.TrimSuffix(f, "/")) == path.Dir(strings.TrimSuffix(u, "/")) {
			same = append(same, f)
		}
	}
	if len(same) == 1 {
		return same[0]
	}
	if len(fresh) == 1 {
		return fresh[0]
	}
	return ""
}
