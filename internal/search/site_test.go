package search

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteSite writes a static site of the test corpus plus generated
// pages, with this package's index and Pagefind-ready markup, for trying
// the client in a browser and comparing download sizes with Pagefind:
//
//	LABYRINT_SITE_OUT=/tmp/site go test ./internal/search -run TestWriteSite
//	npx pagefind --site /tmp/site
//
// The search page is /soeg/. Skipped unless LABYRINT_SITE_OUT is set.
func TestWriteSite(t *testing.T) {
	out := os.Getenv("LABYRINT_SITE_OUT")
	if out == "" {
		t.Skip("LABYRINT_SITE_OUT not set")
	}
	docs := append(loadTestDocs(t), benchDocs(280, 400)...)
	ix := NewIndex(loadTestSynonyms(t))
	ix.SetFacetLabel("unit", "Enheder")
	write := func(name string, data []byte) error {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	esc := html.EscapeString
	for _, d := range docs {
		ix.Add(d)
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n", esc(d.Title))
		fmt.Fprintf(&b, "<main data-pagefind-body><h1>%s</h1>\n<p><span data-pagefind-filter=\"section\">%s</span></p>\n", esc(d.Title), esc(d.Section))
		for _, u := range d.Facets["unit"] {
			fmt.Fprintf(&b, "<p data-pagefind-filter=\"unit\">%s</p>\n", esc(u))
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(d.Summary))
		for _, h := range d.Headings {
			fmt.Fprintf(&b, "<h2>%s</h2>\n", esc(h))
		}
		fmt.Fprintf(&b, "<p>%s</p></main></body></html>\n", esc(d.Body))
		if err := write(strings.TrimPrefix(d.URL, "/")+"index.html", []byte(b.String())); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Write(func(name string, data []byte) error { return write("search/"+name, data) }); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("../../assets/search/search.js")
	if err != nil {
		t.Fatal(err)
	}
	write("search/search.js", js)
	write("soeg/index.html", []byte(`<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Søg</title></head><body>
<main><h1>Søg</h1>
<form role="search" action="" method="get" data-search-form data-search-root="../" data-search-suffix="index.html">
<label for="q">Søg på siden</label> <input type="search" name="q" id="q"> <button>Søg</button>
</form>
<div data-search-filters></div>
<p aria-live="polite" data-search-status></p>
<ol data-search-results></ol></main>
<script src="../search/search.js" defer></script>
</body></html>
`))
}
