package render

import (
	"os"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/site"
)

// TestSharedPartials renders every page of the real site's two targets
// with the real layouts, once with a cache of shared partials and once
// without: every page must come out the same, and the cache must make far
// fewer headers and footers than there are pages. Memoised pieces (term
// lists, breadcrumb trails, cards: memo.go) are kept in the same cache.
func TestSharedPartials(t *testing.T) {
	cfg, s := realSite(t, "../../content")
	tpl, err := Parse(os.DirFS("../../layouts"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"public", "intranet"} {
		v := s.Select(cfg.Targets[target], site.Options{})
		cache := NewSharedCache()
		info := SiteInfo{Title: cfg.Title, Label: cfg.Targets[target].Label, Params: cfg.Params}
		render := func(p *site.Page, u string, c *SharedCache) string { return renderAt(t, tpl, v, info, p, u, c) }
		for _, p := range v.Pages {
			want := render(p, p.URL, nil)
			if got := render(p, p.URL, cache); got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s %s differs with the cache at byte %d: %q, want %q", target, p.URL, i, got[i:min(i+80, len(got))], want[i:min(i+80, len(want))])
			}
			// The same page one folder deeper: its links differ, and no
			// piece made for the page above may be reused for it.
			deeper := p.URL + "x/"
			if got, want := render(p, deeper, cache), render(p, deeper, nil); got != want {
				t.Errorf("%s %s differs with the cache", target, deeper)
			}
			if !strings.Contains(want, `<details class="menu"`) {
				t.Errorf("%s %s has no menu", target, p.URL)
			}
		}
		if n := cache.variants(); n == 0 || n > len(v.Pages) { // for 2 × len(v.Pages) renders
			t.Errorf("%s: %d variants of the shared partials for %d pages, each at two depths", target, n, len(v.Pages))
		}
		if len(cache.own.memo) == 0 {
			t.Errorf("%s: no memoised pieces (term lists, trails, cards)", target)
		}
		t.Logf("%s: %d pages, %d variants, %d memoised pieces", target, len(v.Pages), cache.variants(), len(cache.own.memo))
	}
}

// renderAt renders page p (its first list page) at URL u with the shared
// pieces kept in c (nil: none kept).
func renderAt(t *testing.T, tpl *Templates, v *site.View, info SiteInfo, p *site.Page, u string, c *SharedCache) string {
	t.Helper()
	d := NewData(v, p, u, info, testAssets)
	d.Pager = Pages(p.URL, v.Children(p), ListSize)[0]
	d.UseShared(c)
	var out string
	if err := tpl.Render(d, func(b []byte) { out = string(b) }); err != nil {
		t.Fatalf("%s at %s: %v", p.URL, u, err)
	}
	return out
}

// realSite loads the real site's config (site.yaml) with the content
// folder dir and builds the model.
func realSite(tb testing.TB, dir string) (*config.Config, *site.Site) {
	tb.Helper()
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		tb.Fatal(err)
	}
	tree, l := content.Load(os.DirFS(dir), "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		tb.Fatal(l.Items())
	}
	s, l := site.Build(cfg, tree)
	if errs, _ := l.Count(); errs > 0 {
		tb.Fatal(l.Items())
	}
	return cfg, s
}

// testAssets stands in for the asset URLs a build makes.
var testAssets = map[string]string{"css/site.css": "/a.css", "css/print.css": "/p.css", "favicon.svg": "/f.svg",
	"js/page.js": "/j.js", "js/catalogue.js": "/c.js", "favicon-32.png": "/f.png", "apple-touch-icon.png": "/a.png", "search/search.js": "/s.js"}
