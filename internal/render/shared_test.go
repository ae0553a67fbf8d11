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
// fewer headers and footers than there are pages.
func TestSharedPartials(t *testing.T) {
	const dir = "../.."
	cfg, err := config.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	tree, l := content.Load(os.DirFS(dir+"/content"), "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Items())
	}
	s, l := site.Build(cfg, tree)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Items())
	}
	tpl, err := Parse(os.DirFS("../../layouts"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"public", "intranet"} {
		v := s.Select(cfg.Targets[target], site.Options{})
		cache := NewSharedCache()
		render := func(p *site.Page, c *SharedCache) string {
			d := NewData(v, p, p.URL, SiteInfo{Title: cfg.Title, Label: cfg.Targets[target].Label, Params: cfg.Params}, map[string]string{
				"css/site.css": "/a.css", "css/print.css": "/p.css", "favicon.svg": "/f.svg",
				"js/catalogue.js": "/c.js", "search/search.js": "/s.js"})
			d.Pager = Pages(p.URL, v.Children(p), ListSize)[0]
			d.UseShared(c)
			var out string
			if err := tpl.Render(d, func(b []byte) { out = string(b) }); err != nil {
				t.Fatalf("%s %s: %v", target, p.URL, err)
			}
			return out
		}
		for _, p := range v.Pages {
			want := render(p, nil)
			if got := render(p, cache); got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s %s differs with the cache at byte %d: %q, want %q", target, p.URL, i, got[i:min(i+80, len(got))], want[i:min(i+80, len(want))])
			}
			if !strings.Contains(want, `<nav class="menu"`) {
				t.Errorf("%s %s has no menu", target, p.URL)
			}
		}
		if n := cache.variants(); n == 0 || n*2 > len(v.Pages) {
			t.Errorf("%s: %d variants of the shared partials for %d pages", target, n, len(v.Pages))
		}
		t.Logf("%s: %d pages, %d variants", target, len(v.Pages), cache.variants())
	}
}
