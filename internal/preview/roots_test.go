package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue #21, finding 4: the preview stopped watching when content/ was
// deleted or moved away and put back; later saves were ignored until a
// restart. Each time, a save after the folder is back must be served.
func TestWatchSurvivesContentGoingAway(t *testing.T) {
	root := site(t)
	_, ts := watched(t, root)
	content := filepath.Join(root, "content")
	saved := map[string][]byte{}
	filepath.WalkDir(content, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			saved[p], _ = os.ReadFile(p)
		}
		return nil
	})
	restore := func() {
		for p, b := range saved {
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	served := func(what, want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			if c, body := get(t, ts.URL+"/side/"); c == 200 && strings.Contains(body, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: /side/ does not show %q", what, want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	edit := func(title string) {
		t.Helper()
		// Give the watcher time to see the folder come back before the save.
		time.Sleep(200 * time.Millisecond)
		if err := os.WriteFile(filepath.Join(content, "side.md"), []byte("---\ntitle: "+title+"\n---\nTekst.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		served(title, title)
	}

	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	restore()
	edit("Efter sletning")

	away := filepath.Join(root, "content-flyttet")
	if err := os.Rename(content, away); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if err := os.Rename(away, content); err != nil {
		t.Fatal(err)
	}
	edit("Efter flytning")

	// Moved away, a new folder made in its place, and then the old one back.
	if err := os.Rename(content, away); err != nil {
		t.Fatal(err)
	}
	restore()
	edit("I en ny mappe")
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(away, content); err != nil {
		t.Fatal(err)
	}
	edit("Den gamle mappe igen")
}

func TestRootsParentOnly(t *testing.T) {
	r := rootEvents([]string{"/s/content", "/s/layouts", "/x/y/indhold"})
	flat := []string{"/s"}
	for name, want := range map[string]bool{
		"/x/y/andet.md": true, "/x/y/indhold": false, "/x/y/indhold/a.md": false,
		"/s/site.yaml": false, "/s/content/a.md": false, "/s/content": false,
	} {
		if got := r.parentOnly(name, flat); got != want {
			t.Errorf("parentOnly(%q) = %v", name, got)
		}
	}
}
