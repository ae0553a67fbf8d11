package content

import (
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guldborgsund/labyrint/internal/config"
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

// parse runs Parse on src as content/<p> and returns its source and findings.
func parse(t *testing.T, p, src string) (*Source, []diag.Finding) {
	t.Helper()
	var l diag.List
	s := Parse("content/"+p, p, []byte(src), testConfig(t), &l)
	return s, l.Items()
}

func TestParseValid(t *testing.T) {
	src := "---\n" +
		"title: \" Respekt \"\n" + // 2
		"summary: Vi taler ordentligt\n" + // 3
		"date: 2026-11-23\n" + // 4
		"weight: 2\n" + // 5
		"draft: true\n" + // 6
		"tags: [bolig, 2026]\n" + // 7
		"values:\n" + // 8
		"  - tillid\n" +
		"audience: internal\n" + // 10
		"---\n" +
		"\n" +
		"Tekst\n"
	s, fs := parse(t, "hjertesager/respekt.md", src)
	if len(fs) != 0 || s == nil {
		t.Fatalf("Parse = %v, findings %#v", s, fs)
	}
	if s.Path != "hjertesager/respekt.md" || s.File != "content/hjertesager/respekt.md" || s.Kind == nil || s.Kind.Name != "value" {
		t.Errorf("source = %+v", s)
	}
	if s.String("title") != "Respekt" || s.String("summary") != "Vi taler ordentligt" {
		t.Errorf("strings: title %q summary %q", s.String("title"), s.String("summary"))
	}
	if want := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC); !s.Date("date").Equal(want) {
		t.Errorf("date = %v, want %v", s.Date("date"), want)
	}
	if s.Int("weight") != 2 || !s.Bool("draft") || s.String("audience") != "internal" {
		t.Errorf("weight %d draft %v audience %q", s.Int("weight"), s.Bool("draft"), s.String("audience"))
	}
	if got := s.List("tags"); !reflect.DeepEqual(got, []string{"bolig", "2026"}) {
		t.Errorf("tags = %#v", got)
	}
	if got := s.List("values"); !reflect.DeepEqual(got, []string{"tillid"}) {
		t.Errorf("values = %#v", got)
	}
	wantLines := map[string]int{"title": 2, "summary": 3, "date": 4, "weight": 5, "draft": 6, "tags": 7, "values": 8, "audience": 10}
	if !reflect.DeepEqual(s.Lines, wantLines) {
		t.Errorf("Lines = %v, want %v", s.Lines, wantLines)
	}
	if s.Line("tags") != 7 || s.Line("nothing") != 1 {
		t.Errorf("Line(tags) = %d, Line(nothing) = %d", s.Line("tags"), s.Line("nothing"))
	}
	if string(s.Body) != "\nTekst\n" || s.BodyLine != 12 {
		t.Errorf("body %q at line %d", s.Body, s.BodyLine)
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	src := "\ufeff---\r\ntitle: Ærlighed\r\nsummary: Vi siger sandheden\r\nweight: 1\r\n---\r\n\r\n## Afsnit\r\n"
	s, fs := parse(t, "hjertesager/Ærlighed.md", src)
	if len(fs) != 0 || s == nil {
		t.Fatalf("Parse = %v, findings %#v", s, fs)
	}
	if want := map[string]int{"title": 2, "summary": 3, "weight": 4}; !reflect.DeepEqual(s.Lines, want) {
		t.Errorf("Lines = %v, want %v", s.Lines, want)
	}
	if s.String("title") != "Ærlighed" || s.Int("weight") != 1 {
		t.Errorf("fields = %v", s.Fields)
	}
	if string(s.Body) != "\n## Afsnit\n" || s.BodyLine != 6 {
		t.Errorf("body %q at line %d", s.Body, s.BodyLine)
	}
}

func TestParseProblems(t *testing.T) {
	const value = "hjertesager/x.md"
	tests := []struct {
		name string
		path string
		src  string
		want []diag.Finding // File is filled in
	}{
		{
			name: "unknown key with a suggestion",
			path: value,
			src:  "---\ntitle: Respekt\nsummary: Kort\ntitel: Respekt\n---\n",
			want: []diag.Finding{{Line: 4, Code: "unknown-key", Msg: `ukendt felt "titel"`, Hint: `mente du "title"?`}},
		},
		{
			name: "unknown key far from any",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\nxyzzyplugh: 1\n---\n",
			want: []diag.Finding{{Line: 3, Code: "unknown-key", Msg: `ukendt felt "xyzzyplugh"`,
				Hint: "tilladte felter her: audience, date, draft, focus, slug, summary, tags, title, values, weight"}},
		},
		{
			name: "a field of another kind",
			path: value,
			src:  "---\ntitle: Respekt\nsummary: Kort\nphone: 1234\n---\n",
			want: []diag.Finding{{Line: 4, Code: "unknown-key", Msg: `ukendt felt "phone"`,
				Hint: "tilladte felter her: audience, date, draft, focus, slug, summary, tags, title, values, weight"}},
		},
		{
			name: "missing title",
			path: "kontakt.md",
			src:  "---\nsummary: Kort\n---\nTekst\n",
			want: []diag.Finding{{Line: 2, Code: "missing-field", Msg: "feltet title (Titel) mangler; siden skal have det",
				Hint: "tilføj en linje title: … mellem --- linjerne"}},
		},
		{
			name: "missing kind-required fields",
			path: "enheder/myndighed/visitation.md",
			src:  "---\ntitle: Visitation\n---\n",
			want: []diag.Finding{
				{Line: 2, Code: "missing-field", Msg: "feltet summary (Resumé) mangler; en side af typen offer skal have det", Hint: "tilføj en linje summary: … mellem --- linjerne"},
				{Line: 2, Code: "missing-field", Msg: "feltet unit mangler; en side af typen offer skal have det", Hint: "tilføj en linje unit: … mellem --- linjerne"},
			},
		},
		{
			name: "empty front matter",
			path: "kontakt.md",
			src:  "---\n---\n",
			want: []diag.Finding{{Line: 2, Code: "missing-field", Msg: "feltet title (Titel) mangler; siden skal have det",
				Hint: "tilføj en linje title: … mellem --- linjerne"}},
		},
		{
			name: "a list where a string is expected",
			path: "kontakt.md",
			src:  "---\ntitle: [Kontakt, Os]\n---\n",
			want: []diag.Finding{{Line: 2, Code: "field-type", Msg: `feltet "title" skal være én tekst, ikke en liste`,
				Hint: "skriv teksten efter kolon uden [ ] og bindestreger"}},
		},
		{
			name: "a map where a string is expected",
			path: "kontakt.md",
			src:  "---\ntitle:\n  da: Kontakt\n---\n",
			want: []diag.Finding{{Line: 2, Code: "field-type", Msg: `feltet "title" skal være en tekst`, Hint: "sæt teksten i anførselstegn"}},
		},
		{
			name: "a string where a list is expected",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\ntags: bolig\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "tags" skal være en liste`,
				Hint: "skriv værdierne i firkantede parenteser, fx [bolig]"}},
		},
		{
			name: "a list of lists",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\ntags: [[a]]\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "tags" skal være en liste af ord eller tekster`,
				Hint: "fx tags: [bolig, hjemløs]"}},
		},
		{
			name: "weight: tre",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\nweight: tre\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "weight" skal være et helt tal`, Hint: "fx weight: 3"}},
		},
		{
			name: "draft: måske",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\ndraft: måske\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "draft" skal være true eller false`}},
		},
		{
			name: "Danish date",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\ndate: 23-11-2026\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "date" har datoen "23-11-2026" i dansk form`,
				Hint: "skriv den som 2026-11-23 (år-måned-dag)"}},
		},
		{
			name: "short Danish date with dots",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\ndate: 1.2.2026\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "date" har datoen "1.2.2026" i dansk form`,
				Hint: "skriv den som 2026-02-01 (år-måned-dag)"}},
		},
		{
			name: "no date at all",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\ndate: i morgen\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-type", Msg: `feltet "date" har en ugyldig dato "i morgen"`,
				Hint: "skriv datoen som år-måned-dag, fx 2026-11-23"}},
		},
		{
			name: "enum violation with a suggestion",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\naudience: publik\n---\n",
			want: []diag.Finding{{Line: 3, Code: "field-enum", Msg: `feltet "audience" kan ikke være "publik"`, Hint: `mente du "public"?`}},
		},
		{
			name: "enum violation without a suggestion",
			path: "enheder/myndighed/visitation.md",
			src:  "---\ntitle: Visitation\nsummary: Kort\nunit: myndighed\naccess: telefon\n---\n",
			want: []diag.Finding{{Line: 5, Code: "field-enum", Msg: `feltet "access" kan ikke være "telefon"`, Hint: "brug en af: direct, visitation"}},
		},
		{
			name: "invalid UTF-8 on line 3",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\nsummary: R\xf8dovre\n---\n",
			want: []diag.Finding{{Line: 3, Code: "utf8", Msg: "teksten er ikke gemt som UTF-8 (æ, ø og å kan se forkerte ud)", Hint: "gem filen med tegnsættet UTF-8"}},
		},
		{
			name: "invalid UTF-8 in the body",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\n---\n\nGod tekst\nD\xe5rlig tekst\n",
			want: []diag.Finding{{Line: 6, Code: "utf8", Msg: "teksten er ikke gemt som UTF-8 (æ, ø og å kan se forkerte ud)", Hint: "gem filen med tegnsættet UTF-8"}},
		},
		{
			name: "NUL byte",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\n---\nTekst\n\x00\n",
			want: []diag.Finding{{Line: 5, Code: "nul-byte", Msg: "filen indeholder et NUL-tegn; den er måske ikke en tekstfil – gem den igen som UTF-8-tekst"}},
		},
		{
			name: "no front matter",
			path: "kontakt.md",
			src:  "## Kontakt\n\nRing til os.\n",
			want: []diag.Finding{{Line: 1, Code: "front-matter", Msg: "siden har ingen felter (front matter)",
				Hint: `start filen med tre linjer: ---, title: "Sidens titel" og ---`}},
		},
		{
			name: "front matter not closed",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\n\nRing til os.\n",
			want: []diag.Finding{{Line: 1, Code: "front-matter", Msg: "forsiden (front matter) er ikke lukket: der mangler en linje med --- efter felterne"}},
		},
		{
			name: "YAML error",
			path: "kontakt.md",
			src:  "---\ntitle: Kontakt\nsummary: Tid: 10-12\n---\n",
			want: []diag.Finding{{Line: 3, Code: "yaml",
				Msg: `ugyldig YAML i felterne: et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: "Tid: 10-12" (mapping values are not allowed in this context)`}},
		},
		{
			name: "every problem of a file at once, in line order",
			path: value,
			src:  "---\ntitel: Respekt\nweight: tre\naudience: alle\n---\n",
			want: []diag.Finding{
				{Line: 2, Code: "unknown-key", Msg: `ukendt felt "titel"`, Hint: `mente du "title"?`},
				{Line: 2, Code: "missing-field", Msg: "feltet summary (Resumé) mangler; en side af typen value skal have det", Hint: "tilføj en linje summary: … mellem --- linjerne"},
				{Line: 2, Code: "missing-field", Msg: "feltet title (Titel) mangler; en side af typen value skal have det", Hint: "tilføj en linje title: … mellem --- linjerne"},
				{Line: 3, Code: "field-type", Msg: `feltet "weight" skal være et helt tal`, Hint: "fx weight: 3"},
				{Line: 4, Code: "field-enum", Msg: `feltet "audience" kan ikke være "alle"`, Hint: "brug en af: public, internal"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, got := parse(t, tt.path, tt.src)
			if s != nil {
				t.Errorf("Parse returned a source for a file with errors")
			}
			for i := range tt.want {
				tt.want[i].File = "content/" + tt.path
				tt.want[i].Severity = diag.Error
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings =\n%s\nwant\n%s", dump(got), dump(tt.want))
			}
		})
	}
}

