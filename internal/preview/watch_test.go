package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWatchEvents runs the real watcher over a small site and makes each
// kind of change an editor's tools make: writing a file in place, creating
// one, saving by writing a temporary file and renaming it over the page,
// deleting one, and making a new folder with a page in it. Each must reach
// the served preview without a restart.
func TestWatchEvents(t *testing.T) {
	root := site(t)
	s, ts := watched(t, root)
	content := filepath.Join(root, "content")
	put := func(rel, body string) {
		t.Helper()
		p := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// served waits until GET u answers code with a body containing want.
	served := func(what, u string, code int, want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			c, body := get(t, ts.URL+u)
			if c == code && strings.Contains(body, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s answers %d without %q", what, u, c, want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}

	put("side.md", "---\ntitle: Skrevet om\n---\nTekst.\n")
	served("write", "/side/", 200, "Skrevet om")

	put("ny.md", "---\ntitle: Helt ny side\n---\nNy.\n")
	served("create", "/ny/", 200, "Helt ny side")

	tmp := filepath.Join(content, "side.md.tmp-4711")
	if err := os.WriteFile(tmp, []byte("---\ntitle: Gemt med omdøbning\n---\nTekst.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(content, "side.md")); err != nil {
		t.Fatal(err)
	}
	served("rename over", "/side/", 200, "Gemt med omdøbning")

	if err := os.Remove(filepath.Join(content, "ny.md")); err != nil {
		t.Fatal(err)
	}
	served("delete", "/ny/", 404, "")

	if err := os.Mkdir(filepath.Join(content, "mappe"), 0o755); err != nil {
		t.Fatal(err)
	}
	put("mappe/_index.md", "---\ntitle: Ny mappe\n---\n")
	put("mappe/inde.md", "---\ntitle: Side i ny mappe\n---\nHej.\n")
	served("new folder", "/mappe/inde/", 200, "Side i ny mappe")
	// A page in the new folder is watched too.
	put("mappe/inde.md", "---\ntitle: Side i ny mappe, rettet\n---\nHej.\n")
	served("write in new folder", "/mappe/inde/", 200, "rettet")

	// A folder of pages moved out of the site takes its pages with it.
	if err := os.Rename(filepath.Join(content, "mappe"), filepath.Join(root, "mappe-flyttet")); err != nil {
		t.Fatal(err)
	}
	served("folder moved away", "/mappe/inde/", 404, "")

	// A broken save shows the overlay's event and keeps the page; the fix
	// brings the new page.
	put("side.md", "---\ntitle: [Ødelagt\n---\n")
	time.Sleep(300 * time.Millisecond)
	served("broken", "/side/", 200, "Gemt med omdøbning")
	s.mu.Lock()
	broken := len(s.findings) > 0 && strings.Contains(s.findings[0].File, "side.md")
	s.mu.Unlock()
	if !broken {
		t.Error("a broken save left no finding for the overlay")
	}
	put("side.md", "---\ntitle: Rettet igen\n---\n")
	served("fixed", "/side/", 200, "Rettet igen")
}
