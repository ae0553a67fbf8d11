package glossary

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// maxExplanationWords is how long an explanation may be before the
// glossary warns: one or two short sentences.
const maxExplanationWords = 40

// Problem is something wrong in the glossary file, at a line.
type Problem struct {
	Line  int
	Code  string
	Error bool // the glossary cannot be used as it is
	Msg   string
}

// rawEntry is one entry as the file writes it, at the line of its item.
type rawEntry struct {
	term, explanation, expansion string
	forms                        []string
	line                         int
}

// Parse reads the glossary file: a YAML list of entries, each with term
// and explanation and optionally expansion and forms:
//
//	# content/ordliste.yaml
//	- term: STU
//	  expansion: særligt tilrettelagt ungdomsuddannelse
//	  explanation: En uddannelse for unge med særlige behov.
//	  forms: [STU'en]
//
// Every problem carries its line in the file and a Danish message; a
// problem with Error set makes the glossary unusable (the entries returned
// are the good ones). An empty file is an empty glossary.
func Parse(data []byte) (*Glossary, []Problem) {
	data = frontmatter.Normalize(data)
	raw, probs := readEntries(data)
	if len(probs) > 0 {
		return &Glossary{}, probs
	}
	g, probs := makeEntries(raw)
	g.build()
	return g, probs
}

// Only returns a glossary of the entries of g that keep keeps, in order.
// It finds each of them wherever g finds it, and also where an entry left
// out would have stood in its way (a longer term). The preview finds the
// pages an edit of the glossary reaches with it.
func (g *Glossary) Only(keep func(Entry) bool) *Glossary {
	o := &Glossary{}
	for _, e := range g.Entries {
		if keep(e) {
			o.Entries = append(o.Entries, e)
		}
	}
	o.build()
	return o
}

// readEntries reads the file's YAML into entries: all the problems with
// its shape at once (an unknown field, a list where text belongs), or the
// entries.
func readEntries(data []byte) ([]rawEntry, []Problem) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := frontmatter.Problem(data, err)
		return nil, []Problem{{Line: line, Code: "glossary-yaml", Error: true, Msg: "ugyldig YAML i ordlisten: " + msg}}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	root := deref(doc.Content[0])
	var probs []Problem
	bad := func(n *yaml.Node, msg string) {
		probs = append(probs, Problem{Line: n.Line, Code: "glossary-yaml", Error: true, Msg: msg})
	}
	switch {
	case isNull(root):
		return nil, nil
	case root.Kind != yaml.SequenceNode:
		bad(root, "ordlisten skal være en liste, hvor hvert ord starter med \"- term:\"")
		return nil, probs
	}
	raw := make([]rawEntry, 0, len(root.Content))
	for _, item := range root.Content {
		item = deref(item)
		r := rawEntry{line: item.Line}
		switch {
		case isNull(item):
		case item.Kind != yaml.MappingNode:
			bad(item, "et ord skal skrives med felter: \"- term: ordet\" og på næste linje \"  explanation: forklaringen\"")
		default:
			readFields(item, &r, bad)
		}
		raw = append(raw, r)
	}
	return raw, probs
}

// readFields reads the fields of one entry's mapping into r.
func readFields(item *yaml.Node, r *rawEntry, bad func(*yaml.Node, string)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := deref(item.Content[i]), deref(item.Content[i+1])
		if seen[k.Value] {
			bad(k, fmt.Sprintf("feltet %q står to gange i samme ord; slet det ene", k.Value))
			continue
		}
		seen[k.Value] = true
		var dst *string
		switch k.Value {
		case "term":
			dst = &r.term
		case "explanation":
			dst = &r.explanation
		case "expansion":
			dst = &r.expansion
		case "forms":
			r.forms = readForms(v, bad)
			continue
		default:
			bad(k, fmt.Sprintf("ukendt felt %q: et ord kan have term, explanation, expansion og forms", k.Value))
			continue
		}
		if s, ok := text(v); ok {
			*dst = s
		} else {
			bad(v, "værdien skal være tekst; sæt den i anførselstegn")
		}
	}
}

// readForms reads the forms of an entry: a list of texts.
func readForms(v *yaml.Node, bad func(*yaml.Node, string)) []string {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		bad(v, "forms skal være en liste, fx forms: [botilbuddet, botilbuddene]")
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, c := range v.Content {
		s, ok := text(deref(c))
		if !ok {
			bad(c, "hver form skal være tekst; sæt den i anførselstegn")
			continue
		}
		out = append(out, s)
	}
	return out
}

// deref follows an alias to its anchor's node.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// isNull reports whether n is an empty value (nothing, ~ or null).
func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
		(n.Value == "" || n.Value == "~" || n.Value == "null" || n.Value == "Null" || n.Value == "NULL")
}

// text returns a scalar's text ("" for an empty value); a list or a
// mapping is not text.
func text(n *yaml.Node) (string, bool) {
	if isNull(n) {
		return "", true
	}
	return n.Value, n.Kind == yaml.ScalarNode
}

// makeEntries checks the entries and makes the glossary of the good ones.
func makeEntries(raw []rawEntry) (*Glossary, []Problem) {
	g := &Glossary{}
	var probs []Problem
	seen := map[string]int{} // lower-case term or form → line
	ids := map[string]bool{}
	for _, r := range raw {
		e, ps := checkEntry(r, seen)
		probs = append(probs, ps...)
		if e == nil {
			continue
		}
		e.ID = glossaryID(e.Term, ids)
		g.Entries = append(g.Entries, *e)
	}
	return g, probs
}

// checkEntry checks one entry against the ones before it (seen: every
// term and form so far, by line): nil and the problems, when it cannot be
// used.
func checkEntry(r rawEntry, seen map[string]int) (*Entry, []Problem) {
	var probs []Problem
	bad := func(format string, args ...any) {
		probs = append(probs, Problem{Line: r.line, Code: "glossary-entry", Error: true, Msg: fmt.Sprintf(format, args...)})
	}
	e := &Entry{Term: spaces(r.term), Explanation: spaces(r.explanation), Expansion: spaces(r.expansion), Line: r.line}
	switch {
	case e.Term == "":
		bad("ordet mangler: skriv det efter term:, fx term: visitation")
		return nil, probs
	case len(tokens(e.Term)) == 0:
		bad("%q er ikke et ord: term skal have bogstaver eller tal", e.Term)
		return nil, probs
	case e.Explanation == "":
		bad("%q mangler en forklaring: skriv en eller to korte sætninger efter explanation:", e.Term)
		return nil, probs
	}
	if n := len(strings.Fields(e.Explanation)); n > maxExplanationWords {
		probs = append(probs, Problem{Line: r.line, Code: "glossary-long",
			Msg: fmt.Sprintf("forklaringen af %q har %d ord (højst %d): skriv en eller to korte sætninger", e.Term, n, maxExplanationWords)})
	}
	dup := false
	for _, f := range append([]string{r.term}, r.forms...) {
		f = spaces(f)
		if f == "" || len(tokens(f)) == 0 {
			bad("en form af %q er tom eller har hverken bogstaver eller tal", e.Term)
			dup = true
			continue
		}
		k := strings.ToLower(f)
		if at, ok := seen[k]; ok {
			if at != r.line {
				bad("%q står allerede i ordlisten (linje %d); skriv hvert ord én gang", f, at)
				dup = true
			}
			continue
		}
		seen[k] = r.line
		if f != e.Term {
			e.Forms = append(e.Forms, f)
		}
	}
	if dup {
		return nil, probs
	}
	return e, probs
}
