package editor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// A page's fields as the form shows them: every value a list of strings
// (one string for a single value, none when the field is not set).
type values map[string][]string

// readValues returns the front matter of src as form values.
func readValues(src []byte) (values, frontmatter.Source, error) {
	parts, err := frontmatter.Split(frontmatter.Normalize(src))
	if err != nil {
		return nil, parts, err
	}
	if !parts.HasFront {
		return nil, parts, fmt.Errorf("siden har ingen felter (front matter)")
	}
	fields, _, err := frontmatter.ReadFrontMatter(parts)
	if err != nil {
		return nil, parts, err
	}
	out := values{}
	for _, f := range fields {
		out[f.Key] = formOf(f.Value)
	}
	return out, parts, nil
}

// formOf writes a YAML value the way a form field holds it.
func formOf(v interface{}) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []interface{}:
		var out []string
		for _, it := range x {
			out = append(out, formOf(it)...)
		}
		return out
	case bool:
		if x {
			return []string{"true"}
		}
		return nil
	case time.Time:
		return []string{x.Format("2006-01-02")}
	case string:
		if x == "" {
			return nil
		}
		return []string{x}
	}
	return []string{fmt.Sprint(v)}
}

// yamlOf writes form values as the YAML value of a field of type t; ""
// when the field should not be in the file (empty, or a bool that is false).
func yamlOf(f *config.Field, vs []string) string {
	vs = slices.DeleteFunc(slices.Clone(vs), func(s string) bool { return strings.TrimSpace(s) == "" })
	if len(vs) == 0 {
		return ""
	}
	switch f.Type {
	case "list":
		q := make([]string, len(vs))
		for i, s := range vs {
			q[i] = quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case "bool":
		if vs[0] == "true" {
			return "true"
		}
		return ""
	case "int":
		if _, err := strconv.Atoi(strings.TrimSpace(vs[0])); err == nil {
			return strings.TrimSpace(vs[0])
		}
	case "date":
		if _, err := time.Parse("2006-01-02", vs[0]); err == nil {
			return vs[0]
		}
	}
	return quote(vs[0])
}

// quote writes s as a YAML double-quoted scalar (JSON's are YAML's).
func quote(s string) string {
	b, _ := json.Marshal(strings.TrimSpace(s))
	return string(b)
}

var topKey = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:`)

// rewrite returns src with the fields in set changed (a "" YAML value
// removes the field) and body as the new body; every other line of the
// file, comments included, stays as it was. Fields not in the file are
// added at the end of the front matter.
func rewrite(src []byte, set map[string]string, order []string, body string) []byte {
	src = frontmatter.Normalize(src)
	lines := strings.SplitAfter(string(src), "\n")
	end := 1
	for end < len(lines) && strings.TrimRight(lines[end], " \t\n") != "---" {
		end++
	}
	var out bytes.Buffer
	out.WriteString(lines[0])
	done := map[string]bool{}
	for i := 1; i < end; {
		m := topKey.FindStringSubmatch(lines[i])
		v, change := "", false
		if m != nil {
			v, change = set[m[1]]
		}
		if !change {
			out.WriteString(lines[i])
			i++
			continue
		}
		done[m[1]] = true
		// The key's block: its line and the lines that continue its value.
		j := i + 1
		for j < end && (strings.HasPrefix(lines[j], " ") || strings.HasPrefix(lines[j], "\t") || strings.HasPrefix(lines[j], "- ")) {
			j++
		}
		if v != "" {
			out.WriteString(m[1] + ": " + v + "\n")
		}
		i = j
	}
	for _, k := range order {
		if v := set[k]; v != "" && !done[k] {
			out.WriteString(k + ": " + v + "\n")
		}
	}
	fence, blank := "---\n", true
	if end < len(lines) {
		fence = lines[end]
		blank = end+1 < len(lines) && lines[end+1] == "\n"
	}
	out.WriteString(fence)
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	if blank && body != "" {
		out.WriteString("\n") // the blank line between fields and text, as it was
	}
	out.WriteString(body)
	return out.Bytes()
}

// bodyOf returns the body of src as the form's text area shows it: without
// the blank line that parts it from the fields.
func bodyOf(parts frontmatter.Source) string {
	return strings.TrimPrefix(string(parts.Body), "\n")
}
