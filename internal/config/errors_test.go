package config

import (
	"regexp"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// english catches what an editor must never read in a config error: the
// YAML library's English and Go's names for types.
var english = regexp.MustCompile(`(?i)\b(field\b|unmarshal|not found|cannot|expected|found|line \d|into|struct|config\.|map\[|\[\]string|yaml:)`)

// One bad site.yaml per mistake: each gives exactly one finding, at
// site.yaml, at the line of the key or value at fault, in Danish.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // the mistake, made in testYAML
		at       string // text on the line the finding must name ("" with line)
		line     int    // the line, when the mistake is a missing key
		msg      string
		hint     string // a part of the hint; "" for any
	}{
		{"unknown top-level key", "owner: Testkommune\n", "owner: Testkommune\ntitel: Forkert\n", "titel:", 0,
			`ukendt nøgle "titel" i opsætningen`, `mente du "title"?`},
		{"unknown key in a field", "  weight: {type: int}", "  weight: {type: int, requird: true}", "requird", 0,
			`ukendt nøgle "requird" under fields.weight`, `mente du "required"?`},
		{"unknown key in a kind", "    layout: case\n", "    layot: case\n", "layot", 0,
			`ukendt nøgle "layot" under kinds.case`, `mente du "layout"?`},
		{"unknown key in a target", "    label: Intranet\n", "    lable: Intranet\n", "lable", 0,
			`ukendt nøgle "lable" under targets.intranet`, `mente du "label"?`},
		{"unknown key without a likely one", "    label: Intranet\n", "    farve: rød\n", "farve", 0,
			`ukendt nøgle "farve" under targets.intranet`, "her kan stå: audiences, base, label, out, portable, url"},
		{"text for a list", "    required: [summary, unit]\n", "    required: summary\n", "required: summary", 0,
			`kinds.offer.required: forventede en liste, fik "summary" (tekst)`, "[a, b]"},
		{"text for a whole number", "    depth: 1\n", "    depth: en\n", "depth: en", 0,
			`kinds.unit.depth: forventede et helt tal, fik "en" (tekst)`, "fx 2"},
		{"text for true or false", "    portable: true\n", "    portable: ja\n", "portable: ja", 0,
			`targets.intranet.portable: forventede true eller false, fik "ja" (tekst)`, "true"},
		{"text for a number", "owner: Testkommune\n", "owner: Testkommune\nlanguage_rules: {lix_target: høj}\n", "lix_target", 0,
			`language_rules.lix_target: forventede et tal, fik "høj" (tekst)`, ""},
		{"list for text", "owner: Testkommune\n", "owner: [Test, kommune]\n", "owner:", 0,
			`owner: forventede tekst, fik en liste`, "én værdi"},
		{"text for a declaration", "  draft: {type: bool}\n", "  draft: bool\n", "draft: bool", 0,
			`fields.draft: forventede nøgler med værdier, fik "bool" (tekst)`, "nøgle: værdi"},
		{"a key twice", "owner: Testkommune\n", "owner: Testkommune\nowner: Andet\n", "owner: Andet", 0,
			`owner: nøglen "owner" står to gange`, "linje 2"},
		{"a field twice", "  slug: {type: string}\n", "  slug: {type: string}\n  slug: {type: list}\n", "slug: {type: list}", 0,
			`fields.slug: nøglen "slug" står to gange`, ""},
		{"unknown field type", "  weight: {type: int}", "  weight: {type: strng}", "weight:", 0,
			`fields: feltet "weight" har ukendt type "strng"`, `mente du "string"?`},
		{"unknown kind field type", "phone: {type: string, label: Telefon}", "phone: {type: nummer}", "phone:", 0,
			`kinds.unit.fields: feltet "phone" har ukendt type "nummer"`, "brug string, int, bool, date eller list"},
		{"field without a declaration", "  slug: {type: string}\n", "  slug:\n", "slug:", 0,
			`fields: feltet "slug" mangler type`, ""},
		{"field with an unknown taxonomy", "focus: {type: list, taxonomy: focus}", "focus: {type: list, taxonomy: fokus}", "fokus", 0,
			`fields: feltet "focus" henviser til en ukendt taksonomi "fokus"`, `mente du "focus"?`},
		{"taxonomy field of another type", "focus: {type: list, taxonomy: focus}", "focus: {type: int, taxonomy: focus}", "focus: {type: int", 0,
			`fields: feltet "focus" har en taksonomi, men typen "int"`, ""},
		{"kind requires an undeclared field", "    required: [summary]\n", "    required: [summry]\n", "summry", 0,
			`kinds.value: det krævede felt "summry" er ikke erklæret`, `mente du "summary"?`},
		{"kind requires another kind's field", "    required: [summary]\n", "    required: [summary, access]\n", "access]", 0,
			`kinds.value: det krævede felt "access" er ikke erklæret`, "brug en af: audience"},
		{"kind wants an undeclared field", "    required: [summary]\n", "    required: [summary]\n    wanted: [adresse]\n", "adresse", 0,
			`kinds.value: det ønskede felt "adresse" (wanted) er ikke erklæret`, ""},
		{"site wants an undeclared field", "owner: Testkommune\n", "owner: Testkommune\nwanted: [kilder]\n", "kilder", 0,
			`wanted: feltet "kilder" er ikke erklæret under fields`, ""},
		{"kind filters by an unknown taxonomy", "    layout: case\n", "    layout: case\n    filters: [focus, valus]\n", "valus", 0,
			`kinds.case: filters nævner en ukendt taksonomi "valus"`, `mente du "values"?`},
		{"kind without section", "    section: inspiration\n", "", "  case:", 0,
			`kinds: "case" mangler section`, "section: MAPPE"},
		{"kind section with a slash", "    section: inspiration\n", "    section: inspiration/sager\n", "inspiration/sager", 0,
			`kinds.case: section "inspiration/sager" skal være én mappe lige under content/`, "depth"},
		{"kind with negative depth", "    depth: 1\n", "    depth: -1\n", "depth: -1", 0,
			`kinds.unit: depth kan ikke være negativ`, ""},
		{"empty kind", "  case:\n    section: inspiration\n    layout: case\n    audience: internal\n", "  case:\n", "  case:", 0,
			`kinds: "case" er tom`, ""},
		{"kind audience outside the enum", "    audience: internal\n", "    audience: intern\n", "audience: intern", 0,
			`kinds.case: målgruppen "intern" tillades ikke af feltet audience`, `mente du "internal"?`},
		{"target audience outside the enum", "    audiences: [public, internal]\n", "    audiences: [public, intrnal]\n", "intrnal", 0,
			`målet "intranet" nævner målgruppen "intrnal", som feltet audience ikke tillader`, `mente du "internal"?`},
		{"target without audiences", "    out: public\n    audiences: [public]\n", "    out: public\n", "  public:", 0,
			`målet "public" har ingen audiences`, "audiences: [public]"},
		{"taxonomy with pages and terms", "    pages: hjertesager\n", "    pages: hjertesager\n    terms:\n      respekt: Respekt\n", "  values:\n    title", 0,
			"taxonomies.values: angiv præcis én af pages, terms eller free", "free: true"},
		{"taxonomy with neither", "    title: Emneord\n    free: true\n", "    title: Emneord\n", "  tags:\n    title: Emneord", 0,
			"taxonomies.tags: angiv præcis én af pages, terms eller free", ""},
		{"terms as a list", "      samarbejde: Samarbejde og samtale\n      borgerinddragelse: Borgerinddragelse\n", "      - samarbejde\n", "terms:", 0,
			"taxonomies.focus.terms: forventede nøgler med værdier, fik en liste", ""},
		{"no title", "title: Testsite\n", "", "", 1, "opsætningen mangler title", "title: Sitets navn"},
		{"no title field", "  title: {type: string, required: true, label: Titel}\n", "", "fields:", 0,
			"fields skal have title", "title: {type: string"},
		{"search weight for an unknown part", "owner: Testkommune\n", "owner: Testkommune\nsearch: {weights: {titel: 3}}\n", "search:", 0,
			`search.weights: "titel" er hverken en del af siden (title, summary, headings, terms, body) eller et felt under fields eller kinds`, `mente du "title"?`},
		{"static type that runs as code", "owner: Testkommune\n", "owner: Testkommune\nstatic:\n  allow: [pdf, html]\n", "allow:", 0,
			`static.allow: filtypen "html" kan ikke tillades`, ""},
		{"broken YAML", "owner: Testkommune\n", "owner: Test: kommune\n", "Test: kommune", 0,
			"et kolon står, hvor der ikke kan begynde en ny nøgle", `owner: "Test: kommune"`},
		{"tab indentation", "    layout: case\n", "\tlayout: case\n", "\tlayout", 0,
			"linjen er rykket ind med tabulator", "mellemrum"},
		{"at sign first in a value", "owner: Testkommune\n", "owner: @kommune\n", "", 0,
			"et tegn, der ikke kan stå først i en værdi (fx @ eller `)", "anførselstegn"},
		{"unclosed list", "    required: [summary]\n", "    required: [summary\n", "", 0,
			"en [ … ] er ikke lukket", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := mutate(t, tt.old, tt.new)
			want := tt.line
			if tt.at != "" {
				i := strings.Index(src, tt.at)
				if i < 0 {
					t.Fatalf("the source has no %q", tt.at)
				}
				want = strings.Count(src[:i+strings.IndexFunc(tt.at, func(r rune) bool { return r != ' ' && r != '\n' })], "\n") + 1
			}
			fs := findings(t, src)
			if len(fs) != 1 {
				t.Fatalf("got %d findings, want 1: %v", len(fs), fs)
			}
			f := fs[0]
			if f.File != FileName || f.Severity != diag.Error || f.Line < 1 {
				t.Errorf("finding at %s (severity %v), want an error at %s:LINE", f.Pos(), f.Severity, FileName)
			}
			if want > 0 && f.Line != want {
				t.Errorf("line = %d, want %d", f.Line, want)
			}
			if !strings.HasPrefix(f.Msg, tt.msg) {
				t.Errorf("message =\n  %s\nwant it to begin\n  %s", f.Msg, tt.msg)
			}
			if !strings.Contains(f.Hint, tt.hint) {
				t.Errorf("hint = %q, want it to hold %q", f.Hint, tt.hint)
			}
			if m := english.FindString(f.Msg + " " + f.Hint); m != "" {
				t.Errorf("message or hint holds %q: %s – %s", m, f.Msg, f.Hint)
			}
		})
	}
}

