package render

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/site"
)

// TestCardsForEveryFolder renders the real site's section lists in three
// folders each (as the list's own page, one and two folders down), with the
// cache and without. The output must be the same, and a card must be made
// once for all three folders, not once per folder. With a card partial
// that writes the link where it is escaped (a JavaScript string, where /
// is written \/), the cards must be made per folder instead, and the
// output still be the same.
func TestCardsForEveryFolder(t *testing.T) {
	cfg, s := realSite(t, "../../content")
	real := os.DirFS("../../layouts")
	escaped := layoutsWith(real, "partials/card.html", `<li class="card"><a href="#" onclick="go('{{.Link}}')">{{.Title}}</a></li>`)
	for _, tt := range []struct {
		name    string
		layouts fs.FS
		rooted  bool
	}{{"real layouts", real, true}, {"link in JavaScript", escaped, false}} {
		tpl, err := Parse(tt.layouts, nil)
		if err != nil {
			t.Fatal(err)
		}
		v := s.Select(cfg.Targets["intranet"], site.Options{})
		cache := NewSharedCache()
		info := SiteInfo{Title: cfg.Title, Label: cfg.Targets["intranet"].Label, Params: cfg.Params}
		render := func(p *site.Page, u string, c *SharedCache) string { return renderAt(t, tpl, v, info, p, u, c) }
		cards := map[string]bool{}
		for _, p := range v.Pages {
			if !p.IsSection || p.URL == "/" || p.Layout != "section" {
				continue
			}
			for _, ch := range v.Children(p) {
				if ch.Kind != "offer" {
					cards[ch.URL] = true
				}
			}
			for _, u := range []string{p.URL, p.URL + "x/", p.URL + "x/y/"} {
				if got, want := render(p, u, cache), render(p, u, nil); got != want {
					t.Errorf("%s: %s differs with the cache", tt.name, u)
				}
			}
		}
		if len(cards) == 0 {
			t.Fatalf("%s: no section lists with cards", tt.name)
		}
		state := cache.own.cardCheck["partials/card.html"]
		switch {
		case tt.rooted && (state != 1 || len(cache.own.cards) != len(cards)):
			t.Errorf("%s: %d cards made for every folder (check %d), want one each for %d pages", tt.name, len(cache.own.cards), state, len(cards))
		case !tt.rooted && state != -1:
			t.Errorf("%s: check %d, want -1: the cards must be made per folder", tt.name, state)
		}
		if sec := firstSection(v); !tt.rooted && !strings.Contains(render(sec, sec.URL+"x/", cache), `go('..\/..\/`) {
			t.Errorf("%s: the link is not escaped for JavaScript", tt.name)
		}
	}
}

// firstSection returns a section list page of v with cards.
func firstSection(v *site.View) *site.Page {
	for _, p := range v.Pages {
		if p.IsSection && p.URL != "/" && p.Layout == "section" && len(v.Children(p)) > 0 {
			return p
		}
	}
	return nil
}

func TestUpPath(t *testing.T) {
	for r, want := range map[string]bool{"": true, "../": true, "../../../": true, "/": false, "/sub/": false, "..": false, "./": false, "../x/": false} {
		if got := upPath(r); got != want {
			t.Errorf("upPath(%q) = %v, want %v", r, got, want)
		}
	}
}

// layoutsWith returns a copy of the layouts in real with the file name's
// text replaced by src.
func layoutsWith(real fs.FS, name, src string) fstest.MapFS {
	out := fstest.MapFS{}
	fs.WalkDir(real, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := fs.ReadFile(real, p)
			out[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	out[name] = &fstest.MapFile{Data: []byte(src)}
	return out
}
