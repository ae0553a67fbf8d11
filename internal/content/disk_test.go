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
// ask for nothing; reads that wait on the disk ask SlowDisk once and start
// the readers it asks for; done ends what it started.
func TestDiskWait(t *testing.T) {
	warm := diskWait{slowDisk: func() (int, func()) { t.Error("SlowDisk asked for warm reads"); return 0, nil }}
	warm.more = func(int) { t.Error("more readers for warm reads") }
	for i := range 10000 {
		d := 10 * time.Microsecond
		if i%40 == 0 {
			d = time.Millisecond
		}
		warm.read(d)
	}
	warm.done()

	asked, ended, started := 0, 0, 0
	cold := diskWait{slowDisk: func() (int, func()) { asked++; return 6, func() { ended++ } }}
	cold.more = func(n int) { started += n }
	for range 100 {
		cold.read(300 * time.Microsecond)
	}
	if asked != 1 || started != 6 || ended != 0 {
		t.Errorf("cold reads: SlowDisk asked %d times, %d more readers, ended %d; want 1, 6, 0", asked, started, ended)
	}
	cold.done()
	if ended != 1 {
		t.Errorf("SlowDisk's done ran %d times after the load, want 1", ended)
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

// A load from a slow disk reads every file once, in order, with the extra
// readers SlowDisk asks for, and changes no process-wide setting.
func TestLoadFromSlowDisk(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	m := fstest.MapFS{"_index.md": {Data: []byte("---\ntitle: Forside\n---\n")}}
	for i := range 300 {
		m[fmt.Sprintf("s/side-%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Side %d\n---\nTekst.\n", i))}
	}
	slow := slowFS{FS: m, now: new(atomic.Int32), most: new(atomic.Int32), procs: new(atomic.Int32)}
	r := Reader{SlowDisk: func() (int, func()) { return 6, func() {} }}
	tree, l := r.Load(slow, "content", testConfig(t))
	if errs, _ := l.Count(); errs > 0 || len(tree.Sources) != 301 {
		t.Fatalf("%d sources, findings:\n%s", len(tree.Sources), dump(l.Items()))
	}
	for i, s := range tree.Sources[1:] {
		if want := fmt.Sprintf("Side %d", i); s.String("title") != want {
			t.Fatalf("source %d (%s) has title %q, want %q", i+1, s.Path, s.String("title"), want)
		}
	}
	if got := slow.most.Load(); got <= int32(before) {
		t.Errorf("at most %d reads at once, want more than the %d readers it starts with", got, before)
	}
	if got := slow.procs.Load(); got != int32(before) {
		t.Errorf("GOMAXPROCS %d during the load, want it left at %d", got, before)
	}
}
