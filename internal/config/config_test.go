package config

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// testYAML is a small but complete content model: two targets, common
// fields, kinds at depth 0, 1 and 2 (one with required fields and an enum,
// one with a default audience), a listed, a page-based and a free taxonomy.
const testYAML = `title: Testsite
owner: Testkommune
targets:
  public:
    out: public
    audiences: [public]
  intranet:
    out: public-intranet
    audiences: [public, internal]
    label: Intranet
    portable: true
fields:
  title: {type: string, required: true, label: Titel}
  summary: {type: string, label: Resumé}
  date: {type: date}
  weight: {type: int}
  draft: {type: bool}
  tags: {type: list, taxonomy: tags}
  audience: {type: string, enum: [public, internal]}
  slug: {type: string}
  values: {type: list, taxonomy: values}
  focus: {type: list, taxonomy: focus}
kinds:
  value:
    section: hjertesager
    layout: value
    required: [summary]
  unit:
    section: enheder
    depth: 1
    layout: unit
    fields:
      phone: {type: string, label: Telefon}
  offer:
    section: enheder
    depth: 2
    layout: offer
    required: [summary, unit]
    fields:
      unit: {type: string, taxonomy: unit}
      access: {type: string, enum: [direct, visitation]}
  case:
    section: inspiration
    layout: case
    audience: internal
taxonomies:
  values:
    title: Hjertesager
    pages: hjertesager
  unit:
    title: Enheder
    pages: enheder
  focus:
    title: Indsatsområder
    terms:
      samarbejde: Samarbejde og samtale
      borgerinddragelse: Borgerinddragelse
  tags:
    title: Emneord
    free: true
`

// mutate replaces old by new in testYAML and fails when old is not there,
// so a case can never silently test the valid config.
func mutate(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(testYAML, old) {
		t.Fatalf("testYAML has no %q", old)
	}
	return strings.Replace(testYAML, old, new, 1)
}

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: unexpected error: %v", err)
	}
	return c
}

