package config

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// english catches what an editor must never read in a config error: the
// YAML library's English and Go's names for types.
var english = regexp.MustCompile(`(?i)\b(field\b|unmarshal|not found|cannot|expected|found|line \d|into|struct|config\.|map\[|\[\]string|yaml:)`)

// configMistakes are the mistakes TestConfigErrors makes, one a case.
var configMistakes = []struct {
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
	{"unknown key in a taxonomy (issue #24)", "    pages: hjertesager\n", "    page: hjertesager\n", "page:", 0,
		`ukendt nøgle "page" under taxonomies.values`, `mente du "pages"?`},
	{"unknown key in a target", "    label: Intranet\n", "    lable: Intranet\n", "lable", 0,
		`ukendt nøgle "lable" under targets.intranet`, `mente du "label"?`},
	{"unknown key without a likely one", "    label: Intranet\n", "    farve: rød\n", "farve", 0,
		`ukendt nøgle "farve" under targets.intranet`, "her kan stå: audiences, base, gzip_pages, label, out, portable, url"},
	{"text for a list", "    required: [summary, unit]\n", "    required: summary\n", "required: summary", 0,
		`kinds.offer.required: forventede en liste, fik "summary" (tekst)`, "[a, b]"},
	{"text for a whole number", "    depth: 1\n", "    depth: en\n", "depth: en", 0,
		`kinds.unit.depth: forventede et helt tal, fik "en" (tekst)`, "fx 2"},
	{"list for a whole number", "    depth: 1\n", "    depth: [1]\n", "depth:", 0,
		`kinds.unit.depth: forventede et helt tal, fik en liste`, "én værdi"},
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
	{"unclosed mapping", "owner: Testkommune\n", "owner: Testkommune\nparams: {phone: 1\n", "", 0,
		"en { … } er ikke lukket", ""},
	{"unclosed quote", "owner: Testkommune\n", "owner: Testkommune\nparams: {phone: \"1}\n", "", 0,
		"filen slutter midt i en værdi", ""},
	{"a list item where a key belongs", "owner: Testkommune\n", "owner: Testkommune\nparams:\n  phone: 1\n  - 2\n", "", 0,
		"indrykningen passer ikke: her ventede en ny nøgle", ""},
	{"reference to an unknown anchor", "owner: Testkommune\n", "owner: Testkommune\nparams: *kontakt\n", "", 0,
		"en henvisning (*navn) til et anker, der ikke findes", "&navn"},
	{"a list as a key", "owner: Testkommune\n", "owner: Testkommune\n? [a, b]\n: c\n", "[a, b]", 0,
		"en nøgle skal være et navn, fik en liste", "et ord før kolon"},
	{"a whole number too large", "owner: Testkommune\n", "owner: Testkommune\nimages: {max_kb: 99999999999999999999}\n", "9999", 0,
		"images.max_kb: tallet 99999999999999999999 er for stort", "mindre"},
	{"boost of an unknown kind", "owner: Testkommune\n", "owner: Testkommune\nsearch: {boost: {unti: 1.2}}\n", "unti", 0,
		"search.boost: \"unti\" er ikke en slags side under kinds", "mente du \"unit\"?"},
	{"boost of zero", "owner: Testkommune\n", "owner: Testkommune\nsearch: {boost: {unit: 0}}\n", "0}", 0,
		"search.boost: \"unit\" har 0; brug et tal over 0", ""},
	{"negative search weight", "owner: Testkommune\n", "owner: Testkommune\nsearch: {weights: {body: -1}}\n", "-1", 0,
		"search.weights: \"body\" har vægten -1", ""},
	{"search weight for a field that is not text", "owner: Testkommune\n", "owner: Testkommune\nsearch: {weights: {weight: 2}}\n", "weight: 2", 0,
		"search.weights: feltet \"weight\" er ikke tekst", ""},
	{"static type with a dot", "owner: Testkommune\n", "owner: Testkommune\nstatic:\n  allow: [tar.gz]\n", "tar.gz", 0,
		"static.allow: \"tar.gz\" er ikke en filtype", ""},
	{"theme path without a slash", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  menu: [/om/, kontakt]\n", "kontakt]", 0,
		"theme.menu[1]: \"kontakt\" skal være en adresse på sitet, der begynder med /", "fx /kontakt/"},
	{"theme search without a slash", "owner: Testkommune\n", "owner: Testkommune\ntheme: {search: soeg}\n", "soeg", 0,
		"theme.search: \"soeg\" skal være en adresse på sitet", "\"off\""},
	{"theme feedback of no kind", "owner: Testkommune\n", "owner: Testkommune\ntheme: {feedback: web@kommune.dk}\n", "web@kommune.dk", 0,
		"theme.feedback: \"web@kommune.dk\" er hverken en e-mailadresse", "mailto:"},
	{"theme owner_url without https", "owner: Testkommune\n", "owner: Testkommune\ntheme: {owner_url: www.kommune.dk}\n", "www.kommune.dk", 0,
		"theme.owner_url: \"www.kommune.dk\" skal begynde med https://", "https://www.kommune.dk/"},
	{"theme guide by an unknown taxonomy", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  guide: {page: /find/, section: /enheder/, taxonomy: fokus}\n", "fokus", 0,
		"theme.guide.taxonomy: ukendt taksonomi \"fokus\"", "mente du \"focus\"?"},
	{"theme guide without section", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  guide: {page: /find/, taxonomy: focus}\n", "guide:", 0,
		"theme.guide mangler section", "section (sektionen med filtersiderne)"},
	{"theme guide by a taxonomy the section does not filter by", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  guide: {page: /find/, section: /enheder/, taxonomy: values}\n",
		"values}", 0, `theme.guide.taxonomy: ingen slags side i /enheder/ filtrerer efter "values", så guiden har ingen valg`, "tilføj values til filters"},
	{"theme header link without title", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  header_link:\n    url: /akut/\n", "header_link", 0,
		"theme.header_link mangler title", "title:"},
	{"theme header link for an unknown target", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  header_link: {title: Akut, url: /akut/, targets: [publik]}\n", "publik", 0,
		"theme.header_link.targets: ukendt mål \"publik\"", "mente du \"public\"?"},
	{"theme taxonomies naming an unknown one", "owner: Testkommune\n", "owner: Testkommune\ntheme:\n  taxonomies: [values, tag]\n", "tag]", 0,
		"theme.taxonomies: ukendt taksonomi \"tag\"", "mente du \"tags\"?"},
}

