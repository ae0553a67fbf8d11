package config

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// loc is a place in site.yaml: line and column, both from 1.
type loc struct{ line, col int }

func locOf(n *yaml.Node) loc { return loc{n.Line, n.Column} }

// place is where a key path stands in site.yaml: its key and, when its
// value is a single value, the value.
type place struct{ key, value loc }

// positions maps a key path ("kinds.offer.filters[1]") to its place in
// site.yaml; a list item's key is the item.
type positions map[string]place

// at returns the place of path's value when it is a single value (what a
// check of its meaning finds fault with), else of its key, else of its
// nearest parent that is in the file, else line 1 (a top-level key that is
// missing belongs to the file's top; no column).
func (p positions) at(path string) loc {
	for path != "" {
		if pl, ok := p[path]; ok {
			if pl.value.line > 0 {
				return pl.value
			}
			return pl.key
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return loc{line: 1}
}

// keyAt returns the place of path's key: for a problem with a name the
// site chose (a search weight's part, a boost's kind), not its value.
func (p positions) keyAt(path string) loc {
	if pl, ok := p[path]; ok {
		return pl.key
	}
	return p.at(path)
}

// shape checks a site.yaml node tree against the Go type it decodes into:
// every mapping key must be a yaml tag of the struct at that level (or any
// key for a map), nothing twice, and every value of the kind the field
// needs. It records the line of every key it passes. New config keys are
// checked the same way as soon as they are fields with a yaml tag.
type shape struct {
	pos positions
	l   *diag.List
}

var (
	termsType = reflect.TypeOf(Terms{})
	digitsRE  = regexp.MustCompile(`^[-+]?[0-9]+$`)
)

func (s *shape) bad(path string, at loc, hint, format string, args ...any) {
	s.l.Add(diag.Finding{File: FileName, Line: at.line, Col: at.col, Severity: diag.Error, Code: "config",
		Msg: withPath(path, fmt.Sprintf(format, args...)), Hint: hint})
}

// withPath puts the key path before a message, as "kinds.offer: …".
func withPath(path, msg string) string {
	if path == "" {
		return msg
	}
	return path + ": " + msg
}

func (s *shape) walk(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // empty: the zero value, checked by check where it matters
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == termsType {
		s.mapping(n, path, reflect.TypeOf(""))
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		s.object(n, t, path)
	case reflect.Map:
		s.mapping(n, path, t.Elem())
	case reflect.Slice:
		if !s.want(n, path, yaml.SequenceNode, "en liste") {
			return
		}
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			s.pos[p] = place{key: locOf(item)}
			s.walk(item, t.Elem(), p)
		}
	case reflect.String:
		s.want(n, path, yaml.ScalarNode, "tekst")
	case reflect.Int, reflect.Int64:
		switch {
		case !s.want(n, path, yaml.ScalarNode, "et helt tal"):
		case n.Tag == "!!float" && digitsRE.MatchString(n.Value):
			s.bad(path, locOf(n), "skriv et mindre tal", "tallet %s er for stort", n.Value)
		case n.Tag != "!!int":
			s.bad(path, locOf(n), "skriv et helt tal uden anførselstegn, fx 2", "forventede et helt tal, fik %s", got(n))
		}
	case reflect.Float64:
		if s.want(n, path, yaml.ScalarNode, "et tal") && n.Tag != "!!int" && n.Tag != "!!float" {
			s.bad(path, locOf(n), "skriv et tal uden anførselstegn, fx 35 eller 2.5", "forventede et tal, fik %s", got(n))
		}
	case reflect.Bool:
		if s.want(n, path, yaml.ScalarNode, "true eller false") && n.Tag != "!!bool" {
			s.bad(path, locOf(n), "skriv true (ja) eller false (nej)", "forventede true eller false, fik %s", got(n))
		}
	}
}

// want reports a node of another kind than k; wantName is k in Danish.
func (s *shape) want(n *yaml.Node, path string, k yaml.Kind, wantName string) bool {
	if n.Kind == k {
		return true
	}
	hint := ""
	switch k {
	case yaml.SequenceNode:
		hint = `skriv fx [a, b], eller ét punkt pr. linje, der begynder med "- "`
	case yaml.MappingNode:
		hint = `skriv "nøgle: værdi" på linjerne under, rykket ind`
	case yaml.ScalarNode:
		hint = "skriv én værdi; sæt den i anførselstegn, hvis den indeholder kolon eller komma"
	}
	at := locOf(n)
	if pl, ok := s.pos[path]; ok && n.Kind != yaml.ScalarNode {
		at = pl.key // a list or mapping value may begin below its key
	}
	s.bad(path, at, hint, "forventede %s, fik %s", wantName, got(n))
	return false
}

// got names the kind of value n holds, in Danish.
func got(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "en liste"
	case yaml.MappingNode:
		return "nøgler med værdier"
	}
	switch n.Tag {
	case "!!int":
		return "et helt tal (" + n.Value + ")"
	case "!!float":
		return "et tal (" + n.Value + ")"
	case "!!bool":
		return "true/false (" + n.Value + ")"
	}
	return strconv.Quote(n.Value) + " (tekst)"
}

// entries walks the key/value pairs of a mapping, reporting keys that are
// not plain values and keys written twice, and recording each key's line.
func (s *shape) entries(n *yaml.Node, path string, each func(key string, k, v *yaml.Node, p string)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			s.bad(path, locOf(k), "skriv nøglen som et ord før kolon", "en nøgle skal være et navn, fik %s", got(k))
			continue
		}
		if k.Tag == "!!merge" { // <<: *anchor
			if v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			if v.Kind == yaml.MappingNode {
				s.entries(v, path, each)
			}
			continue
		}
		p := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			s.bad(p, locOf(k), fmt.Sprintf("slet den ene; den første står i linje %d", first), "nøglen %q står to gange", k.Value)
			continue
		}
		seen[k.Value] = k.Line
		pl := place{key: locOf(k)}
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			pl.value = locOf(v)
		}
		s.pos[p] = pl
		each(k.Value, k, v, p)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (s *shape) mapping(n *yaml.Node, path string, elem reflect.Type) {
	if !s.want(n, path, yaml.MappingNode, "nøgler med værdier") {
		return
	}
	s.entries(n, path, func(_ string, _, v *yaml.Node, p string) { s.walk(v, elem, p) })
}

func (s *shape) object(n *yaml.Node, t reflect.Type, path string) {
	if !s.want(n, path, yaml.MappingNode, "nøgler med værdier") {
		return
	}
	fields := yamlFields(t)
	s.entries(n, path, func(key string, k, v *yaml.Node, p string) {
		f, ok := fields[key]
		if !ok {
			s.unknown(path, key, locOf(k), fields)
			return
		}
		s.walk(v, f.Type, p)
	})
}

func (s *shape) unknown(path, key string, at loc, fields map[string]reflect.StructField) {
	known := make([]string, 0, len(fields))
	for n := range fields {
		known = append(known, n)
	}
	sort.Strings(known)
	hint := "her kan stå: " + strings.Join(known, ", ")
	if sug := diag.Suggest(key, known); sug != "" {
		hint = fmt.Sprintf("mente du %q?", sug)
	}
	where := "i opsætningen"
	if path != "" {
		where = "under " + path
	}
	s.l.Add(diag.Finding{File: FileName, Line: at.line, Col: at.col, Severity: diag.Error, Code: "config",
		Msg: fmt.Sprintf("ukendt nøgle %q %s", key, where), Hint: hint})
}

// yamlFields returns the fields of struct t by yaml key, leaving out
// fields without a key of their own (yaml:"-").
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		out[name] = f
	}
	return out
}
