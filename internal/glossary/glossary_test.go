package glossary

import (
	"github.com/guldborgsund/labyrint/internal/markdown"
	"strings"
	"testing"
)

const testGlossary = `# Ordliste til test
- term: STU
  expansion: særligt tilrettelagt ungdomsuddannelse
  explanation: En uddannelse for unge med særlige behov.

- term: botilbud
  explanation: Et sted at bo med støtte.

- term: socialpædagogisk støtte
  explanation: En medarbejder hjælper dig med at klare hverdagen.
  forms: [socialpædagogiske støtte]

- term: CFA
  expansion: Center for Afhængighed
  explanation: Kommunens center for hjælp mod misbrug.

- term: § 110
  explanation: En regel i serviceloven om et midlertidigt sted at bo.

- term: Myndighed
  explanation: Den del af kommunen, der træffer afgørelser.

- term: kerneopgave
  explanation: Det vigtigste, vi skal gøre.
`

func mustGlossary(t *testing.T, src string) *Glossary {
	t.Helper()
	g, probs := Parse([]byte(src))
	for _, p := range probs {
		if p.Error {
			t.Fatalf("ParseGlossary: line %d: %s", p.Line, p.Msg)
		}
	}
	return g
}

// glossaryLink resolves like the build does for a page two levels down.
func glossaryLink(dest string, image bool) (string, string, bool) {
	if strings.HasPrefix(dest, "/") {
		return "../../" + strings.TrimPrefix(dest, "/"), "", false
	}
	return dest, "", false
}

func renderGlossary(t *testing.T, body string, opts ...markdown.RenderOption) markdown.Result {
	t.Helper()
	r := markdown.New(markdown.Glossary(mustGlossary(t, testGlossary), "/ordliste/"))
	res := r.Render([]byte(body), 1, glossaryLink, opts...)
	for _, p := range res.Problems {
		t.Errorf("problem: line %d: %s", p.Line, p.Msg)
	}
	return res
}

func TestGlossaryParse(t *testing.T) {
	g := mustGlossary(t, testGlossary)
	if len(g.Entries) != 7 {
		t.Fatalf("got %d entries, want 7", len(g.Entries))
	}
	want := []struct {
		term, id string
		line     int
	}{{"STU", "stu", 2}, {"botilbud", "botilbud", 6}, {"socialpædagogisk støtte", "socialpaedagogisk-stoette", 9}, {"CFA", "cfa", 13}, {"§ 110", "paragraf-110", 17}}
	for i, w := range want {
		e := g.Entries[i]
		if e.Term != w.term || e.ID != w.id || e.Line != w.line {
			t.Errorf("entry %d = %q #%s line %d; want %q #%s line %d", i, e.Term, e.ID, e.Line, w.term, w.id, w.line)
		}
	}
	for abbr, want := range map[string]bool{"STU": true, "CFA": true, "§ 110": true, "§§ 110": true, "ABC": false, "§ 85": false, "stu": false} {
		if got := g.Explains(abbr); got != want {
			t.Errorf("Explains(%q) = %v, want %v", abbr, got, want)
		}
	}
}

func TestGlossaryParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"bad yaml", "- term: STU\n  explanation: En: to\n", 2, "ugyldig YAML i ordlisten"},
		{"unknown field", "- term: STU\n  explanation: Noget.\n- term: CFA\n  forklaring: Noget.\n", 4, `ukendt felt "forklaring"`},
		{"not a list", "term: STU\nexplanation: Noget.\n", 1, "ordlisten skal være en liste"},
		{"missing explanation", "- term: STU\n  explanation: Noget.\n\n- term: CFA\n  expansion: Center for Afhængighed\n", 4, `"CFA" mangler en forklaring`},
		{"missing term", "- term: STU\n  explanation: Noget.\n- explanation: Noget.\n", 3, "ordet mangler"},
		{"duplicate", "- term: botilbud\n  explanation: Noget.\n- term: Bolig\n  explanation: Noget.\n  forms: [Botilbud]\n", 3, `"Botilbud" står allerede i ordlisten (linje 1)`},
		{"forms not a list", "- term: botilbud\n  explanation: Noget.\n  forms: botilbuddet\n", 3, "forms skal være en liste"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse([]byte(tt.src))
			for _, p := range probs {
				if p.Error && p.Line == tt.line && strings.Contains(p.Msg, tt.msg) {
					return
				}
			}
			t.Errorf("problems %+v\nwant an error at line %d containing %q", probs, tt.line, tt.msg)
		})
	}
	if g, probs := Parse([]byte("# tom\n")); len(probs) != 0 || len(g.Entries) != 0 {
		t.Errorf("empty file: %d entries, problems %+v", len(g.Entries), probs)
	}
	long := "- term: STU\n  explanation: " + strings.Repeat("ord ", 41) + "\n"
	if _, probs := Parse([]byte(long)); len(probs) != 1 || probs[0].Error || probs[0].Line != 1 || !strings.Contains(probs[0].Msg, "41 ord") {
		t.Errorf("long explanation: problems %+v, want one warning at line 1", probs)
	}
}

func TestGlossaryFirstUseOnly(t *testing.T) {
	res := renderGlossary(t, "Et botilbud er et hjem.\n\nDu kan få et botilbud. Botilbud er godt.\n")
	html := string(res.HTML)
	if n := strings.Count(html, `class="term"`); n != 1 {
		t.Errorf("%d marks, want 1:\n%s", n, html)
	}
	if !strings.Contains(html, `<p>Et <a href="../../ordliste/#botilbud" class="term">botilbud</a> er et hjem.</p>`) {
		t.Errorf("first use not marked with a relative link:\n%s", html)
	}
}

func TestGlossaryNotInLinksHeadingsCode(t *testing.T) {
	body := "## Botilbud og STU\n\n" +
		"Læs om [et botilbud](/x/) og `STU` og ![STU-billede](b.png).\n\n" +
		"| STU | Tid |\n|---|---|\n| botilbud | 2026 |\n\n" +
		"Her er STU.\n"
	html := string(renderGlossary(t, body).HTML)
	for _, bad := range []string{`<h2 id="botilbud-og-stu"><a`, `<a href="../../x/"><a`, `<code><a`, `<th><a`} {
		if strings.Contains(html, bad) {
			t.Errorf("marked where it must not: %s\n%s", bad, html)
		}
	}
	if !strings.Contains(html, `alt="STU-billede"`) {
		t.Errorf("alt text changed:\n%s", html)
	}
	// The table cell is the first use of botilbud outside a link or heading.
	if !strings.Contains(html, `<td><a href="../../ordliste/#botilbud" class="term">botilbud</a></td>`) {
		t.Errorf("botilbud in the table cell not marked:\n%s", html)
	}
	if !strings.Contains(html, `Her er <a href="../../ordliste/#stu" class="term">STU</a> (særligt tilrettelagt ungdomsuddannelse).`) {
		t.Errorf("STU after the heading, link, code and image not marked:\n%s", html)
	}
}