// One bad site.yaml per mistake: each gives exactly one finding, at
// site.yaml, at the line and column of the key or value at fault, in
// Danish.
func TestConfigErrors(t *testing.T) {
	for _, tt := range configMistakes {
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
			checkColumn(t, f, src, tt.at, tt.line)
			checkListed(t, tt.name, f)
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

// checkColumn: a finding at a key or value names its column, as content
// errors do (site.yaml:12:5), and the word there is the key or value the
// message or the test's line names. YAML's own syntax errors give a line
// only, and a missing key has no column.
func checkColumn(t *testing.T, f diag.Finding, src, at string, line int) {
	t.Helper()
	syntax := f.Msg == "opsætningen er ikke gyldig YAML"
	for _, e := range yamlErrors {
		syntax = syntax || f.Msg == e.msg
	}
	if line > 0 || syntax {
		return
	}
	tok := tokenAt(src, f.Line, f.Col)
	if f.Col < 1 || tok == "" || !strings.Contains(f.Msg+" "+at, tok) {
		t.Errorf("finding at %s, where %q stands: want the column of the key or value at fault", f.Pos(), tok)
	}
}

// tokenAt returns the word that begins at line and col (from 1) of src,
// or "" when no word begins there.
func tokenAt(src string, line, col int) string {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) || col < 1 {
		return ""
	}
	r := []rune(lines[line-1])
	if col > len(r) {
		return ""
	}
	if col > 1 && (unicode.IsLetter(r[col-2]) || unicode.IsDigit(r[col-2])) {
		return "" // not the beginning of a word
	}
	w := string(r[col-1:])
	if i := strings.IndexAny(w, " :,]}"); i > 0 {
		w = w[:i]
	}
	return w
}

// A folder without site.yaml: one Danish error that says what to do.
func TestLoadWithoutConfig(t *testing.T) {
	_, err := Load(fstest.MapFS{})
	fs := diag.Findings(err)
	if len(fs) != 1 || fs[0].File != FileName || fs[0].Msg != "kan ikke læse sitets opsætning: findes ikke" || !strings.Contains(fs[0].Hint, "--source") {
		t.Fatalf("findings = %+v", fs)
	}
	if m := english.FindString(fs[0].Msg + " " + fs[0].Hint); m != "" {
		t.Errorf("holds %q: %v", m, fs[0])
	}
}

// referenceList is docs/konfiguration.md, whose "Fejl i site.yaml" lists
// every message the tests provoke.
var referenceList = sync.OnceValues(func() ([]byte, error) { return os.ReadFile("../../docs/konfiguration.md") })

// checkListed fails unless the reference lists finding f as an editor
// sees it, so the list cannot fall behind a changed message. With
// LABYRINT_ERROR_LIST set it prints the mistake and the message.
func checkListed(t *testing.T, mistake string, f diag.Finding) {
	t.Helper()
	line := listLine(f)
	if os.Getenv("LABYRINT_ERROR_LIST") != "" {
		fmt.Printf("%s\t%s\n", mistake, line)
	}
	doc, err := referenceList()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "`"+line+"`") {
		t.Errorf("docs/konfiguration.md does not list this message; add under \"Fejl i site.yaml\" (the mistake in Danish):\n| %s | `%s` |", mistake, line)
	}
}

// listLine is finding f as docs/konfiguration.md's list of config errors
// writes it in a table cell: "site.yaml:3:1: fejl: message – hint", with
// backquotes made ' and pipes escaped.
func listLine(f diag.Finding) string {
	s := f.Pos() + ": " + f.Severity.String() + ": " + f.Msg
	if f.Hint != "" {
		s += " – " + f.Hint
	}
	return strings.NewReplacer("`", "'", "|", `\|`).Replace(s)
}
