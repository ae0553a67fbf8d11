package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	words "github.com/guldborgsund/labyrint/internal/glossary"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// glossarySite copies the golden site so a test may change it.
func glossarySite(t *testing.T) string {
	t.Helper()
	site := copyDir(t, goldenSite)
	abs, _ := filepath.Abs("../..")
	rewrite(t, filepath.Join(site, "site.yaml"), "../../../../../", abs+"/")
	return site
}

func TestGlossaryPages(t *testing.T) {
	for _, tt := range []struct{ target, link string }{
		{"public", `href="../../../ordliste/#stu" class="term">STU</a> (særligt tilrettelagt ungdomsuddannelse)`},
		{"intranet", `href="../../../ordliste/index.html#stu" class="term">STU</a> (særligt tilrettelagt ungdomsuddannelse)`},
	} {
		files := tree(t, buildTo(t, goldenSite, tt.target))
		bolig := string(files["enheder/enhed-a/bolig/index.html"])
		if !strings.Contains(bolig, tt.link) {
			t.Errorf("%s: the offer page lacks %s", tt.target, tt.link)
		}
		if n := strings.Count(bolig, `class="term"`); n != 2 {
			t.Errorf("%s: %d marked words on the offer page, want 2 (botilbud and STU, once each)", tt.target, n)
		}
		page := string(files["ordliste/index.html"])
		b, s := strings.Index(page, `<dfn id="botilbud">botilbud</dfn>`), strings.Index(page, `<dfn id="stu">STU</dfn> <span class="expansion">(særligt tilrettelagt ungdomsuddannelse)</span></dt><dd>En uddannelse for unge med særlige behov.</dd>`)
		if b < 0 || s < 0 || b > s {
			t.Errorf("%s: the glossary page does not list botilbud, then STU:\n%s", tt.target, page)
		}
	}
}

// The public glossary page lists no word that only intranet pages use
// (issue #21); the intranet's lists it, and a word no page uses stands on
// both. A word in a public page's field (here the summary) counts as used
// there.
func TestGlossaryListsOnlyTheTargetsWords(t *testing.T) {
	site := glossarySite(t)
	appendTo(t, filepath.Join(site, "content/ordliste.yaml"),
		"\n- term: supervision\n  explanation: Sparring med en fagperson udefra.\n"+
			"\n- term: handleplan\n  explanation: En plan for, hvad der skal ske.\n"+
			"\n- term: netværksmøde\n  explanation: Et møde med de mennesker, der betyder noget for dig.\n")
	appendTo(t, filepath.Join(site, "content/inspiration/hemmelig-case.md"), "\nVi brugte supervision og et netværksmøde.\n")
	rewrite(t, filepath.Join(site, "content/enheder/enhed-a/bolig.md"), "summary: Et sted at bo, hvor du får hjælp.", "summary: Et sted at bo. Vi holder et netværksmøde.")
	for _, tt := range []struct {
		target    string
		want, not []string
	}{
		{"public", []string{`<dfn id="handleplan">`, `<dfn id="stu">`, `<dfn id="netvaerksmoede">`}, []string{`supervision`}},
		{"intranet", []string{`<dfn id="handleplan">`, `<dfn id="stu">`, `<dfn id="supervision">`, `<dfn id="netvaerksmoede">`}, nil},
	} {
		files := tree(t, buildTo(t, site, tt.target))
		page := string(files["ordliste/index.html"])
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the glossary page lacks %s", tt.target, w)
			}
		}
		for name, html := range files {
			for _, n := range tt.not {
				if strings.Contains(string(html), n) {
					t.Errorf("%s: %s has %q", tt.target, name, n)
				}
			}
		}
	}
}

