package markdown

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

func render(body string, firstLine int, link LinkFunc) Result {
	return New().Render([]byte(body), firstLine, link)
}

func problemsWith(res Result, code string) []Problem {
	var out []Problem
	for _, p := range res.Problems {
		if p.Code == code {
			out = append(out, p)
		}
	}
	return out
}

func TestRenderHeadingIDs(t *testing.T) {
	body := "## Ærlighed og ånd\n\n### Øvelse\n\n## Ærlighed og ånd\n\n## Ærlighed og ånd\n\n## !!!\n"
	res := render(body, 1, nil)
	want := []HeadingRef{
		{Level: 2, Text: "Ærlighed og ånd", ID: "aerlighed-og-aand", Line: 1},
		{Level: 3, Text: "Øvelse", ID: "oevelse", Line: 3},
		{Level: 2, Text: "Ærlighed og ånd", ID: "aerlighed-og-aand-2", Line: 5},
		{Level: 2, Text: "Ærlighed og ånd", ID: "aerlighed-og-aand-3", Line: 7},
		{Level: 2, Text: "!!!", ID: "afsnit", Line: 9},
	}
	if !reflect.DeepEqual(res.Headings, want) {
		t.Errorf("Headings =\n%#v\nwant\n%#v", res.Headings, want)
	}
	html := string(res.HTML)
	for _, w := range []string{`<h2 id="aerlighed-og-aand">Ærlighed og ånd</h2>`, `<h3 id="oevelse">Øvelse</h3>`, `<h2 id="aerlighed-og-aand-2">`, `<h2 id="afsnit">`} {
		if !strings.Contains(html, w) {
			t.Errorf("HTML lacks %s:\n%s", w, html)
		}
	}
	if len(res.Problems) != 0 {
		t.Errorf("Problems = %#v, want none", res.Problems)
	}
}

// Ids are unique per page, not per build: a second page starts afresh.
func TestRenderHeadingIDsPerPage(t *testing.T) {
	r := New()
	for i := 0; i < 2; i++ {
		res := r.Render([]byte("## Respekt\n"), 1, nil)
		if len(res.Headings) != 1 || res.Headings[0].ID != "respekt" {
			t.Fatalf("render %d: Headings = %#v", i+1, res.Headings)
		}
	}
}

func TestRenderHeadingProblems(t *testing.T) {
	const h1 = "overskrift 1 (#) må ikke bruges i teksten: sidens titel er overskrift 1; brug ## til afsnit"
	tests := []struct {
		name string
		body string
		want []Problem
	}{
		{"good outline", "## A\n\n### B\n\n#### C\n\n## D\n\n### E\n", nil},
		{"h1 in the body", "Indledning\n\n# Titel igen\n", []Problem{{Line: 12, Code: "heading-h1", Error: true, Msg: h1}}},
		{"setext h1", "Titel\n=====\n", []Problem{{Line: 10, Code: "heading-h1", Error: true, Msg: h1}}},
		{
			"## then ####", "## A\n\ntekst\n\n#### B\n",
			[]Problem{{Line: 14, Code: "heading-skip", Error: true, Msg: "overskriften springer et niveau over (## efterfulgt af ####); brug ###"}},
		},
		{
			"starts at ###", "### A\n",
			[]Problem{{Line: 10, Code: "heading-skip", Error: true, Msg: "overskriften springer et niveau over (# efterfulgt af ###); brug ##"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(tt.body, 10, nil)
			if !reflect.DeepEqual(res.Problems, tt.want) {
				t.Errorf("Problems =\n%#v\nwant\n%#v", res.Problems, tt.want)
			}
		})
	}
}

func TestRenderRawHTML(t *testing.T) {
	const msg = "HTML i teksten er ikke tilladt og bliver ikke vist; skriv det som almindelig tekst"
	tests := []struct {
		name      string
		body      string
		wantLines []int
	}{
		{"html block", "Tekst\n\n<script>alert(1)</script>\n", []int{3}},
		{"inline html", "Tekst\n\nHej <script>alert(1)</script> du\n", []int{3, 3}},
		{"div block", "<div onclick=\"alert(1)\">\nklik\n</div>\n", []int{1}},
		{"img onerror", "Se <img src=x onerror=alert(1)> her\n", []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(tt.body, 1, nil)
			html := strings.ToLower(string(res.HTML))
			for _, bad := range []string{"<script", "<div", "<img", "onclick", "onerror"} {
				if strings.Contains(html, bad) {
					t.Errorf("HTML contains %q:\n%s", bad, res.HTML)
				}
			}
			var lines []int
			for _, p := range res.Problems {
				if p.Code != "raw-html" || p.Msg != msg || p.Error {
					t.Errorf("unexpected problem %#v", p)
				}
				lines = append(lines, p.Line)
			}
			if !reflect.DeepEqual(lines, tt.wantLines) {
				t.Errorf("raw-html problem lines = %v, want %v", lines, tt.wantLines)
			}
		})
	}
}

