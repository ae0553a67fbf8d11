package markdown

import (
	"reflect"
	"testing"

	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// A file saved on Windows with a BOM and CRLF keeps its line numbers: the
// body's blocks and headings are on the editor's lines (internal/frontmatter
// checks the fields' lines).
func TestBOMAndCRLFKeepLines(t *testing.T) {
	raw := "\ufeff---\r\ntitle: Respekt\r\nsummary: Kort\r\n---\r\n\r\nFørste afsnit.\r\n\r\n## Åbenhed\r\n"
	s, err := frontmatter.Split(frontmatter.Normalize([]byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	res := New().Render(s.Body, s.BodyLine, nil)
	wantBlocks := []Block{{Kind: Paragraph, Text: "Første afsnit.", Line: 6}, {Kind: Heading, Level: 2, Text: "Åbenhed", Line: 8}}
	if !reflect.DeepEqual(res.Blocks, wantBlocks) {
		t.Errorf("Blocks = %#v, want %#v", res.Blocks, wantBlocks)
	}
	if len(res.Headings) != 1 || res.Headings[0].Line != 8 || res.Headings[0].ID != "aabenhed" {
		t.Errorf("Headings = %#v", res.Headings)
	}
}