func TestGlossaryWarnings(t *testing.T) {
	site := glossarySite(t)
	page := filepath.Join(site, "content/hjertesager/aerlighed.md")
	body := "---\ntitle: Ærlighed\nsummary: Vi siger det, som det er.\n---\n" +
		"Vi taler om STU og botilbud.\n" + // line 5: explained
		"\n" +
		"Det står i ABC og i\n" + // line 7: a paragraph of two lines
		"§ 85 og § 110.\n" +
		"\n" +
		"## Mere om ABC\n" + // line 10: ABC again, not warned twice
		"\n" +
		"- Punkt om XYZ-forløbet.\n" // line 12
	if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	glossaryPage := filepath.Join(site, "content/ordliste.md")
	rewrite(t, glossaryPage, "Her er de svære ord.", "Her er de svære ord, fx botilbud og STU.")
	res, err := Run(context.Background(), Options{Source: site, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Code == "glossary-unexplained" {
			got = append(got, f.Pos()+": "+f.Severity.String()+": "+f.Msg)
			if f.Severity != diag.Warning {
				t.Errorf("%s is not a warning", f.Pos())
			}
		}
	}
	want := []string{
		`content/hjertesager/aerlighed.md:7: advarsel: forkortelsen "ABC" er ikke forklaret i ordlisten (content/ordliste.yaml)`,
		`content/hjertesager/aerlighed.md:7: advarsel: paragraffen "§ 85" er ikke forklaret i ordlisten (content/ordliste.yaml)`,
		`content/hjertesager/aerlighed.md:7: advarsel: paragraffen "§ 110" er ikke forklaret i ordlisten (content/ordliste.yaml)`,
		`content/hjertesager/aerlighed.md:12: advarsel: forkortelsen "XYZ" er ikke forklaret i ordlisten (content/ordliste.yaml)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The glossary page itself is not marked.
	html, err := os.ReadFile(filepath.Join(res.Out, "ordliste/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "fx botilbud og STU.") || strings.Contains(string(html), `class="term"`) {
		t.Errorf("the glossary page was marked:\n%s", html)
	}
}

// A bad glossary stops the build at its line and leaves the output as it was.
func TestGlossaryErrors(t *testing.T) {
	site := glossarySite(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, out)
	file := filepath.Join(site, "content/ordliste.yaml")
	good, _ := os.ReadFile(file)
	for _, c := range []struct{ name, src, want string }{
		{"bad yaml", "- term: STU\n  explanation: [En uddannelse\n", "content/ordliste.yaml:2: ugyldig YAML i ordlisten"},
		{"unknown field", "- term: STU\n  explanation: En uddannelse.\n\n- term: botilbud\n  forklaring: Et sted at bo.\n", `content/ordliste.yaml:5: ukendt felt "forklaring"`},
		{"no explanation", "- term: STU\n  explanation: En uddannelse.\n\n- term: botilbud\n", `content/ordliste.yaml:4: "botilbud" mangler en forklaring`},
		{"twice", "- term: STU\n  explanation: En uddannelse.\n- term: stu\n  explanation: Igen.\n", `content/ordliste.yaml:3: "stu" står allerede i ordlisten (linje 1)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(file, good, 0o644)
			_, err := Run(context.Background(), Options{Source: site, Out: out})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nwant it to contain %q", err, c.want)
			}
			if h := hashTree(t, out); h != before {
				t.Error("the output changed after a failed build")
			}
		})
	}
}

// A site without a glossary file builds as before: nothing is marked and
// nothing is warned about.
func TestGlossaryNone(t *testing.T) {
	site := glossarySite(t)
	for _, f := range []string{"content/ordliste.yaml", "content/ordliste.md"} {
		if err := os.Remove(filepath.Join(site, f)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), Options{Source: site, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if strings.HasPrefix(f.Code, "glossary") {
			t.Errorf("finding without a glossary: %s", f.Error())
		}
	}
	html, _ := os.ReadFile(filepath.Join(res.Out, "enheder/enhed-a/bolig/index.html"))
	if strings.Contains(string(html), `class="term"`) || strings.Contains(string(html), "(særligt") {
		t.Errorf("marked without a glossary:\n%s", html)
	}
}

// BenchmarkGlossaryCorpus renders every page body of the benchmark corpus
// ($LABYRINT_BENCH_CASES cases, default 1000) without and with the site's
// glossary (content/ordliste.yaml), so the cost of marking shows apart
// from the rest of the build.
func BenchmarkGlossaryCorpus(b *testing.B) {
	dir := benchCorpus(b)
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	tree, _ := content.Load(os.DirFS(filepath.Join(dir, "content")), "content", cfg)
	data, err := os.ReadFile("../../content/" + GlossaryFile)
	if err != nil {
		b.Fatal(err)
	}
	g, _ := words.Parse(data)
	link := func(dest string, image bool) (string, string, bool) { return dest, "", false }
	for _, c := range []struct {
		name string
		md   *markdown.Renderer
	}{{"plain", markdown.New()}, {"glossary", markdown.New(markdown.Glossary(g, "/ordliste/"))}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, src := range tree.Sources {
					c.md.Render(src.Body, src.BodyLine, link)
				}
			}
		})
	}
}
