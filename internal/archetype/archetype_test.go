package archetype

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exampleSite copies the Glostrup example's site.yaml and content, which
// has no archetypes/, into a temporary folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := "../../examples/glostrup"
	err := filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// A site without archetypes/ still makes pages of its kinds: from
// site.yaml, with what to fill in marked UDFYLD:. A kind that needs a
// term the program cannot choose is refused, naming the field; a kind that
// is not there gets "mente du".
func TestNewWithoutArchetypes(t *testing.T) {
	site := exampleSite(t)
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	p, err := New(site, "ramme", "Ny ramme", "", now)
	if err != nil {
		t.Fatalf("new ramme: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(site, p))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: \"Ny ramme\"\nsources:\n  - \"UDFYLD: skriv kilder her\"\nsummary: \"UDFYLD: skriv resumé her\"\n" +
		"date: 2026-12-07\ndraft: true # slet denne linje, når siden er klar til at blive vist\n---\n\n" +
		"UDFYLD: Skriv siden her. Brug korte sætninger og almindelige ord.\n"
	if p != filepath.Join("content", "rammen", "ny-ramme.md") || string(b) != want {
		t.Errorf("wrote %s:\n%s\nwant content/rammen/ny-ramme.md:\n%s", p, b, want)
	}
	if _, err := New(site, "page", "Om os", "", now); err != nil {
		t.Errorf("new page: %v", err)
	}
	_, err = New(site, "eksempel", "Nyt eksempel", "", now)
	if err == nil || !strings.Contains(err.Error(), "archetypes/eksempel.md") || !strings.Contains(err.Error(), "feltet opgaver") {
		t.Errorf("new eksempel: %v, want a refusal naming archetypes/eksempel.md and the field opgaver", err)
	}
	_, err = New(site, "rame", "X", "", now)
	if err == nil || !strings.Contains(err.Error(), `mente du "ramme"?`) {
		t.Errorf("new rame: %v, want mente du \"ramme\"?", err)
	}
}
