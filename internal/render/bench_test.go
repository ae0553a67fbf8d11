package render

import (
	"os"
	"testing"

	"github.com/guldborgsund/labyrint/internal/output"
	"github.com/guldborgsund/labyrint/internal/site"
)

// BenchmarkRenderCorpus executes the real layouts (minified, as the build
// parses them) for every public page of the content folder named by
// $LABYRINT_BENCH_CONTENT, such as a corpus made by
// ../shared/bench/gencorpus.py, with no Markdown body: the layouts' own
// cost. It skips without the variable.
func BenchmarkRenderCorpus(b *testing.B) {
	dir := os.Getenv("LABYRINT_BENCH_CONTENT")
	if dir == "" {
		b.Skip("LABYRINT_BENCH_CONTENT is not set")
	}
	cfg, s := realSite(b, dir)
	tpl, err := Parse(os.DirFS("../../layouts"), output.MinifyLayout)
	if err != nil {
		b.Fatal(err)
	}
	v := s.Select(cfg.Targets["public"], site.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cache := NewSharedCache()
		for _, p := range v.Pages {
			d := NewData(v, p, p.URL, SiteInfo{Title: cfg.Title, Params: cfg.Params}, testAssets)
			d.Pager = Pages(p.URL, v.Children(p), ListSize)[0]
			d.UseShared(cache)
			if err := tpl.Render(d, func([]byte) {}); err != nil {
				b.Fatal(p.URL, err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(v.Pages)), "µs/page")
}
