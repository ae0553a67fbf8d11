package config

import (
	"slices"
	"sort"
	"strings"
)

// FileName is the config file's name at the site root.
const FileName = "site.yaml"

// Config is the whole site config.
type Config struct {
	Title      string               `yaml:"title"`
	Owner      string               `yaml:"owner"`
	Language   string               `yaml:"language"`
	Layouts    string               `yaml:"layouts"`
	Assets     string               `yaml:"assets"`
	Content    string               `yaml:"content"`
	Targets    map[string]*Target   `yaml:"targets"`
	Fields     map[string]*Field    `yaml:"fields"`
	Kinds      map[string]*Kind     `yaml:"kinds"`
	Taxonomies map[string]*Taxonomy `yaml:"taxonomies"`
	Plain      Plain                `yaml:"language_rules"`
	Images     Images               `yaml:"images"`
	Params     map[string]string    `yaml:"params"` // free values for the layouts (address, phone, …)
	Static     Static               `yaml:"static"` // which other files of content/ are published
	Wanted     []string             `yaml:"wanted"` // fields every public page should carry; labyrint check lists the pages without
	Search     Search               `yaml:"search"`
	Theme      Theme                `yaml:"theme"` // what the layouts show of the site's own (theme.go)

	required map[*Kind][]string // RequiredFields by kind, made when the config is checked
	pos      positions          // line of every key in site.yaml
}

// Target is one build of the content tree for one audience.
type Target struct {
	Name      string   `yaml:"-"`
	Out       string   `yaml:"out"`        // output folder, relative to the working directory
	Audiences []string `yaml:"audiences"`  // audiences whose pages this target shows
	Label     string   `yaml:"label"`      // a visible mark on every page, e.g. "Intranet"
	Portable  bool     `yaml:"portable"`   // links end in index.html so the output opens from file://
	Base      string   `yaml:"base"`       // URL path the site is served under, for the 404 page; default "/"
	URL       string   `yaml:"url"`        // the site's public address (https://…/), for sitemap.xml, robots.txt, canonical and og:url; empty: paths only (a public target warns)
	GzipPages bool     `yaml:"gzip_pages"` // a .gz beside every page too, for a server that sends only prebuilt .gz files
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
	Name  string `yaml:"-"`
	Title string `yaml:"title"` // shown as the heading of its lists
	Pages string `yaml:"pages"` // the terms are the pages of this section
	Terms Terms  `yaml:"terms"` // or: the terms, slug: name, in order
	Free  bool   `yaml:"free"`  // or: any term is allowed
	Slug  string `yaml:"slug"`  // URL segment of its filter pages; default the name
}

// TermList returns the listed terms in order (empty for page-based and free taxonomies).
func (t *Taxonomy) TermList() []Term {
	return slices.Clone([]Term(t.Terms))
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
