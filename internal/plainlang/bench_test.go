package plainlang

import (
	"io/fs"
	"os"
	"strings"
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