func dump(fs []diag.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Pos() + " [" + f.Code + "] " + f.Msg + " | " + f.Hint + "\n")
	}
	return b.String()
}

func TestParseDuplicateKey(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []diag.Finding
	}{
		{
			name: "repeated title",
			src:  "---\ntitle: Kontakt\nweight: 1\ntitle: Kontakt os\n---\n",
			want: []diag.Finding{{File: "content/kontakt.md", Line: 4, Severity: diag.Error, Code: "duplicate-key", Msg: `feltet "title" står der to gange; slet det ene`}},
		},
		{
			name: "repeated twice, with another error",
			src:  "---\ntags: [a]\ntitle: Kontakt\ntags: [b]\nweight: tre\ntags: [c]\n---\n",
			want: []diag.Finding{
				{File: "content/kontakt.md", Line: 4, Severity: diag.Error, Code: "duplicate-key", Msg: `feltet "tags" står der to gange; slet det ene`},
				{File: "content/kontakt.md", Line: 5, Severity: diag.Error, Code: "field-type", Msg: `feltet "weight" skal være et helt tal`, Hint: "fx weight: 3"},
				{File: "content/kontakt.md", Line: 6, Severity: diag.Error, Code: "duplicate-key", Msg: `feltet "tags" står der to gange; slet det ene`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := parse(t, "kontakt.md", tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings =\n%s\nwant\n%s", dump(got), dump(tt.want))
			}
		})
	}
}