// A number or true/false written for a text key stays text, as before
// (params: {emergency: 112}); terms keep the file's order.
func TestScalarsAsText(t *testing.T) {
	c := mustParse(t, "title: 2024\nfields: {title: {type: string}}\nparams: {emergency: 112, x: 2.5, y: true}\ntaxonomies: {g: {terms: {3: Tre, 1: En}}}\n")
	if c.Title != "2024" || c.Params["emergency"] != "112" || c.Params["x"] != "2.5" || c.Params["y"] != "true" {
		t.Errorf("title %q, params %v", c.Title, c.Params)
	}
	if got := c.Taxonomies["g"].TermList(); len(got) != 2 || got[0] != (Term{"3", "Tre"}) || got[1] != (Term{"1", "En"}) {
		t.Errorf("terms = %v", got)
	}
}

func TestByPrefix(t *testing.T) {
	p := &problems{pos: positions{"theme": 3, "theme.menu[1]": 5}}
	p.byPrefix("theme.menu[1]: %q skal begynde med /", "x")
	p.byPrefix("theme.header_link mangler title")
	fs := p.l.Items()
	if len(fs) != 2 || fs[0].Line != 3 || fs[1].Line != 5 || fs[1].Msg != `theme.menu[1]: "x" skal begynde med /` {
		t.Errorf("findings = %+v", fs)
	}
}
