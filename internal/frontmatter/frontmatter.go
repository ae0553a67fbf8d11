package frontmatter

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Field is one top-level front matter key with its value and line.
type Field struct {
	Key   string
	Value interface{} // string, int, int64, uint64, float64, bool, nil, []interface{} or MapSlice
	Line  int         // line in the file
}

// MapSlice is a mapping inside a value, its keys in the order written.
type MapSlice []MapItem

// MapItem is one key of a MapSlice.
type MapItem struct {
	Key, Value interface{}
}

const yamlPrefix = "ugyldig YAML i felterne: "

// FrontMatter parses the YAML between Split's fences and returns the
// top-level keys in order with their lines. A key that YAML reads as
// something other than text (null:, ~:, 1:, true:, ? [a, b]) is named as
// the file writes it. Any problem, a YAML error or a YAML feature the
// fields do not need (anchors, aliases, tags, << merges), is returned as a
// *SplitError with a Danish message at its line in the file.
func FrontMatter(s Source) ([]Field, error) {
	fields, _, err := ReadFrontMatter(s)
	return fields, err
}

// ReadFrontMatter is FrontMatter that also returns the top-level keys that
// stand a second (or third …) time, each at the line of the repeat.
func ReadFrontMatter(s Source) (fields, duplicates []Field, err error) {
	if !s.HasFront || len(bytes.TrimSpace(s.Front)) == 0 {
		return nil, nil, nil
	}
	at := func(line int, msg string) error {
		return &SplitError{Line: s.FrontLine + line - 1, Msg: msg}
	}
	atNode := func(n *yaml.Node, msg string) error {
		return &SplitError{Line: s.FrontLine + n.Line - 1, Col: n.Column, Msg: msg}
	}
	if i := yamlBreakOffset(s.Front); i >= 0 {
		r, _ := utf8.DecodeRune(s.Front[i:])
		return nil, nil, at(lineOf(s.Front, i), yamlPrefix+yamlBreakMsg(r))
	}
	root, err := parse(s.Front)
	if err != nil && strings.Contains(err.Error(), "unknown anchor") {
		if n := unknownAlias(s.Front); n != nil {
			return nil, nil, atNode(n, yamlPrefix+nodePropertyMsg(s.Front, offsetOf(s.Front, n.Line, n.Column)))
		}
	}
	if err != nil {
		line, msg := syntaxProblem(s.Front, err)
		return nil, nil, at(line, yamlPrefix+msg)
	}
	if root == nil {
		return nil, nil, nil
	}
	if n := firstProperty(s.Front, root); n != nil {
		off := offsetOf(s.Front, n.Line, n.Column)
		return nil, nil, atNode(n, yamlPrefix+nodePropertyMsg(s.Front, off))
	}
	if n := firstMerge(root); n != nil {
		return nil, nil, atNode(n, yamlPrefix+"\"<<\" fletter felter ind fra et andet sted og kan ikke bruges i felterne; skriv felterne ud hver for sig")
	}
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && value(root) == nil {
			return nil, nil, nil // a null document, as an empty one
		}
		return nil, nil, at(1, "felterne skal stå som linjer med navn: værdi, fx title: \"Sidens titel\"")
	}
	fields, duplicates = topFields(root, s.FrontLine)
	return fields, duplicates, nil
}

// topFields returns the keys of the front matter's mapping with their
// values and lines, and the keys that repeat an earlier one.
func topFields(root *yaml.Node, firstLine int) (fields, duplicates []Field) {
	fields = make([]Field, 0, len(root.Content)/2)
	var seen map[string]bool
	if len(root.Content) > 2 {
		seen = make(map[string]bool, len(root.Content)/2)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f := Field{Key: keyName(k), Value: value(v), Line: firstLine + k.Line - 1}
		fields = append(fields, f)
		if seen == nil {
			continue
		}
		if seen[f.Key] {
			duplicates = append(duplicates, Field{Key: f.Key, Line: f.Line})
		}
		seen[f.Key] = true
	}
	return fields, duplicates
}

