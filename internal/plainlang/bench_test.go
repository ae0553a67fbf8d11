package plainlang

import (
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/guldborgsund/labyrint/internal/markdown"
)

// BenchmarkAnalyze measures the analysis of the real site's text: every
// paragraph of every content file, as one page each.
//
//	go test -bench Analyze ./internal/plainlang
func BenchmarkAnalyze(b *testing.B) {
	var pages [][]markdown.Block
	bytes := 0
	fsys := os.DirFS("../../content")
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var blocks []markdown.Block
		for i, para := range strings.Split(string(src), "\n\n") {
			blocks = append(blocks, markdown.Block{Kind: markdown.Paragraph, Text: para, Line: i + 1})
			bytes += len(para)
		}
		pages = append(pages, blocks)
		return nil
	})
	if len(pages) == 0 {
		b.Fatal("no content found")
	}
	r := Rules{LixTarget: 35, SentenceWords: 25, ParagraphWords: 100}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		for _, blocks := range pages {
			Analyze("x.md", blocks, r)
		}
	}
}

// BenchmarkAnalyzeMain measures the rendered pages' LIX as a build
// measures it: the <main> of every page of a built site (the pages under
// LABYRINT_BENCH_PAGES, an output folder), on all cores, sharing one
// Common, without the Markdown's known blocks.
//
//	LABYRINT_BENCH_PAGES=public go test -run '^$' -bench AnalyzeMain ./internal/plainlang
func BenchmarkAnalyzeMain(b *testing.B) {
	dir := os.Getenv("LABYRINT_BENCH_PAGES")
	if dir == "" {
		b.Skip("LABYRINT_BENCH_PAGES is not set")
	}
	var pages [][]byte
	size := 0
	fsys := os.DirFS(dir)
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, err := fs.ReadFile(fsys, p)
		pages = append(pages, page)
		size += len(page)
		return err
	})
	if len(pages) == 0 {
		b.Fatal("no pages found")
	}
	r := Rules{LixTarget: 35}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		common := &Common{}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1) - 1; i < int64(len(pages)); i = next.Add(1) - 1 {
					AnalyzeMain("x.md", pages[i], 1, r, &Known{Common: common})
				}
			}()
		}
		wg.Wait()
	}
}
