package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
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
		case "enheder/myndighed/visitation.md": // before Hemmeligt tilbud in respekt's pages now
			src = content.Parse(src.File, src.Path, []byte("---\ntitle: Abc visitation\nsummary: V\nunit: myndighed\nvalues: [respekt, aerlighed]\ntags: [Bolig, job]\n---\n"), cfg, &l2)
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
	sameModel(t, &edited, prev, cfg)
	if p := prev.PageByURL("/hjertesager/overblik/"); p.Title != "Overblik" || p.Audience != "public" {
		t.Errorf("Rebuild changed the old model: %+v", *p)
	}
}

// TestRebuildNewSection adds a section page to a folder whose pages were
// in the section above: Rebuild must not keep their old parent.
func TestRebuildNewSection(t *testing.T) {
	cfg := testConfig(t)
	fsys := testTree()
	fsys["inspiration/gruppe/en.md"] = md("title: En i gruppen", "tags: [Gruppe]")
	fsys["inspiration/gruppe/to.md"] = md("title: To i gruppen", "tags: [gruppe]")
	tree, l := content.Load(fsys, "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Err())
	}
	prev, _ := Build(cfg, tree)
	edited := *tree
	var l2 diag.List
	edited.Sources = append(slices.Clone(tree.Sources), content.Parse("content/inspiration/gruppe/_index.md", "inspiration/gruppe/_index.md", []byte("---\ntitle: Gruppe\n---\n"), cfg, &l2))
	slices.SortFunc(edited.Sources, func(a, b *content.Source) int { return cmpString(a.Path, b.Path) })
	if errs, _ := l2.Count(); errs > 0 {
		t.Fatal(l2.Err())
	}
	got := sameModel(t, &edited, prev, cfg)
	if p := got.PageByURL("/inspiration/gruppe/en/"); parentURL(p) != "/inspiration/gruppe/" {
		t.Errorf("the page's parent is %s", parentURL(p))
	}
	// A free term's name is the first page's (by URL) spelling: once the
	// first page is taken away, the next one's.
	edited2 := *tree
	edited2.Sources = slices.DeleteFunc(slices.Clone(tree.Sources), func(s *content.Source) bool { return s.Path == "inspiration/gruppe/en.md" })
	got = sameModel(t, &edited2, prev, cfg)
	if tm := got.Taxonomy("tags").bySlug["gruppe"]; tm == nil || tm.Name != "gruppe" {
		t.Errorf("the term is %+v", tm)
	}
}

// sameModel checks that Rebuild from prev models tree as Build does, and
// returns Rebuild's model.
func sameModel(t *testing.T, tree *content.Tree, prev *Site, cfg *config.Config) *Site {
	t.Helper()
	want, _ := Build(cfg, tree)
	got, _ := Rebuild(prev, cfg, tree)
	if len(got.Pages) != len(want.Pages) {
		t.Fatalf("%d pages, want %d", len(got.Pages), len(want.Pages))
	}
	for i, w := range want.Pages {
		g := got.Pages[i]
		if g.URL != w.URL || g.Title != w.Title || g.Audience != w.Audience || g.Kind != w.Kind || g.Layout != w.Layout ||
			string(g.key) != string(w.key) || pageURLs(g.children) != pageURLs(w.children) || parentURL(g) != parentURL(w) ||
			termNames(g.terms) != termNames(w.terms) || g.prev != nil {
			t.Errorf("%s: Rebuild made %+v, Build %+v", w.URL, *g, *w)
		}
	}
	for i, wt := range want.Taxonomies {
		gt := got.Taxonomies[i]
		if termNames(gt.Terms) != termNames(wt.Terms) {
			t.Errorf("%s: Rebuild's terms %s, Build's %s", wt.Name, termNames(gt.Terms), termNames(wt.Terms))
			continue
		}
		for j, w := range wt.Terms {
			if g := gt.Terms[j]; pageURLs(g.pages) != pageURLs(w.pages) {
				t.Errorf("%s/%s: Rebuild's pages %s, Build's %s", wt.Name, w.Slug, pageURLs(g.pages), pageURLs(w.pages))
			}
		}
	}
	return got
}

// termNames lists terms as taxonomy/slug=name, sorted (a page's terms
// of different fields come in no fixed order).
func termNames(ts []*Term) string {
	var s []string
	for _, tm := range ts {
		s = append(s, tm.Tax.Name+"/"+tm.Slug+"="+tm.Name)
	}
	slices.Sort(s)
	return strings.Join(s, " ")
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

// TestBuildKnownTakesKeys checks that BuildKnown gives a page the key kept
// for its title instead of running the collator: with every key known and
// reversed in order, a section's pages come in the reverse order; with the
// keys Build made, the model is Build's.
func TestBuildKnownTakesKeys(t *testing.T) {
	cfg := testConfig(t)
	fsys := testTree()
	fsys["inspiration/aa.md"] = md("title: Åen")
	fsys["inspiration/b.md"] = md("title: Bæk")
	fsys["inspiration/z.md"] = md("title: zebra")
	tree, l := content.Load(fsys, "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Err())
	}
	s, _ := Build(cfg, tree)
	same := map[string]string{}
	flipped := map[string]string{}
	for _, p := range s.Pages {
		same[p.Title] = p.TitleKey()
		k := []byte(p.TitleKey())
		for i := range k {
			k[i] = ^k[i]
		}
		flipped[p.Title] = string(k)
	}
	known, _ := BuildKnown(cfg, tree, same)
	for _, p := range s.Pages {
		if q := known.PageByURL(p.URL); pageURLs(q.children) != pageURLs(p.children) || q.TitleKey() != p.TitleKey() {
			t.Errorf("%s: BuildKnown with Build's keys gave %s, Build %s", p.URL, pageURLs(q.children), pageURLs(p.children))
		}
	}
	rev, _ := BuildKnown(cfg, tree, flipped)
	sec := s.PageByURL("/inspiration/")
	var want, got []string
	for _, p := range sec.children {
		if p.Weight == 0 && !p.IsSection {
			want = append(want, p.URL)
		}
	}
	for _, p := range rev.PageByURL("/inspiration/").children {
		if p.Weight == 0 && !p.IsSection {
			got = append(got, p.URL)
		}
	}
	slices.Reverse(want)
	if len(want) < 2 || !slices.Equal(got, want) {
		t.Errorf("with the keys reversed, /inspiration/'s pages are %v, want %v", got, want)
	}
}
