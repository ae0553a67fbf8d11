package pipeline

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/output"
)

// TestPagesAreMinified builds the real site's two targets and minifies
// every page whole again (output.MinifyHTML, the pages' own settings), as
// the writer did before layouts were minified on their own
// (output/minify.go). A page may differ from that only by
// whitespace characters where the layouts had template actions, at most
// maxSpaces of them, and by html/template's spelling of characters it
// escapes. The real site's pages have up to 15 such characters; with
// unminified layouts or unminified Markdown, some have over 90.
func TestPagesAreMinified(t *testing.T) {
	const maxSpaces = 20
	for _, target := range []string{"public", "intranet"} {
		out := buildTo(t, "../..", target)
		var size, whole, spaces, pages, most int
		var mostName string
		for name, b := range tree(t, out) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			m, err := output.MinifyHTML(bytes.Clone(b)) // the minifier may rewrite its input
			full := []byte(m)
			if err != nil {
				t.Fatal(name, err)
			}
			n, err := minifiedUpTo(b, full)
			if err != nil {
				t.Errorf("%s %s: %v", target, name, err)
			}
			size, whole, spaces, pages = size+len(b), whole+len(full), spaces+n, pages+1
			if n > most {
				most, mostName = n, name
			}
		}
		t.Logf("%s: %d pages, %d bytes, %d minified whole (%d whitespace characters, most %d in %s)", target, pages, size, whole, spaces, most, mostName)
		if pages == 0 || most > maxSpaces {
			t.Errorf("%s: %s has %d whitespace characters that minifying it whole would drop; at most %d are expected (a layout or a page's Markdown went unminified?)", target, mostName, most, maxSpaces)
		}
	}
}

// minifiedUpTo reports how many whitespace characters page has that full,
// the page minified whole, does not, or what else differs. Apart from them,
// the two may only spell a character differently (&#43; and +).
func minifiedUpTo(page, full []byte) (spaces int, err error) {
	i, j := 0, 0
	for i < len(page) {
		switch {
		case j < len(full) && page[i] == full[j]:
			i, j = i+1, j+1
		case page[i] == ' ' || page[i] == '\n' || page[i] == '\t':
			i, spaces = i+1, spaces+1
		case page[i] == '&' && bytes.IndexByte(page[i:min(i+10, len(page))], ';') > 0:
			e := page[i : i+bytes.IndexByte(page[i:], ';')+1]
			c := html.UnescapeString(string(e))
			if c == string(e) || !bytes.HasPrefix(full[j:], []byte(c)) {
				return spaces, diffError(page, full, i, j)
			}
			i, j = i+len(e), j+len(c)
		default:
			return spaces, diffError(page, full, i, j)
		}
	}
	if j < len(full) {
		return spaces, diffError(page, full, i, j)
	}
	return spaces, nil
}

func diffError(page, full []byte, i, j int) error {
	return &diffErr{page: string(page[max(0, i-60):min(len(page), i+60)]), full: string(full[max(0, j-60):min(len(full), j+60)])}
}

type diffErr struct{ page, full string }

func (e *diffErr) Error() string {
	return "differs from the page minified whole:\n  page: " + e.page + "\n  whole: " + e.full
}
