package pipeline

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// checkTargetURL checks target t's url in site.yaml. A public target (one
// without a label) needs it: without it sitemap.xml, robots.txt and the
// pages' canonical addresses cannot be absolute, so the build warns (not in
// the preview, where it is no news). A url that is not a whole http(s)
// address is an error.
func checkTargetURL(o Options, t *config.Target) *diag.List {
	if t.URL == "" && (t.Label != "" || o.Preview) {
		return nil
	}
	// The line of the target's url key, else of the target (a flow
	// mapping such as {out: public, url: …} is one line).
	line := func(keys ...string) int {
		data, err := os.ReadFile(filepath.Join(o.Source, config.FileName))
		if err != nil {
			return 0
		}
		if n := config.KeyLine(data, append([]string{"targets", t.Name}, keys...)...); n > 0 || len(keys) == 0 {
			return n
		}
		return config.KeyLine(data, "targets", t.Name)
	}
	l := new(diag.List)
	if t.URL == "" {
		l.Add(diag.Finding{File: config.FileName, Line: line(), Severity: diag.Warning, Code: "url",
			Msg:  "målet " + t.Name + " har ingen url, så sitemap.xml, robots.txt og sidernes kanoniske adresse ikke kan være hele adresser",
			Hint: "skriv sitets offentlige adresse under målet, fx url: https://socialpolitik.example.dk/"})
		return l
	}
	u, err := url.Parse(t.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		l.Add(diag.Finding{File: config.FileName, Line: line("url"), Severity: diag.Error, Code: "url",
			Msg:  "url " + t.URL + " er ikke en hel adresse",
			Hint: "skriv den med https:// foran og uden ? eller #, fx https://socialpolitik.example.dk/"})
	}
	return l
}

// urlset is sitemap.xml (sitemaps.org protocol 0.9).
type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

// sitemap writes sitemap.xml and robots.txt for the view. The sitemap
// protocol and robots.txt's Sitemap line want absolute addresses: with the
// target's url they are; without it (the build has warned) the sitemap
// lists paths from the site's root and robots.txt names no sitemap.
func (b *builder) sitemap() error {
	urls := make([]string, 0, len(b.view.Pages)+len(b.filterURLs))
	for _, p := range b.view.Pages {
		if p.Kind != "notfound" {
			urls = append(urls, p.URL)
		}
	}
	urls = append(urls, b.filterURLs...)
	sort.Strings(urls)
	base := strings.TrimSuffix(b.view.Target.Base, "/")
	if b.view.Target.URL != "" {
		base = strings.TrimSuffix(b.view.Target.URL, "/")
	}
	set := urlset{URLs: make([]sitemapURL, len(urls))}
	for i, u := range urls {
		set.URLs[i].Loc = base + u
	}
	data, err := xml.Marshal(set)
	if err != nil {
		return err
	}
	data = append([]byte(xml.Header), append(data, '\n')...)
	if err := b.w.Write("sitemap.xml", data); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n"
	if b.view.Target.URL != "" {
		robots += "Sitemap: " + base + "/sitemap.xml\n"
	}
	if b.view.Target.Label != "" {
		robots = "User-agent: *\nDisallow: /\n"
	}
	b.files += 2
	return b.w.WriteRaw("robots.txt", []byte(robots))
}
