package pipeline

import (
	"reflect"
	"testing"
)

// TestPageRefs: one pass finds every id and every href (entities decoded),
// not data-id, not text that looks like an attribute, and leaves the page
// as it was.
func TestPageRefs(t *testing.T) {
	page := []byte(`<!doctype html><html lang="da"><head><link rel="stylesheet" href="../assets/s.css"></head>` +
		`<body><a href="#main">Gå til indhold</a><main id="main"><h2 id="hjaelp-til-dig">Hjælp</h2>` +
		`<p data-id="nej">Skriv href="ikke-et-link" i teksten</p><a href="../a/?x=1&amp;y=2">A</a>` +
		`<a href='/b/'>B</a></main></body></html>`)
	before := string(page)
	ids, hrefs := pageRefs(page)
	if want := map[string]bool{"main": true, "hjaelp-til-dig": true}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
	if want := []string{"../assets/s.css", "#main", "../a/?x=1&y=2", "/b/"}; !reflect.DeepEqual(hrefs, want) {
		t.Errorf("hrefs %q, want %q", hrefs, want)
	}
	if string(page) != before {
		t.Error("pageRefs changed the page")
	}
}
