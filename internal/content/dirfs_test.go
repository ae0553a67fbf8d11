package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// DirFS reads every file of the real content folder as os.DirFS does, and
// reports a missing file, a folder and a bad name as errors.
func TestDirFSReadsAsOS(t *testing.T) {
	const dir = "../../content"
	d := DirFS(dir)
	if _, ok := d.(limitReader); !ok && runtime.GOOS == "linux" {
		t.Fatal("DirFS reads through package os on Linux")
	}
	n := 0
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		want, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		got, size, err := readFile(d, p)
		if err != nil || size != int64(len(want)) || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes (size %d, %v), want %d", p, len(got), size, err, len(want))
		}
		n++
		return nil
	})
	if err != nil || n < 20 {
		t.Fatalf("walked %d files: %v", n, err)
	}
	if _, _, err := readFile(d, "findes-ikke.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, _, err := readFile(d, "hjertesager"); err == nil {
		t.Error("a folder was read as a file")
	}
	if _, _, err := readFile(d, "../go.mod"); err == nil {
		t.Error("a name outside the folder was read")
	}
}
