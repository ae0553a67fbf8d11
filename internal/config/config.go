package config

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v2"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// FileName is the config file's name at the site root.
const FileName = "site.yaml"

// Config is the whole site config.
type Config struct {
	Title      string                 `yaml:"title"`
	Owner      string                 `yaml:"owner"`
	Language   string                 `yaml:"language"`
	Layouts    string                 `yaml:"layouts"`
	Assets     string                 `yaml:"assets"`
	Content    string                 `yaml:"content"`
	Targets    map[string]*Target     `yaml:"targets"`
	Fields     map[string]*Field      `yaml:"fields"`
	Kinds      map[string]*Kind       `yaml:"kinds"`
	Taxonomies map[string]*Taxonomy   `yaml:"taxonomies"`
	Plain      Plain                  `yaml:"language_rules"`
	Images     Images                 `yaml:"images"`
	Params     map[string]string      `yaml:"params"` // free values for the layouts (address, phone, …)
	Theme      Theme                  `yaml:"theme"`  // what the layouts show of the site's own (theme.go)
	Static     Static                 `yaml:"static"` // which other files of content/ are published
	Wanted     []string               `yaml:"wanted"` // fields every public page should carry; labyrint check lists the pages without
	Search     Search                 `yaml:"search"`
	Extra      map[string]interface{} `yaml:",inline"`

	required map[*Kind][]string // RequiredFields by kind, made when the config is checked
}

// Target is one build of the content tree for one audience.
type Target struct {
	Name      string   `yaml:"-"`
	Out       string   `yaml:"out"`       // output folder, relative to the working directory
	Audiences []string `yaml:"audiences"` // audiences whose pages this target shows
	Label     string   `yaml:"label"`     // a visible mark on every page, e.g. "Intranet"
	Portable  bool     `yaml:"portable"`  // links end in index.html so the output opens from file://
	Base      string   `yaml:"base"`      // URL path the site is served under, for the 404 page; default "/"
	URL       string   `yaml:"url"`       // the site's public address (https://…/), for sitemap.xml, robots.txt, canonical and og:url; empty: paths only (a public target warns)
}

// Shows reports whether a page with the given audience belongs in t.
func (t *Target) Shows(audience string) bool {
	for _, a := range t.Audiences {
		if a == audience {
			return true
		}
	}
	return false
}

// Field declares one front matter key.
type Field struct {
	Type     string   `yaml:"type"`     // string, int, bool, date or list
	Required bool     `yaml:"required"` // the page must carry it
	Enum     []string `yaml:"enum"`     // allowed values, if set
	Taxonomy string   `yaml:"taxonomy"` // values must be terms of this taxonomy
	Label    string   `yaml:"label"`    // the editor's name for it, in the site's language
}

// Kind is a kind of page: the pages of one section (at one depth below it).
type Kind struct {
	Name     string            `yaml:"-"`
	Section  string            `yaml:"section"`  // top-level folder under content/
	Depth    int               `yaml:"depth"`    // 0: any page below Section; 1: its folders' _index.md; 2: pages in those folders
	Layout   string            `yaml:"layout"`   // layout file (without .html) for its pages
	Audience string            `yaml:"audience"` // default audience for the section
	Required []string          `yaml:"required"` // fields its pages must carry
	Fields   map[string]*Field `yaml:"fields"`   // fields only this kind may carry
	Filters  []string          `yaml:"filters"`  // taxonomies whose terms get a filtered list of this kind in its section
	Wanted   []string          `yaml:"wanted"`   // fields its public pages should carry; labyrint check lists what is missing
}

// Taxonomy is a vocabulary pages refer to by term slug.
type Taxonomy struct {
	Name  string        `yaml:"-"`
	Title string        `yaml:"title"` // shown as the heading of its lists
	Pages string        `yaml:"pages"` // the terms are the pages of this section
	Terms yaml.MapSlice `yaml:"terms"` // or: the terms, slug: name, in order
	Free  bool          `yaml:"free"`  // or: any term is allowed
	Slug  string        `yaml:"slug"`  // URL segment of its filter pages; default the name
}

// TermList returns the listed terms in order (empty for page-based and free taxonomies).
func (t *Taxonomy) TermList() []Term {
	out := make([]Term, 0, len(t.Terms))
	for _, it := range t.Terms {
		out = append(out, Term{Slug: fmt.Sprint(it.Key), Name: fmt.Sprint(it.Value)})
	}
	return out
}

// Term is one entry of a taxonomy.
type Term struct {
	Slug string
	Name string
}

// Plain holds the plain-language thresholds.
type Plain struct {
	LixTarget      float64 `yaml:"lix_target"`      // warn above this LIX (default 35)
	LixError       float64 `yaml:"lix_error"`       // error above this LIX (0: never)
	SentenceWords  int     `yaml:"sentence_words"`  // warn for longer sentences (default 25)
	ParagraphWords int     `yaml:"paragraph_words"` // warn for longer paragraphs (default 120)
}