func TestGlossaryCaseAndInflection(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"capital and doubled consonant", "Botilbuddet ligger her.\n", `<a href="../../ordliste/#botilbud" class="term">Botilbuddet</a> ligger`},
		{"plural", "Der er to botilbuddene.\n", `<a href="../../ordliste/#botilbud" class="term">botilbuddene</a>`},
		{"plain", "Et botilbud.\n", `<a href="../../ordliste/#botilbud" class="term">botilbud</a>.`},
		{"ending after e", "Det er kerneopgaven.\n", `<a href="../../ordliste/#kerneopgave" class="term">kerneopgaven</a>.`},
		{"compound with hyphen", "STU-forløbet hører til.\n", `<a href="../../ordliste/#stu" class="term">STU</a>-forløbet (STU: særligt tilrettelagt ungdomsuddannelse) hører til.`},
		{"apostrophe ending", "CFA's tilbud.\n", `<a href="../../ordliste/#cfa" class="term">CFA's</a> (Center for Afhængighed) tilbud.`},
		{"paragraph without space", "Loven (§110) siger.\n", `(<a href="../../ordliste/#paragraf-110" class="term">§110</a>) siger.`},
		{"paragraph with space", "Efter § 110, stk. 2.\n", `<a href="../../ordliste/#paragraf-110" class="term">§ 110</a>, stk.`},
		{"name with capital", "Tal med Myndighed.\n", `<a href="../../ordliste/#myndighed" class="term">Myndighed</a>.`},
		{"multi-word over a line break", "Du får socialpædagogisk\nstøtte hjemme.\n", "<a href=\"../../ordliste/#socialpaedagogisk-stoette\" class=\"term\">socialpædagogisk\nstøtte</a> hjemme."},
		{"listed form", "Den socialpædagogiske støtte.\n", `<a href="../../ordliste/#socialpaedagogisk-stoette" class="term">socialpædagogiske støtte</a>.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := string(renderGlossary(t, tt.body).HTML)
			if !strings.Contains(html, tt.want) {
				t.Errorf("HTML\n%s\nlacks\n%s", html, tt.want)
			}
		})
	}
	// Not terms: wrong case for abbreviations and names, other words that
	// start the same, a number without §.
	for _, body := range []string{"Stu og stu.\n", "Kommunens myndighed.\n", "Botilbudsområdet og botilbudspladsen.\n", "Der er 110 pladser.\n", "Socialpædagogisk arbejde og støtte.\n"} {
		if html := string(renderGlossary(t, body).HTML); strings.Contains(html, "<a") {
			t.Errorf("%q was marked:\n%s", body, html)
		}
	}
}

func TestGlossaryExpansionOnce(t *testing.T) {
	html := string(renderGlossary(t, "STU er godt.\n\nEt STU-forløb. Mere STU.\n").HTML)
	if n := strings.Count(html, "særligt tilrettelagt ungdomsuddannelse"); n != 1 {
		t.Errorf("expansion written %d times, want 1:\n%s", n, html)
	}
	// Written nearby already: in the same paragraph, or the block before.
	for _, body := range []string{
		"STU betyder særligt tilrettelagt ungdomsuddannelse.\n",
		"## Særligt tilrettelagt ungdomsuddannelse\n\nSTU er for unge.\n",
		"Center for Afhængighed kaldes også CFA.\n",
	} {
		html := string(renderGlossary(t, body).HTML)
		if strings.Contains(html, "(særligt") || strings.Contains(html, "(Center") {
			t.Errorf("expansion written though the text has it:\n%s", html)
		}
		if !strings.Contains(html, `class="term"`) {
			t.Errorf("term not linked:\n%s", html)
		}
	}
	// A line break after the term stays after the expansion.
	html = string(renderGlossary(t, "Om STU\nog mere.\n").HTML)
	if !strings.Contains(html, "</a> (særligt tilrettelagt ungdomsuddannelse)\nog mere.") {
		t.Errorf("line break moved wrongly:\n%s", html)
	}
}

// The text blocks (search and plain language) are the text as written:
// without the expansion, with the linked words.
func TestGlossaryBlocks(t *testing.T) {
	res := renderGlossary(t, "Om STU og\nbotilbud.\n")
	if !strings.Contains(string(res.HTML), "(særligt tilrettelagt ungdomsuddannelse)") {
		t.Errorf("no expansion in %s", res.HTML)
	}
	if len(res.Blocks) != 1 || res.Blocks[0].Text != "Om STU og botilbud." {
		t.Errorf("Blocks = %#v", res.Blocks)
	}
}

func TestGlossaryWithout(t *testing.T) {
	html := string(renderGlossary(t, "Et botilbud og STU.\n", markdown.WithoutGlossary()).HTML)
	if strings.Contains(html, "<a") || strings.Contains(html, "(særligt") {
		t.Errorf("the glossary page was marked:\n%s", html)
	}
}

// Without a glossary page, words get their expansion but no link.
func TestGlossaryNoPage(t *testing.T) {
	r := markdown.New(markdown.Glossary(mustGlossary(t, testGlossary), ""))
	html := string(r.Render([]byte("Om STU.\n"), 1, glossaryLink).HTML)
	if html != "<p>Om STU (særligt tilrettelagt ungdomsuddannelse).</p>\n" {
		t.Errorf("HTML = %q", html)
	}
}

// Pages do not share what is marked: each starts afresh, also in parallel.
func TestGlossaryPerPage(t *testing.T) {
	r := markdown.New(markdown.Glossary(mustGlossary(t, testGlossary), "/ordliste/"))
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() { done <- string(r.Render([]byte("Et botilbud og STU.\n"), 1, glossaryLink).HTML) }()
	}
	for i := 0; i < 8; i++ {
		if html := <-done; strings.Count(html, `class="term"`) != 2 {
			t.Errorf("render %d: %s", i, html)
		}
	}
}

func BenchmarkRenderGlossary(b *testing.B) {
	g, _ := Parse([]byte(testGlossary))
	body := []byte(strings.Repeat("Borgeren får et botilbud og socialpædagogisk støtte, når Myndighed har vurderet det.\nSTU-forløbet er for unge.\n\n", 20))
	for _, bc := range []struct {
		name string
		r    *markdown.Renderer
	}{{"plain", markdown.New()}, {"glossary", markdown.New(markdown.Glossary(g, "/ordliste/"))}} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bc.r.Render(body, 1, glossaryLink)
			}
		})
	}
}

// FuzzGlossary checks that marking never panics and never changes the
// text: the blocks (search, plain language) and headings are the same as
// without the glossary, and a word is marked at most once.
func FuzzGlossary(f *testing.F) {
	for _, s := range []string{
		"Et botilbud og STU-forløbet.\n\nCFA's tilbud efter §110.\n",
		"## STU\n\n[botilbud](/x/) *socialpædagogisk*\nstøtte `STU` ![STU](a.png)\n",
		"| STU | botilbud |\n|---|---|\n| Myndighed | kerneopgaven |\n",
		"> STU\n> botilbud\\\nSTU'en § 110 §§ 110 § \n",
	} {
		f.Add(s)
	}
	g, _ := Parse([]byte(testGlossary))
	plainR, glossR := markdown.New(), markdown.New(markdown.Glossary(g, "/ordliste/"))
	f.Fuzz(func(t *testing.T, body string) {
		a := plainR.Render([]byte(body), 1, glossaryLink)
		b := glossR.Render([]byte(body), 1, glossaryLink)
		if !reflectEqualBlocks(a.Blocks, b.Blocks) {
			t.Fatalf("blocks differ:\n%#v\n%#v", a.Blocks, b.Blocks)
		}
		if len(a.Headings) != len(b.Headings) {
			t.Fatalf("headings differ")
		}
		for _, e := range g.Entries {
			if n := strings.Count(string(b.HTML), `#`+e.ID+`" class="term"`); n > 1 {
				t.Fatalf("%s marked %d times:\n%s", e.Term, n, b.HTML)
			}
		}
	})
}

func reflectEqualBlocks(a, b []markdown.Block) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzParse reads any bytes as the glossary file. Nothing may panic; every
// problem is at a line of the file with a message; every entry has a term,
// an explanation, a unique id and a line of the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		testGlossary,
		"- term: STU\n  explanation: En: to\n",
		"- term: a\n  explanation: b\n  forms: c\n- [x]\n- term: &a d\n  explanation: *a\n",
		"term: x\n",
		"- term: x\n  term: y\n  explanation: z\n  forklaring: q\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + strings.Count(src, "\r") + 1
		g, probs := Parse([]byte(src))
		for _, p := range probs {
			if p.Line < 1 || p.Line > lines || p.Msg == "" || p.Code == "" {
				t.Fatalf("problem %+v for %d lines", p, lines)
			}
		}
		ids := map[string]bool{}
		for _, e := range g.Entries {
			if e.Term == "" || e.Explanation == "" || e.ID == "" || ids[e.ID] || e.Line < 1 || e.Line > lines {
				t.Fatalf("entry %+v for %d lines", e, lines)
			}
			ids[e.ID] = true
		}
	})
}
