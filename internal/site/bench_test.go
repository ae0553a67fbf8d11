package site

import (
	"os"
	"regexp"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// BenchmarkRebuild times Rebuild and Select after one case's title
// changed, over the corpus in $LABYRINT_BENCH_CONTENT (a gencorpus.py
// content folder): the model work of a preview update.
//
//	LABYRINT_BENCH_CONTENT=/tmp/c10k/content go test -run '^$' -bench Rebuild ./internal/site
func BenchmarkRebuild(b *testing.B) {
	dir := os.Getenv("LABYRINT_BENCH_CONTENT")
	if dir == "" {
		b.Skip("LABYRINT_BENCH_CONTENT is not set")
	}
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	tree, l := content.Load(os.DirFS(dir), "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		b.Fatal(l.Items())
	}
	prev, l := Build(cfg, tree)
	if errs, _ := l.Count(); errs > 0 {
		b.Fatal(l.Items())
	}
	raw, err := os.ReadFile(dir + "/inspiration/case-00002.md")
	if err != nil {
		b.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: .*$`)
	i := 0
	for i = range tree.Sources {
		if tree.Sources[i].Path == "inspiration/case-00002.md" {
			break
		}
	}
	edited := *tree
	edited.Sources = append([]*content.Source(nil), tree.Sources...)
	var l2 diag.List
	srcs := [2]*content.Source{tree.Sources[i],
		content.Parse("content/inspiration/case-00002.md", "inspiration/case-00002.md", title.ReplaceAll(raw, []byte(`title: "Ny titel"`)), cfg, &l2)}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		edited.Sources[i] = srcs[(n+1)%2]
		next, _ := Rebuild(prev, cfg, &edited)
		next.Select(cfg.Targets["public"], Options{Drafts: true})
		prev = next
	}
}
