package pipeline

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// A target writes no .gz beside its pages unless site.yaml says
// gzip_pages: true; the search index and the CSS and JavaScript get one
// either way, and every .gz holds its file.
func TestGzipPages(t *testing.T) {
	for _, pages := range []bool{false, true} {
		field := `, url: "https://proeve.example.dk/"`
		if pages {
			field += ", gzip_pages: true"
		}
		files := tree(t, buildTo(t, siteWithURL(t, field), "public"))
		kinds := map[string]int{}
		for name, b := range files {
			base, ok := strings.CutSuffix(name, ".gz")
			if !ok {
				if strings.HasSuffix(name, ".html") && len(b) > 256 && pages && files[name+".gz"] == nil {
					t.Errorf("gzip_pages: %s has no .gz", name)
				}
				continue
			}
			switch {
			case strings.HasSuffix(base, ".html"):
				kinds["page"]++
			case strings.Contains(base, "/idx/"):
				kinds["shard"]++
			case strings.HasSuffix(base, ".css") || strings.HasSuffix(base, ".js"):
				kinds["asset"]++
			}
			z, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got, err := io.ReadAll(z); err != nil || !bytes.Equal(got, files[base]) {
				t.Errorf("%s does not hold %s (%v)", name, base, err)
			}
		}
		if kinds["shard"] == 0 || kinds["asset"] == 0 {
			t.Errorf("gzip_pages %v: .gz files by kind %v, want search shards and assets", pages, kinds)
		}
		if (kinds["page"] > 0) != pages {
			t.Errorf("gzip_pages %v: %d pages have a .gz", pages, kinds["page"])
		}
	}
}
