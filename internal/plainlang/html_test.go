package plainlang

import (
	"strings"
	"testing"
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
