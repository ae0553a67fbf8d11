package typo

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 3, 0},
		{"summary", "summary", 3, 0},
		{"sumary", "summary", 3, 1},     // insertion
		{"summary", "sumary", 3, 1},     // deletion
		{"summery", "summary", 3, 1},    // substitution
		{"sumamry", "summary", 3, 1},    // swap of neighbours: one edit
		{"ab", "ba", 3, 1},              // swap
		{"ca", "abc", 3, 3},             // OSA: no letter edited twice (Damerau would say 2)
		{"kitten", "sitting", 5, 3},     // Levenshtein's example
		{"kitten", "sitting", 2, 3},     // over the limit: limit+1
		{"ærlighed", "aerlighed", 3, 2}, // runes, not bytes
		{"a", "abcdef", 2, 3},           // lengths alone exceed the limit
	} {
		if got := Distance([]rune(tc.a), []rune(tc.b), tc.limit); got != tc.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
