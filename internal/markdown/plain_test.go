package markdown

import (
	"strings"
	"testing"
)

// Issue #21, finding 6: search snippets showed &#x3C; and backslashes
// from the Markdown source. The blocks' text is what the page shows:
// escapes and character references resolved, code spans literal.
func TestBlocksTextAsShown(t *testing.T) {
	body := "Når a &#x3C; b &lt; c &amp; d, \\*ikke fed\\* og `&lt;kode\\>` og **fed**.\n"
	res := New().Render([]byte(body), 1, nil)
	if len(res.Blocks) != 1 {
		t.Fatalf("blocks %+v", res.Blocks)
	}
	want := "Når a < b < c & d, *ikke fed* og &lt;kode\\> og fed."
	if got := res.Blocks[0].Text; got != want {
		t.Errorf("text %q\nwant %q", got, want)
	}
	if strings.Contains(res.Blocks[0].Text, "`") {
		t.Error("backticks in the text")
	}
}
