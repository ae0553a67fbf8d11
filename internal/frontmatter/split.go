// Package frontmatter splits a content file into its front matter and its
// Markdown body, and reads the front matter's YAML into top-level fields,
// each with its exact line. Every problem is a *SplitError with a Danish
// message at its line in the file.
//
// The YAML is read with go.yaml.in/yaml/v3 into a yaml.Node tree, so every
// key, value, anchor, alias and tag has the line and column the parser saw;
// the values are then made from the nodes with YAML 1.1's rules for plain
// words (yes, no, on and off are true and false; a date stays text), the
// rules the site's pages were written against.
package frontmatter

import (
	"bytes"
	"fmt"
)

// Source is a content file split into its parts.
type Source struct {
	Front     []byte // the YAML between the --- lines, without them
	HasFront  bool   // the file opened with ---
	FrontLine int    // line of the first YAML line (2 when the file opens with ---)
	Body      []byte // the Markdown after the closing ---
	BodyLine  int    // line in the file of the body's first line
}

// SplitError is a problem with the file's outline or its front matter,
// at a line (and a column, when the YAML parser placed it).
type SplitError struct {
	Line int
	Col  int // 1-based, in characters; 0 when only the line is known
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
