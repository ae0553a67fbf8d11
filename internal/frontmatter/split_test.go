package frontmatter

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

const notClosed = "forsiden (front matter) er ikke lukket: der mangler en linje med --- efter felterne"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\ufeff---\r\ntitle: a\r\n---\r\n", "---\ntitle: a\n---\n"},
		{"a\rb\r\nc\n", "a\nb\nc\n"},
		{"ingen ændring\n", "ingen ændring\n"},
		{"midt\ufeffi", "midt\ufeffi"}, // only a leading BOM is a BOM
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(Normalize([]byte(tt.in))); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Count(tt.in, "\n")+strings.Count(tt.in, "\r")-strings.Count(tt.in, "\r\n") != strings.Count(tt.want, "\n") {
			t.Errorf("Normalize(%q) changed the line count", tt.in)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    Source
		wantErr *SplitError
	}{
		{
			name: "front matter and body",
			src:  "---\ntitle: Respekt\nsummary: Kort\n---\n\nTekst\n",
			want: Source{Front: []byte("title: Respekt\nsummary: Kort\n"), HasFront: true, FrontLine: 2, Body: []byte("\nTekst\n"), BodyLine: 5},
		},
		{
			name:    "front matter not closed",
			src:     "---\ntitle: Respekt\n\nTekst\n",
			wantErr: &SplitError{Line: 1, Msg: notClosed},
		},
		{
			name:    "only an opening fence",
			src:     "---",
			wantErr: &SplitError{Line: 1, Msg: notClosed},
		},
		{
			name:    "opening fence and newline",
			src:     "---\n",
			wantErr: &SplitError{Line: 1, Msg: notClosed},
		},
		{
			name: "empty file",
			src:  "",
			want: Source{Body: []byte(""), BodyLine: 1},
		},
		{
			name: "no front matter",
			src:  "## Afsnit\n\nTekst\n",
			want: Source{Body: []byte("## Afsnit\n\nTekst\n"), BodyLine: 1},
		},
		{
			name: "four dashes are not a fence",
			src:  "----\ntitle: x\n---\n",
			want: Source{Body: []byte("----\ntitle: x\n---\n"), BodyLine: 1},
		},
		{
			name: "only front matter, closing newline",
			src:  "---\ntitle: Respekt\n---\n",
			want: Source{Front: []byte("title: Respekt\n"), HasFront: true, FrontLine: 2, Body: []byte{}, BodyLine: 4},
		},
		{
			name: "only front matter, no closing newline",
			src:  "---\ntitle: Respekt\n---",
			want: Source{Front: []byte("title: Respekt\n"), HasFront: true, FrontLine: 2, BodyLine: 4},
		},
		{
			name: "empty front matter",
			src:  "---\n---\nTekst\n",
			want: Source{Front: []byte{}, HasFront: true, FrontLine: 2, Body: []byte("Tekst\n"), BodyLine: 3},
		},
		{
			name: "fences with trailing blanks and a YAML document end",
			src:  "--- \ntitle: a\n... \t\nTekst",
			want: Source{Front: []byte("title: a\n"), HasFront: true, FrontLine: 2, Body: []byte("Tekst"), BodyLine: 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split([]byte(tt.src))
			if tt.wantErr != nil {
				var se *SplitError
				if !errors.As(err, &se) || *se != *tt.wantErr {
					t.Fatalf("Split error = %#v, want %#v", err, tt.wantErr)
				}
				if err.Error() != "linje 1: "+notClosed {
					t.Errorf("Error() = %q", err.Error())
				}
				return
			}
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if string(got.Front) != string(tt.want.Front) || got.HasFront != tt.want.HasFront || got.FrontLine != tt.want.FrontLine ||
				string(got.Body) != string(tt.want.Body) || got.BodyLine != tt.want.BodyLine {
				t.Errorf("Split(%q) =\n%+v\nwant\n%+v", tt.src, got, tt.want)
			}
		})
	}
}