func TestParseValid(t *testing.T) {
	c := mustParse(t, testYAML)

	if c.Title != "Testsite" || c.Owner != "Testkommune" {
		t.Errorf("title/owner = %q/%q", c.Title, c.Owner)
	}
	// Defaults.
	for name, got := range map[string]string{"language": c.Language, "layouts": c.Layouts, "assets": c.Assets, "content": c.Content} {
		want := map[string]string{"language": "da", "layouts": "layouts", "assets": "assets", "content": "content"}[name]
		if got != want {
			t.Errorf("default %s = %q, want %q", name, got, want)
		}
	}
	if c.Plain.LixTarget != 35 || c.Plain.SentenceWords != 25 || c.Plain.ParagraphWords != 120 {
		t.Errorf("plain-language defaults = %+v", c.Plain)
	}

	// Targets get their names and a base.
	ts := c.SortedTargets()
	if len(ts) != 2 || ts[0].Name != "intranet" || ts[1].Name != "public" {
		t.Fatalf("SortedTargets = %+v", ts)
	}
	pub, intra := c.Targets["public"], c.Targets["intranet"]
	if pub.Base != "/" || pub.Out != "public" || intra.Out != "public-intranet" || !intra.Portable || intra.Label != "Intranet" {
		t.Errorf("targets = %+v, %+v", pub, intra)
	}
	if !pub.Shows("public") || pub.Shows("internal") || !intra.Shows("internal") || !intra.Shows("public") {
		t.Errorf("Shows is wrong: public %v, intranet %v", pub.Audiences, intra.Audiences)
	}

	// Kinds get their names.
	for n, k := range c.Kinds {
		if k.Name != n {
			t.Errorf("kind %q has Name %q", n, k.Name)
		}
	}
	if c.Kinds["case"].Audience != "internal" {
		t.Errorf("case audience = %q", c.Kinds["case"].Audience)
	}

	// Fields: kind fields shadow nothing, common ones are always there.
	if f := c.FieldFor(c.Kinds["offer"], "access"); f == nil || !reflect.DeepEqual(f.Enum, []string{"direct", "visitation"}) {
		t.Errorf("FieldFor(offer, access) = %+v", f)
	}
	if f := c.FieldFor(c.Kinds["value"], "access"); f != nil {
		t.Errorf("FieldFor(value, access) = %+v, want nil (offer-only field)", f)
	}
	if f := c.FieldFor(nil, "title"); f == nil || !f.Required || f.Label != "Titel" {
		t.Errorf("FieldFor(nil, title) = %+v", f)
	}
	// Required fields: the common ones and the kind's, sorted, each once;
	// a config made by hand (no cache) gives the same.
	for _, tt := range []struct {
		kind *Kind
		want []string
	}{{nil, []string{"title"}}, {c.Kinds["offer"], []string{"summary", "title", "unit"}}, {c.Kinds["unit"], []string{"title"}}} {
		if got := c.RequiredFields(tt.kind); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("RequiredFields(%v) = %v, want %v", tt.kind, got, tt.want)
		}
		byHand := &Config{Fields: c.Fields}
		if got := byHand.RequiredFields(tt.kind); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("RequiredFields(%v) without the cache = %v, want %v", tt.kind, got, tt.want)
		}
	}
	withSummary := &Kind{Required: []string{"summary", "title"}, Fields: map[string]*Field{"summary": {Type: "string", Required: true}}}
	if got, want := c.RequiredFields(withSummary), []string{"summary", "title"}; !reflect.DeepEqual(got, want) {
		t.Errorf("RequiredFields(kind naming a field twice) = %v, want %v", got, want)
	}
	wantNames := []string{"audience", "date", "draft", "focus", "phone", "slug", "summary", "tags", "title", "values", "weight"}
	if got := c.FieldNames(c.Kinds["unit"]); !reflect.DeepEqual(got, wantNames) {
		t.Errorf("FieldNames(unit) = %v, want %v", got, wantNames)
	}

	// Taxonomies: names, and listed terms keep the file's order.
	for n, tx := range c.Taxonomies {
		if tx.Name != n {
			t.Errorf("taxonomy %q has Name %q", n, tx.Name)
		}
	}
	wantTerms := []Term{{"samarbejde", "Samarbejde og samtale"}, {"borgerinddragelse", "Borgerinddragelse"}}
	if got := c.Taxonomies["focus"].TermList(); !reflect.DeepEqual(got, wantTerms) {
		t.Errorf("focus terms = %v, want %v", got, wantTerms)
	}
	if got := c.Taxonomies["values"].TermList(); len(got) != 0 {
		t.Errorf("page-based taxonomy lists terms %v", got)
	}
	if !c.Taxonomies["tags"].Free || c.Taxonomies["values"].Pages != "hjertesager" {
		t.Errorf("tags/values taxonomy = %+v / %+v", c.Taxonomies["tags"], c.Taxonomies["values"])
	}
}

// findings returns every finding of a Parse error, failing when there is none.
func findings(t *testing.T, src string) []diag.Finding {
	t.Helper()
	c, err := Parse([]byte(src))
	if err == nil {
		t.Fatalf("Parse accepted an invalid config: %+v", c)
	}
	if c != nil {
		t.Errorf("Parse returned a config with an error")
	}
	return diag.Findings(err)
}

func TestParseReportsAllProblemsAtOnce(t *testing.T) {
	src := mutate(t, "  weight: {type: int}", "  weight: {type: integer}")
	src = strings.Replace(src, "required: [summary]", "required: [summary, resume]", 1)
	fs := findings(t, src)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Msg)
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{`feltet "weight" har ukendt type "integer"`, `det krævede felt "resume" er ikke erklæret`} {
		if !strings.Contains(joined, want) {
			t.Errorf("findings %q miss %q", msgs, want)
		}
	}
	if len(fs) != 2 {
		t.Errorf("got %d findings, want 2: %q", len(fs), msgs)
	}
}

