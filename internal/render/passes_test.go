package render

import (
	"html/template"
	"io/fs"
	"os"
	"testing"

	"github.com/guldborgsund/labyrint/internal/site"
)

// TestPageFree says which partials may keep their pieces from one render
// pass to the next: those that reach no page behind their value and call
// no other template.
func TestPageFree(t *testing.T) {
	for src, want := range map[string]bool{
		`<li><a href="{{.Link}}">{{.Title}}</a>{{with .Summary}}<p>{{.}}</p>{{end}}</li>`:   true,
		`{{if .Title}}{{.Link}}{{else}}{{.Summary}}{{end}}{{range .Terms}}{{.Name}}{{end}}`: true,
		`{{$x := .Title}}{{$x}}{{lower .Kind}}`:                                             true,
		`{{.Page.Title}}`:                                                                   false,
		`{{with .Page}}{{.Title}}{{end}}`:                                                   false,
		`{{$.Page.URL}}`:                                                                    false,
		`{{$p := .}}{{$p.Page.Params}}`:                                                     false,
		`{{(index . 0).Page}}`:                                                              false,
		`{{template "partials/x.html" .}}`:                                                  false,
		`{{if .Title}}{{else}}{{.Page}}{{end}}`:                                             false,
	} {
		tpl, err := template.New("x").Funcs(funcs).Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := pageFree(tpl.Tree.Root); got != want {
			t.Errorf("pageFree(%s) = %v, want %v", src, got, want)
		}
	}
}

// TestPiecesAcrossPasses renders the real site's section lists in one
// pass and again in the next (SharedCache.Next): with the real card
// partial the next pass makes no card again; with one that reaches the
// card's page (.Page), every card is made again; with other layouts the
// pieces start anew. The output is always the one made without a cache.
func TestPiecesAcrossPasses(t *testing.T) {
	cfg, s := realSite(t, "../../content")
	real := os.DirFS("../../layouts")
	paged := layoutsWith(real, "partials/card.html", `<li class="card"><a href="{{.Link}}">{{.Page.Title}}</a></li>`)
	v := s.Select(cfg.Targets["intranet"], site.Options{})
	info := SiteInfo{Title: cfg.Title, Label: cfg.Targets["intranet"].Label, Params: cfg.Params}
	var lists []*site.Page
	for _, p := range v.Pages {
		if p.IsSection && p.URL != "/" && p.Layout == "section" && len(v.Children(p)) > 0 {
			lists = append(lists, p)
		}
	}
	if len(lists) == 0 {
		t.Fatal("no section lists")
	}
	for _, tt := range []struct {
		name    string
		layouts fs.FS
		kept    bool
	}{{"real layouts", real, true}, {"a card that reaches its page", paged, false}} {
		tpl, err := Parse(tt.layouts, nil)
		if err != nil {
			t.Fatal(err)
		}
		count := func(ps ...*pieces) int {
			n := 0
			for _, p := range ps {
				n += len(p.cards) + len(p.memo)
			}
			return n
		}
		pass := func(c *SharedCache) {
			for _, p := range lists {
				if got, want := renderAt(t, tpl, v, info, p, p.URL, c), renderAt(t, tpl, v, info, p, p.URL, nil); got != want {
					t.Errorf("%s: %s differs with the cache", tt.name, p.URL)
				}
			}
		}
		first := (*SharedCache)(nil).Next(tpl)
		pass(first)
		made := count(first.kept, first.own)
		next := first.Next(tpl)
		if next.kept != first.kept || count(next.own) != 0 {
			t.Fatalf("%s: the next pass with the same layouts does not share the kept pieces alone", tt.name)
		}
		before := count(next.kept)
		pass(next)
		again := count(next.kept, next.own) - before // made in the next pass
		switch {
		case made == 0:
			t.Fatalf("%s: no pieces made", tt.name)
		case tt.kept && again != 0:
			t.Errorf("%s: the next pass made %d pieces again, want none", tt.name, again)
		case !tt.kept && again == 0:
			t.Errorf("%s: the next pass made no piece again: cards that reach their page were kept", tt.name)
		}
		other, err := Parse(tt.layouts, nil)
		if err != nil {
			t.Fatal(err)
		}
		if fresh := next.Next(other); fresh.kept == next.kept || count(fresh.kept, fresh.own) != 0 {
			t.Errorf("%s: other layouts took the pieces of these", tt.name)
		}
	}
}
