package pipeline

import (
	"encoding/xml"
	"net/url"
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
func checkTargetURL(o Options, cfg *config.Config, t *config.Target) *diag.List {
	if t.URL == "" && (t.Label != "" || o.Preview) {
		return nil
	}
	at := "targets." + t.Name
	l := new(diag.List)
	if t.URL == "" {
		f := cfg.Finding(diag.Warning, at, "skriv sitets offentlige adresse under målet, fx url: https://socialpolitik.example.dk/",
			"målet %s har ingen url, så sitemap.xml, robots.txt og sidernes kanoniske adresse ikke kan være hele adresser", t.Name)
		f.Code = "url"
		l.Add(f)
		return l
	}
	u, err := url.Parse(t.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		f := cfg.Finding(diag.Error, at+".url", "skriv den med https:// foran og uden ? eller #, fx https://socialpolitik.example.dk/",
			"url %s er ikke en hel adresse", t.URL)
		f.Code = "url"
		l.Add(f)
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