func TestKindFor(t *testing.T) {
	c := mustParse(t, testYAML)
	tests := []struct {
		path      string
		wantKind  string // "" for nil
		wantDepth int
	}{
		{"enheder/myndighed/_index.md", "unit", 1},
		{"enheder/myndighed/visitation.md", "offer", 2},
		{"hjertesager/respekt.md", "value", 0},
		{"hjertesager/dybere/respekt.md", "value", 0}, // depth 0: any page below the section
		{"hjertesager/_index.md", "", 0},              // the section's own page
		{"hjertesager/dybere/_index.md", "", 0},       // depth 0 takes pages, not folders
		{"enheder/_index.md", "", 0},
		{"inspiration/sag.md", "case", 0},
		{"_index.md", "", 0},
		{"kontakt.md", "", 0},
		{"plan/faser.md", "", 0}, // a section no kind names
		{"hjertesagerne/respekt.md", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			k := c.KindFor(tt.path)
			if tt.wantKind == "" {
				if k != nil {
					t.Errorf("KindFor(%q) = %q, want nil", tt.path, k.Name)
				}
				return
			}
			if k == nil {
				t.Fatalf("KindFor(%q) = nil, want %q", tt.path, tt.wantKind)
			}
			if k.Name != tt.wantKind || k.Depth != tt.wantDepth {
				t.Errorf("KindFor(%q) = %q depth %d, want %q depth %d", tt.path, k.Name, k.Depth, tt.wantKind, tt.wantDepth)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(testYAML)}})
	if err != nil || c.Title != "Testsite" {
		t.Fatalf("Load = %v, %v", c, err)
	}
	_, err = Load(fstest.MapFS{})
	fs := diag.Findings(err)
	if len(fs) != 1 || fs[0].File != FileName || fs[0].Line != 0 || fs[0].Severity != diag.Error ||
		!strings.HasPrefix(fs[0].Msg, "kan ikke læse sitets opsætning: ") {
		t.Errorf("Load without site.yaml: %#v", fs)
	}
}

// The site's own config must stay valid and keep the kinds the content
// relies on.
func TestRealSiteConfig(t *testing.T) {
	data, err := os.ReadFile("../../" + FileName)
	if err != nil {
		t.Skipf("no site.yaml at the repository root: %v", err)
	}
	c := mustParse(t, string(data))
	for p, want := range map[string]string{
		"enheder/myndighed/_index.md":     "unit",
		"enheder/myndighed/visitation.md": "offer",
		"hjertesager/respekt.md":          "value",
	} {
		if k := c.KindFor(p); k == nil || k.Name != want {
			t.Errorf("real config: KindFor(%q) = %v, want %q", p, k, want)
		}
	}
	if k := c.KindFor("hjertesager/_index.md"); k != nil {
		t.Errorf("real config: KindFor(hjertesager/_index.md) = %q, want nil", k.Name)
	}
}

func TestSearchWeights(t *testing.T) {
	base := "title: T\nfields:\n  title: {type: string}\n  phrases: {type: list}\n  n: {type: int}\n"
	c, err := Parse([]byte(base + "search:\n  weights: {title: 10, phrases: 6, body: 0}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.SearchFields(); len(got) != 1 || got[0] != "phrases" {
		t.Errorf("SearchFields = %v", got)
	}
	for _, tc := range []struct{ weights, want string }{
		{"{nope: 1}", `"nope" er hverken en del af siden`},
		{"{n: 1}", `feltet "n" er ikke tekst`},
		{"{title: -1}", `"title" har vægten -1`},
	} {
		_, err := Parse([]byte(base + "search:\n  weights: " + tc.weights + "\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.weights, err, tc.want)
		}
	}
	for _, tc := range []struct{ boost, want string }{
		{"{nope: 2}", `search.boost: "nope" er ikke en slags side`},
	} {
		_, err := Parse([]byte(base + "search:\n  boost: " + tc.boost + "\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.boost, err, tc.want)
		}
	}
}
