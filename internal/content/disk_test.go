package content

import (
	"fmt"
	"io/fs"
	"runtime"
	"testing"
	"testing/fstest"
	"time"
)

// Reads from a warm cache, a few of them slow (the thread was preempted),
// raise nothing; reads that wait on the disk raise GOMAXPROCS once and
// start readers up to readProcs, until done.
func TestDiskWait(t *testing.T) {
	t.Setenv("GOMAXPROCS", "") // moreProcs leaves a GOMAXPROCS from the environment alone
	before := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(before)

	var warm diskWait
	warm.more = func(int) { t.Error("more readers for warm reads") }
	for i := range 10000 {
		d := 10 * time.Microsecond
		if i%40 == 0 {
			d = time.Millisecond
		}
		warm.read(d)
	}
	warm.done()

	var cold diskWait
	started := 0
	cold.more = func(n int) { started += n }
	for range 100 {
		cold.read(300 * time.Microsecond)
	}
	if started != readProcs-2 || runtime.GOMAXPROCS(0) != readProcs {
		t.Errorf("cold reads: %d more readers, GOMAXPROCS %d; want %d and %d", started, runtime.GOMAXPROCS(0), readProcs-2, readProcs)
	}
	cold.done()
	if got := runtime.GOMAXPROCS(0); got != 2 {
		t.Errorf("GOMAXPROCS %d after the load, want 2 again", got)
	}
}

// slowFS waits before every open, as a disk does for a file not cached.
type slowFS struct{ fs.FS }

func (s slowFS) Open(name string) (fs.File, error) {
	time.Sleep(300 * time.Microsecond)
	return s.FS.Open(name)
}

// A load from a slow disk reads every file once, in order, with the raise
// and the extra readers, and leaves GOMAXPROCS as it was.
func TestLoadFromSlowDisk(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(before)
	m := fstest.MapFS{"_index.md": {Data: []byte("---\ntitle: Forside\n---\n")}}
	for i := range 300 {
		m[fmt.Sprintf("s/side-%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Side %d\n---\nTekst.\n", i))}
	}
	tree, l := Load(slowFS{m}, "content", testConfig(t))
	if errs, _ := l.Count(); errs > 0 || len(tree.Sources) != 301 {
		t.Fatalf("%d sources, findings:\n%s", len(tree.Sources), dump(l.Items()))
	}
	for i, s := range tree.Sources[1:] {
		if want := fmt.Sprintf("Side %d", i); s.String("title") != want {
			t.Fatalf("source %d (%s) has title %q, want %q", i+1, s.Path, s.String("title"), want)
		}
	}
	if got := runtime.GOMAXPROCS(0); got != 2 {
		t.Errorf("GOMAXPROCS %d after the load, want 2 again", got)
	}
}