// Like every other error, a duplicate key keeps the file out of the tree.
func TestParseDuplicateKeyReturnsNil(t *testing.T) {
	s, fs := parse(t, "kontakt.md", "---\ntitle: Kontakt\nweight: 1\ntitle: Kontakt os\n---\n")
	if len(fs) != 1 || fs[0].Code != "duplicate-key" {
		t.Fatalf("findings = %s", dump(fs))
	}
	if s != nil {
		t.Errorf("Parse returned a source (title %q) for a file with a duplicate-key error", s.String("title"))
	}
}

// A required field that is there but empty is as good as missing.
func TestParseRequiredFieldEmpty(t *testing.T) {
	for _, src := range []string{"---\ntitle: \"\"\n---\n", "---\ntitle:\n---\n"} {
		s, fs := parse(t, "kontakt.md", src)
		if s != nil || len(fs) != 1 || fs[0].Code != "missing-field" || fs[0].Line != 2 {
			t.Errorf("Parse(%q) = %v, findings %s; want one missing-field error at line 2", src, s, dump(fs))
		}
	}
}

func TestLoad(t *testing.T) {
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: Kort\n---\nTekst\n")}
	}
	fsys := fstest.MapFS{
		"_index.md":                      page("Forside"),
		"kontakt.md":                     page("Kontakt"),
		"hjertesager/_index.md":          page("Hjertesager"),
		"hjertesager/respekt.md":         page("Respekt"),
		"hjertesager/Ærlighed.md":        page("Ærlighed"),
		"hjertesager/.#respekt.md":       {Data: []byte("lås")},
		"hjertesager/respekt.md~":        {Data: []byte("backup")},
		"hjertesager/#respekt.md#":       {Data: []byte("autosave")},
		".git/config":                    {Data: []byte("[core]")},
		".DS_Store":                      {Data: []byte{0}},
		"synonymer.txt":                  {Data: []byte("bolig, hjem\n")},
		"menu.yaml":                      {Data: []byte("a: b\n")},
		"hjertesager/billeder/kort.png":  {Data: []byte("\x89PNG")},
		"hjertesager/noter.txt":          {Data: []byte("ikke data: ikke øverst")},
		"plan.pdf":                       {Data: []byte("%PDF")},
		"enheder/myndighed/_index.md":    page("Myndighed"),
		"enheder/myndighed/VISITION.MD":  {Data: []byte("---\ntitle: Visitation\nsummary: Kort\nunit: myndighed\n---\n")},
		"enheder/myndighed/.skjult/x.md": {Data: []byte("ikke læst")},
	}
	tree, l := Load(fsys, "content", testConfig(t))
	if tree == nil {
		t.Fatal("Load returned no tree")
	}
	if fs := l.Items(); len(fs) != 0 {
		t.Fatalf("findings:\n%s", dump(fs))
	}
	var paths []string
	for _, s := range tree.Sources {
		paths = append(paths, s.Path)
		if s.File != "content/"+s.Path {
			t.Errorf("File = %q for %q", s.File, s.Path)
		}
	}
	wantPaths := []string{"_index.md", "enheder/myndighed/VISITION.MD", "enheder/myndighed/_index.md", "hjertesager/_index.md",
		"hjertesager/respekt.md", "hjertesager/Ærlighed.md", "kontakt.md"}
	if !reflect.DeepEqual(paths, wantPaths) {
		t.Errorf("Sources = %q\nwant %q", paths, wantPaths)
	}
	if k := tree.Sources[1].Kind; k == nil || k.Name != "offer" {
		t.Errorf("kind of %s = %v, want offer", tree.Sources[1].Path, k)
	}
	if want := []string{"hjertesager/billeder/kort.png", "hjertesager/noter.txt", "plan.pdf"}; !reflect.DeepEqual(tree.Static, want) {
		t.Errorf("Static = %q, want %q", tree.Static, want)
	}
	if len(tree.Data) != 2 || string(tree.Data["synonymer.txt"]) != "bolig, hjem\n" || string(tree.Data["menu.yaml"]) != "a: b\n" {
		t.Errorf("Data = %q", tree.Data)
	}
}