func TestRenderUnsafeLinks(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		scheme string
		line   int
	}{
		{"javascript link", "Tekst\n\n[klik](javascript:alert(1))\n", "javascript:", 3},
		{"upper case", "[klik](JavaScript:alert(1))", "javascript:", 1},
		{"percent-encoded", "[klik](java%73cript:alert(1))", "javascript:", 1},
		{"angle brackets", "[klik](<javascript:alert(1)>)", "javascript:", 1},
		{"reference definition", "[klik][r]\n\n[r]: javascript:alert(1)\n", "javascript:", 1},
		{"data link", "[klik](data:text/html;base64,PHNjcmlwdD4=)", "data:", 1},
		{"data image", "![Kort](data:image/svg+xml;base64,PHN2Zz4=)", "data:", 1},
		{"vbscript", "[klik](vbscript:msgbox)", "vbscript:", 1},
		{"file", "[klik](file:///etc/passwd)", "file:", 1},
		{"autolink", "Se <javascript:alert(1)>\n", "javascript:", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			link := func(dest string, image bool) (string, string, bool) { called = true; return dest, "", false }
			res := render(tt.body, 1, link)
			want := []Problem{{Line: tt.line, Code: "link-unsafe", Error: true, Msg: "linket bruger " + tt.scheme + " – det er ikke tilladt og er fjernet"}}
			if got := problemsWith(res, "link-unsafe"); !reflect.DeepEqual(got, want) {
				t.Errorf("Problems = %#v, want %#v", res.Problems, want)
			}
			html := strings.ToLower(string(res.HTML))
			if strings.Contains(html, `href="`+tt.scheme) || strings.Contains(html, `src="`+tt.scheme) || strings.Contains(html, "alert(1)\"") {
				t.Errorf("unsafe destination in HTML:\n%s", res.HTML)
			}
			if called {
				t.Errorf("LinkFunc was called for an unsafe destination")
			}
		})
	}
}

// An entity-encoded scheme is only decoded by the HTML renderer; whatever
// the checks see, the output must not carry it.
func TestRenderEncodedSchemeNotInOutput(t *testing.T) {
	res := render("[klik](&#106;avascript:alert(1))", 1, nil)
	if strings.Contains(strings.ToLower(string(res.HTML)), "javascript:") {
		t.Errorf("HTML carries javascript:\n%s", res.HTML)
	}
}

func TestRenderImageAlt(t *testing.T) {
	const msg = "billedet mangler en tekst (alt-tekst): skriv hvad billedet viser mellem [ og ], fx ![Kort over Nykøbing](kort.png)"
	res := render("Tekst\n\n![](kort.png)\n\n![Kort over byen](kort.png)\n", 20, nil)
	want := []Problem{{Line: 22, Code: "alt-missing", Error: true, Msg: msg}}
	if !reflect.DeepEqual(res.Problems, want) {
		t.Errorf("Problems = %#v, want %#v", res.Problems, want)
	}
	if !strings.Contains(string(res.HTML), `alt="Kort over byen"`) {
		t.Errorf("HTML lacks the alt text:\n%s", res.HTML)
	}
}

func TestRenderBlocks(t *testing.T) {
	body := "## Overskrift\n" + // 10
		"\n" +
		"Et afsnit\n" + // 12
		"over *to* linjer.\n" +
		"\n" +
		"- punkt et\n" + // 15
		"- punkt to\n" + // 16
		"\n" +
		"> citat med `kode`\n" + // 18
		"\n" +
		"```\n" +
		"kode i blok\n" +
		"```\n" +
		"\n" +
		"### Under\n" + // 24
		"\n" +
		"1. første\n" + // 26
		"\n" +
		"   andet afsnit\n" // 28
	res := render(body, 10, nil)
	want := []Block{
		{Kind: Heading, Level: 2, Text: "Overskrift", Line: 10},
		{Kind: Paragraph, Text: "Et afsnit over to linjer.", Line: 12},
		{Kind: ListItem, Text: "punkt et", Line: 15},
		{Kind: ListItem, Text: "punkt to", Line: 16},
		{Kind: Quote, Text: "citat med kode", Line: 18},
		{Kind: Heading, Level: 3, Text: "Under", Line: 24},
		{Kind: ListItem, Text: "første", Line: 26},
		{Kind: ListItem, Text: "andet afsnit", Line: 28},
	}
	if !reflect.DeepEqual(res.Blocks, want) {
		t.Errorf("Blocks =\n%#v\nwant\n%#v", res.Blocks, want)
	}
	if len(res.Headings) != 2 || res.Headings[0].Line != 10 || res.Headings[1].Line != 24 {
		t.Errorf("Headings = %#v", res.Headings)
	}
}

