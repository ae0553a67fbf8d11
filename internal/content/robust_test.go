package content

// Bad and hostile input that content_test.go does not cover yet: each case
// stops the file with the Danish message at file:line, or is accepted with
// the right fields and lines. See also internal/pipeline/robust_test.go for
// the same inputs through a whole build.

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/racetest"
)

func TestRobustParseAccepted(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantTitle string
		wantLines map[string]int
		wantBody  string
		bodyLine  int
	}{
		{
			name:      "only front matter, no newline at the end",
			src:       "---\ntitle: Kontakt\n---",
			wantTitle: "Kontakt", wantLines: map[string]int{"title": 2}, wantBody: "", bodyLine: 4,
		},
		{
			name:      "only front matter, BOM and CRLF",
			src:       "\ufeff---\r\ntitle: Kontakt\r\nweight: 2\r\n---\r\n",
			wantTitle: "Kontakt", wantLines: map[string]int{"title": 2, "weight": 3}, wantBody: "", bodyLine: 5,
		},
		{
			name:      "old Mac line endings (lone CR)",
			src:       "---\rtitle: Kontakt\rsummary: Ring til os\r---\rTekst\r",
			wantTitle: "Kontakt", wantLines: map[string]int{"title": 2, "summary": 3}, wantBody: "Tekst\n", bodyLine: 5,
		},
		{
			name:      "mixed CRLF and LF",
			src:       "---\r\ntitle: Kontakt\nsummary: Kort\r\n---\nTekst\r\n",
			wantTitle: "Kontakt", wantLines: map[string]int{"title": 2, "summary": 3}, wantBody: "Tekst\n", bodyLine: 5,
		},
		{
			name:      "a line of dashes in the body is not front matter",
			src:       "---\ntitle: Kontakt\n---\nTekst\n\n---\n\nMere\n",
			wantTitle: "Kontakt", wantLines: map[string]int{"title": 2}, wantBody: "Tekst\n\n---\n\nMere\n", bodyLine: 4,
		},
		{
			name:      "æ, ø and å in a quoted title",
			src:       "---\ntitle: \"Ærlighed, øl og ål\"\n---\n",
			wantTitle: "Ærlighed, øl og ål", wantLines: map[string]int{"title": 2}, wantBody: "", bodyLine: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, fs := parse(t, "kontakt.md", tt.src)
			if s == nil || len(fs) != 0 {
				t.Fatalf("Parse = %v, findings:\n%s", s, dump(fs))
			}
			if s.String("title") != tt.wantTitle {
				t.Errorf("title = %q, want %q", s.String("title"), tt.wantTitle)
			}
			if !reflect.DeepEqual(s.Lines, tt.wantLines) {
				t.Errorf("Lines = %v, want %v", s.Lines, tt.wantLines)
			}
			if string(s.Body) != tt.wantBody || s.BodyLine != tt.bodyLine {
				t.Errorf("body %q at line %d, want %q at line %d", s.Body, s.BodyLine, tt.wantBody, tt.bodyLine)
			}
		})
	}
}

