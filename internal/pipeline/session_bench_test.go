//go:build unix

package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strings"
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

// BenchmarkSessionEdit times a preview session's update after one edit
// to the corpus in $LABYRINT_BENCH_CONTENT (a gencorpus.py content folder
// with the site's ordliste.yaml, ordliste.md and synonymer.txt copied in,
// as bench/edit-bench.sh makes it; the files are changed and put back), by
// kind of edit, and reports the CPU time per update (cpu-ms/op: until the
// edited page is written), the list pages it left pending (pending/op),
// the CPU time of making one of them when it is asked for
// (list-cpu-ms/op: the first in the background's order) and of the rest
// (lazy-cpu-ms/op: the background's work), and that of the Refresh of the
// search index and language report after it, which the preview makes
// when they are asked for (refresh-cpu-ms/op):
//
//	LABYRINT_BENCH_CONTENT=/tmp/c10k/content go test -run '^$' -bench SessionEdit ./internal/pipeline
//
// $LABYRINT_BENCH_PROFILE names a CPU profile of the updates alone.
func BenchmarkSessionEdit(b *testing.B) {
	content := os.Getenv("LABYRINT_BENCH_CONTENT")
	if content == "" {
		b.Skip("LABYRINT_BENCH_CONTENT is not set")
	}
	ctx := context.Background()
	sess := NewSession(Options{Source: "../..", Content: content, Target: "public", Drafts: true, Preview: true, Out: filepath.Join(b.TempDir(), "out")})
	sess.lazyOnly = true // the pending list pages are timed on their own
	if _, err := sess.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	if prof := os.Getenv("LABYRINT_BENCH_PROFILE"); prof != "" { // the updates alone
		f, err := os.Create(prof)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	for _, e := range sessionEdits(b, content) {
		b.Run(e.name, func(b *testing.B) {
			var cpu, refresh, list, lazy time.Duration
			pending := 0
			for i := 0; i < b.N; i++ {
				changed := e.do(i)
				c0 := cpuTime()
				res, err := sess.Build(ctx, changed)
				cpu += cpuTime() - c0
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages), "files/op")
				if !res.Partial {
					b.Fatalf("edit %d: a full build", i)
				}
				b.StopTimer()
				if sess.pend != nil {
					pending += len(sess.pend.jobs)
					c0 = cpuTime()
					if err := sess.Fresh(sess.pend.order[0]); err != nil {
						b.Fatal(err)
					}
					list += cpuTime() - c0
				}
				c0 = cpuTime()
				if err := sess.Flush(); err != nil {
					b.Fatal(err)
				}
				lazy += cpuTime() - c0
				c0 = cpuTime()
				if err := sess.Refresh(ctx); err != nil { // as the preview does when asked for the index
					b.Fatal(err)
				}
				refresh += cpuTime() - c0
				if changed := e.undo(i); changed != nil {
					if _, err := sess.Build(ctx, changed); err != nil {
						b.Fatal(err)
					}
					if err := sess.Flush(); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(pending)/float64(b.N), "pending/op")
			b.ReportMetric(float64(list.Microseconds())/1000/float64(b.N), "list-cpu-ms/op")
			b.ReportMetric(float64(lazy.Microseconds())/1000/float64(b.N), "lazy-cpu-ms/op")
			b.ReportMetric(float64(refresh.Microseconds())/1000/float64(b.N), "refresh-cpu-ms/op")
		})
	}
}

// benchEdit is one kind of edit: do makes edit i and returns the changed
// files; undo (outside the timing) puts things back and returns the files
// to tell the session of, or nil.
type benchEdit struct {
	name string
	do   func(i int) []string
	undo func(i int) []string
}

// sessionEdits returns the kinds of edit BenchmarkSessionEdit times; each
// puts its files back when the benchmark ends.
func sessionEdits(b *testing.B, content string) []benchEdit {
	read := func(rel string) (string, []byte) {
		f := filepath.Join(content, filepath.FromSlash(rel))
		orig, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { os.WriteFile(f, orig, 0o644) })
		return f, orig
	}
	write := func(f string, data []byte) {
		if err := os.WriteFile(f, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	file, orig := read("inspiration/case-00002.md")
	value, valueOrig := read("hjertesager/respekt.md") // a core value: its page lists the cases that have it
	gloss, glossOrig := read(GlossaryFile)
	syn, synOrig := read(SynonymFile)
	title := regexp.MustCompile(`(?m)^title: .*$`)
	edit := func(f string, data func(i int) []byte, back []byte) benchEdit {
		return benchEdit{do: func(i int) []string { write(f, data(i)); return []string{f} },
			undo: func(int) []string { write(f, back); return []string{f} }}
	}
	caseN := func(i int) string {
		return filepath.Join(content, "inspiration", fmt.Sprintf("case-%05d.md", 101+5*(i%50)))
	}
	deleted := map[string][]byte{} // the deleted and renamed cases, put back at the end
	for i := range 50 {
		f, data := read(fmt.Sprintf("inspiration/case-%05d.md", 101+5*i))
		deleted[f] = data
	}
	edits := []benchEdit{
		edit(file, func(i int) []byte { return fmt.Appendf(bytes.Clone(orig), "\nSætning %d.\n", i) }, orig),
		edit(file, func(i int) []byte { return title.ReplaceAll(orig, fmt.Appendf(nil, `title: "Ny titel %d"`, i)) }, orig),
		edit(file, func(int) []byte {
			return bytes.Replace(orig, []byte("values: [nysgerrighed, aerlighed]"), []byte("values: [nysgerrighed, aerlighed, tillid]"), 1)
		}, orig),
		{do: func(i int) []string {
			f := filepath.Join(content, "inspiration", fmt.Sprintf("ny-%d.md", i))
			write(f, title.ReplaceAll(orig, fmt.Appendf(nil, `title: "Ny sag %d"`, i)))
			return []string{f}
		}, undo: func(i int) []string {
			f := filepath.Join(content, "inspiration", fmt.Sprintf("ny-%d.md", i))
			os.Remove(f)
			return []string{f}
		}},
		{do: func(i int) []string {
			f := caseN(i)
			if err := os.Remove(f); err != nil {
				b.Fatal(err)
			}
			return []string{f}
		}, undo: func(i int) []string {
			write(caseN(i), deleted[caseN(i)])
			return []string{caseN(i)}
		}},
		{do: func(i int) []string {
			f := caseN(i)
			to := strings.TrimSuffix(f, ".md") + "-ny.md"
			if err := os.Rename(f, to); err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { os.Remove(to) }) // after the case is put back
			return []string{f, to}
		}, undo: func(i int) []string {
			f := caseN(i)
			to := strings.TrimSuffix(f, ".md") + "-ny.md"
			if err := os.Rename(to, f); err != nil {
				b.Fatal(err)
			}
			return []string{f, to}
		}},
		edit(gloss, func(i int) []byte {
			return bytes.Replace(glossOrig, []byte("sted at bo med støtte."), fmt.Appendf(nil, "sted at bo med støtte (%d).", i), 1)
		}, glossOrig),
		edit(syn, func(i int) []byte { return fmt.Appendf(bytes.Clone(synOrig), "\nord%d, ordet%d\n", i, i) }, synOrig),
	}
	edits = append(edits, edit(value, func(i int) []byte { return fmt.Appendf(bytes.Clone(valueOrig), "\nEn sætning mere, nummer %d.\n", i) }, valueOrig))
	names := []string{"body", "title", "value", "new", "deleted", "renamed", "glossary", "synonym", "valuebody"}
	for i := range edits {
		edits[i].name = names[i]
	}
	return edits
}
