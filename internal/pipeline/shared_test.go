package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// sharedSite is the golden site with its own copy of the real layouts, so a
// test may change them.
func sharedSite(t *testing.T) (site, layouts string) {
	t.Helper()
	site = copyDir(t, goldenSite)
	abs, _ := filepath.Abs("../..")
	layouts = copyDir(t, filepath.Join(abs, "layouts"))
	rewrite(t, filepath.Join(site, "site.yaml"), "../../../../../layouts", layouts)
	rewrite(t, filepath.Join(site, "site.yaml"), "../../../../../", abs+"/")
	return site, layouts
}

// TestSharedPartialCannotSeeThePage: a shared partial that reaches for the
// page fails with the partial's name, instead of showing one page's title
// on every page that shares the partial.
func TestSharedPartialCannotSeeThePage(t *testing.T) {
	site, layouts := sharedSite(t)
	rewrite(t, filepath.Join(layouts, "partials/header.html"), `<div class="wrap header-row`, `{{.Page.Title}}<div class="wrap header-row`)
	res, err := Run(context.Background(), Options{Source: site, Out: filepath.Join(t.TempDir(), "out")})
	if err == nil {
		t.Fatal("the build passed with a shared partial that uses .Page")
	}
	var msgs []string
	for _, f := range res.Findings {
		msgs = append(msgs, f.Msg)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "partials/header.html") || !strings.Contains(all, "Page") {
		t.Errorf("the findings do not name the partial and the field:\n%s", all)
	}
}
