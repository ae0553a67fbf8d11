package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// problems collects a config's findings, each at the line of a key path.
type problems struct {
	pos positions
	l   diag.List
}

// bad reports a problem at path's place; hint may be empty.
func (p *problems) bad(path, hint, format string, args ...any) {
	p.add(p.pos.at(path), hint, format, args...)
}

// badKey reports a problem with the name of path's key, at the key.
func (p *problems) badKey(path, hint, format string, args ...any) {
	p.add(p.pos.keyAt(path), hint, format, args...)
}

func (p *problems) add(at loc, hint, format string, args ...any) {
	p.l.Add(diag.Finding{File: FileName, Line: at.line, Col: at.col, Severity: diag.Error, Code: "config",
		Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Finding returns a problem with the config found by a later stage (a
// folder or section site.yaml names that is not there), at the line of
// the key path (e.g. "kinds.offer.section"), so it is reported once,
// against site.yaml, and not against every page it touches.
func (c *Config) Finding(sev diag.Severity, path, hint, format string, args ...any) diag.Finding {
	at := c.pos.at(path)
	return diag.Finding{File: FileName, Line: at.line, Col: at.col, Severity: sev, Code: "config",
		Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// suggest is a "mente du …?" hint for word among known, else a list of
// what may be written.
func suggest(word string, known []string) string {
	if s := diag.Suggest(word, known); s != "" {
		return fmt.Sprintf("mente du %q?", s)
	}
	if len(known) == 0 {
		return ""
	}
	return "brug en af: " + strings.Join(known, ", ")
}

var fieldTypes = []string{"bool", "date", "int", "list", "string"}

func (c *Config) check() error {
	p := &problems{pos: c.pos}
	if c.Title == "" {
		p.bad("title", "skriv fx title: Sitets navn øverst i site.yaml", "opsætningen mangler title")
	}
	c.defaults()
	c.checkTargets(p)
	c.checkTaxonomies(p)
	c.checkFields(p, "fields", c.Fields)
	for i, w := range c.Wanted {
		if c.Fields[w] == nil {
			p.bad(fmt.Sprintf("wanted[%d]", i), suggest(w, sortedNames(c.Fields)), "wanted: feltet %q er ikke erklæret under fields", w)
		}
	}
	if c.Fields["title"] == nil {
		p.bad("fields", "skriv title: {type: string, required: true} under fields", "fields skal have title")
	}
	c.checkKinds(p)
	c.checkSearch(p)
	c.checkTheme(p)
	c.required = map[*Kind][]string{nil: c.requiredFields(nil)}
	for _, k := range c.Kinds {
		if k != nil {
			c.required[k] = c.requiredFields(k)
		}
	}
	c.Static.check(func(i int, format string, args ...any) {
		p.bad(fmt.Sprintf("static.allow[%d]", i), "se listen over filtyper i docs/konfiguration.md under static", format, args...)
	})
	return p.l.Err()
}

// defaults fills in what site.yaml may leave out.
func (c *Config) defaults() {
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
	if c.Plain.LixTarget == 0 {
		c.Plain.LixTarget = 35
	}
	if c.Plain.SentenceWords == 0 {
		c.Plain.SentenceWords = 25
	}
	if c.Plain.ParagraphWords == 0 {
		c.Plain.ParagraphWords = 120
	}
}

// audiences returns the audiences a page may have, when the audience
// field lists them (enum), else nil: any.
func (c *Config) audiences() []string {
	if f := c.Fields["audience"]; f != nil && len(f.Enum) > 0 {
		return f.Enum
	}
	return nil
}

func (c *Config) checkTargets(p *problems) {
	for _, n := range sortedNames(c.Targets) {
		t := c.Targets[n]
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
		at := "targets." + n
		if len(t.Audiences) == 0 {
			p.bad(at, "skriv fx audiences: [public]", "målet %q har ingen audiences", n)
		}
		if known := c.audiences(); known != nil {
			for i, a := range t.Audiences {
				if !slices.Contains(known, a) {
					p.bad(fmt.Sprintf("%s.audiences[%d]", at, i), suggest(a, known),
						"målet %q nævner målgruppen %q, som feltet audience ikke tillader", n, a)
				}
			}
		}
	}
}

func (c *Config) checkFields(p *problems, where string, fs map[string]*Field) {
	taxes := sortedNames(c.Taxonomies)
	for _, n := range sortedNames(fs) {
		f, at := fs[n], where+"."+n
		if f == nil {
			p.bad(at, "skriv fx "+n+": {type: string}", "%s: feltet %q mangler type", where, n)
			continue
		}
		if !slices.Contains(fieldTypes, f.Type) {
			hint := "brug string, int, bool, date eller list"
			if s := diag.Suggest(f.Type, fieldTypes); s != "" && f.Type != "" {
				hint = fmt.Sprintf("mente du %q?", s)
			}
			p.bad(at+".type", hint, "%s: feltet %q har ukendt type %q", where, n, f.Type)
		}
		if f.Taxonomy == "" {
			continue
		}
		if c.Taxonomies[f.Taxonomy] == nil {
			p.bad(at+".taxonomy", suggest(f.Taxonomy, taxes), "%s: feltet %q henviser til en ukendt taksonomi %q", where, n, f.Taxonomy)
		} else if f.Type != "string" && f.Type != "list" {
			p.bad(at+".type", "brug type: list (flere termer) eller string (én)", "%s: feltet %q har en taksonomi, men typen %q", where, n, f.Type)
		}
	}
}

func (c *Config) checkKinds(p *problems) {
	taxes := sortedNames(c.Taxonomies)
	for _, n := range sortedNames(c.Kinds) {
		k, at := c.Kinds[n], "kinds."+n
		if k == nil {
			p.bad(at, "skriv mindst section: MAPPE", "kinds: %q er tom", n)
			continue
		}
		k.Name = n
		if k.Section == "" {
			p.bad(at, "skriv section: MAPPE (en mappe lige under content/)", "kinds: %q mangler section", n)
		} else if strings.ContainsAny(k.Section, "/\\") {
			p.bad(at+".section", "skriv kun mappens navn; brug depth for sider længere nede", "kinds.%s: section %q skal være én mappe lige under content/", n, k.Section)
		}
		if k.Depth < 0 {
			p.bad(at+".depth", "brug 0 (alle sider under mappen), 1 eller 2", "kinds.%s: depth kan ikke være negativ", n)
		}
		if known := c.audiences(); known != nil && k.Audience != "" && !slices.Contains(known, k.Audience) {
			p.bad(at+".audience", suggest(k.Audience, known), "kinds.%s: målgruppen %q tillades ikke af feltet audience", n, k.Audience)
		}
		c.checkFields(p, at+".fields", k.Fields)
		for i, f := range k.Filters {
			if c.Taxonomies[f] == nil {
				p.bad(fmt.Sprintf("%s.filters[%d]", at, i), suggest(f, taxes), "kinds.%s: filters nævner en ukendt taksonomi %q", n, f)
			}
		}
		names := c.FieldNames(k)
		for i, r := range k.Required {
			if c.FieldFor(k, r) == nil {
				p.bad(fmt.Sprintf("%s.required[%d]", at, i), suggest(r, names), "kinds.%s: det krævede felt %q er ikke erklæret", n, r)
			}
		}
		for i, w := range k.Wanted {
			if c.FieldFor(k, w) == nil {
				p.bad(fmt.Sprintf("%s.wanted[%d]", at, i), suggest(w, names), "kinds.%s: det ønskede felt %q (wanted) er ikke erklæret", n, w)
			}
		}
	}
}

func (c *Config) checkTaxonomies(p *problems) {
	for _, n := range sortedNames(c.Taxonomies) {
		t := c.Taxonomies[n]
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
			p.bad("taxonomies."+n, "pages: MAPPE tager termerne fra en sektions sider, terms: lister dem, free: true tillader alle",
				"taxonomies.%s: angiv præcis én af pages, terms eller free", n)
		}
	}
}

// checkSearch checks search.weights (each name a part or a declared text
// field, each weight 0 or more) and search.boost (kinds, above 0).
func (c *Config) checkSearch(p *problems) {
	var fields []string
	var kinds []*Kind // not SortedKinds: a kind may still be nil here
	for _, n := range sortedNames(c.Kinds) {
		if k := c.Kinds[n]; k != nil {
			kinds = append(kinds, k)
			fields = append(fields, sortedNames(k.Fields)...)
		}
	}
	fields = append(fields, sortedNames(c.Fields)...)
	for _, n := range sortedNames(c.Search.Boost) {
		at := "search.boost." + n
		if c.Kinds[n] == nil {
			p.badKey(at, suggest(n, sortedNames(c.Kinds)), "search.boost: %q er ikke en slags side under kinds", n)
		}
		if w := c.Search.Boost[n]; w <= 0 {
			p.bad(at, "skriv fx 1.2 for lidt før, 0.8 for lidt efter; slet linjen for 1", "search.boost: %q har %v; brug et tal over 0 (1 er uændret)", n, w)
		}
	}
	for _, n := range sortedNames(c.Search.Weights) {
		w, at := c.Search.Weights[n], "search.weights."+n
		if w < 0 {
			p.bad(at, "0 tager delen ud af søgningen; slet linjen for standardvægten", "search.weights: %q har vægten %v; en vægt skal være 0 eller mere", n, w)
		}
		if slices.Contains(SearchParts, n) {
			continue
		}
		f := c.Fields[n]
		for _, k := range kinds {
			if f == nil {
				f = k.Fields[n]
			}
		}
		switch {
		case f == nil:
			p.badKey(at, suggest(n, append(slices.Clone(SearchParts), fields...)),
				"search.weights: %q er hverken en del af siden (%s) eller et felt under fields eller kinds", n, strings.Join(SearchParts, ", "))
		case f.Type != "string" && f.Type != "list" || f.Taxonomy != "":
			p.badKey(at, "sidens termer vægtes samlet med terms", "search.weights: feltet %q er ikke tekst (type string eller list uden taksonomi)", n)
		}
	}
}
