package content

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// TestUnchangedIsNotRead: a file the Unchanged hook takes is not read (one
// that would not parse is taken without an error), its body is nil; the
// stamp the hook sees changes with the file's time, and a new time is racy.
func TestUnchangedIsNotRead(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: Side\n---\nTekst.\n"
	for n, text := range map[string]string{"a.md": "---\ntitle: [\n", "b.md": page} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(dir)
	var mu sync.Mutex // the hook runs on the reader's goroutines
	stamps := map[string]Stamp{}
	var sum [32]byte
	sum[0] = 7
	r := Reader{Unchanged: func(p string, s Stamp, _ *diag.List) (*Source, [32]byte, bool) {
		mu.Lock()
		stamps[p] = s
		mu.Unlock()
		if p != "a.md" {
			return nil, [32]byte{}, false
		}
		return &Source{Path: p, File: "content/" + p, Fields: map[string]any{"title": "Kept"}, Lines: map[string]int{"title": 2}, BodyLine: 4}, sum, true
	}}
	tree, l := r.Load(fsys, "content", testConfig(t))
	if l.Err() != nil || len(tree.Sources) != 2 {
		t.Fatalf("%v, %d sources", l.Err(), len(tree.Sources))
	}
	a := tree.Sources[0]
	if a.String("title") != "Kept" || a.Body != nil || tree.Digest == nil {
		t.Errorf("a.md: title %q, body %q; want the hook's source, not read", a.String("title"), a.Body)
	}
	if b := tree.Sources[1]; b.String("title") != "Side" || string(b.Body) != "Tekst.\n" {
		t.Errorf("b.md: title %q, body %q; want it read", b.String("title"), b.Body)
	}
	before := stamps["b.md"]
	if before.Size != int64(len(page)) || before.ModTime == 0 {
		t.Fatalf("b.md's stamp %+v", before)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "b.md"), later, later); err != nil {
		t.Fatal(err)
	}
	now, err := StampOf(fsys, "b.md")
	if err != nil || now == before || !now.Racy(time.Now()) || now.Racy(later.Add(racyWindow+time.Second)) {
		t.Errorf("after a new time: stamp %+v (before %+v), %v; racy now %v, later %v", now, before, err, now.Racy(time.Now()), now.Racy(later.Add(racyWindow+time.Second)))
	}
}
