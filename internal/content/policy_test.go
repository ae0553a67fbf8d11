package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// codes returns the findings of l as "file code" lines.
func codes(l *diag.List) []string {
	var out []string
	for _, f := range l.Items() {
		out = append(out, f.File+" "+f.Code)
	}
	return out
}

// Issue #21, finding 1: a file of a type that could run as code on the
// site's origin (html, js, svg, a .gz twin) is refused at its path; the
// allowed documents and images are published.
func TestStaticPolicyRefusesActiveTypes(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"_index.md":        file("---\ntitle: Forside\n---\n"),
		"index.html.gz":    file("\x1f\x8b"),
		"hack.html":        file("<script>alert(1)</script>"),
		"a/b/x.js":         file("alert(1)"),
		"a/tegning.svg":    file(`<svg onload="alert(1)"/>`),
		"a/Tegning.SVG":    file(`<svg/>`),
		"soeg/index.htm":   file("x"),
		"a/uden-endelse":   file("x"),
		"a/rapport.PDF":    file("%PDF"),
		"a/billede.webp":   file("RIFF"),
		"a/liste.csv":      file("a,b"),
		"a/note.txt":       file("x"),
		"synonymer.txt":    file(""),
		"Thumbs.db":        file("junk"),
		"a/~$rapport.docx": file("lock"),
	}
	tree, l := Load(fsys, "content", testConfig(t))
	want := []string{"content/a/Tegning.SVG static-type", "content/a/b/x.js static-type", "content/a/tegning.svg static-type",
		"content/a/uden-endelse static-type", "content/hack.html static-type", "content/index.html.gz static-type",
		"content/soeg/index.htm static-type"}
	if got := codes(l); !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n%q\nwant\n%q", got, want)
	}
	for _, f := range l.Items() {
		if f.Severity != diag.Error || !strings.Contains(f.Msg, "må ikke udgives") || f.Hint == "" {
			t.Errorf("%s: %s (%s)", f.Pos(), f.Msg, f.Hint)
		}
	}
	if want := []string{"a/billede.webp", "a/liste.csv", "a/note.txt", "a/rapport.PDF"}; !reflect.DeepEqual(tree.Static, want) {
		t.Errorf("static %q, want %q", tree.Static, want)
	}
}

// The allowlist comes from site.yaml when it is there.
func TestStaticPolicyFromConfig(t *testing.T) {
	cfg := testConfig(t)
	cfg.Static.Allow = []string{"pdf"}
	fsys := fstest.MapFS{"a/x.pdf": {}, "a/y.png": {}}
	tree, l := Load(fsys, "content", cfg)
	if got := codes(l); !reflect.DeepEqual(got, []string{"content/a/y.png static-type"}) || !reflect.DeepEqual(tree.Static, []string{"a/x.pdf"}) {
		t.Errorf("findings %q, static %q", got, tree.Static)
	}
}

// Issue #21, finding 6: CON.md, aux.md and friends make folders a Windows
// share cannot hold; they are refused, in any case and with any extension.
func TestWindowsReservedNamesRefused(t *testing.T) {
	fsys := fstest.MapFS{
		"CON.md": {}, "a/aux.md": {}, "a/Nul.tar.md": {}, "com1/x.md": {}, "a/lpt9.pdf": {},
		"a/console.md": {}, "a/com10.md": {}, "a/lpt0.md": {}, "a/auxilium.md": {},
	}
	_, l := Load(fsys, "content", testConfig(t))
	var got []string
	for _, f := range l.Items() {
		if f.Code == "reserved-name" {
			got = append(got, f.File)
		}
	}
	want := []string{"content/CON.md", "content/a/Nul.tar.md", "content/a/aux.md", "content/a/lpt9.pdf", "content/com1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("refused %q, want %q", got, want)
	}
}