func TestRenderTableCells(t *testing.T) {
	body := "| Tilbud | Pris |\n|---|---|\n| Botilbud | Gratis |\n"
	res := render(body, 5, nil)
	var texts []string
	for _, b := range res.Blocks {
		if b.Kind != TableCell {
			t.Errorf("block %#v is not a table cell", b)
		}
		texts = append(texts, b.Text)
	}
	if want := []string{"Tilbud", "Pris", "Botilbud", "Gratis"}; !reflect.DeepEqual(texts, want) {
		t.Errorf("cell texts = %q, want %q", texts, want)
	}
	if len(res.Blocks) == 4 && (res.Blocks[0].Line != 5 || res.Blocks[2].Line != 7) {
		t.Errorf("cell lines = %#v, want 5 for the header and 7 for the row", res.Blocks)
	}
	if !strings.Contains(string(res.HTML), "<table>") {
		t.Errorf("no table in HTML:\n%s", res.HTML)
	}
}

func TestRenderLinkFunc(t *testing.T) {
	type call struct {
		dest  string
		image bool
	}
	var calls []call
	link := func(dest string, image bool) (string, string, bool) {
		calls = append(calls, call{dest, image})
		switch dest {
		case "respekt.md":
			return "/hjertesager/respekt/", "", false
		case "kort.png":
			return "/hjertesager/kort.png", "", false
		case "mangler.md":
			return "mangler.md", `siden "mangler.md" findes ikke`, true
		case "gammel.md":
			return "/ny/", "linket peger på en flyttet side", false
		}
		return dest, "", false
	}
	body := "Læs om [respekt](respekt.md).\n\n![Kort](kort.png)\n\n[væk](mangler.md) og [gammel](gammel.md)\n\n<https://example.org/>\n"
	res := render(body, 3, link)
	wantCalls := []call{{"respekt.md", false}, {"kort.png", true}, {"mangler.md", false}, {"gammel.md", false}, {"https://example.org/", false}}
	if !reflect.DeepEqual(calls, wantCalls) {
		t.Errorf("LinkFunc calls = %#v, want %#v", calls, wantCalls)
	}
	html := string(res.HTML)
	for _, w := range []string{`<a href="/hjertesager/respekt/">respekt</a>`, `<img src="/hjertesager/kort.png" alt="Kort">`, `<a href="/ny/">gammel</a>`} {
		if !strings.Contains(html, w) {
			t.Errorf("HTML lacks %s:\n%s", w, html)
		}
	}
	if strings.Contains(html, `href="respekt.md"`) {
		t.Errorf("HTML keeps the source destination:\n%s", html)
	}
	want := []Problem{
		{Line: 7, Code: "link", Msg: `siden "mangler.md" findes ikke`, Error: true},
		{Line: 7, Code: "link", Msg: "linket peger på en flyttet side", Error: false},
	}
	if !reflect.DeepEqual(res.Problems, want) {
		t.Errorf("Problems =\n%#v\nwant\n%#v", res.Problems, want)
	}
}

func TestRenderNilLinkFuncKeepsDestination(t *testing.T) {
	res := render("[a](respekt.md)", 1, nil)
	if !strings.Contains(string(res.HTML), `<a href="respekt.md">a</a>`) || len(res.Problems) != 0 {
		t.Errorf("HTML %s, problems %#v", res.HTML, res.Problems)
	}
}

// One Renderer serves the whole build from many goroutines (run with -race).
func TestRenderConcurrent(t *testing.T) {
	r := New()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				res := r.Render([]byte("## Ærlighed\n\n## Ærlighed\n\nTekst\n"), 1, nil)
				if len(res.Headings) != 2 || res.Headings[1].ID != "aerlighed-2" {
					t.Errorf("Headings = %#v", res.Headings)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ærlighed og Åbenhed", "aerlighed-og-aabenhed"},
		{"  Hej  Verden! ", "hej-verden"},
		{"../../etc/passwd", "etc-passwd"},
		{"STU-forløb", "stu-forloeb"},
		{"Øl, æbler & ål", "oel-aebler-aal"},
		{"Café Müller", "cafe-mueller"},
		{"2026 -- plan", "2026-plan"},
		{"---", ""},
		{"", ""},
		{"bad\xffbyte", "badbyte"},
		{"allerede-en-slug", "allerede-en-slug"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugDecomposed(t *testing.T) {
	if got := Slug("A\u030abenhed"); got != "aabenhed" {
		t.Errorf("Slug(decomposed Åbenhed) = %q, want %q", got, "aabenhed")
	}
}
