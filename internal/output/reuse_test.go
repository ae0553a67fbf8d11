//go:build unix

package output

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// build writes files (slash path → content; a page over 256 bytes gets a
// .gz only with pages) into out as one full build that reuses the spare,
// and commits it.
func build(t *testing.T, out string, pages bool, files map[string]string) {
	t.Helper()
	w, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w.CompressPages = pages
	if err := w.ReuseSpare(); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := w.WriteRaw(name, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

func inode(t *testing.T, file string) uint64 {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	return uint64(fi.Sys().(*syscall.Stat_t).Ino)
}

// A full build writes over the tree the build before the last left as the
// spare, and the output is exactly what a build into an empty folder makes:
// no file of the spare survives that the build did not write (a page, a
// .gz the page no longer has, a folder now a file, a file now a folder),
// and a file of the spare that is a symbolic link or has a second name
// outside is never written through.
func TestReuseSpareLeavesNothingStale(t *testing.T) {
	if !canReuse {
		t.Skip("no spare on this system")
	}
	restFor(t, 0)
	big := strings.Repeat("<p>tekst</p>", 40)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	first := map[string]string{
		"index.html": big, "a/index.html": "a1", "b/index.html": "b1", "b/c/index.html": "bc1",
		"x": "en fil", "d/e/index.html": "de1", "site.css": big,
	}
	build(t, out, true, first)
	cssInode := inode(t, filepath.Join(out, "site.css"))
	build(t, out, true, map[string]string{"index.html": "anden"})
	if _, err := os.Stat(out + spareSuffix + "/b/c/index.html"); err != nil {
		t.Fatalf("the first build's tree was not kept as the spare: %v", err)
	}
	// A second name outside, and a link, in the spare: never written through.
	outside := filepath.Join(dir, "udenfor.txt")
	os.WriteFile(outside, []byte("udenfor"), 0o644)
	os.Remove(out + spareSuffix + "/a/index.html")
	if err := os.Link(outside, out+spareSuffix+"/a/index.html"); err != nil {
		t.Fatal(err)
	}
	os.Symlink(outside, out+spareSuffix+"/a/link.html")
	third := map[string]string{
		"index.html": big, "a/index.html": "a3", "a/link.html": "l3", "x/index.html": "x3",
		"d/e": "nu en fil", "site.css": big + "x",
	}
	build(t, out, false, third)
	fresh := filepath.Join(t.TempDir(), "public")
	w, _ := Open(fresh)
	for name, body := range third {
		w.WriteRaw(name, []byte(body))
	}
	w.Commit()
	got, want := listTree(t, out), listTree(t, fresh)
	for name, body := range want {
		if got[name] != body {
			t.Errorf("%s: %q, a build into an empty folder wrote %q", name, got[name], body)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is left from an earlier build", name)
		}
	}
	if b, _ := os.ReadFile(outside); string(b) != "udenfor" {
		t.Errorf("a file outside the output was written through the spare: %q", b)
	}
	if inode(t, filepath.Join(out, "site.css")) != cssInode {
		t.Error("site.css is a new file: the spare was not reused")
	}
}

// restFor sets spareRest for one test.
func restFor(t *testing.T, d time.Duration) {
	old := spareRest
	spareRest = d
	t.Cleanup(func() { spareRest = old })
}

// A spare kept by the last swap is not written over until it has rested:
// the web server may still be sending its files. The build makes a new
// tree instead, and its output is the same.
func TestFreshSpareIsNotWrittenOver(t *testing.T) {
	if !canReuse {
		t.Skip("no spare on this system")
	}
	restFor(t, time.Hour)
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, false, map[string]string{"a/index.html": "a1", "b/index.html": "b1"})
	build(t, out, false, map[string]string{"a/index.html": "a2"})
	spared := inode(t, out+spareSuffix+"/a/index.html")
	build(t, out, false, map[string]string{"a/index.html": "a3"})
	if got := listTree(t, out); len(got) != 2 || got["a/index.html"] != "a3" {
		t.Errorf("output %q, want only a/ and a/index.html = a3", got)
	}
	if inode(t, filepath.Join(out, "a/index.html")) == spared {
		t.Error("the spare kept by the last swap was written over at once")
	}
}

// A build that fails keeps its staging folder as the spare, and a killed
// build's staging folder becomes the spare too; the next build's output
// holds only its own files.
func TestAbortedStageBecomesTheSpare(t *testing.T) {
	if !canReuse {
		t.Skip("no spare on this system")
	}
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, false, map[string]string{"a/index.html": "a"})
	w, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteRaw("b/index.html", []byte("b"))
	w.Abort()
	if _, err := os.Stat(out + spareSuffix + "/b/index.html"); err != nil {
		t.Fatalf("the aborted stage is not the spare: %v", err)
	}
	os.RemoveAll(out + spareSuffix)
	os.MkdirAll(out+".staging-123/c", 0o755)
	os.WriteFile(out+".staging-123/c/index.html", []byte("c"), 0o644)
	build(t, out, false, map[string]string{"d/index.html": "d"})
	if got := listTree(t, out); len(got) != 2 || got["d/index.html"] != "d" {
		t.Errorf("output %q, want only d/index.html", got)
	}
	if _, err := os.Stat(out + ".staging-123"); err == nil {
		t.Error("the killed build's staging folder is still there")
	}
}