func TestLoadReportsEveryFile(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":              {Data: []byte("---\ntitle: Forside\n---\n")},
		"kontakt.md":             {Data: []byte("---\ntitle: Kontakt\nweight: tre\n---\n")},
		"hjertesager/respekt.md": {Data: []byte("---\ntitel: Respekt\nsummary: Kort\n---\n")},
		"om.md":                  {Data: []byte("Ingen felter\n")},
		"stor.md":                {Data: make([]byte, MaxFileSize+1)},
	}
	tree, l := Load(fsys, "content", testConfig(t))
	if tree == nil {
		t.Fatal("Load returned no tree")
	}
	var got []string
	for _, f := range l.Items() {
		got = append(got, f.Pos()+" "+f.Code)
	}
	want := []string{
		"content/hjertesager/respekt.md:2 unknown-key",
		"content/hjertesager/respekt.md:2 missing-field",
		"content/kontakt.md:3 field-type",
		"content/om.md:1 front-matter",
		"content/stor.md too-large",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if errs, _ := l.Count(); errs != len(want) {
		t.Errorf("%d errors, want %d", errs, len(want))
	}
	if len(tree.Sources) != 1 || tree.Sources[0].Path != "_index.md" {
		t.Errorf("Sources = %v, want only the good _index.md", tree.Sources)
	}
	err := l.Err()
	if err == nil || len(diag.Findings(err)) != len(want) {
		t.Errorf("Err() = %v", err)
	}
	for _, f := range l.Items() {
		if f.Code == "too-large" && f.Msg != "filen er for stor (513 KB); en side må højst fylde 512 KB – del den op i flere sider" {
			t.Errorf("too-large message = %q", f.Msg)
		}
	}
}

