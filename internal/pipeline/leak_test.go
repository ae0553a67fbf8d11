package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// markers are words that only internal pages carry, one per place a page
// can show up: title, summary, body, tags, URL, a heading, a static file.
var markers = []string{"zqxtitel", "zqxresume", "zqxbroedtekst", "zqxemneord", "zqxadresse", "zqxoverskrift", "zqxbillede"}

// leakSite copies the golden site and adds internal pages carrying the markers:
// one in the internal catalogue, one marked internal inside a public section,
// and a picture in the catalogue's folder.
func leakSite(t *testing.T) string {
	site := copyDir(t, goldenSite)
	abs, _ := filepath.Abs("../..")
	rewrite(t, filepath.Join(site, "site.yaml"), "../../../../../", abs+"/")
	rewrite(t, filepath.Join(site, "site.yaml"), "  tags: {type: list}", "  tags: {type: list, taxonomy: tags}")
	rewrite(t, filepath.Join(site, "site.yaml"), "taxonomies:\n", "taxonomies:\n  tags: {title: Emneord, free: true}\n")
	page := `---
title: Case zqxtitel
summary: Om zqxresume.
tags: [zqxemneord, bolig]
values: [aerlighed]
---
Tekst med zqxbroedtekst og et billede ![Billede af zqxbillede](/inspiration/zqxbillede.png).

## Afsnit zqxoverskrift
`
	write := func(rel, s string) {
		p := filepath.Join(site, "content", rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("inspiration/zqxadresse-case.md", page)
	write("inspiration/zqxbillede.png", "\x89PNG zqxbillede")
	write("hjertesager/intern-zqxadresse.md", strings.Replace(page, "tags:", "audience: internal\ntags:", 1))
	// A public page with the same tag: the tag's lists must not show the internal pages.
	write("hjertesager/offentlig.md", "---\ntitle: Offentlig\nsummary: Alle må se den.\ntags: [bolig]\n---\nTekst.\n")
	return site
}

// scan returns, for each marker, the output files that contain it, reading
// every byte of every file and the decompressed bytes of .gz files.
func scan(t *testing.T, dir string) (map[string][]string, int) {
	hits := map[string][]string{}
	n := 0
	for name, b := range tree(t, dir) {
		n++
		if strings.HasSuffix(name, ".gz") {
			z, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if b, err = io.ReadAll(z); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		low := bytes.ToLower(append([]byte(name+"\n"), b...))
		for _, m := range markers {
			if bytes.Contains(low, []byte(m)) {
				hits[m] = append(hits[m], name)
			}
		}
	}
	return hits, n
}

func TestNothingInternalLeaks(t *testing.T) {
	site := leakSite(t)
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Out: pub}); err != nil {
		t.Fatal(err)
	}
	hits, n := scan(t, pub)
	for m, files := range hits {
		t.Errorf("marker %q reached the public site in %v", m, files)
	}
	t.Logf("public: %d files scanned, %d markers found", n, len(hits))

	intra := filepath.Join(t.TempDir(), "intranet")
	if _, err := Run(context.Background(), Options{Source: site, Out: intra, Target: "intranet"}); err != nil {
		t.Fatal(err)
	}
	hits, _ = scan(t, intra)
	for _, m := range markers {
		if len(hits[m]) == 0 {
			t.Errorf("marker %q is missing from the intranet site", m)
		}
	}
}
