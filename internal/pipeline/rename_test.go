package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A page renamed in the preview (the browser editor's "Omdøb": the file
// moved, its old address added to aliases) leaves the redirect to its new
// address at the old one, as a full build does.
func TestSessionRenameKeepsTheRedirect(t *testing.T) {
	ctx := context.Background()
	sess, dir, out := previewOfRealSite(t)
	// A new page, as "Ny side" makes it; then renamed.
	from := filepath.Join(dir, "enheder", "guldborgsund-handicap", "kopi.md")
	to := filepath.Join(dir, "enheder", "guldborgsund-handicap", "bosted.md")
	src, err := os.ReadFile(filepath.Join(dir, "enheder", "guldborgsund-handicap", "botilbud.md"))
	if err != nil {
		t.Fatal(err)
	}
	src = []byte(strings.Replace(string(src), `title: "Botilbud for voksne med handicap"`, `title: "Et nyt bosted"`, 1))
	if err := os.WriteFile(from, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Build(ctx, []string{from}); err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(src), "\ntitle:", "\naliases: [\"/enheder/guldborgsund-handicap/kopi/\"]\ntitle:", 1)
	if err := os.WriteFile(to, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(from)
	if _, err := sess.Build(ctx, []string{from, to}); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(filepath.Join(out, "enheder", "guldborgsund-handicap", "kopi", "index.html"))
	if err != nil || !strings.Contains(string(old), `http-equiv="refresh"`) || !strings.Contains(string(old), "bosted/") {
		t.Errorf("the old address: %v\n%.300s", err, old)
	}
	if _, err := os.Stat(filepath.Join(out, "enheder", "guldborgsund-handicap", "bosted", "index.html")); err != nil {
		t.Error(err)
	}
}
