package site

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// TestDuplicateTitles: two pages with the same title (ignoring case) give a
// warning at the later one's title line that names the first; distinct
// titles give none.
func TestDuplicateTitles(t *testing.T) {
	_, fs := build(t, fstest.MapFS{
		"_index.md":                  md("title: Forside"),
		"enheder/_index.md":          md("title: Enheder"),
		"enheder/a/_index.md":        md("title: Enhed A"),
		"enheder/a/botilbud.md":      md("title: Botilbud", "summary: a", "unit: a"),
		"enheder/b/_index.md":        md("title: Enhed B"),
		"enheder/b/botilbud.md":      md("summary: b", "title: botilbud ", "unit: b"),
		"enheder/b/stoette.md":       md("title: Støtte på B", "summary: s", "unit: b"),
		"enheder/a/stoette-paa-a.md": md("title: Støtte på A", "summary: s", "unit: a"),
	})
	want := []diag.Finding{{File: "content/enheder/b/botilbud.md", Line: 3, Severity: diag.Warning, Code: "duplicate-title",
		Msg: `siden har samme titel "botilbud" som content/enheder/a/botilbud.md`, Hint: "giv siderne hver sin titel, fx med enhedens navn"}}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
	}
}
