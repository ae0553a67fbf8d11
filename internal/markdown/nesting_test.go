package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// nested writes n levels of one container kind, as an editor would (one
// level a line, each indented under the last) or packed on one line.
func nested(kind string, n int) string {
	var b strings.Builder
	switch kind {
	case "list":
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "%s- niveau %d\n", strings.Repeat("  ", i), i+1)
		}
	case "packed list":
		b.WriteString(strings.Repeat("- ", n) + "x\n")
	case "quote":
		b.WriteString(strings.Repeat("> ", n) + "x\n")
	case "mixed":
		b.WriteString(strings.Repeat("- > ", n/2) + strings.Repeat("- ", n%2) + "x\n")
	}
	return b.String()
}

func nestingProblems(t *testing.T, body string) []Problem {
	t.Helper()
	var out []Problem
	for _, p := range New().Render([]byte(body), 5, nil).Problems {
		if p.Code == "nesting" {
			out = append(out, p)
		}
	}
	return out
}

// Issue #21, finding 5: deeply nested lists took cubic time. At
// MaxNesting levels a page is fine; one more is an error at its line.
func TestNestingLimit(t *testing.T) {
	for _, kind := range []string{"list", "packed list", "quote", "mixed"} {
		intro := "Tekst.\n\n"
		if ps := nestingProblems(t, intro+nested(kind, MaxNesting)); len(ps) != 0 {
			t.Errorf("%s at the limit: %v", kind, ps)
		}
		ps := nestingProblems(t, intro+nested(kind, MaxNesting+1)+"\n"+nested(kind, 200))
		want := 7 // body starts at line 5; the nesting starts on its third line
		if kind == "list" {
			want += MaxNesting // the line of the level too many
		}
		if len(ps) != 1 || !ps[0].Error || ps[0].Line != want || !strings.Contains(ps[0].Msg, "mere end 32 lag") {
			t.Errorf("%s over the limit: %+v, want one error at line %d", kind, ps, want)
		}
	}
}
