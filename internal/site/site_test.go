package site

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
)

const testYAML = `title: Testsite
targets:
  public: {out: public, audiences: [public]}
  intranet: {out: public-intranet, audiences: [public, internal], label: Intranet}
fields:
  title: {type: string, required: true, label: Titel}
  summary: {type: string, label: Resumé}
  date: {type: date}
  weight: {type: int}
  draft: {type: bool}
  menu: {type: int}
  layout: {type: string}
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
  values: {title: Hjertesager, pages: hjertesager}
  unit: {title: Enheder, pages: enheder}
  focus:
    title: Indsatsområder
    terms:
      samarbejde: Samarbejde og samtale
      borgerinddragelse: Borgerinddragelse
  tags: {title: Emneord, free: true}
`

func testConfig(t testing.TB) *config.Config {
	t.Helper()
	c, err := config.Parse([]byte(testYAML))
	if err != nil {
		t.Fatalf("config.Parse: %v", err)
	}
	return c
}

// md makes a content file from front matter lines.
func md(front ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + strings.Join(front, "\n") + "\n---\nTekst.\n")}
}

// testTree is a small site:
//
//	/                       forside
//	/hjertesager/           section, menu 2; values are its pages
//	/hjertesager/respekt/   weight 1
//	/hjertesager/aerlighed/ weight 2 (from Ærlighed.md)
//	/hjertesager/overblik/  no weight: after the weighted ones
//	/enheder/               section, menu 1
//	/enheder/myndighed/     unit
//	/enheder/myndighed/visitation/  offer
//	/enheder/intern/        unit, audience internal, menu 3
//	/enheder/intern/hemmelig/       offer, inherits internal
//	/enheder/intern/aaben/          offer, own audience public
//	/inspiration/           section
//	/inspiration/sag/       case: kind default internal
//	/kontakt-os/            slug, menu 4
//	/kladde/                draft
func testTree() fstest.MapFS {
	return fstest.MapFS{
		"_index.md":                   md("title: Forside"),
		"hjertesager/_index.md":       md("title: Hjertesager", "menu: 2"),
		"hjertesager/respekt.md":      md("title: Respekt", "summary: R", "weight: 1", "focus: [samarbejde]"),
		"hjertesager/Ærlighed.md":     md("title: Ærlighed", "summary: Æ", "weight: 2"),
		"hjertesager/overblik.md":     md("title: Overblik", "summary: O"),
		"enheder/_index.md":           md("title: Enheder", "menu: 1"),
		"enheder/myndighed/_index.md": md("title: Myndighed"),
		"enheder/myndighed/visitation.md": md("title: Visitation", "summary: V", "unit: myndighed",
			"values: [respekt, aerlighed]", "focus: [samarbejde, borgerinddragelse]", "tags: [Bolig, job]"),
		"enheder/intern/_index.md": md("title: Intern enhed", "audience: internal", "menu: 3"),
		"enheder/intern/hemmelig.md": md("title: Hemmeligt tilbud", "summary: H", "unit: intern",
			"values: [respekt]", "focus: [samarbejde]", "tags: [bolig]"),
		"enheder/intern/aaben.md": md("title: Åbent tilbud", "summary: Å", "unit: intern", "audience: public"),
		"inspiration/_index.md":   md("title: Inspiration"),
		"inspiration/sag.md":      md("title: En sag", "values: [respekt]"),
		"kontakt.md":              md("title: Kontakt", "slug: kontakt-os", "menu: 4"),
		"kladde.md":               md("title: Kladde", "draft: true", "values: [respekt]", "menu: 5"),
	}
}

// build loads fsys and builds the site, failing on any content error.
func build(t *testing.T, fsys fstest.MapFS) (*Site, []diag.Finding) {
	t.Helper()
	cfg := testConfig(t)
	tree, l := content.Load(fsys, "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatalf("content.Load: %v", l.Err())
	}
	s, bl := Build(cfg, tree)
	return s, bl.Items()
}

func buildOK(t *testing.T, fsys fstest.MapFS) *Site {
	t.Helper()
	s, fs := build(t, fsys)
	if len(fs) != 0 {
		t.Fatalf("Build findings: %v", fs)
	}
	return s
}

func page(t *testing.T, s *Site, url string) *Page {
	t.Helper()
	p := s.PageByURL(url)
	if p == nil {
		t.Fatalf("no page at %s", url)
	}
	return p
}

