package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkBuildCorpus builds the benchmark corpus of $LABYRINT_BENCH_CASES
// cases (default 1000) with the real config and layouts. It needs
// ../shared/bench/gencorpus.py beside the repo.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := benchCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Options{Source: "../..", Content: filepath.Join(dir, "content"), Out: filepath.Join(dir, "out"), Target: "intranet"}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchCorpus generates the benchmark corpus of $LABYRINT_BENCH_CASES cases
// (default 1000) into a temporary folder, or skips without gencorpus.py.
func benchCorpus(b *testing.B) string {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("LABYRINT_BENCH_CASES")); err == nil {
		n = v
	}
	gen, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("no gencorpus.py")
	}
	dir := b.TempDir()
	if out, err := exec.Command("python3", gen, dir, strconv.Itoa(n)).CombinedOutput(); err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	return dir
}