// Search says how much each part of a page counts in the site search.
type Search struct {
	// Weights by part (BM25F field weights): title, summary, headings,
	// terms (the page's taxonomy terms) and body are parts of every page;
	// any other name is a front matter field of type string or list,
	// indexed as a part of its own and not as body text. A part not named
	// keeps the search's default weight; 0 leaves it out of the index.
	Weights map[string]float64 `yaml:"weights"`
	// Boost by kind of page: a page of the kind scores that many times
	// as much (e.g. unit: 1.2, so a unit's page comes before its offers
	// when both name the unit alike). Default 1.
	Boost map[string]float64 `yaml:"boost"`
}

// SearchParts are the parts of every page that search.weights may name.
var SearchParts = []string{"title", "summary", "headings", "terms", "body"}

// SearchFields returns the front matter fields that search.weights gives a
// weight above 0, sorted.
func (c *Config) SearchFields() []string {
	var out []string
	for n, w := range c.Search.Weights {
		if w > 0 && !slices.Contains(SearchParts, n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// checkSearch checks search.weights (each name a part or a declared text
// field, each weight 0 or more) and search.boost (kinds, above 0).
func (c *Config) checkSearch(bad func(format string, args ...any)) {
	for _, n := range sortedNames(c.Search.Boost) {
		if c.Kinds[n] == nil {
			bad("search.boost: %q er ikke en slags side under kinds", n)
		}
		if w := c.Search.Boost[n]; w <= 0 {
			bad("search.boost: %q har %v; brug et tal over 0 (1 er uændret)", n, w)
		}
	}
	for _, n := range sortedNames(c.Search.Weights) {
		w := c.Search.Weights[n]
		if w < 0 {
			bad("search.weights: %q har vægten %v; en vægt skal være 0 eller mere", n, w)
		}
		if slices.Contains(SearchParts, n) {
			continue
		}
		f := c.Fields[n]
		for _, k := range c.SortedKinds() {
			if f == nil && k != nil {
				f = k.Fields[n]
			}
		}
		switch {
		case f == nil:
			bad("search.weights: %q er hverken en del af siden (%s) eller et felt under fields eller kinds", n, strings.Join(SearchParts, ", "))
		case f.Type != "string" && f.Type != "list" || f.Taxonomy != "":
			bad("search.weights: feltet %q er ikke tekst (type string eller list uden taksonomi)", n)
		}
	}
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Images says how photos referenced from Markdown are published.
type Images struct {
	Widths []int `yaml:"widths"` // widths of the copies made (default 480, 960, 1600)
	MaxKB  int   `yaml:"max_kb"` // warn for originals larger than this (default 2000)
}

// SortedTargets returns the targets in name order.
func (c *Config) SortedTargets() []*Target {
	var out []*Target
	for _, t := range c.Targets {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FieldFor returns the declaration of key for pages of kind k (nil k: common fields only).
func (c *Config) FieldFor(k *Kind, key string) *Field {
	if k != nil {
		if f, ok := k.Fields[key]; ok {
			return f
		}
	}
	return c.Fields[key]
}

// WantedFields lists the fields a public page of kind k (nil for a plain
// page) should carry: the site's wanted fields, then the kind's.
func (c *Config) WantedFields(k *Kind) []string {
	out := slices.Clone(c.Wanted)
	if k != nil {
		out = append(out, k.Wanted...)
	}
	return out
}

// RequiredFields lists the fields a page of kind k (nil for a plain page)
// must carry, sorted, each once. The list is shared: do not change it.
func (c *Config) RequiredFields(k *Kind) []string {
	if r, ok := c.required[k]; ok {
		return r
	}
	return c.requiredFields(k)
}

func (c *Config) requiredFields(k *Kind) []string {
	var out []string
	for n, f := range c.Fields {
		if f != nil && f.Required { // nil: reported by check
			out = append(out, n)
		}
	}
	if k != nil {
		out = append(out, k.Required...)
		for n, f := range k.Fields {
			if f != nil && f.Required {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// FieldNames lists every key a page of kind k may carry, sorted.
func (c *Config) FieldNames(k *Kind) []string {
	var out []string
	for n := range c.Fields {
		out = append(out, n)
	}
	if k != nil {
		for n := range k.Fields {
			if _, dup := c.Fields[n]; !dup {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

var lineRE = regexp.MustCompile(`line (\d+)`)

// Load reads FileName from fsys and checks it.
func Load(fsys fs.FS) (*Config, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		return nil, diag.Finding{File: FileName, Severity: diag.Error, Code: "config", Msg: "kan ikke læse sitets opsætning: " + err.Error()}
	}
	return Parse(data)
}

// Parse reads a config from bytes and checks it.
func Parse(data []byte) (*Config, error) {
	var c Config
	if err := yaml.UnmarshalStrict(data, &c); err != nil {
		line := 0
		if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		return nil, diag.Finding{File: FileName, Line: line, Severity: diag.Error, Code: "config", Msg: "ugyldig opsætning: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return &c, nil
}

var validTypes = map[string]bool{"string": true, "int": true, "bool": true, "date": true, "list": true}

func (c *Config) check() error {
	var l diag.List
	bad := func(format string, args ...any) { l.Errorf(FileName, 0, "config", format, args...) }
	for n := range c.Extra {
		bad("ukendt nøgle %q i opsætningen", n)
	}
	if c.Title == "" {
		bad("opsætningen mangler title")
	}
	if c.Language == "" {
		c.Language = "da"
	}
	if c.Layouts == "" {
		c.Layouts = "layouts"
	}
	if c.Assets == "" {
		c.Assets = "assets"
	}
	if c.Content == "" {
		c.Content = "content"
	}
	if len(c.Targets) == 0 {
		c.Targets = map[string]*Target{"public": {Out: "public", Audiences: []string{"public"}}}
	}
	for n, t := range c.Targets {
		if t == nil {
			t = &Target{}
			c.Targets[n] = t
		}
		t.Name = n
		if t.Out == "" {
			t.Out = "public-" + n
		}
		if t.Base == "" {
			t.Base = "/"
		}
		if !strings.HasSuffix(t.Base, "/") {
			t.Base += "/"
		}
		if len(t.Audiences) == 0 {
			bad("målet %q har ingen audiences", n)
		}
	}
	checkFields := func(where string, fs map[string]*Field) {
		for n, f := range fs {
			if f == nil {
				bad("%s: feltet %q mangler type", where, n)
				continue
			}
			if !validTypes[f.Type] {
				bad("%s: feltet %q har ukendt type %q (brug string, int, bool, date eller list)", where, n, f.Type)
			}
			if f.Taxonomy != "" && c.Taxonomies[f.Taxonomy] == nil {
				bad("%s: feltet %q henviser til en ukendt taksonomi %q", where, n, f.Taxonomy)
			}
		}
	}
	checkFields("fields", c.Fields)
	for _, w := range c.Wanted {
		if c.Fields[w] == nil {
			bad("wanted: feltet %q er ikke erklæret under fields", w)
		}
	}
	if c.Fields["title"] == nil {
		bad("fields skal have title")
	}
	for n, k := range c.Kinds {
		if k == nil {
			bad("kinds: %q er tom", n)
			continue
		}
		k.Name = n
		if k.Section == "" {
			bad("kinds: %q mangler section", n)
		}
		checkFields("kinds."+n, k.Fields)
		for _, f := range k.Filters {
			if c.Taxonomies[f] == nil {
				bad("kinds.%s: filters nævner en ukendt taksonomi %q", n, f)
			}
		}
		for _, r := range k.Required {
			if c.FieldFor(k, r) == nil {
				bad("kinds.%s: det krævede felt %q er ikke erklæret", n, r)
			}
		}
		for _, w := range k.Wanted {
			if c.FieldFor(k, w) == nil {
				bad("kinds.%s: det ønskede felt %q (wanted) er ikke erklæret", n, w)
			}
		}
	}
	for n, t := range c.Taxonomies {
		if t == nil {
			t = &Taxonomy{}
			c.Taxonomies[n] = t
		}
		t.Name = n
		if t.Title == "" {
			t.Title = n
		}
		if t.Slug == "" {
			t.Slug = n
		}
		ways := 0
		if t.Pages != "" {
			ways++
		}
		if len(t.Terms) > 0 {
			ways++
		}
		if t.Free {
			ways++
		}
		if ways != 1 {
			bad("taxonomies.%s: angiv præcis én af pages, terms eller free", n)
		}
	}
	c.checkTheme(bad)
	c.checkSearch(bad)
	c.required = map[*Kind][]string{nil: c.requiredFields(nil)}
	for _, k := range c.Kinds {
		if k != nil {
			c.required[k] = c.requiredFields(k)
		}
	}
	c.Static.check(bad)
	if c.Plain.LixTarget == 0 {
		c.Plain.LixTarget = 35
	}
	if c.Plain.SentenceWords == 0 {
		c.Plain.SentenceWords = 25
	}
	if c.Plain.ParagraphWords == 0 {
		c.Plain.ParagraphWords = 120
	}
	return l.Err()
}

// KindFor returns the kind of the page at content path p (slash separated,
// e.g. "enheder/myndighed/visitation.md"), or nil. A page's level is how far
// below its section it is: "hjertesager/respekt.md" and
// "enheder/myndighed/_index.md" are at level 1, "enheder/myndighed/visitation.md"
// at level 2. A kind of depth 0 takes every page (not folder) below its section.
func (c *Config) KindFor(p string) *Kind {
	parts := strings.Split(p, "/")
	isIndex := parts[len(parts)-1] == "_index.md"
	level := len(parts) - 1
	if isIndex {
		level--
	}
	if level < 1 {
		return nil
	}
	var found *Kind
	for _, k := range c.Kinds {
		if k.Section != parts[0] {
			continue
		}
		if (k.Depth == 0 && !isIndex) || k.Depth == level {
			if found == nil || k.Name < found.Name {
				found = k
			}
		}
	}
	return found
}

// SortedKinds returns the kinds in name order.
func (c *Config) SortedKinds() []*Kind {
	out := make([]*Kind, 0, len(c.Kinds))
	for _, k := range c.Kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