func urls(ps []*Page) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}

func TestURLFor(t *testing.T) {
	tests := []struct{ path, slug, want string }{
		{"hjertesager/Ærlighed.md", "", "/hjertesager/aerlighed/"},
		{"hjertesager/_index.md", "", "/hjertesager/"},
		{"_index.md", "", "/"},
		{"kontakt.md", "", "/kontakt/"},
		{"kontakt.md", "kontakt-os", "/kontakt-os/"},
		{"Om Os/Hvem er vi.md", "", "/om-os/hvem-er-vi/"},
		{"enheder/Marie Grubbe/STU-forløb.md", "", "/enheder/marie-grubbe/stu-forloeb/"},
		{"enheder/myndighed/visitation.md", "ny", "/enheder/myndighed/ny/"},
	}
	for _, tt := range tests {
		if got := URLFor(tt.path, tt.slug); got != tt.want {
			t.Errorf("URLFor(%q, %q) = %q, want %q", tt.path, tt.slug, got, tt.want)
		}
	}
}

func TestBuildPages(t *testing.T) {
	s := buildOK(t, testTree())
	want := []string{"/", "/enheder/", "/enheder/intern/", "/enheder/intern/aaben/", "/enheder/intern/hemmelig/",
		"/enheder/myndighed/", "/enheder/myndighed/visitation/", "/hjertesager/", "/hjertesager/aerlighed/",
		"/hjertesager/overblik/", "/hjertesager/respekt/", "/inspiration/", "/inspiration/sag/", "/kladde/", "/kontakt-os/"}
	if got := urls(s.Pages); !reflect.DeepEqual(got, want) {
		t.Errorf("page URLs =\n%q\nwant\n%q", got, want)
	}
	if s.Root == nil || s.Root.URL != "/" || s.Root.Kind != "home" {
		t.Errorf("Root = %+v", s.Root)
	}
	tests := []struct {
		url, path, kind, layout string
		section                 bool
	}{
		{"/hjertesager/aerlighed/", "hjertesager/Ærlighed.md", "value", "value", false},
		{"/hjertesager/", "hjertesager/_index.md", "section", "section", true},
		{"/enheder/myndighed/", "enheder/myndighed/_index.md", "unit", "unit", true},
		{"/enheder/myndighed/visitation/", "enheder/myndighed/visitation.md", "offer", "offer", false},
		{"/inspiration/sag/", "inspiration/sag.md", "case", "case", false},
		{"/kontakt-os/", "kontakt.md", "page", "page", false},
	}
	for _, tt := range tests {
		p := page(t, s, tt.url)
		if p.Src.Path != tt.path || p.Kind != tt.kind || p.Layout != tt.layout || p.IsSection != tt.section {
			t.Errorf("%s: path %q kind %q layout %q section %v; want %q %q %q %v",
				tt.url, p.Src.Path, p.Kind, p.Layout, p.IsSection, tt.path, tt.kind, tt.layout, tt.section)
		}
		if s.PageByPath(tt.path) != p {
			t.Errorf("PageByPath(%q) is not the page at %s", tt.path, tt.url)
		}
	}
	if s.PageByURL("/kontakt") != page(t, s, "/kontakt-os/") && s.PageByURL("/kontakt-os") == nil {
		t.Errorf("PageByURL without trailing slash failed")
	}
	if s.PageByURL("/kontakt/") != nil {
		t.Errorf("the file name still gives a page though slug replaced it")
	}
}

func TestBuildDuplicateURL(t *testing.T) {
	tests := []struct {
		name     string
		files    fstest.MapFS
		wantFile string
		wantMsg  string
	}{
		{
			name: "Ærlighed.md and aerlighed.md",
			files: fstest.MapFS{
				"_index.md":                md("title: Forside"),
				"hjertesager/aerlighed.md": md("title: Ærlighed", "summary: a"),
				"hjertesager/Ærlighed.md":  md("title: Ærlighed igen", "summary: b"),
			},
			wantFile: "content/hjertesager/Ærlighed.md",
			wantMsg:  "siden får samme adresse /hjertesager/aerlighed/ som content/hjertesager/aerlighed.md",
		},
		{
			name: "a slug that takes another page's address",
			files: fstest.MapFS{
				"_index.md":  md("title: Forside"),
				"kontakt.md": md("title: Kontakt"),
				"om.md":      md("title: Om", "slug: kontakt"),
			},
			wantFile: "content/om.md",
			wantMsg:  "siden får samme adresse /kontakt/ som content/kontakt.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := build(t, tt.files)
			want := []diag.Finding{{File: tt.wantFile, Line: 1, Severity: diag.Error, Code: "duplicate-url",
				Msg: tt.wantMsg, Hint: "omdøb den ene fil eller giv den et andet slug"}}
			if !reflect.DeepEqual(fs, want) {
				t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
			}
		})
	}
}

