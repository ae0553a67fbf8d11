// Package markdown is the only package that imports goldmark. It splits a
// source file into front matter and body, reads the front matter's YAML, and parses each body once into the things later stages need:
// the HTML, the headings, the text blocks with their lines (for search and
// plain-language analysis), and the links (resolved through the caller).
package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

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

// Field is one top-level front matter key with its value and line.
type Field struct {
	Key   string
	Value interface{}
	Line  int // line in the file
}

const yamlPrefix = "ugyldig YAML i felterne: "

// FrontMatter parses the YAML between Split's fences and returns the
// top-level keys in order with their lines. A key that YAML reads as
// something other than text (null:, ~:, 1:, true:, ? [a, b]) is named as
// the file writes it. Any problem, a YAML error or a YAML feature the
// fields do not need (anchors, aliases, tags, << merges), is returned as a
// *SplitError with a Danish message at its line in the file.
//
// It reads the YAML with gopkg.in/yaml.v2 itself, the library goldmark-meta
// wraps, rather than through goldmark-meta: goldmark-meta ends the front
// matter at any line of dashes, even an indented one inside a block scalar,
// and silently drops every key after it. Split finds the fences exactly.
func FrontMatter(s Source) ([]Field, error) {
	fields, _, err := ReadFrontMatter(s)
	return fields, err
}

// ReadFrontMatter is FrontMatter that also returns what Duplicates would,
// reading the lines that start keys once for both.
func ReadFrontMatter(s Source) (fields, duplicates []Field, err error) {
	if !s.HasFront || len(bytes.TrimSpace(s.Front)) == 0 {
		return nil, nil, nil
	}
	at := func(line int, msg string) error {
		return &SplitError{Line: s.FrontLine + line - 1, Msg: msg}
	}
	if i := yamlBreakOffset(s.Front); i >= 0 {
		r, _ := utf8.DecodeRune(s.Front[i:])
		return nil, nil, at(lineOf(s.Front, i), yamlPrefix+yamlBreakMsg(r))
	}
	var items yaml.MapSlice
	err = yaml.Unmarshal(s.Front, &items)
	var syntax error
	if err != nil {
		syntax = yamlSyntax(s.Front)
	}
	if syntax == nil || strings.HasPrefix(strings.TrimPrefix(syntax.Error(), "yaml: "), "unknown anchor") {
		if off := nodeProperty(s.Front); off >= 0 {
			return nil, nil, at(lineOf(s.Front, off), yamlPrefix+nodePropertyMsg(s.Front, off))
		}
	}
	var entries []entry
	if syntax == nil {
		entries = topEntries(s.Front, s.FrontLine)
		for _, e := range entries {
			if e.text == "<<" {
				return nil, nil, &SplitError{Line: e.line, Msg: yamlPrefix + "\"<<\" fletter felter ind fra et andet sted og kan ikke bruges i felterne; skriv felterne ud hver for sig"}
			}
		}
	}
	switch {
	case syntax != nil:
		line, msg := yamlProblem(s.Front, syntax)
		return nil, nil, at(line, yamlPrefix+msg)
	case err != nil && strings.Contains(err.Error(), "cannot unmarshal"):
		return nil, nil, at(1, "felterne skal stå som linjer med navn: værdi, fx title: \"Sidens titel\"")
	case err != nil:
		line, msg := yamlProblem(s.Front, err)
		return nil, nil, at(line, yamlPrefix+msg)
	}
	// Match YAML's keys to the entry lines in order: by key, so that a
	// line taken for a key by mistake costs nothing and the work stays
	// linear in the number of lines.
	byID := map[string][]int{} // entry indices by key ID, in order
	for i, e := range entries {
		if id := e.id(); id != "" {
			byID[id] = append(byID[id], i)
		}
	}
	out := make([]Field, 0, len(items))
	duplicates = duplicateEntries(entries)
	next := 0 // entries before it are taken
	for _, it := range items {
		f := Field{Key: keyName(it.Key), Value: it.Value, Line: s.FrontLine}
		id := keyID(it.Key)
		l := byID[id]
		for len(l) > 0 && l[0] < next {
			l = l[1:]
		}
		if len(l) > 0 {
			e := entries[l[0]]
			f.Line = e.line
			if _, ok := it.Key.(string); !ok {
				f.Key = e.text
			}
			next, l = l[0]+1, l[1:]
		}
		byID[id] = l
		out = append(out, f)
	}
	return out, duplicates, nil
}

