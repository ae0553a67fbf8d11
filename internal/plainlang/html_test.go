package plainlang

import (
	"bytes"
	stdhtml "html"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

func TestMainText(t *testing.T) {
	page := `<html><head><title>Ikke med</title></head><body><header><a href="/">Menu ikke med</a></header>` +
		`<main id="main"><aside class="review" aria-label="Note"><p>Til redaktionen: <aside class="x">indre</aside> ikke med.</p></aside>` +
		`<h1>Botilbud</h1><p class="lead">Et sted at bo med&nbsp;støtte.</p>` +
		`<section class="contact"><h2>Kontakt</h2><dl><dt>Telefon</dt><dd>Ring til kommunen på <a href="tel:+4554731000">5473&nbsp;1000</a></dd></dl></section>` +
		`<ul><li>Et sted at bo</li><li><a href="x">Støtte</a> fra <em>medarbejdere</em></li></ul>` +
		`<script>var ikkeMed = 1;</script></main><footer>Sidefod ikke med</footer></body></html>`
	var got []string
	buf := []byte(page)
	for _, b := range MainText(buf[:len(buf)-len("</main><footer>Sidefod ikke med</footer></body></html>")+len("</main>")], 7) {
		if b.Line != 7 {
			t.Errorf("block %q at line %d, want 7", b.Text, b.Line)
		}
		got = append(got, b.Text)
	}
	want := []string{"Botilbud", "Et sted at bo med støtte.", "Kontakt", "Telefon", "Ring til kommunen på 5473 1000",
		"Et sted at bo", "Støtte fra medarbejdere"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("MainText:\n%q\nwant\n%q", got, want)
	}
	if string(buf) != page {
		t.Error("MainText changed the page it read")
	}
	if MainText([]byte("<p>Ingen main</p>"), 1) != nil {
		t.Error("a page without <main> gave text")
	}
}

// TestRenderedLixCountsLists: the same Markdown text measures differently
// once the layout's lists are in: LIX is computed on what the reader sees.
func TestRenderedLixCountsLists(t *testing.T) {
	short := `<main><h1>Tilbud</h1><p>Her kan du bo.</p></main>`
	long := `<main><h1>Tilbud</h1><p>Her kan du bo.</p><ul><li>Socialpædagogisk bostøttemedarbejder tilknyttet</li></ul></main>`
	a := Analyze("x", MainText([]byte(short), 1), Rules{}).Lix
	b := Analyze("x", MainText([]byte(long), 1), Rules{}).Lix
	if !(b > a) {
		t.Errorf("LIX with the list %.1f, without %.1f: the list's long words did not count", b, a)
	}
}

func TestAppendText(t *testing.T) {
	got := string(appendText([]byte("Ring"), []byte("  til\n\tkommunen på&nbsp;5473\u00a01000 ")))
	if want := "Ring til kommunen på 5473 1000 "; got != want {
		t.Errorf("appendText = %q, want %q", got, want)
	}
}

// appendTextByRune is appendText as it was before letterLen: every
// non-ASCII character decoded and asked whether it is a space (in ASCII:
// space, newline, tab, carriage return and form feed, as HTML says).
func appendTextByRune(b, text []byte) []byte {
	if bytes.IndexByte(text, '&') >= 0 {
		text = []byte(stdhtml.UnescapeString(string(text)))
	}
	space := len(b) > 0 && b[len(b)-1] == ' '
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if r < utf8.RuneSelf && strings.ContainsRune(" \n\t\r\f", r) || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			if !space {
				b = append(b, ' ')
				space = true
			}
		} else {
			b = append(b, text[:n]...)
			space = false
		}
		text = text[n:]
	}
	return b
}

// FuzzAppendText: the fast path for letters keeps every space and every
// byte, valid UTF-8 or not, as decoding each character does.
func FuzzAppendText(f *testing.F) {
	for _, s := range []string{"Hjælp  til\u00a0dig", "a\u2003b\u3000c\u1680d\u0085e", "æ\xc3 ø", "\xe2\x80", "ø\xf0\x9f\x98\x80 x", "&amp; å\tb", "\xc3\xa6\xe4\xbd\xa0\xe2\x80\xaf", "et ord og  to", " a b ", "a \u00a0b", "a \tb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, before := range []string{"", "ord", "ord "} {
			if got, want := appendText([]byte(before), []byte(s)), appendTextByRune([]byte(before), []byte(s)); !bytes.Equal(got, want) {
				t.Errorf("appendText(%q, %q) = %q, want %q", before, s, got, want)
			}
		}
	})
}