func TestBuildBadSlug(t *testing.T) {
	_, fs := build(t, fstest.MapFS{
		"_index.md":  md("title: Forside"),
		"kontakt.md": md("title: Kontakt", "weight: 1", "slug: Kontakt Os"),
	})
	want := []diag.Finding{{File: "content/kontakt.md", Line: 4, Severity: diag.Error, Code: "slug",
		Msg: `adressen (slug) "Kontakt Os" må kun have små bogstaver a-z, tal og bindestreger`, Hint: `brug "kontakt-os"`}}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
	}
}

func TestBuildNoHome(t *testing.T) {
	_, fs := build(t, fstest.MapFS{"kontakt.md": md("title: Kontakt")})
	want := []diag.Finding{{File: "content/_index.md", Severity: diag.Error, Code: "no-home",
		Msg: "sitet har ingen forside: opret content/_index.md med en title"}}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
	}
}

func TestBuildUnknownTerms(t *testing.T) {
	fsys := testTree()
	fsys["hjertesager/respekt.md"] = md("title: Respekt", "summary: R", "weight: 1",
		"focus: [samarbjede]") // line 5
	fsys["enheder/myndighed/visitation.md"] = md("title: Visitation", "summary: V", "unit: myndighed",
		"values: [respket, aerlighed]", // line 5
		"focus: [zzz]")                 // line 6
	fsys["enheder/intern/aaben.md"] = md("title: Åbent tilbud", "summary: Å", "unit: intrn") // line 4
	_, fs := build(t, fsys)
	want := []diag.Finding{
		{File: "content/enheder/intern/aaben.md", Line: 4, Code: "unknown-term",
			Msg: `"intrn" er ikke en kendt værdi i unit (Enheder)`, Hint: `mente du "intern"?`},
		{File: "content/enheder/myndighed/visitation.md", Line: 5, Code: "unknown-term",
			Msg: `"respket" er ikke en kendt værdi i values (Hjertesager)`, Hint: `mente du "respekt"?`},
		{File: "content/enheder/myndighed/visitation.md", Line: 6, Code: "unknown-term",
			Msg: `"zzz" er ikke en kendt værdi i focus (Indsatsområder)`, Hint: "brug en af: samarbejde, borgerinddragelse"},
		{File: "content/hjertesager/respekt.md", Line: 5, Code: "unknown-term",
			Msg: `"samarbjede" er ikke en kendt værdi i focus (Indsatsområder)`, Hint: `mente du "samarbejde"?`},
	}
	for i := range want {
		want[i].Severity = diag.Error
	}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings =\n%#v\nwant\n%#v", fs, want)
	}
}

func termSlugs(ts []*Term) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, t.Slug)
	}
	return out
}

