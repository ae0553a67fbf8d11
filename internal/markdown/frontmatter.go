// Package markdown is the only package that imports goldmark. It splits a
// source file into front matter and body, reads the front matter's YAML, and parses each body once into the things later stages need:
// the HTML, the headings, the text blocks with their lines (for search and
// plain-language analysis), and the links (resolved through the caller).
package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v2"
)

// Source is a content file split into its parts.
type Source struct {
	Front     []byte // the YAML between the --- lines, without them
	HasFront  bool   // the file opened with ---
	FrontLine int    // line of the first YAML line (2 when the file opens with ---)
	Body      []byte // the Markdown after the closing ---
	BodyLine  int    // line in the file of the body's first line
}

// SplitError is a problem with the file's outline, at a line.
type SplitError struct {
	Line int
	Msg  string
}

func (e *SplitError) Error() string { return fmt.Sprintf("linje %d: %s", e.Line, e.Msg) }

var bom = []byte("\xef\xbb\xbf")

// Normalize removes a UTF-8 byte order mark and turns CRLF and lone CR line
// endings into LF, keeping the line count.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// Split separates the front matter from the body. src must be normalized.
func Split(src []byte) (Source, error) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !isFence(first) {
		return Source{Body: src, BodyLine: 1}, nil
	}
	if !found {
		return Source{}, &SplitError{Line: 1, Msg: "forsiden (front matter) er ikke lukket: der mangler en linje med --- efter felterne"}
	}
	off, line := 0, 2
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if isFence(l) || string(bytes.TrimRight(l, " \t")) == "..." {
			s := Source{Front: rest[:off], HasFront: true, FrontLine: 2, BodyLine: line + 1}
			if end >= 0 {
				s.Body = rest[off+end+1:]
			}
			return s, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return Source{}, &SplitError{Line: 1, Msg: "forsiden (front matter) er ikke lukket: der mangler en linje med --- efter felterne"}
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// Field is one top-level front matter key with its value and line.
type Field struct {
	Key   string
	Value interface{}
	Line  int // line in the file
}

// FrontMatter parses the YAML between Split's fences and returns the
// top-level keys in order with their lines. A YAML error is returned as a
// *SplitError at its line in the file.
//
// It reads the YAML with gopkg.in/yaml.v2 itself, the library goldmark-meta
// wraps, rather than through goldmark-meta: goldmark-meta ends the front
// matter at any line of dashes, even an indented one inside a block scalar,
// and silently drops every key after it. Split finds the fences exactly.
func FrontMatter(s Source) ([]Field, error) {
	if !s.HasFront || len(bytes.TrimSpace(s.Front)) == 0 {
		return nil, nil
	}
	var items yaml.MapSlice
	if err := yaml.Unmarshal(s.Front, &items); err != nil && strings.Contains(err.Error(), "cannot unmarshal") {
		return nil, &SplitError{Line: s.FrontLine, Msg: "felterne skal stå som linjer med navn: værdi, fx title: \"Sidens titel\""}
	} else if err != nil {
		line := s.FrontLine
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = s.FrontLine + n - 1
			msg = yamlLineRE.ReplaceAllString(msg, "")
			msg = strings.TrimLeft(msg, ": ")
		}
		return nil, &SplitError{Line: line, Msg: "ugyldig YAML i felterne: " + danishYAML(msg, s.Front)}
	}
	lines := keyLines(s.Front, s.FrontLine)
	out := make([]Field, 0, len(items))
	for _, it := range items {
		k := fmt.Sprint(it.Key)
		out = append(out, Field{Key: k, Value: it.Value, Line: lines[k]})
	}
	return out, nil
}

// danishYAML gives the commonest YAML mistakes a Danish explanation.
func danishYAML(msg string, front []byte) string {
	switch {
	case bytes.Contains(front, []byte("\t")) && (strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token") || strings.Contains(msg, "indentation")):
		return "der står et tabulatortegn; brug mellemrum til at rykke ind (" + msg + ")"
	case strings.Contains(msg, "mapping values are not allowed"):
		return "et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: \"Tid: 10-12\" (" + msg + ")"
	case strings.Contains(msg, "did not find expected key"):
		return "en linje er rykket forkert ind, eller et anførselstegn mangler (" + msg + ")"
	}
	return msg
}

// keyLines maps each top-level key to its line in the file (the first one
// when a key is repeated; Duplicates reports the rest).
func keyLines(front []byte, firstLine int) map[string]int {
	out := map[string]int{}
	for i, l := range bytes.Split(front, []byte("\n")) {
		if k, ok := topKey(l); ok {
			if _, seen := out[k]; !seen {
				out[k] = firstLine + i
			}
		}
	}
	return out
}

// Duplicates returns the lines of keys that appear more than once at the top
// level, in order, as key → line of the repeat.
func Duplicates(s Source) []Field {
	seen := map[string]bool{}
	var out []Field
	for i, l := range bytes.Split(s.Front, []byte("\n")) {
		if k, ok := topKey(l); ok {
			if seen[k] {
				out = append(out, Field{Key: k, Line: s.FrontLine + i})
			}
			seen[k] = true
		}
	}
	return out
}

func topKey(l []byte) (string, bool) {
	if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' {
		return "", false
	}
	i := bytes.IndexByte(l, ':')
	if i <= 0 {
		return "", false
	}
	k := strings.Trim(string(l[:i]), `"' `)
	if strings.ContainsAny(k, " {[") {
		return "", false
	}
	return k, true
}
