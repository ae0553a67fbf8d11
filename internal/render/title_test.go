package render

import (
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/site"
)

// TestDocTitle checks that a <title> is at most maxTitle characters as the
// page writes it, counting html/template's entities, and that the site's
// name is only added when it fits.
func TestDocTitle(t *testing.T) {
	info := SiteInfo{Title: "Løsningernes Labyrint", Label: "Intranet"}
	for _, tc := range []struct{ title, want string }{
		{"Verdensmål og WHOs seks per", "Verdensmål og WHOs seks per – Løsningernes Labyrint (Intranet)"},
		// The same with two apostrophes: 8 characters more as written.
		{"Verdensmål og WHO's seks p'er", "Verdensmål og WHO's seks p'er"},
		{strings.Repeat("a", 80), strings.Repeat("a", 69) + "…"},
		{strings.Repeat("'", 20), strings.Repeat("'", 13) + "…"},
	} {
		d := &Data{Page: &site.Page{Title: tc.title, URL: "/x/"}, Site: info}
		got := d.DocTitle()
		if got != tc.want {
			t.Errorf("DocTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
		if n := titleLen(got); n > maxTitle {
			t.Errorf("DocTitle(%q) is %d characters as written", tc.title, n)
		}
	}
}