func TestBuildTaxonomies(t *testing.T) {
	s := buildOK(t, testTree())

	var names []string
	for _, tx := range s.Taxonomies {
		names = append(names, tx.Name)
	}
	if !sort.StringsAreSorted(names) || len(names) != 4 {
		t.Errorf("taxonomies = %v", names)
	}

	// Page-based: the section's pages in its order (weight, then the rest).
	values := s.Taxonomy("values")
	if got, want := termSlugs(values.Terms), []string{"respekt", "aerlighed", "overblik"}; !reflect.DeepEqual(got, want) {
		t.Errorf("values terms = %v, want %v", got, want)
	}
	if tm := values.Terms[1]; tm.Name != "Ærlighed" || tm.Page != page(t, s, "/hjertesager/aerlighed/") || tm.Tax != values {
		t.Errorf("values term aerlighed = %+v", tm)
	}
	// Units: the sections below enheder, by title.
	if got, want := termSlugs(s.Taxonomy("unit").Terms), []string{"intern", "myndighed"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unit terms = %v, want %v", got, want)
	}
	// Listed: the config's order.
	if got, want := termSlugs(s.Taxonomy("focus").Terms), []string{"samarbejde", "borgerinddragelse"}; !reflect.DeepEqual(got, want) {
		t.Errorf("focus terms = %v, want %v", got, want)
	}
	// Free: one term per slug, named as first written (pages in URL order:
	// hemmelig's "bolig" comes before visitation's "Bolig").
	tags := s.Taxonomy("tags")
	if got := termSlugs(tags.Terms); !reflect.DeepEqual(got, []string{"bolig", "job"}) || tags.Terms[0].Name != "bolig" {
		t.Errorf("tags terms = %v (%q)", got, tags.Terms[0].Name)
	}
	if s.Taxonomy("nope") != nil {
		t.Errorf("Taxonomy(nope) is not nil")
	}

	intra := s.Select(s.Config.Targets["intranet"], Options{})
	v := page(t, s, "/enheder/myndighed/visitation/")
	if got := termSlugs(intra.Terms(v, "values")); !reflect.DeepEqual(got, []string{"respekt", "aerlighed"}) {
		t.Errorf("Terms(visitation, values) = %v", got)
	}
	if got := termSlugs(intra.Terms(v, "unit")); !reflect.DeepEqual(got, []string{"myndighed"}) {
		t.Errorf("Terms(visitation, unit) = %v", got)
	}
	if tm := intra.TermOf(page(t, s, "/hjertesager/respekt/"), "values"); tm == nil || tm.Slug != "respekt" {
		t.Errorf("TermOf(respekt) = %v", tm)
	}
	if tm := intra.TermOf(v, "values"); tm != nil {
		t.Errorf("TermOf(visitation, values) = %v, want nil", tm)
	}
}

func TestAudience(t *testing.T) {
	s := buildOK(t, testTree())
	tests := []struct{ url, want string }{
		{"/", "public"},
		{"/enheder/intern/", "internal"},          // own
		{"/enheder/intern/hemmelig/", "internal"}, // from the section's _index.md
		{"/enheder/intern/aaben/", "public"},      // own wins over the section
		{"/enheder/myndighed/visitation/", "public"},
		{"/inspiration/", "public"},
		{"/inspiration/sag/", "internal"}, // the kind's default
	}
	for _, tt := range tests {
		if got := page(t, s, tt.url).Audience; got != tt.want {
			t.Errorf("audience of %s = %q, want %q", tt.url, got, tt.want)
		}
	}

	// A section's audience beats the kind's default; a page's own beats both.
	fsys := testTree()
	fsys["inspiration/_index.md"] = md("title: Inspiration", "audience: public")
	fsys["inspiration/intern.md"] = md("title: Intern sag", "audience: internal")
	s = buildOK(t, fsys)
	if got := page(t, s, "/inspiration/sag/").Audience; got != "public" {
		t.Errorf("case below a public section: audience %q, want public", got)
	}
	if got := page(t, s, "/inspiration/intern/").Audience; got != "internal" {
		t.Errorf("case with its own audience: %q, want internal", got)
	}
}

