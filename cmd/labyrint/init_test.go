package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInit: a new site builds with no edit, has a search page and index,
// shows every page from its front page, knows no word of Guldborgsund, and
// takes a new page of its kind; a second init into the folder is refused.
func TestInit(t *testing.T) {
	site := filepath.Join(t.TempDir(), "nyt-site")
	if _, stderr, err := runCmd(t, "init", site, "--title", "Prøvepolitik", "--owner", "Prøve Kommune"); err != nil {
		t.Fatalf("init: %v\n%s", err, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCmd(t, "build", "--source", site, "--out", out); err != nil {
		t.Fatalf("the new site does not build: %v\n%s", err, stderr)
	}
	files := map[string]string{}
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".html") {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(out, p)
			files[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	home := files["index.html"]
	for _, want := range []string{"Prøvepolitik", "Prøve Kommune", `href="temaer/foerste-tema/"`, `href="temaer/andet-tema/"`, `href="soeg/"`} {
		if !strings.Contains(home, want) {
			t.Errorf("the front page lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "soeg/idx")); err != nil || !strings.Contains(files["soeg/index.html"], "Andet tema") {
		t.Errorf("no search page with its index and the A–Å list: %v", err)
	}
	for name, b := range files {
		if strings.Contains(strings.ToLower(b), "guldborgsund") {
			t.Errorf("%s names Guldborgsund", name)
		}
	}
	if _, stderr, err := runCmd(t, "new", "theme", "Tredje tema", "--source", site); err != nil {
		t.Errorf("new theme: %v\n%s", err, stderr)
	}
	if _, stderr, err := runCmd(t, "init", site); err == nil || !strings.Contains(stderr, "allerede") {
		t.Errorf("a second init was not refused: %v %q", err, stderr)
	}
}