// TestReaderHooks: Reading brackets the reads, and SlowDisk is asked once,
// when reads wait on the disk; the readers it asks for read too, and its
// done runs after the last read.
func TestReaderHooks(t *testing.T) {
	cfg := testConfig(t)
	fsys := fstest.MapFS{}
	for i := range 4 * slowReads {
		fsys[fmt.Sprintf("side-%03d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: Side\n---\nTekst.\n")}
	}
	var reading, readingDone, asked, slowDone int
	r := Reader{
		Reading:  func() func() { reading++; return func() { readingDone++ } },
		SlowDisk: func() (int, func()) { asked++; return 3, func() { slowDone++ } },
	}
	slow := slowFS{FS: fsys, now: new(atomic.Int32), most: new(atomic.Int32), procs: new(atomic.Int32)}
	tree, l := r.Load(slow, "content", cfg)
	if errs, _ := l.Count(); errs > 0 || len(tree.Sources) != len(fsys) {
		t.Fatalf("%d sources of %d, findings %v", len(tree.Sources), len(fsys), l.Items())
	}
	if reading != 1 || readingDone != 1 || asked != 1 || slowDone != 1 {
		t.Errorf("Reading %d, its done %d, SlowDisk %d, its done %d; want 1 each", reading, readingDone, asked, slowDone)
	}
	asked = 0
	if _, l := r.Load(fsys, "content", cfg); l.Err() != nil || asked != 0 {
		t.Errorf("SlowDisk asked %d times for reads that do not wait (err %v)", asked, l.Err())
	}
}
