//go:build unix

package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/racetest"
)

// Issue #21, finding 6: a FIFO in content/ hung the build forever. It is
// refused without being opened, by either file system Load is given.
func TestFIFORefusedNotRead(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\ntitle: Forside\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"pipe.md", "pipe.pdf", "synonymer.txt"} {
		if err := syscall.Mkfifo(filepath.Join(dir, n), 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}
	for name, fsys := range dirFSes(dir) {
		t.Run(name, func(t *testing.T) {
			done := make(chan *diag.List)
			go func() { _, l := Load(fsys, "content", testConfig(t)); done <- l }()
			select {
			case l := <-done:
				want := []string{"content/pipe.md not-regular", "content/pipe.pdf not-regular", "content/synonymer.txt not-regular"}
				if got := codes(l); !reflect.DeepEqual(got, want) {
					t.Errorf("findings %q, want %q", got, want)
				}
			case <-time.After(10 * time.Second * racetest.Slowdown()):
				t.Fatal("Load blocked on a FIFO")
			}
		})
	}
}

// A file that turns into a FIFO after the folder was read is not read
// either: the reader opens without blocking and checks what it opened.
func TestReadFileLimitRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "p.md"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	r, ok := DirFS(dir).(limitReader)
	if !ok {
		t.Skip("DirFS reads through os here")
	}
	done := make(chan error)
	go func() { _, _, err := r.readFileLimit("p.md", MaxFileSize); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "ikke en almindelig fil") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readFileLimit blocked on a FIFO")
	}
}
