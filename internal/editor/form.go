package editor

import (
	"os"
	"path"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// field is one input of the form.
type field struct {
	Key, Label string
	Input      string // text, number, date, checkbox, select, checkboxes, lines
	Required   bool
	Value      string          // text, number, date, select; "true" for a checked box
	Set        map[string]bool // checkboxes: the chosen values
	Choices    []choice        // select and checkboxes
	Problems   []diag.Finding
}

type choice struct{ Value, Label string }

// advanced are fields most pages never need: folded away in the form.
var advanced = map[string]bool{"layout": true, "slug": true, "menu": true, "weight": true, "audience": true, "review": true, "aliases": true}

// fieldsFor makes the form's fields for a page of kind k (nil: a plain
// page) at content path p: title and summary first, then the kind's own
// fields, then the rest; the advanced ones last.
func (e *Editor) fieldsFor(cfg *config.Config, k *config.Kind, vals values) (main, more []field) {
	required := map[string]bool{}
	for _, r := range cfg.RequiredFields(k) {
		required[r] = true
	}
	names := cfg.FieldNames(k)
	rank := func(n string) int {
		switch {
		case n == "title":
			return 0
		case n == "summary":
			return 1
		case k != nil && k.Fields[n] != nil:
			return 2
		case advanced[n]:
			return 4
		}
		return 3
	}
	sort.SliceStable(names, func(i, j int) bool { return rank(names[i]) < rank(names[j]) })
	for _, n := range names {
		f := e.field(cfg, n, cfg.FieldFor(k, n), vals[n])
		f.Required = required[n]
		if advanced[n] {
			more = append(more, f)
		} else {
			main = append(main, f)
		}
	}
	return main, more
}

func (e *Editor) field(cfg *config.Config, key string, d *config.Field, vs []string) field {
	f := field{Key: key, Label: d.Label, Input: "text", Set: map[string]bool{}}
	if t := cfg.Taxonomies[d.Taxonomy]; f.Label == "" && t != nil && t.Title != "" {
		f.Label = t.Title // a taxonomy field's label is its taxonomy's title
	}
	if f.Label == "" {
		f.Label = key
	}
	if len(vs) > 0 {
		f.Value = vs[0]
	}
	for _, v := range vs {
		f.Set[v] = true
	}
	var choices []choice
	for _, v := range d.Enum {
		choices = append(choices, choice{v, v})
	}
	if t := cfg.Taxonomies[d.Taxonomy]; t != nil && !t.Free {
		choices = e.terms(t)
	}
	switch {
	case d.Type == "list" && choices != nil:
		f.Input, f.Choices = "checkboxes", choices
	case d.Type == "list":
		f.Input, f.Value = "lines", strings.Join(vs, "\n")
	case choices != nil:
		f.Input, f.Choices = "select", choices
	case d.Type == "bool":
		f.Input = "checkbox"
	case d.Type == "int":
		f.Input = "number"
	case d.Type == "date":
		f.Input = "date"
	}
	return f
}

// terms lists a taxonomy's terms: listed in the config, or the pages of a
// section (its Markdown files and its folders with an _index.md).
func (e *Editor) terms(t *config.Taxonomy) []choice {
	if list := t.TermList(); len(list) > 0 {
		out := make([]choice, len(list))
		for i, x := range list {
			out[i] = choice{x.Slug, x.Name}
		}
		return out
	}
	if t.Pages == "" {
		return nil
	}
	entries, _ := fsReadDir(e.root, t.Pages)
	var out []choice
	for _, en := range entries {
		name, p := en.Name(), path.Join(t.Pages, en.Name())
		switch {
		case en.IsDir():
			p = path.Join(p, "_index.md")
		case strings.HasSuffix(name, ".md") && name != "_index.md":
			name = strings.TrimSuffix(name, ".md")
		default:
			continue
		}
		src, err := e.root.ReadFile(p)
		if err != nil {
			continue
		}
		label := name
		if vals, _, err := readValues(src); err == nil && len(vals["title"]) > 0 {
			label = vals["title"][0]
		}
		out = append(out, choice{name, label})
	}
	return out
}

func fsReadDir(r *os.Root, dir string) ([]os.DirEntry, error) {
	f, err := r.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

// formValues reads the submitted fields.
func formValues(form map[string][]string, fields []field) values {
	out := values{}
	for _, f := range fields {
		vs := form["f."+f.Key]
		if f.Input == "lines" && len(vs) == 1 {
			vs = strings.Split(strings.ReplaceAll(vs[0], "\r\n", "\n"), "\n")
		}
		var clean []string
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				clean = append(clean, v)
			}
		}
		out[f.Key] = clean
	}
	return out
}

// keyLines maps the front matter's top-level keys to their lines.
func keyLines(src []byte) map[int]string {
	parts, err := frontmatter.Split(frontmatter.Normalize(src))
	out := map[int]string{}
	if err != nil || !parts.HasFront {
		return out
	}
	key := ""
	for i, l := range strings.Split(string(parts.Front), "\n") {
		if m := topKey.FindStringSubmatch(l); m != nil {
			key = m[1]
		}
		if key != "" {
			out[parts.FrontLine+i] = key
		}
	}
	return out
}