// parse reads src into its root node: nil for a document with no content
// (only comments). The error is the parser's.
func parse(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// unknownAlias finds the first anchor, alias or tag in a text the parser
// refused for an alias to an anchor that does not exist, which the parser
// names but does not place. Every * that could start an alias is made a
// letter, which leaves the text's shape as it was; in the tree of that
// text, a node that starts with * in the original is an alias.
func unknownAlias(src []byte) *yaml.Node {
	buf := bytes.Clone(src)
	for i, c := range buf {
		if c == '*' && (i == 0 || bytes.IndexByte([]byte(" \t\n[{,"), src[i-1]) >= 0) {
			buf[i] = 'X'
		}
	}
	root, err := parse(buf)
	if err != nil || root == nil {
		return nil
	}
	return firstProperty(src, root)
}

// keyName spells a key the way the file writes it on one line: a scalar
// as its text (null, ~, 1, "1" as 1), a collection as [a, b] or {a: b}.
func keyName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = keyName(c)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case yaml.MappingNode:
		parts := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, keyName(n.Content[i])+": "+keyName(n.Content[i+1]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return n.Value
}

// value makes the Go value of a node the way the fields have always been
// read: a quoted or block scalar is text, a plain one is resolved by
// resolvePlain, a sequence is a []interface{} and a mapping a MapSlice.
func value(n *yaml.Node) interface{} {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return n.Value
		}
		return resolvePlain(n.Value)
	case yaml.SequenceNode:
		out := make([]interface{}, len(n.Content))
		for i, c := range n.Content {
			out[i] = value(c)
		}
		return out
	case yaml.MappingNode:
		out := make(MapSlice, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = append(out, MapItem{Key: value(n.Content[i]), Value: value(n.Content[i+1])})
		}
		return out
	}
	return nil
}

// firstProperty returns the first node, in the order of the text, that is
// an alias or carries an anchor or a tag, or nil. Such a node starts with
// its property in the text (the parser's position of a node is that of its
// first property), and no other node starts with &, * or !.
func firstProperty(src []byte, root *yaml.Node) *yaml.Node {
	if bytes.IndexByte(src, '!') < 0 && bytes.IndexByte(src, '&') < 0 && bytes.IndexByte(src, '*') < 0 {
		return nil // no property in the text: the walk would find none (most front matter)
	}
	c := cursor{src: src, line: 1, col: 1}
	return c.firstProperty(root)
}

// cursor walks src forward to the nodes' positions, which a walk of the
// tree in document order meets in the order of the text: all of them cost
// one pass over src.
type cursor struct {
	src       []byte
	off       int
	line, col int // of off
}

// at returns the offset of line and column (from 1; the column counted in
// characters, as the parser counts), or len(src).
func (c *cursor) at(line, col int) int {
	if line < c.line || line == c.line && col < c.col {
		c.off, c.line, c.col = 0, 1, 1 // behind: start again
	}
	for c.off < len(c.src) && (c.line < line || c.line == line && c.col < col) {
		r, size := utf8.DecodeRune(c.src[c.off:])
		c.off += size
		if r == '\n' {
			c.line, c.col = c.line+1, 1
		} else {
			c.col++
		}
	}
	return c.off
}

func (c *cursor) firstProperty(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Style&yaml.TaggedStyle != 0 {
		return n
	}
	if off := c.at(n.Line, n.Column); off < len(c.src) && (c.src[off] == '!' || c.src[off] == '&' || c.src[off] == '*') {
		return n // the non-specific tag "!", which the node does not keep
	}
	for _, ch := range n.Content {
		if p := c.firstProperty(ch); p != nil {
			return p
		}
	}
	return nil
}

// firstMerge returns the first plain key "<<" at any depth, or nil: YAML
// 1.1 merges another mapping in there, which the fields do not need.
func firstMerge(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Style == 0 && k.Value == "<<" {
				return k
			}
		}
	}
	for _, c := range n.Content {
		if m := firstMerge(c); m != nil {
			return m
		}
	}
	return nil
}

// offsetOf returns the byte offset in src of line and column (both from 1,
// the column counted in characters, as the parser counts), or len(src).
func offsetOf(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(src); c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}