func TestSelect(t *testing.T) {
	s := buildOK(t, testTree())
	pub := s.Select(s.Config.Targets["public"], Options{})
	intra := s.Select(s.Config.Targets["intranet"], Options{})
	preview := s.Select(s.Config.Targets["public"], Options{Drafts: true})

	internal := []string{"/enheder/intern/", "/enheder/intern/hemmelig/", "/inspiration/sag/"}
	for _, u := range internal {
		if pub.Has(page(t, s, u)) {
			t.Errorf("public view has internal page %s", u)
		}
		if !intra.Has(page(t, s, u)) {
			t.Errorf("intranet view lacks %s", u)
		}
	}
	wantPub := []string{"/", "/enheder/", "/enheder/intern/aaben/", "/enheder/myndighed/", "/enheder/myndighed/visitation/",
		"/hjertesager/", "/hjertesager/aerlighed/", "/hjertesager/overblik/", "/hjertesager/respekt/", "/inspiration/", "/kontakt-os/"}
	if got := urls(pub.Pages); !reflect.DeepEqual(got, wantPub) {
		t.Errorf("public Pages =\n%q\nwant\n%q", got, wantPub)
	}
	if len(intra.Pages) != len(wantPub)+len(internal) {
		t.Errorf("intranet Pages = %q", urls(intra.Pages))
	}

	// Drafts only with Options{Drafts: true}.
	kladde := page(t, s, "/kladde/")
	if pub.Has(kladde) || intra.Has(kladde) || !preview.Has(kladde) {
		t.Errorf("draft: public %v intranet %v preview %v; want false false true", pub.Has(kladde), intra.Has(kladde), preview.Has(kladde))
	}
	if len(preview.Pages) != len(wantPub)+1 {
		t.Errorf("preview Pages = %q", urls(preview.Pages))
	}

	// Children.
	enheder := page(t, s, "/enheder/")
	if got, want := urls(pub.Children(enheder)), []string{"/enheder/myndighed/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("public Children(enheder) = %v, want %v", got, want)
	}
	if got, want := urls(intra.Children(enheder)), []string{"/enheder/intern/", "/enheder/myndighed/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("intranet Children(enheder) = %v, want %v", got, want)
	}
	if got := pub.Children(page(t, s, "/inspiration/")); len(got) != 0 {
		t.Errorf("public Children(inspiration) = %v, want none", urls(got))
	}
	if got, want := urls(pub.Children(s.Root)), []string{"/enheder/", "/hjertesager/", "/inspiration/", "/kontakt-os/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("public Children(root) = %v, want %v", got, want)
	}
	if got, want := urls(preview.Children(s.Root)), []string{"/enheder/", "/hjertesager/", "/inspiration/", "/kladde/", "/kontakt-os/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("preview Children(root) = %v, want the draft too", got)
	}

	// Term pages.
	respekt := s.Taxonomy("values").Terms[0]
	if got, want := urls(pub.TermPages(respekt)), []string{"/enheder/myndighed/visitation/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("public TermPages(respekt) = %v, want %v", got, want)
	}
	if got, want := urls(intra.TermPages(respekt)), []string{"/inspiration/sag/", "/enheder/intern/hemmelig/", "/enheder/myndighed/visitation/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("intranet TermPages(respekt) = %v, want %v", got, want)
	}
	if got := urls(preview.TermPages(respekt)); len(got) != 2 || got[0] != "/kladde/" {
		t.Errorf("preview TermPages(respekt) = %v, want the draft and visitation", got)
	}
	samarbejde := s.Taxonomy("focus").Terms[0]
	if got, want := urls(pub.TermPages(samarbejde)), []string{"/hjertesager/respekt/", "/enheder/myndighed/visitation/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("public TermPages(samarbejde) = %v, want %v", got, want)
	}
	// A page-based term whose page the view hides is left out of Terms.
	aaben := page(t, s, "/enheder/intern/aaben/")
	if got := pub.Terms(aaben, "unit"); len(got) != 0 {
		t.Errorf("public Terms(aaben, unit) = %v, want none (the unit is internal)", termSlugs(got))
	}
	if got := termSlugs(intra.Terms(aaben, "unit")); !reflect.DeepEqual(got, []string{"intern"}) {
		t.Errorf("intranet Terms(aaben, unit) = %v", got)
	}

	// Breadcrumbs skip hidden sections.
	if got, want := urls(pub.Breadcrumbs(aaben)), []string{"/", "/enheder/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("public Breadcrumbs(aaben) = %v, want %v", got, want)
	}
	if got, want := urls(intra.Breadcrumbs(aaben)), []string{"/", "/enheder/", "/enheder/intern/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("intranet Breadcrumbs(aaben) = %v, want %v", got, want)
	}
	if got := pub.Breadcrumbs(s.Root); len(got) != 0 {
		t.Errorf("Breadcrumbs(root) = %v", urls(got))
	}
	if pub.Parent(aaben) != enheder || intra.Parent(aaben) != page(t, s, "/enheder/intern/") {
		t.Errorf("Parent(aaben): public %v intranet %v", pub.Parent(aaben), intra.Parent(aaben))
	}

	// Menu, by menu number.
	if got, want := urls(pub.Menu()), []string{"/enheder/", "/hjertesager/", "/kontakt-os/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("public Menu = %v, want %v", got, want)
	}
	if got, want := urls(intra.Menu()), []string{"/enheder/", "/hjertesager/", "/enheder/intern/", "/kontakt-os/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("intranet Menu = %v, want %v", got, want)
	}
	if got := urls(preview.Menu()); len(got) != 4 || got[3] != "/kladde/" {
		t.Errorf("preview Menu = %v", got)
	}
}