// walkPageCases are pages whose <main> a lexer of the whole page reads as
// walkMain's lexer of <main> alone does, and pages where it does not (a
// "<main" in a comment, an attribute or a script before the real one; a
// comment or a tag left open where </main> begins), which walkPage must
// walk again.
var walkPageCases = []string{
	`<html><head><title>T</title></head><body><nav id="n"><a href="/a/">A</a></nav><main id="main" class="wrap"><h1 id="t">Titel</h1><p>Et afsnit med <a href="../b/?x=1&amp;y=2">et link</a>.</p><aside class="review">Note</aside><ul><li>Et</li><li>To</li></ul></main><footer><a href="/c/">C</a></footer></body></html>`,
	`<p>no main here <a href="/x/">x</a></p>`,
	`<body><main><p>Ingen slutning <b>her`,
	`<!-- <main> --><body><main><p>Efter en kommentar</p></main></body>`,
	`<div title="<main>"><main><p>Efter en attribut</p></main></div>`,
	`<script>var s = "<main>";</script><main><p>Efter et script</p></main>`,
	`<main><p>Før <!-- ikke lukket </main> <p>bagefter</p>`,
	`<main><p>Et mærke x</</main><p>x</p>`,
	`<main><p>Et åbent mærke <b</main>`,
	`<main><p>Et åbent mærke <b class="x</main>">y</b></p></main>`,
	`<main><script>var s = "</main>";</script><p>z</p></main><p id="after">efter</p>`,
	`<main><style>p{}</style><p>Stil</p></main>`,
	`<MAIN ID="M"><P>Store bogstaver</P></MAIN>`,
	`<main><p>a</p><main><p>b</p></main></main>`,
}

// TestWalkPage holds walkPage to walkMain's blocks and to a lexer's pass
// over the whole page for the attributes.
func TestWalkPage(t *testing.T) {
	for _, page := range walkPageCases {
		checkWalkPage(t, []byte(page))
	}
}

func FuzzWalkPage(f *testing.F) {
	for _, page := range walkPageCases {
		f.Add([]byte(page))
	}
	f.Fuzz(func(t *testing.T, page []byte) { checkWalkPage(t, page) })
}

func checkWalkPage(t *testing.T, page []byte) {
	t.Helper()
	orig := bytes.Clone(page)
	var want, got []string
	wantFound := walkMain(page, func(text []byte) { want = append(want, string(text)) })
	var wantAttrs, gotAttrs []string
	l := html.NewLexer(parse.NewInputBytes(bytes.Clone(page)))
	for tt, _ := l.Next(); tt != html.ErrorToken; tt, _ = l.Next() {
		if tt == html.AttributeToken {
			wantAttrs = append(wantAttrs, string(l.AttrKey())+"="+string(l.AttrVal()))
		}
	}
	gotFound := walkPage(page, func(text []byte) { got = append(got, string(text)) },
		func(key, val []byte) { gotAttrs = append(gotAttrs, string(key)+"="+string(val)) })
	if gotFound != wantFound || !reflect.DeepEqual(got, want) {
		t.Errorf("%q:\nwalkPage %v %q\nwalkMain %v %q", page, gotFound, got, wantFound, want)
	}
	if !reflect.DeepEqual(gotAttrs, wantAttrs) {
		t.Errorf("%q: attributes\n%q\nwant\n%q", page, gotAttrs, wantAttrs)
	}
	if !bytes.Equal(page, orig) {
		t.Errorf("walkPage changed the page %q", orig)
	}
}

// TestCommonShared measures pages on several goroutines that share one
// Common (as a build's render goroutines do; run with -race) and holds each
// report to the page measured alone.
func TestCommonShared(t *testing.T) {
	r := Rules{LixTarget: 30}
	var pages [][]byte
	for i := range 40 {
		pages = append(pages, []byte(strings.Repeat("<p>Kontakt</p><p>Ikke udfyldt endnu.</p>", i%3)+
			`<main><h1>Side `+strings.Repeat("a", i)+`</h1><p>Borgerne får hjælp hver dag. Det er godt.</p><dl><dt>Hvorfor</dt><dd>Ikke udfyldt endnu.</dd></dl></main>`))
	}
	want := make([]Report, len(pages))
	for i, p := range pages {
		want[i] = AnalyzeMain("x.md", p, 1, r, nil)
	}
	common := &Common{}
	got := make([]Report, len(pages))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(pages); i += 4 {
				got[i] = AnalyzeMain("x.md", pages[i], 1, r, &Known{Common: common})
			}
		}()
	}
	wg.Wait()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with a shared Common:\n%+v\nwant\n%+v", got, want)
	}
	if _, ok := get(common, []byte("Ikke udfyldt endnu.")); !ok {
		t.Error("a short block is not in Common")
	}
}
