package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lowSite is a copy of the golden site with the page aerlighed.md given body.
func lowSite(t *testing.T, body string) string {
	t.Helper()
	site := glossarySite(t)
	page := filepath.Join(site, "content/hjertesager/aerlighed.md")
	if err := os.WriteFile(page, []byte("---\ntitle: Ærlighed\nsummary: Vi siger det, som det er.\n---\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// Issue #21, finding 6: external and //host images passed without a word.
// They now warn at their line (the hosting CSP blocks them, and the other
// server learns who reads the page).
func TestExternalImagesWarn(t *testing.T) {
	site := lowSite(t, "Tekst.\n\n![Et billede](https://example.org/a.png)\n\n![Et andet](//example.org/b.png)\n\n[Et link](https://example.org/) er fint.\n")
	res, err := Run(context.Background(), Options{Source: site, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.File == "content/hjertesager/aerlighed.md" && strings.Contains(f.Msg, "hentes fra en anden server") {
			got = append(got, f.Severity.String()+" "+f.Pos())
		}
	}
	want := []string{"advarsel content/hjertesager/aerlighed.md:7", "advarsel content/hjertesager/aerlighed.md:9"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("warnings %q, want %q", got, want)
	}
}

// Issue #21, finding 6: "## main" gave a second id="main" (the layout's
// skip-link target). A heading never gets an id the layouts use.
func TestHeadingAvoidsLayoutIDs(t *testing.T) {
	site := lowSite(t, "Tekst.\n\n## Main\n\nMere.\n\n## Q\n\nMere.\n")
	files := tree(t, buildTo(t, site, "public"))
	page := string(files["hjertesager/aerlighed/index.html"])
	for _, id := range []string{"main", "q"} {
		if n := strings.Count(page, `id="`+id+`"`); n > 1 {
			t.Errorf("id=%q %d times on the page", id, n)
		}
	}
	if !strings.Contains(page, `<h2 id="main-2">Main</h2>`) || !strings.Contains(page, `<h2 id="q-2">Q</h2>`) {
		t.Errorf("headings without their own ids:\n%s", page)
	}
	if ids := layoutIDs("../../layouts"); !strings.Contains(strings.Join(ids, " "), "main") {
		t.Errorf("layoutIDs found %q", ids)
	}
}