func TestLess(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Overblik", "Ærlighed", true},
		{"Ærlighed", "Overblik", false},
		{"Ørn", "Åben", true},
		{"Åben", "Ørn", false},
		{"Zebra", "Æble", true},
		{"Æble", "Ørn", true},
		{"abe", "Bjørn", true}, // case is ignored
		{"Bjørn", "abe", false},
		{"Respekt", "Respekt", false},
	}
	for _, tt := range tests {
		if got := Less(tt.a, tt.b); got != tt.want {
			t.Errorf("Less(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// Unweighted pages of a section sort by title the Danish way.
func TestChildrenDanishOrder(t *testing.T) {
	s := buildOK(t, fstest.MapFS{
		"_index.md":             md("title: Forside"),
		"hjertesager/_index.md": md("title: Hjertesager"),
		"hjertesager/a.md":      md("title: Åben", "summary: x"),
		"hjertesager/b.md":      md("title: Ørn", "summary: x"),
		"hjertesager/c.md":      md("title: Ærlighed", "summary: x"),
		"hjertesager/d.md":      md("title: Overblik", "summary: x"),
		"hjertesager/e.md":      md("title: zebra", "summary: x"),
		"hjertesager/f.md":      md("title: Sidst", "summary: x", "weight: 9"),
	})
	v := s.Select(s.Config.Targets["public"], Options{})
	var titles []string
	for _, p := range v.Children(page(t, s, "/hjertesager/")) {
		titles = append(titles, p.Title)
	}
	want := []string{"Sidst", "Overblik", "zebra", "Ærlighed", "Ørn", "Åben"}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("children = %q, want %q", titles, want)
	}
	if got := termSlugs(s.Taxonomy("values").Terms); !reflect.DeepEqual(got, []string{"f", "d", "e", "c", "b", "a"}) {
		t.Errorf("values terms = %v", got)
	}
}

// A term listed twice on one page is one reference, not two.
func TestTermPagesNoDuplicates(t *testing.T) {
	fsys := testTree()
	fsys["enheder/myndighed/visitation.md"] = md("title: Visitation", "summary: V", "unit: myndighed", "values: [respekt, respekt]")
	s := buildOK(t, fsys)
	v := s.Select(s.Config.Targets["public"], Options{})
	if got := urls(v.TermPages(s.Taxonomy("values").Terms[0])); !reflect.DeepEqual(got, []string{"/enheder/myndighed/visitation/"}) {
		t.Errorf("TermPages(respekt) = %v, want the page once", got)
	}
	if got := termSlugs(v.Terms(page(t, s, "/enheder/myndighed/visitation/"), "values")); !reflect.DeepEqual(got, []string{"respekt"}) {
		t.Errorf("Terms(visitation, values) = %v, want respekt once", got)
	}
}

// Pages with the same title come in URL order, in a section's list and in
// a term's (SortByTitle); the sorts are not stable, so the URL decides.
func TestEqualTitlesInURLOrder(t *testing.T) {
	fsys := testTree()
	for _, n := range []string{"c", "a", "b"} {
		fsys["inspiration/"+n+".md"] = md("title: Samme", "audience: public", "values: [respekt]")
	}
	s, fs := build(t, fsys)
	for _, f := range fs {
		if f.Code != "duplicate-title" {
			t.Fatalf("Build: %v", f)
		}
	}
	v := s.Select(s.Config.Targets["public"], Options{})
	want := []string{"/inspiration/a/", "/inspiration/b/", "/inspiration/c/"}
	var same []*Page
	for _, p := range v.Children(page(t, s, "/inspiration/")) {
		if p.Title == "Samme" {
			same = append(same, p)
		}
	}
	if got := urls(same); !reflect.DeepEqual(got, want) {
		t.Errorf("section children titled Samme = %v, want %v", got, want)
	}
	same = nil
	for _, p := range v.TermPages(s.Taxonomy("values").Terms[0]) {
		if p.Title == "Samme" {
			same = append(same, p)
		}
	}
	if got := urls(same); !reflect.DeepEqual(got, want) {
		t.Errorf("term pages titled Samme = %v, want %v", got, want)
	}
}