// keyName spells a key that could not be found in the text the way YAML
// writes it on one line (null, [a, b], {a: b}), not as fmt.Sprint does.
func keyName(k interface{}) string {
	switch x := k.(type) {
	case string:
		return x
	case nil:
		return "null"
	case []interface{}:
		parts := make([]string, len(x))
		for i, v := range x {
			parts[i] = keyName(v)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case yaml.MapSlice:
		parts := make([]string, len(x))
		for i, it := range x {
			parts[i] = keyName(it.Key) + ": " + keyName(it.Value)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(k)
}

// entry is a line that starts a top-level key: the key as written (for a
// quoted key, with its quotes) and the key's name (for a quoted key, the
// text inside them).
type entry struct {
	text, name string
	line       int
}

// keyID spells a key YAML has read so that equal keys, and only they, have
// equal IDs (reflect.DeepEqual would not take a .nan key as equal to itself).
func keyID(k interface{}) string {
	if s, ok := k.(string); ok {
		return "s\x00" + s
	}
	return fmt.Sprintf("%T\x00%#v", k, k)
}

// yamlWords are the plain words YAML 1.1 does not read as text.
var yamlWords = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true, "no": true, "No": true, "NO": true,
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true, "null": true, "Null": true, "NULL": true,
}

// id returns the keyID of the key as YAML reads the entry's text, or "".
// A plain word (title, weight, kontakt_2) is text; anything else is read.
func (e entry) id() string {
	plain := len(e.text) > 0 && !yamlWords[e.text]
	for i := 0; plain && i < len(e.text); i++ {
		c := e.text[i]
		plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '_' || c == '-')
	}
	if plain {
		return "s\x00" + e.text
	}
	var one yaml.MapSlice
	if yaml.Unmarshal([]byte("? "+e.text+"\n"), &one) != nil || len(one) != 1 {
		return ""
	}
	return keyID(one[0].Key)
}

// topEntries returns the lines that start a top-level key, in order: a
// line that does not start with a blank, # or "- " and has a key before a
// ": " (or a final ":"), or a line "? key". It reads lines, not YAML, so a
// line inside a multi-line quoted or [ ] value can be taken for a key;
// FrontMatter only uses the entries that match YAML's keys in order.
func topEntries(front []byte, firstLine int) []entry {
	var out []entry
	for i, l := range bytes.Split(front, []byte("\n")) {
		if k, ok := topKey(l); ok {
			out = append(out, entry{text: k, name: k, line: firstLine + i})
			if q := k[0]; (q == '"' || q == '\'') && len(k) >= 2 && k[len(k)-1] == q {
				out[len(out)-1].name = k[1 : len(k)-1]
				var one yaml.MapSlice
				if yaml.Unmarshal([]byte("? "+k+"\n"), &one) == nil && len(one) == 1 {
					if s, ok := one[0].Key.(string); ok {
						out[len(out)-1].name = s
					}
				}
			}
		}
	}
	return out
}

// Duplicates returns the lines of keys that appear more than once at the top
// level, in order, as key → line of the repeat.
func Duplicates(s Source) []Field { return duplicateEntries(topEntries(s.Front, s.FrontLine)) }

func duplicateEntries(entries []entry) []Field {
	seen := make(map[string]bool, len(entries))
	var out []Field
	for _, e := range entries {
		if seen[e.name] {
			out = append(out, Field{Key: e.name, Line: e.line})
		}
		seen[e.name] = true
	}
	return out
}

// topKey returns the key a line starts, as written, if it starts one at
// the top level.
func topKey(l []byte) (string, bool) {
	if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == ':' && (len(l) == 1 || l[1] == ' ' || l[1] == '\t') {
		return "", false
	}
	if l[0] == '-' && (len(l) == 1 || l[1] == ' ' || l[1] == '\t') {
		return "", false
	}
	if l[0] == '?' && (len(l) == 1 || l[1] == ' ' || l[1] == '\t') {
		k := strings.TrimSpace(string(l[1:]))
		return k, k != ""
	}
	end := keyEnd(l)
	if end <= 0 {
		return "", false
	}
	for end > 0 && (l[end-1] == ' ' || l[end-1] == '\t') {
		end--
	}
	return string(l[:end]), end > 0
}

// keyEnd returns the offset of the colon that ends the key the line starts
// with, or -1: the first ": " (or final ":") after a quoted key, or after
// a [ ] or { } key, or in a plain key.
func keyEnd(l []byte) int {
	i := 0
	switch l[0] {
	case '"', '\'':
		q := l[0]
		for i = 1; i < len(l); i++ {
			if l[i] == '\\' && q == '"' {
				i++
			} else if l[i] == q {
				if q == '\'' && i+1 < len(l) && l[i+1] == '\'' {
					i++
					continue
				}
				break
			}
		}
	case '[', '{':
		depth := 0
		for ; i < len(l); i++ {
			if l[i] == '[' || l[i] == '{' {
				depth++
			} else if l[i] == ']' || l[i] == '}' {
				if depth--; depth == 0 {
					break
				}
			}
		}
	}
	for ; i < len(l); i++ {
		if l[i] == '#' && i > 0 && (l[i-1] == ' ' || l[i-1] == '\t') {
			return -1
		}
		if l[i] == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t') {
			return i
		}
	}
	return -1
}
