package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitSwapsAndAbortKeeps(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	w, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("a/index.html", []byte("<p>første</p>")); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	w, _ = Open(out)
	w.Write("a/index.html", []byte("<p>anden</p>"))
	w.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "a/index.html")); string(b) != "<p>første</p>" {
		t.Errorf("after Abort the output holds %q", b)
	}
	w, _ = Open(out)
	w.Write("b/index.html", []byte("<p>tredje</p>"))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a/index.html")); err == nil {
		t.Error("a file of the previous build survived the swap")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "b/index.html")); string(b) != "<p>tredje</p>" {
		t.Errorf("after Commit the output holds %q", b)
	}
	left, _ := filepath.Glob(out + ".*-*")
	if len(left) > 0 {
		t.Errorf("staging folders left behind: %v", left)
	}
}

func TestSecondBuildIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if _, err := Open(out); !errors.Is(err, ErrBusy) {
		t.Errorf("second Open: %v, want ErrBusy", err)
	}
}

func TestOutputMayNotHoldTheSources(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	content := filepath.Join(site, "content")
	os.MkdirAll(content, 0o755)
	for _, out := range []string{site, dir, content, filepath.Join(content, "public")} {
		if _, err := Open(out, site, content); err == nil || !strings.Contains(err.Error(), "må ikke være kildemappen") {
			t.Errorf("Open(%s): %v", out, err)
		}
	}
	w, err := Open(filepath.Join(site, "public"), site, content)
	if err != nil {
		t.Fatalf("public inside the site root: %v", err)
	}
	w.Abort()
}

func TestWriteRefusesPathsOutside(t *testing.T) {
	w, err := Open(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, name := range []string{"../x.html", "/../../etc/passwd", "a/../../b", "a\\b", ""} {
		if err := w.Write(name, []byte("x")); err == nil {
			t.Errorf("Write(%q) was allowed", name)
		}
	}
	if err := w.Write("ok/index.html", []byte("x")); err != nil {
		t.Error(err)
	}
	if err := w.Write("ok/index.html", []byte("y")); err == nil {
		t.Error("the same file written twice was allowed")
	}
}

// Pages get no .gz unless CompressPages is set; assets and the search
// index always do (when over 256 bytes); a small file never does.
func TestWhichFilesGetAGz(t *testing.T) {
	big := strings.Repeat("<p>tekst</p> ", 40)
	for _, pages := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		w, err := Open(out)
		if err != nil {
			t.Fatal(err)
		}
		w.CompressPages = pages
		for _, f := range []string{"a/index.html", "assets/site.css", "soeg/idx/t1.txt", "sitemap.xml"} {
			if err := w.WriteRaw(f, []byte(big)); err != nil {
				t.Fatal(err)
			}
		}
		w.WriteRaw("small.css", []byte("p{}"))
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		for f, want := range map[string]bool{"a/index.html": pages, "assets/site.css": true, "soeg/idx/t1.txt": true, "sitemap.xml": true, "small.css": false} {
			_, err := os.Stat(filepath.Join(out, f+".gz"))
			if got := err == nil; got != want {
				t.Errorf("CompressPages %v: %s.gz written %v, want %v", pages, f, got, want)
			}
		}
	}
}
