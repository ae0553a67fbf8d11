package site

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/diag"
)

var cleanURL = regexp.MustCompile(`^/([a-z0-9]+(-[a-z0-9]+)*/)*$`)

// File and folder names with æ, ø, å, spaces, upper case and punctuation
// give clean URLs: lower-case ASCII segments joined by single hyphens.
func TestRobustNamesGiveCleanURLs(t *testing.T) {
	s := buildOK(t, fstest.MapFS{
		"_index.md":                          md("title: Forside"),
		"Om Os/_index.md":                    md("title: Om os"),
		"Om Os/Hvem Er Vi.md":                md("title: Hvem er vi"),
		"Ærø  Ø/Åbent Hus (Lørdag).md":       md("title: Åbent hus"),
		"hjertesager/ÆRLIGHED.md":            md("title: Ærlighed", "summary: Æ"),
		"hjertesager/Tillid & Tryghed!.md":   md("title: Tillid", "summary: T"),
		"enheder/_index.md":                  md("title: Enheder"),
		"enheder/Marie Grubbe/_index.md":     md("title: Marie Grubbe"),
		"enheder/Marie Grubbe/STU-Forløb.md": md("title: STU", "summary: S", "unit: marie-grubbe"),
		"Café Müller/Straße 2026.md":         md("title: Café"),
		"  mellemrum  .md":                   md("title: Mellemrum"),
	})
	want := []string{"/", "/aeroe-oe/aabent-hus-loerdag/", "/cafe-mueller/strasse-2026/", "/enheder/", "/enheder/marie-grubbe/",
		"/enheder/marie-grubbe/stu-forloeb/", "/hjertesager/aerlighed/", "/hjertesager/tillid-tryghed/", "/mellemrum/",
		"/om-os/", "/om-os/hvem-er-vi/"}
	if got := urls(s.Pages); !reflect.DeepEqual(got, want) {
		t.Errorf("URLs =\n%q\nwant\n%q", got, want)
	}
	for _, p := range s.Pages {
		if !cleanURL.MatchString(p.URL) {
			t.Errorf("%s: URL %q is not clean", p.Src.File, p.URL)
		}
	}
}

// Two files that give one URL: an error on each later file (in path order)
// that names the first,
// also for folders that differ only in case and spacing, and for three files.
func TestRobustDuplicateURLNamesBoth(t *testing.T) {
	_, fs := build(t, fstest.MapFS{
		"_index.md":           md("title: Forside"),
		"om-os/hvem-er-vi.md": md("title: A"),
		"Om Os/Hvem er vi.md": md("title: B"),
		"OM OS/HVEM ER VI.md": md("title: C"),
		"om-os/_index.md":     md("title: Om os"),
	})
	hint := "omdøb den ene fil eller giv den et andet slug"
	want := []diag.Finding{
		{File: "content/Om Os/Hvem er vi.md", Line: 1, Severity: diag.Error, Code: "duplicate-url",
			Msg: "siden får samme adresse /om-os/hvem-er-vi/ som content/OM OS/HVEM ER VI.md", Hint: hint},
		{File: "content/om-os/hvem-er-vi.md", Line: 1, Severity: diag.Error, Code: "duplicate-url",
			Msg: "siden får samme adresse /om-os/hvem-er-vi/ som content/OM OS/HVEM ER VI.md", Hint: hint},
	}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
	}
}

// A slug that tries to climb out of the site is refused at its line, with
// the clean slug as the hint.
func TestRobustSlugTraversal(t *testing.T) {
	for slug, clean := range map[string]string{
		"../../etc/passwd": "etc-passwd",
		"/etc/passwd":      "etc-passwd",
		`..\..\windows`:    "windows",
		"a/../../b":        "a-b",
		"%2e%2e%2fx":       "2e-2e-2fx",
	} {
		_, fs := build(t, fstest.MapFS{
			"_index.md":  md("title: Forside"),
			"kontakt.md": md("title: Kontakt", "slug: '"+slug+"'"),
		})
		want := []diag.Finding{{File: "content/kontakt.md", Line: 3, Severity: diag.Error, Code: "slug",
			Msg: fmt.Sprintf("adressen (slug) %q må kun have små bogstaver a-z, tal og bindestreger", slug), Hint: fmt.Sprintf("brug %q", clean)}}
		if !reflect.DeepEqual(fs, want) {
			t.Errorf("slug %q: findings =\n%#v\nwant\n%#v", slug, fs, want)
		}
	}
}

// A file or folder name with no letter a-z or digit after slugging ("!!!",
// "日本") gives no URL segment. Before the fix the page got the URL "//" or
// "//side/": the build then failed with "to sider vil skrive den samme
// fil index.html" blamed on content/_index.md, or wrote links to "//side/",
// which a browser reads as the host "side". Now it is an error on the file.
func TestRobustNameWithoutLetters(t *testing.T) {
	tests := []struct {
		path, msg, hint string
	}{
		{"!!!.md", `filnavnet "!!!.md" giver ingen adresse: navnet skal have mindst ét bogstav a-z eller et tal`,
			"omdøb filen, eller giv siden et slug"},
		{"日本/side.md", `mappen "日本" giver ingen adresse: navnet skal have mindst ét bogstav a-z eller et tal`,
			"omdøb mappen"},
		{"sektion/---/_index.md", `mappen "---" giver ingen adresse: navnet skal have mindst ét bogstav a-z eller et tal`,
			"omdøb mappen"},
		{"_ _.md", `filnavnet "_ _.md" giver ingen adresse: navnet skal have mindst ét bogstav a-z eller et tal`,
			"omdøb filen, eller giv siden et slug"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			s, fs := build(t, fstest.MapFS{
				"_index.md": md("title: Forside"),
				tt.path:     md("title: Uden bogstaver"),
			})
			want := []diag.Finding{{File: "content/" + tt.path, Line: 1, Severity: diag.Error, Code: "url", Msg: tt.msg, Hint: tt.hint}}
			if !reflect.DeepEqual(fs, want) {
				t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
			}
			for _, p := range s.Pages {
				if strings.Contains(p.URL, "//") {
					t.Errorf("page %s has URL %q", p.Src.File, p.URL)
				}
			}
		})
	}
	// A slug gives the page its last segment, so the file name need not have one.
	s := buildOK(t, fstest.MapFS{"_index.md": md("title: Forside"), "!!!.md": md("title: Udråb", "slug: udraab")})
	if s.PageByURL("/udraab/") == nil {
		t.Errorf("the slug did not give !!!.md its URL: %q", urls(s.Pages))
	}
}
