package content

import (
	"fmt"
	"io/fs"
	"runtime"
	"sync/atomic"
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

// slowFS waits before every open, as a disk does for a file not cached,
// and notes how many reads are under way at once and the most processors
// it saw.
type slowFS struct {
	fs.FS
	now, most, procs *atomic.Int32
}

func (s slowFS) Open(name string) (fs.File, error) {
	n := s.now.Add(1)
	defer s.now.Add(-1)
	raise(s.most, n)
	raise(s.procs, int32(runtime.GOMAXPROCS(0)))
	time.Sleep(300 * time.Microsecond)
	return s.FS.Open(name)
}

// raise sets m to v if v is larger.
func raise(m *atomic.Int32, v int32) {
	for old := m.Load(); v > old && !m.CompareAndSwap(old, v); old = m.Load() {
	}
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
	slow := slowFS{FS: m, now: new(atomic.Int32), most: new(atomic.Int32), procs: new(atomic.Int32)}
	tree, l := Load(slow, "content", testConfig(t))
	if errs, _ := l.Count(); errs > 0 || len(tree.Sources) != 301 {
		t.Fatalf("%d sources, findings:\n%s", len(tree.Sources), dump(l.Items()))
	}
	for i, s := range tree.Sources[1:] {
		if want := fmt.Sprintf("Side %d", i); s.String("title") != want {
			t.Fatalf("source %d (%s) has title %q, want %q", i+1, s.Path, s.String("title"), want)
		}
	}
	if got := slow.procs.Load(); got != readProcs {
		t.Errorf("at most %d processors during the load, want %d", got, readProcs)
	}
	if got := slow.most.Load(); got <= 2 {
		t.Errorf("at most %d reads at once, want more than the 2 readers it starts with", got)
	}
	if got := runtime.GOMAXPROCS(0); got != 2 {
		t.Errorf("GOMAXPROCS %d after the load, want 2 again", got)
	}
}