// robustCases are problems content_test.go does not list yet, each with the
// exact finding (File is filled in, Severity is Error).
var robustCases = []struct {
	name string
	path string
	src  string
	want []diag.Finding
}{
	{
		name: "empty file",
		path: "kontakt.md",
		src:  "",
		want: []diag.Finding{{Line: 1, Code: "front-matter", Msg: "siden har ingen felter (front matter)",
			Hint: `start filen med tre linjer: ---, title: "Sidens titel" og ---`}},
	},
	{
		name: "only a BOM",
		path: "kontakt.md",
		src:  "\ufeff",
		want: []diag.Finding{{Line: 1, Code: "front-matter", Msg: "siden har ingen felter (front matter)",
			Hint: `start filen med tre linjer: ---, title: "Sidens titel" og ---`}},
	},
	{
		name: "front matter not closed, CRLF",
		path: "kontakt.md",
		src:  "---\r\ntitle: Kontakt\r\n\r\nTekst\r\n",
		want: []diag.Finding{{Line: 1, Code: "front-matter", Msg: "forsiden (front matter) er ikke lukket: der mangler en linje med --- efter felterne"}},
	},
	{
		name: "only the opening fence",
		path: "kontakt.md",
		src:  "---\n",
		want: []diag.Finding{{Line: 1, Code: "front-matter", Msg: "forsiden (front matter) er ikke lukket: der mangler en linje med --- efter felterne"}},
	},
	{
		name: "tab indentation, through Parse",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\ntags:\n\t- bolig\n---\n",
		want: []diag.Finding{{Line: 4, Code: "yaml",
			Msg: "ugyldig YAML i felterne: der står et tabulatortegn; brug mellemrum til at rykke ind (found character that cannot start any token)"}},
	},
	{
		name: "YAML error keeps its line under BOM and CRLF",
		path: "kontakt.md",
		src:  "\ufeff---\r\ntitle: Kontakt\r\nsummary: Tid: 10-12\r\n---\r\n",
		want: []diag.Finding{{Line: 3, Code: "yaml",
			Msg: `ugyldig YAML i felterne: et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: "Tid: 10-12" (mapping values are not allowed in this context)`}},
	},
	{
		name: "unknown key with a suggestion under CRLF",
		path: "kontakt.md",
		src:  "---\r\ntitle: Kontakt\r\nsumary: Kort\r\n---\r\n",
		want: []diag.Finding{{Line: 3, Code: "unknown-key", Msg: `ukendt felt "sumary"`, Hint: `mente du "summary"?`}},
	},
	{
		name: "duplicate key under CRLF",
		path: "kontakt.md",
		src:  "---\r\ntitle: Kontakt\r\nsummary: a\r\nsummary: b\r\n---\r\n",
		want: []diag.Finding{{Line: 4, Code: "duplicate-key", Msg: `feltet "summary" står der to gange; slet det ene`}},
	},
	{
		name: "a list where a string is expected, block style",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\nsummary:\n  - a\n  - b\n---\n",
		want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "summary" skal være én tekst, ikke en liste`,
			Hint: "skriv teksten efter kolon uden [ ] og bindestreger"}},
	},
	{
		name: "a quoted number where an int is expected",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\nweight: \"3\"\n---\n",
		want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "weight" skal være et helt tal`, Hint: "fx weight: 3"}},
	},
	{
		name: "Danish date 23-11-2026",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\ndate: 23-11-2026\n---\n",
		want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "date" har datoen "23-11-2026" i dansk form`,
			Hint: "skriv den som 2026-11-23 (år-måned-dag)"}},
	},
	{
		name: "Danish date with slashes",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\ndate: 23/11/2026\n---\n",
		want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "date" har datoen "23/11/2026" i dansk form`,
			Hint: "skriv den som 2026-11-23 (år-måned-dag)"}},
	},
	{
		name: "a date that does not exist",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\ndate: 2026-02-30\n---\n",
		want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "date" har en ugyldig dato "2026-02-30"`,
			Hint: "skriv datoen som år-måned-dag, fx 2026-11-23"}},
	},
	{
		name: "a file saved as UTF-16 (NUL bytes)",
		path: "kontakt.md",
		src:  "\xff\xfe-\x00-\x00-\x00\n\x00",
		want: []diag.Finding{{Line: 1, Code: "nul-byte", Msg: "filen indeholder et NUL-tegn; den er måske ikke en tekstfil – gem den igen som UTF-8-tekst"}},
	},
	{
		name: "an overlong UTF-8 encoding of /",
		path: "kontakt.md",
		src:  "---\ntitle: Kontakt\n---\n..\xc0\xafetc\n",
		want: []diag.Finding{{Line: 4, Code: "utf8", Msg: "teksten er ikke gemt som UTF-8 (æ, ø og å kan se forkerte ud)", Hint: "gem filen med tegnsættet UTF-8"}},
	},
	{
		name: "Latin-1 ø in the title",
		path: "kontakt.md",
		src:  "---\ntitle: K\xf8benhavn\n---\n",
		want: []diag.Finding{{Line: 2, Code: "utf8", Msg: "teksten er ikke gemt som UTF-8 (æ, ø og å kan se forkerte ud)", Hint: "gem filen med tegnsættet UTF-8"}},
	},
}

func TestRobustParseProblems(t *testing.T) {
	for _, tt := range robustCases {
		t.Run(tt.name, func(t *testing.T) {
			s, got := parse(t, tt.path, tt.src)
			if s != nil {
				t.Errorf("Parse returned a source for a file with errors")
			}
			want := append([]diag.Finding(nil), tt.want...)
			for i := range want {
				want[i].File = "content/" + tt.path
				want[i].Severity = diag.Error
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("findings =\n%s\nwant\n%s", dump(got), dump(want))
			}
		})
	}
}

// plainFields is the hint for an unknown key on a plain page.
const plainFields = "tilladte felter her: audience, date, draft, focus, slug, summary, tags, title, values, weight"

// yamlCases are front matter keys YAML does not read as text and the YAML
// mistakes and features editors run into, through Parse: each stops the
// file with one Danish finding at the line the problem is on, naming a key
// as the file writes it. See internal/frontmatter's
// TestRobustFrontMatterYAMLDanish for every parser message.
var yamlCases = []struct {
	name string
	src  string
	want diag.Finding // File is filled in, Severity is Error
}{
	{"key null", "---\ntitle: Kontakt\nnull: b\n---\n",
		diag.Finding{Line: 3, Code: "unknown-key", Msg: `ukendt felt "null"`, Hint: plainFields}},
	{"key ~", "---\ntitle: Kontakt\n~: b\n---\n",
		diag.Finding{Line: 3, Code: "unknown-key", Msg: `ukendt felt "~"`, Hint: plainFields}},
	{"key 1", "---\ntitle: Kontakt\n1: b\n---\n",
		diag.Finding{Line: 3, Code: "unknown-key", Msg: `ukendt felt "1"`, Hint: plainFields}},
	{"key true", "---\ntitle: Kontakt\ntrue: b\n---\n",
		diag.Finding{Line: 3, Code: "unknown-key", Msg: `ukendt felt "true"`, Hint: plainFields}},
	{"complex key ? [a, b]", "---\ntitle: Kontakt\n? [a, b]\n: c\n---\n",
		diag.Finding{Line: 3, Code: "unknown-key", Msg: `ukendt felt "[a, b]"`, Hint: plainFields}},
	{"key [tags], with a suggestion", "---\ntitle: Kontakt\nweight: 2\n[tags]: bolig\n---\n",
		diag.Finding{Line: 4, Code: "unknown-key", Msg: `ukendt felt "[tags]"`, Hint: `mente du "tags"?`}},
	{"duplicate key", "---\ntitle: Kontakt\nsummary: a\nweight: 2\nsummary: b\n---\n",
		diag.Finding{Line: 5, Code: "duplicate-key", Msg: `feltet "summary" står der to gange; slet det ene`}},
	{"anchor and alias", "---\ntitle: Kontakt\ntags: &x [bolig]\nfocus: *x\n---\n",
		diag.Finding{Line: 3, Col: 7, Code: "yaml", Msg: `ugyldig YAML i felterne: "&x" er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten`}},
	{"alias to an unknown anchor", "---\ntitle: Kontakt\nsummary: *nope\n---\n",
		diag.Finding{Line: 3, Col: 10, Code: "yaml", Msg: `ugyldig YAML i felterne: "*nope" er en YAML-henvisning til et anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis * hører til teksten`}},
	{"billion laughs", billionLaughs(),
		diag.Finding{Line: 3, Col: 4, Code: "yaml", Msg: `ugyldig YAML i felterne: "&a" er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten`}},
	{"a tag", "---\ntitle: Kontakt\nsummary: !Nyhed Vi åbner\n---\n",
		diag.Finding{Line: 3, Col: 10, Code: "yaml", Msg: `ugyldig YAML i felterne: "!Nyhed" er et YAML-typemærke, og typemærker kan ikke bruges i felterne; sæt værdien i anførselstegn, hvis ! hører til teksten, fx summary: "!Nyhed Vi åbner"`}},
	{"10000 unclosed [", "---\ntitle: Kontakt\nsummary: " + strings.Repeat("[", 10000) + "\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: "ugyldig YAML i felterne: en [ eller { bliver ikke lukket, eller der mangler en værdi; sæt værdien i anførselstegn, hvis tegnene hører til teksten (did not find expected node content)"}},
	{"a tab in the indentation", "---\ntitle: Kontakt\nweight: 2\n\tsummary: b\n---\n",
		diag.Finding{Line: 4, Code: "yaml", Msg: "ugyldig YAML i felterne: der står et tabulatortegn; brug mellemrum til at rykke ind (found a tab character that violates indentation)"}},
	{"mapping values not allowed", "---\ntitle: Kontakt\nsummary: Åbent: 10-12\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: `ugyldig YAML i felterne: et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: "Tid: 10-12" (mapping values are not allowed in this context)`}},
	{"did not find expected key", "---\ntitle: Kontakt\nsummary: \"Ring\" til os\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: `ugyldig YAML i felterne: værdien begynder med et anførselstegn og fortsætter efter det næste; sæt anførselstegn om hele værdien, og brug den anden slags anførselstegn inden i, fx summary: "STU'en starter" eller summary: 'Han sagde "hej"' (did not find expected key)`}},
	{"did not find expected key, on the first line", "---\ntitle: [Aflyst] Kontakt\n---\n",
		diag.Finding{Line: 2, Code: "yaml", Msg: `ugyldig YAML i felterne: en værdi, der begynder med [ eller {, læses som en liste; sæt hele værdien i anførselstegn, fx title: "[Aflyst] Kontakt" (did not find expected key)`}},
	{"found character that cannot start any token", "---\ntitle: Kontakt\nsummary: @guldborgsund\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: `ugyldig YAML i felterne: tegnet @ kan ikke stå forrest i en værdi; sæt værdien i anførselstegn, fx summary: "@guldborgsund" (found character that cannot start any token)`}},
	{"unclosed double quote", "---\ntitle: \"Kontakt\nsummary: Ring\nweight: 2\n---\n",
		diag.Finding{Line: 2, Code: "yaml", Msg: `ugyldig YAML i felterne: anførselstegnet " bliver ikke lukket; sæt " i slutningen af værdien (found unexpected end of stream)`}},
	{"unclosed single quote", "---\ntitle: Kontakt\nsummary: 'Ring\nweight: 2\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: `ugyldig YAML i felterne: anførselstegnet ' bliver ikke lukket; sæt ' i slutningen af værdien (found unexpected end of stream)`}},
	{"unclosed [", "---\ntitle: Kontakt\ntags: [bolig, job\nweight: 2\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: `ugyldig YAML i felterne: en liste i [ ] bliver ikke lukket med ], eller der mangler et komma; sæt værdien i anførselstegn, hvis [ ] hører til teksten (did not find expected ',' or ']')`}},
	{"a vertical tab pasted from Word", "---\ntitle: Kontakt\nsummary: Ring\vtil os\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: "ugyldig YAML i felterne: der står et usynligt styretegn (U+000B) på linjen; slet det – det kommer tit med, når tekst kopieres fra Word eller en pdf (control characters are not allowed)"}},
	{"a LINE SEPARATOR hiding a key", "---\ntitle: Kontakt\nsummary: Ring\u2028weight: 2\n---\n",
		diag.Finding{Line: 3, Code: "yaml", Msg: "ugyldig YAML i felterne: der står et usynligt linjeskift (U+2028) på linjen; slet det – det kommer tit med, når tekst kopieres fra en hjemmeside eller Word"}},
}

func TestRobustYAMLFindings(t *testing.T) {
	for _, tt := range yamlCases {
		t.Run(tt.name, func(t *testing.T) {
			s, got := parse(t, "kontakt.md", tt.src)
			if s != nil {
				t.Errorf("Parse returned a source for a file with errors")
			}
			want := tt.want
			want.File, want.Severity = "content/kontakt.md", diag.Error
			if len(got) != 1 || got[0] != want {
				t.Errorf("findings =\n%s\nwant\n%s", dump(got), dump([]diag.Finding{want}))
			}
			pos := fmt.Sprintf("content/kontakt.md:%d: ", want.Line)
			if want.Col > 0 { // an anchor, alias or tag: where the parser saw it
				pos = fmt.Sprintf("content/kontakt.md:%d:%d: ", want.Line, want.Col)
			}
			if len(got) > 0 && !strings.HasPrefix(got[0].Error(), pos) {
				t.Errorf("Error() = %q, want it at %s", got[0].Error(), pos)
			}
		})
	}
}

// billionLaughs is front matter whose aliases would expand to 9^9 strings.
func billionLaughs() string {
	bomb := "---\ntitle: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n"
		prev = n
	}
	return bomb + "---\n"
}

// Hostile YAML: an alias bomb and deep nesting stop quickly with a yaml
// error at the front matter, instead of eating memory or time.
func TestRobustHostileYAML(t *testing.T) {
	for name, src := range map[string]string{
		"alias bomb":    billionLaughs(),
		"deep nesting":  "---\ntitle: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n",
		"deep mappings": "---\ntitle: " + strings.Repeat("{a: ", 20000) + "b" + strings.Repeat("}", 20000) + "\n---\n",
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			s, fs := parse(t, "kontakt.md", src)
			if took := time.Since(start); took > 5*time.Second*racetest.Slowdown() { // a safety net, not a speed test
				t.Errorf("took %v", took)
			}
			if s != nil || len(fs) != 1 || fs[0].Code != "yaml" || fs[0].Line < 2 ||
				!strings.HasPrefix(fs[0].Msg, "ugyldig YAML i felterne: ") {
				t.Errorf("Parse = %v, findings:\n%s\nwant one yaml error", s, dump(fs))
			}
		})
	}
}

// A file larger than MaxFileSize is refused with a clear message before it
// is read, from a real folder too; a file of exactly MaxFileSize is read.
func TestRobustTwentyMegabytes(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("Tekst med æ, ø og å.\n"), (20<<20)/22+1)
	big = append([]byte("---\ntitle: Stor\n---\n"), big...)[:20<<20]
	if err := os.WriteFile(filepath.Join(dir, "stor.md"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	edge := append([]byte("---\ntitle: Lige til grænsen\n---\n"), bytes.Repeat([]byte("a"), MaxFileSize)...)
	edge = append(edge[:MaxFileSize-1], '\n')
	if err := os.WriteFile(filepath.Join(dir, "graense.md"), edge, 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\ntitle: Forside\n---\n"), 0o644)
	for name, fsys := range dirFSes(dir) {
		t.Run(name, func(t *testing.T) { loadTwentyMegabytes(t, fsys) })
	}
}

// dirFSes returns the folder dir as os.DirFS and as the build reads it
// (DirFS, which reads files by itself on Linux).
func dirFSes(dir string) map[string]fs.FS {
	return map[string]fs.FS{"os.DirFS": os.DirFS(dir), "DirFS": DirFS(dir)}
}

func loadTwentyMegabytes(t *testing.T, fsys fs.FS) {
	start := time.Now()
	tree, l := Load(fsys, "content", testConfig(t))
	if took := time.Since(start); took > 10*time.Second*racetest.Slowdown() { // a safety net, not a speed test
		t.Errorf("Load took %v", took)
	}
	want := []diag.Finding{{File: "content/stor.md", Severity: diag.Error, Code: "too-large",
		Msg: "filen er for stor (20 MB); en side må højst fylde 512 KB – del den op i flere sider"}}
	if got := l.Items(); !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", dump(got), dump(want))
	}
	var paths []string
	for _, s := range tree.Sources {
		paths = append(paths, s.Path)
	}
	if want := []string{"_index.md", "graense.md"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("Sources = %q, want %q", paths, want)
	}
}

// Symbolic links in the content folder are refused, whether they point at
// a file or a folder outside the site or at a file inside it, and nothing
// behind them is read.
func TestRobustSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "udenfor")
	content := filepath.Join(root, "content")
	os.MkdirAll(filepath.Join(outside, "mappe"), 0o755)
	os.MkdirAll(filepath.Join(content, "sektion"), 0o755)
	os.WriteFile(filepath.Join(outside, "hemmelig.md"), []byte("---\ntitle: Hemmelig zqxhemmelig\n---\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "mappe", "side.md"), []byte("---\ntitle: Side zqxhemmelig\n---\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "passwd"), []byte("root:x:0:0"), 0o644)
	os.WriteFile(filepath.Join(content, "_index.md"), []byte("---\ntitle: Forside\n---\n"), 0o644)
	links := map[string]string{
		"hemmelig.md":       filepath.Join(outside, "hemmelig.md"),
		"sektion/mappe":     filepath.Join(outside, "mappe"),
		"sektion/passwd":    filepath.Join(outside, "passwd"),
		"synonymer.txt":     filepath.Join(outside, "passwd"),
		"sektion/alias.md":  filepath.Join(content, "_index.md"),
		"sektion/relativ":   "../../udenfor/passwd",
		"sektion/loekke.md": filepath.Join(content, "sektion", "loekke.md"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(content, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	for name, fsys := range dirFSes(content) {
		t.Run(name, func(t *testing.T) { loadSymlinks(t, fsys) })
	}
}

func loadSymlinks(t *testing.T, fsys fs.FS) {
	tree, l := Load(fsys, "content", testConfig(t))
	const msg = "symbolske links er ikke tilladt i indholdsmappen; kopiér filen ind i stedet"
	var got []string
	for _, f := range l.Items() {
		if f.Msg != msg || f.Severity != diag.Error || f.Code != "symlink" {
			t.Errorf("unexpected finding %s: %s", f.Pos(), f.Msg)
		}
		got = append(got, f.File)
	}
	want := []string{"content/hemmelig.md", "content/sektion/alias.md", "content/sektion/loekke.md", "content/sektion/mappe",
		"content/sektion/passwd", "content/sektion/relativ", "content/synonymer.txt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("refused %q\nwant %q", got, want)
	}
	if len(tree.Sources) != 1 || len(tree.Static) != 0 || len(tree.Data) != 0 {
		t.Errorf("read through a link: sources %d, static %q, data %d", len(tree.Sources), tree.Static, len(tree.Data))
	}
}

// Every file in the folder is reported, also when many are broken at once
// and the work is spread over several goroutines.
func TestRobustManyBrokenFiles(t *testing.T) {
	fsys := fstest.MapFS{"_index.md": {Data: []byte("---\ntitle: Forside\n---\n")}}
	for i := 0; i < 300; i++ {
		fsys[filepath.ToSlash(filepath.Join("a", strings.Repeat("x", i%7+1), itoa3(i)+".md"))] = &fstest.MapFile{Data: []byte(robustCases[i%len(robustCases)].src)}
	}
	tree, l := Load(fsys, "content", testConfig(t))
	errs, _ := l.Count()
	if errs < 300 || len(tree.Sources) != 1 {
		t.Errorf("%d errors and %d sources for 300 broken files", errs, len(tree.Sources))
	}
	for _, f := range l.Items() {
		if f.File == "" || f.Msg == "" {
			t.Errorf("finding without file or message: %#v", f)
		}
	}
}

func itoa3(i int) string {
	return string([]byte{byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)})
}
