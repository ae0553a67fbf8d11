package site

import (
	"slices"
	"testing"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// TestRebuildMatchesBuild changes sources of a built site (a title, an
// audience inherited below a section, a page added and one removed) and
// checks that Rebuild from the old model gives the model Build gives.
func TestRebuildMatchesBuild(t *testing.T) {
	cfg := testConfig(t)
	tree, l := content.Load(testTree(), "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Err())
	}
	prev, _ := Build(cfg, tree)
	edited := *tree
	edited.Sources = nil
	var l2 diag.List
	for _, src := range tree.Sources {
		switch src.Path {
		case "inspiration/sag.md":
			continue // removed
		case "hjertesager/overblik.md":
			src = content.Parse(src.File, src.Path, []byte("---\ntitle: Åbenhed\nsummary: O\n---\n"), cfg, &l2)
		case "enheder/intern/_index.md":
			src = content.Parse(src.File, src.Path, []byte("---\ntitle: Intern enhed\naudience: public\nmenu: 3\n---\n"), cfg, &l2)
		}
		edited.Sources = append(edited.Sources, src)
	}
	edited.Sources = append(edited.Sources, content.Parse("content/inspiration/ny.md", "inspiration/ny.md", []byte("---\ntitle: Ny sag\n---\n"), cfg, &l2))
	slices.SortFunc(edited.Sources, func(a, b *content.Source) int { return cmpString(a.Path, b.Path) })
	if errs, _ := l2.Count(); errs > 0 {
		t.Fatal(l2.Err())
	}
	want, _ := Build(cfg, &edited)
	got, _ := Rebuild(prev, cfg, &edited)
	if len(got.Pages) != len(want.Pages) {
		t.Fatalf("%d pages, want %d", len(got.Pages), len(want.Pages))
	}
	for i, w := range want.Pages {
		g := got.Pages[i]
		if g.URL != w.URL || g.Title != w.Title || g.Audience != w.Audience || g.Kind != w.Kind || g.Layout != w.Layout ||
			string(g.key) != string(w.key) || pageURLs(g.children) != pageURLs(w.children) || parentURL(g) != parentURL(w) || len(g.terms) != len(w.terms) {
			t.Errorf("%s: Rebuild made %+v, Build %+v", w.URL, *g, *w)
		}
	}
	if p := prev.PageByURL("/hjertesager/overblik/"); p.Title != "Overblik" || p.Audience != "public" {
		t.Errorf("Rebuild changed the old model: %+v", *p)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func pageURLs(ps []*Page) string {
	s := ""
	for _, p := range ps {
		s += p.URL + " "
	}
	return s
}

func parentURL(p *Page) string {
	if p.parent == nil {
		return ""
	}
	return p.parent.URL
}
