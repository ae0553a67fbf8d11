package content

import (
	"fmt"
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

// BenchmarkReadFiles reads 1,000 small files (warm in the page cache) as
// Load does, through DirFS (open, fstat, read, close) and through
// os.DirFS (whose opened files go to Go's network poller first): the
// figure that keeps dirfs_linux.go (README, "Tuning").
func BenchmarkReadFiles(b *testing.B) {
	dir := b.TempDir()
	var names []string
	for i := range 1000 {
		name := fmt.Sprintf("side-%04d.md", i)
		if err := os.WriteFile(path.Join(dir, name), []byte("---\ntitle: Side\nsummary: Et resumé på en linje.\n---\nTekst i et afsnit.\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	for _, fsys := range []struct {
		name string
		fs   fs.FS
	}{{"DirFS", DirFS(dir)}, {"os.DirFS", os.DirFS(dir)}} {
		b.Run(fsys.name, func(b *testing.B) {
			for b.Loop() {
				for _, n := range names {
					if _, _, err := readFile(fsys.fs, n); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
