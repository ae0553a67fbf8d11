package content

import (
	"io/fs"
	"os"
	"path"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// BenchmarkParseCorpus checks every Markdown file of the content folder
// named by $LABYRINT_BENCH_CONTENT (such as a corpus made by
// ../shared/bench/gencorpus.py) against the real site config, on one
// goroutine, from memory: the content stage's own cost, without the reads.
// It skips without the variable.
func BenchmarkParseCorpus(b *testing.B) {
	dir := os.Getenv("LABYRINT_BENCH_CONTENT")
	if dir == "" {
		b.Skip("LABYRINT_BENCH_CONTENT is not set")
	}
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	type file struct {
		p   string
		raw []byte
	}
	var files []file
	fsys := os.DirFS(dir)
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".md" {
			raw, err := fs.ReadFile(fsys, p)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, file{p, raw})
		}
		return nil
	})
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			var l diag.List
			if Parse("content/"+f.p, f.p, f.raw, cfg, &l) == nil {
				b.Fatal(l.Items())
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files))/1000, "µs/file")
}