// A file saved on Windows with a BOM and CRLF keeps its line numbers:
// front matter keys and the body's first line are the editor's lines
// (markdown's TestBOMAndCRLFKeepLines renders the body).
func TestBOMAndCRLFKeepLines(t *testing.T) {
	raw := "\ufeff---\r\ntitle: Respekt\r\nsummary: Kort\r\n---\r\n\r\nFørste afsnit.\r\n\r\n## Åbenhed\r\n"
	s, err := Split(Normalize([]byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if !s.HasFront || s.FrontLine != 2 || s.BodyLine != 5 {
		t.Fatalf("Split = %+v", s)
	}
	if strings.ContainsAny(string(s.Front)+string(s.Body), "\r\ufeff") {
		t.Errorf("CR or BOM left: front %q body %q", s.Front, s.Body)
	}
	fields, err := FrontMatter(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{{"title", "Respekt", 2}, {"summary", "Kort", 3}}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("FrontMatter = %#v, want %#v", fields, want)
	}
	if string(s.Body) != "\nFørste afsnit.\n\n## Åbenhed\n" {
		t.Errorf("Body = %q", s.Body)
	}
}

func split(t *testing.T, src string) Source {
	t.Helper()
	s, err := Split(Normalize([]byte(src)))
	if err != nil {
		t.Fatalf("Split(%q): %v", src, err)
	}
	return s
}

func TestFrontMatter(t *testing.T) {
	src := "---\ntitle: \"Tid: 10-12\"\n# en kommentar\ntags:\n  - bolig\n  - job\nweight: 3\ndraft: false\ndate: 2026-11-23\n---\nTekst\n"
	got, err := FrontMatter(split(t, src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{
		{"title", "Tid: 10-12", 2},
		{"tags", []interface{}{"bolig", "job"}, 4},
		{"weight", 3, 7},
		{"draft", false, 8},
		{"date", "2026-11-23", 9}, // kept as text; content checks the form
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FrontMatter =\n%#v\nwant\n%#v", got, want)
	}

	for _, empty := range []string{"# Ingen felter\n", "---\n---\n", "---\n  \n---\n"} {
		if f, err := FrontMatter(split(t, empty)); f != nil || err != nil {
			t.Errorf("FrontMatter(%q) = %v, %v; want nil, nil", empty, f, err)
		}
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
		wantMsg  string // the whole message
	}{
		{
			name:     "colon in a value on line 4",
			src:      "---\ntitle: Respekt\nsummary: Kort\nweight: Tid: 10-12\n---\n",
			wantLine: 4,
			wantMsg:  `ugyldig YAML i felterne: et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: "Tid: 10-12" (mapping values are not allowed in this context)`,
		},
		{
			name:     "tab-indented list item",
			src:      "---\ntitle: Respekt\ntags:\n\t- bolig\n---\n",
			wantLine: 4,
			wantMsg:  "ugyldig YAML i felterne: der står et tabulatortegn; brug mellemrum til at rykke ind (found character that cannot start any token)",
		},
		{
			name:     "tab before the first key",
			src:      "---\n\ttitle: Respekt\n---\n",
			wantLine: 2,
			wantMsg:  "ugyldig YAML i felterne: der står et tabulatortegn; brug mellemrum til at rykke ind (found character that cannot start any token)",
		},
		{
			name:     "an offset from the front matter, not the YAML",
			src:      "---\ntitle: Respekt\nsummary: Kort\nweight: 1\ndraft: false\nslug: a: b\n---\n",
			wantLine: 6,
			wantMsg:  `ugyldig YAML i felterne: et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: "Tid: 10-12" (mapping values are not allowed in this context)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FrontMatter(split(t, tt.src))
			var se *SplitError
			if !errors.As(err, &se) {
				t.Fatalf("FrontMatter error = %#v, want a *SplitError", err)
			}
			if se.Line != tt.wantLine || se.Msg != tt.wantMsg {
				t.Errorf("got line %d %q\nwant line %d %q", se.Line, se.Msg, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

// Every tab the YAML parser trips over should be explained in Danish.
func TestFrontMatterTabsAlwaysDanish(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: Respekt\n\tsummary: Kort\n---\n",
		"---\ntitle: Respekt\nsummary: >\n\tKort\n---\n",
		"---\ntitle: Respekt\nunit:\n  a: 1\n\tb: 2\n---\n",
	} {
		_, err := FrontMatter(split(t, src))
		var se *SplitError
		if !errors.As(err, &se) {
			t.Fatalf("FrontMatter(%q) error = %#v, want a *SplitError", src, err)
		}
		if !strings.Contains(se.Msg, "tabulatortegn") {
			t.Errorf("FrontMatter(%q): %q does not mention tabulatortegn", src, se.Msg)
		}
	}
}

// A line of dashes inside a YAML block scalar is text, not the end of the
// front matter: Split rightly reads past it, and so must FrontMatter.
func TestFrontMatterDashesInBlockScalar(t *testing.T) {
	src := "---\ntitle: Test\nsummary: |\n  Første del\n  ---\n  Anden del\nweight: 3\n---\nTekst\n"
	got, err := FrontMatter(split(t, src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{{"title", "Test", 2}, {"summary", "Første del\n---\nAnden del\n", 3}, {"weight", 3, 7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FrontMatter =\n%#v\nwant\n%#v", got, want)
	}
}

func TestDuplicates(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Field
	}{
		{"none", "---\ntitle: a\nsummary: b\n---\n", nil},
		{"repeated title", "---\ntitle: a\nsummary: b\ntitle: c\n---\n", []Field{{Key: "title", Line: 4}}},
		{
			"three times and another",
			"---\ntags: [a]\ntitle: a\ntags: [b]\n\"title\": c\ntags: [c]\n---\n",
			[]Field{{Key: "tags", Line: 4}, {Key: "title", Line: 5}, {Key: "tags", Line: 6}},
		},
		{"nested keys are not top-level", "---\ntitle: a\nunit:\n  title: b\n# title: c\n---\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := ReadFrontMatter(split(t, tt.src))
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("duplicates = %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

// Plain values keep the meaning gopkg.in/yaml.v2 gave them, YAML 1.1's:
// the pages were written against it (draft: yes). go.yaml.in/yaml/v3 alone
// would read yes, on and off as text. The table was checked against
// yaml.v2 v2.3.0 before the move.
func TestFrontMatterYAML11Values(t *testing.T) {
	src := "---\ndraft: yes\na: on\nb: off\nc: 0x1F\nd: 1_000\ne: 1e3\nf: .5\ng: ~\nh: 2026-11-23 10:00:00\ni: 'yes'\n" +
		"j: 0755\nk: 0o17\nl: 9223372036854775808\nm: -0b11\nn: +12\no: [1, two, {x: y}]\np: NO\nq: Y\nr: .inf\ns: 12:30\n---\n"
	got, err := FrontMatter(split(t, src))
	if err != nil {
		t.Fatal(err)
	}
	want := []interface{}{true, true, false, 31, 1000, 1000.0, 0.5, nil, "2026-11-23 10:00:00", "yes",
		493, 15, uint64(1 << 63), -3, 12, []interface{}{1, "two", MapSlice{{Key: "x", Value: true}}}, false, true, math.Inf(1), "12:30"}
	if len(got) != len(want) {
		t.Fatalf("got %d fields, want %d", len(got), len(want))
	}
	for i, f := range got {
		if !reflect.DeepEqual(f.Value, want[i]) {
			t.Errorf("%s = %#v, want %#v", f.Key, f.Value, want[i])
		}
	}
}
