package config

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// referenceFile is the config reference for editors and developers.
const referenceFile = "../../docs/konfiguration.md"

// refKey is one key of site.yaml as the reference must name it: its path
// ("targets.NAVN.out", NAVN standing for a name the site chooses) and its
// type in the reference's words.
type refKey struct{ path, typ string }

// configKeys walks the Config struct by its yaml tags and returns every key
// site.yaml may hold. A struct type met a second time (a kind's fields are
// Fields like the site's) is named but not walked again: the reference
// describes its keys once.
func configKeys() []refKey {
	var out []refKey
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if path != "" {
			out = append(out, refKey{path, typeName(t)})
		}
		switch {
		case t == termsType:
		case t.Kind() == reflect.Struct:
			if seen[t] {
				return
			}
			seen[t] = true
			names := make([]string, 0)
			fields := yamlFields(t)
			for n := range fields {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				walk(fields[n].Type, join(path, n))
			}
		case t.Kind() == reflect.Map && isStruct(t.Elem()):
			walk(t.Elem(), path+".NAVN")
		case t.Kind() == reflect.Slice && isStruct(t.Elem()):
			walk(t.Elem(), path+"[]")
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	return out
}

func isStruct(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// typeName is a value's type in the reference's words.
func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == termsType {
		return "navn: tekst"
	}
	switch t.Kind() {
	case reflect.String:
		return "tekst"
	case reflect.Int, reflect.Int64:
		return "helt tal"
	case reflect.Float64:
		return "tal"
	case reflect.Bool:
		return "true/false"
	case reflect.Struct:
		return "nøgler"
	case reflect.Slice:
		return "liste af " + plural(typeName(t.Elem()))
	case reflect.Map:
		return "navn: " + typeName(t.Elem())
	}
	return "hvad som helst"
}

func plural(typ string) string {
	switch typ {
	case "helt tal":
		return "hele tal"
	case "nøgler":
		return "afsnit med nøgler"
	}
	return typ
}

// rowRE finds a reference table row: | `path` | type | default | meaning |.
var rowRE = regexp.MustCompile("(?m)^\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]*?)\\s*\\|")

// The reference names every key of site.yaml with its type, and no key
// that does not exist, so it cannot fall behind the Config struct.
func TestReferenceCoversEveryKey(t *testing.T) {
	data, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatalf("the config reference is missing: %v", err)
	}
	documented := map[string]string{}
	for _, m := range rowRE.FindAllStringSubmatch(string(data), -1) {
		if _, dup := documented[m[1]]; dup {
			t.Errorf("%s: the key `%s` has two rows; keep one", referenceFile, m[1])
		}
		documented[m[1]] = m[2]
	}
	keys := configKeys()
	known := map[string]bool{}
	for _, k := range keys {
		known[k.path] = true
		typ, ok := documented[k.path]
		switch {
		case !ok:
			t.Errorf("%s does not describe the site.yaml key %s. Add this row to the table under \"## %s\" (fill in default and meaning, in Danish):\n| `%s` | %s | | |",
				referenceFile, k.path, section(k.path), k.path, k.typ)
		case typ != k.typ:
			t.Errorf("%s: the key `%s` is described as type %q; its type is %q. Write:\n| `%s` | %s | …",
				referenceFile, k.path, typ, k.typ, k.path, k.typ)
		}
	}
	for p := range documented {
		if !known[p] {
			t.Errorf("%s describes `%s`, which is no key of site.yaml (no yaml tag in internal/config's Config). Remove the row, or fix its path.", referenceFile, p)
		}
	}
}

// section is the reference's heading a key's row belongs under.
func section(path string) string {
	s, _, nested := strings.Cut(path, ".")
	if !nested {
		return "Øverste niveau"
	}
	return s
}

// The reference's example is a site.yaml that passes.
func TestReferenceExampleParses(t *testing.T) {
	data, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatal(err)
	}
	_, ex, ok := strings.Cut(string(data), "## Eksempel\n\n```yaml\n")
	ex, _, closed := strings.Cut(ex, "```")
	if !ok || !closed {
		t.Fatalf("%s has no example under ## Eksempel", referenceFile)
	}
	if _, err := Parse([]byte(ex)); err != nil {
		t.Errorf("the example in %s does not pass: %v", referenceFile, err)
	}
}

// The walk itself finds keys at every depth, so the test above cannot pass
// by finding nothing.
func TestConfigKeysWalk(t *testing.T) {
	got := map[string]string{}
	for _, k := range configKeys() {
		got[k.path] = k.typ
	}
	for p, typ := range map[string]string{
		"title": "tekst", "targets": "navn: nøgler", "targets.NAVN.portable": "true/false",
		"kinds.NAVN.fields": "navn: nøgler", "fields.NAVN.enum": "liste af tekst",
		"taxonomies.NAVN.terms": "navn: tekst", "language_rules.lix_target": "tal",
		"images.widths": "liste af hele tal", "params": "navn: tekst", "search.weights": "navn: tal",
	} {
		if got[p] != typ {
			t.Errorf("configKeys: %s = %q, want %q", p, got[p], typ)
		}
	}
	if _, ok := got["kinds.NAVN.fields.NAVN.type"]; ok {
		t.Error("configKeys walks Field twice")
	}
}
