package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// A folder or section site.yaml names that is not there, and a target
// that shows no page, are one error each at site.yaml's line of the key,
// not one per page, and the previous output stays.
func TestConfigMistakesFoundByTheBuild(t *testing.T) {
	tests := []struct {
		name, old, new string
		at             string // text on the line the error must name
		msg, hint      string
	}{
		{"layouts folder", "layouts: ../../../../../layouts", "layouts: skabeloner", "layouts: skabeloner",
			`mappen "skabeloner" findes ikke`, "ret layouts: i site.yaml"},
		{"assets folder", "assets: ../../../../../assets", "assets: filer", "assets: filer",
			`mappen "filer" findes ikke`, "ret assets: i site.yaml"},
		{"kind section", "    section: inspiration\n", "    section: inspirationer\n", "section: inspirationer",
			"mappen content/inspirationer findes ikke", `mente du "inspiration"?`},
		{"taxonomy pages", "pages: hjertesager}", "pages: hjertesag}", "pages: hjertesag}",
			"mappen content/hjertesag findes ikke", `mente du "hjertesager"?`},
		{"kind layout", "    layout: case\n", "    layout: cas\n", "layout: cas",
			`kinds.case: skabelonen "cas" findes ikke (ingen cas.html i layouts-mappen)`, `mente du "case"?`},
		{"theme menu page", "targets:\n", "theme:\n  menu: [/hjertesager/, /enheder/enhed-b/]\ntargets:\n", "/enheder/enhed-b/",
			"theme.menu[1]: ingen side har adressen /enheder/enhed-b/", `mente du "/enheder/enhed-a/"?`},
		{"theme footer page", "targets:\n", "theme:\n  contact: /kontakt/\ntargets:\n", "/kontakt/",
			"theme.contact: ingen side har adressen /kontakt/", "skriv adressen på en side, der findes"},
		{"target shows no page", "audiences: [public],", "audiences: [publik],", "audiences: [publik]",
			`målet "public" viser ingen sider: ingen side har en af målgrupperne publik`, `mente du "public"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copyDir(t, goldenSite)
			abs, _ := filepath.Abs("../..")
			yml := filepath.Join(site, "site.yaml")
			rewrite(t, yml, tt.old, tt.new)
			rewrite(t, yml, "../../../../../", abs+"/")
			if strings.Contains(tt.name, "target") {
				// The audience field without its enum: config cannot know.
				rewrite(t, yml, "  audience: {type: string, enum: [public, internal]}", "  audience: {type: string}")
			}
			src, _ := os.ReadFile(yml)
			i := strings.Index(string(src), tt.at)
			if i < 0 {
				t.Fatalf("site.yaml has no %q", tt.at)
			}
			line := strings.Count(string(src[:i]), "\n") + 1
			out := filepath.Join(t.TempDir(), "out")
			_, err := Run(context.Background(), Options{Source: site, Out: out})
			fs := diag.Findings(err)
			if len(fs) != 1 {
				t.Fatalf("got %d findings, want 1: %v", len(fs), err)
			}
			f := fs[0]
			if f.File != config.FileName || f.Line != line || f.Severity != diag.Error {
				t.Errorf("finding at %s, want %s:%d", f.Pos(), config.FileName, line)
			}
			if w := wordAt(string(src), f.Line, f.Col); w == "" || !strings.Contains(f.Msg+" "+tt.at, w) {
				t.Errorf("finding at %s, where %q begins: want the column of the key or value at fault", f.Pos(), w)
			}
			checkListed(t, tt.name, f)
			if !strings.HasPrefix(f.Msg, tt.msg) || !strings.Contains(f.Hint, tt.hint) {
				t.Errorf("finding = %s – %s\nwant %s – …%s…", f.Msg, f.Hint, tt.msg, tt.hint)
			}
			if strings.Contains(f.Msg+f.Hint, abs) || strings.Contains(f.Msg+f.Hint, os.TempDir()) {
				t.Errorf("finding names an absolute path: %s – %s", f.Msg, f.Hint)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a failed build wrote %s", out)
			}
		})
	}
}

// wordAt returns the word of src that begins at line and col (from 1),
// or "" when none begins there.
func wordAt(src string, line, col int) string {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) || col < 1 || col > len([]rune(lines[line-1])) {
		return ""
	}
	r := []rune(lines[line-1])
	if col > 1 && (unicode.IsLetter(r[col-2]) || unicode.IsDigit(r[col-2])) {
		return ""
	}
	w := string(r[col-1:])
	if i := strings.IndexAny(w, " :,]}"); i > 0 {
		w = w[:i]
	}
	return w
}

// A taxonomy no field refers to can never get a term: one warning at its
// key, and the build goes on.
func TestTaxonomyWithoutField(t *testing.T) {
	site := copyDir(t, goldenSite)
	abs, _ := filepath.Abs("../..")
	yml := filepath.Join(site, "site.yaml")
	rewrite(t, yml, "../../../../../", abs+"/")
	rewrite(t, yml, "  unit: {title: Enheder, pages: enheder}\n", "  unit: {title: Enheder, pages: enheder}\n  tags: {title: Emneord, free: true}\n")
	res, err := Run(context.Background(), Options{Source: site, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	var got []diag.Finding
	for _, f := range res.Findings {
		if f.File == config.FileName && strings.Contains(f.Msg, "taksonomien") {
			got = append(got, f)
		}
	}
	src, _ := os.ReadFile(yml)
	line := strings.Count(string(src[:strings.Index(string(src), "  tags: {title")]), "\n") + 1
	if len(got) != 1 || got[0].Severity != diag.Warning || got[0].Line != line || got[0].Col != 3 ||
		got[0].Msg != "taxonomies.tags: intet felt henviser til taksonomien, så ingen side kan få dens termer" ||
		got[0].Hint != "tilføj taxonomy: tags til feltet tags under fields" {
		t.Errorf("findings = %+v, want one warning at %s:%d:3", got, config.FileName, line)
	}
	if len(got) == 1 {
		checkListed(t, "taxonomy without field", got[0])
	}
}

// checkListed fails unless docs/konfiguration.md's "Fejl i site.yaml"
// lists finding f as an editor sees it ("site.yaml:3:1: fejl: message –
// hint" in a table cell, backquotes made ', pipes escaped), so the list
// cannot fall behind a changed message. With LABYRINT_ERROR_LIST set it
// prints the mistake and the message.
func checkListed(t *testing.T, mistake string, f diag.Finding) {
	t.Helper()
	line := f.Pos() + ": " + f.Severity.String() + ": " + f.Msg
	if f.Hint != "" {
		line += " – " + f.Hint
	}
	line = strings.NewReplacer("`", "'", "|", `\|`).Replace(line)
	if os.Getenv("LABYRINT_ERROR_LIST") != "" {
		fmt.Printf("%s\t%s\n", mistake, line)
	}
	doc, err := os.ReadFile("../../docs/konfiguration.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "`"+line+"`") {
		t.Errorf("docs/konfiguration.md does not list this message; add under \"Fejl i site.yaml\" (the mistake in Danish):\n| %s | `%s` |", mistake, line)
	}
}
