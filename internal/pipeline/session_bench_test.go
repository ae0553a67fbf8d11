//go:build unix

package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's CPU time so far (user and system): on a
// loaded machine the wall time of an update says little.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSessionEdit times a preview session's update after one edit to
// a case of the corpus in $LABYRINT_BENCH_CONTENT (a gencorpus.py content
// folder; it is changed and put back), by kind of edit:
//
//	LABYRINT_BENCH_CONTENT=/tmp/c10k/content go test -run '^$' -bench SessionEdit ./internal/pipeline
func BenchmarkSessionEdit(b *testing.B) {
	content := os.Getenv("LABYRINT_BENCH_CONTENT")
	if content == "" {
		b.Skip("LABYRINT_BENCH_CONTENT is not set")
	}
	ctx := context.Background()
	sess := NewSession(Options{Source: "../..", Content: content, Target: "public", Drafts: true, Preview: true, Out: filepath.Join(b.TempDir(), "out")})
	if _, err := sess.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(content, "inspiration", "case-00002.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	title := regexp.MustCompile(`(?m)^title: .*$`)
	edits := map[string]func(i int) (string, []byte){
		"body": func(i int) (string, []byte) { return file, fmt.Appendf(orig, "\nSætning %d.\n", i) },
		"title": func(i int) (string, []byte) {
			return file, title.ReplaceAll(orig, fmt.Appendf(nil, `title: "Ny titel %d"`, i))
		},
		"new": func(i int) (string, []byte) {
			return filepath.Join(content, "inspiration", fmt.Sprintf("ny-%d.md", i)), title.ReplaceAll(orig, fmt.Appendf(nil, `title: "Ny sag %d"`, i))
		},
	}
	if prof := os.Getenv("LABYRINT_BENCH_PROFILE"); prof != "" { // the updates alone
		f, err := os.Create(prof)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	for _, kind := range []string{"body", "title", "new"} {
		b.Run(kind, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				f, data := edits[kind](i)
				if err := os.WriteFile(f, data, 0o644); err != nil {
					b.Fatal(err)
				}
				c0 := cpuTime()
				res, err := sess.Build(ctx, []string{f})
				cpu += cpuTime() - c0
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages), "files/op")
				if kind == "new" {
					b.StopTimer()
					os.Remove(f)
					if _, err := sess.Build(ctx, []string{f}); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
