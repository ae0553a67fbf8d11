package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/plainlang"
)

// TestPublicPagesPlainLanguage measures LIX on every rendered page of the
// real public site as the citizen reads it (the <main> element: the page's
// text and the layout's lists, cards and contact blocks) and holds the
// content to the plain-language goal: every page at most 40, the median at
// most 32. Run with -v to see each page's figure.
func TestPublicPagesPlainLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site")
	}
	out := buildTo(t, "../..", "public")
	type row struct {
		page string
		lix  float64
	}
	var rows []row
	err := filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if main := plainlang.MainText(b, 1); len(main) > 0 {
			rows = append(rows, row{filepath.ToSlash(rel), plainlang.Analyze(rel, main, plainlang.Rules{}).Lix})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 50 {
		t.Fatalf("measured %d pages; want the whole public site", len(rows))
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].lix > rows[j].lix })
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%5.1f  %s\n", r.lix, r.page)
		if r.lix > 40 {
			t.Errorf("%s: LIX %.1f; every public page must be at most 40", r.page, r.lix)
		}
	}
	n := len(rows)
	median := rows[n/2].lix
	if n%2 == 0 {
		median = (rows[n/2-1].lix + rows[n/2].lix) / 2
	}
	t.Logf("%d public pages, median LIX %.1f, worst %.1f (%s)\n%s", n, median, rows[0].lix, rows[0].page, b.String())
	if median > 32 {
		t.Errorf("median LIX %.1f; the goal is at most 32", median)
	}
}

// TestLanguageRowIsRendered: the language report counts what the reader
// sees on an offer (its title, summary, lists and contact block), not only
// the 21 words of its Markdown.
func TestLanguageRowIsRendered(t *testing.T) {
	res, err := Run(context.Background(), Options{Source: goldenSite, Target: "public", Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Language {
		if r.Page.URL != "/enheder/enhed-a/bolig/" {
			continue
		}
		// "Voksne med handicap", "Din egen bolig", "Støtte hver dag", the
		// phone and "Vi ringer til dig." are only in the layout's blocks.
		if r.Words <= 21+10 {
			t.Errorf("the offer's row counts %d words; want the rendered page's, well over the Markdown's 21", r.Words)
		}
		return
	}
	t.Error("no language row for the offer")
}
