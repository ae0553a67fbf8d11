// Package diag holds the one shape every stage uses to report a problem with
// the site's sources: a position (file:line:col), a severity and a message in
// Danish for the editor, with an optional hint ("mente du …?").
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/typo"
)

// Severity says whether a finding stops the build.
type Severity int

const (
	Warning Severity = iota // reported, the build goes on
	Error                   // the build stops and the previous output stays
	Info                    // for the record only (labyrint check lists them)
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "fejl"
	case Info:
		return "info"
	}
	return "advarsel"
}

// Finding is one problem at one place in one source file.
type Finding struct {
	File     string   // path as the editor knows it, e.g. "content/hjertesager/respekt.md"
	Line     int      // 1-based; 0 when the whole file is meant
	Col      int      // 1-based; 0 when unknown
	Severity Severity // Error stops the build
	Code     string   // stable machine name, e.g. "unknown-key"
	Msg      string   // what is wrong, in Danish
	Hint     string   // how to fix it, in Danish; may be empty
}

// Pos renders the position as file:line:col, leaving out what is unknown.
func (f Finding) Pos() string {
	s := f.File
	if f.Line > 0 {
		s += fmt.Sprintf(":%d", f.Line)
		if f.Col > 0 {
			s += fmt.Sprintf(":%d", f.Col)
		}
	}
	return s
}

// Error makes a Finding usable as an error value.
func (f Finding) Error() string {
	s := f.Pos() + ": " + f.Msg
	if f.Hint != "" {
		s += " (" + f.Hint + ")"
	}
	return s
}

// List collects findings from a stage. The zero value is ready to use; it is
// not safe for concurrent use (stages collect per worker and Merge).
type List struct {
	items []Finding
}

// Add appends a finding.
func (l *List) Add(f Finding) { l.items = append(l.items, f) }

// Errorf adds an error at file:line.
func (l *List) Errorf(file string, line int, code, format string, args ...any) {
	l.Add(Finding{File: file, Line: line, Severity: Error, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at file:line.
func (l *List) Warnf(file string, line int, code, format string, args ...any) {
	l.Add(Finding{File: file, Line: line, Severity: Warning, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends all findings of o.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// Items returns the findings sorted by file, line and column.
func (l *List) Items() []Finding {
	sort.SliceStable(l.items, func(i, j int) bool {
		a, b := l.items[i], l.items[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return l.items
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errs, warns int) {
	for _, f := range l.items {
		switch f.Severity {
		case Error:
			errs++
		case Warning:
			warns++
		}
	}
	return
}

// Err returns nil when the list holds no error, else an error joining every
// error finding (warnings are left out), so an editor sees all at once.
func (l *List) Err() error {
	var errs []error
	for _, f := range l.Items() {
		if f.Severity == Error {
			errs = append(errs, f)
		}
	}
	return errors.Join(errs...)
}

// Findings extracts every Finding from err (as joined by List.Err or
// errors.Join); an error that carries none is returned as one finding
// without a position.
func Findings(err error) []Finding {
	if err == nil {
		return nil
	}
	var out []Finding
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var f Finding
		if errors.As(e, &f) {
			out = append(out, f)
			return
		}
		out = append(out, Finding{Severity: Error, Code: "error", Msg: e.Error()})
	}
	walk(err)
	return out
}

// Suggest returns the candidate closest to word by edit distance (a swap
// of two neighbouring letters counts as one edit), if it is close enough to
// be a likely typo, else "".
func Suggest(word string, candidates []string) string {
	limit := 2
	if n := len([]rune(word)); n > 8 {
		limit = 3
	} else if n <= 3 {
		limit = 1
	}
	best, bestD := "", limit+1
	lw := []rune(strings.ToLower(word))
	for _, c := range candidates {
		d := typo.Distance(lw, []rune(strings.ToLower(c)), limit)
		if d < bestD || (d == bestD && d <= limit && c < best) {
			best, bestD = c, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}
