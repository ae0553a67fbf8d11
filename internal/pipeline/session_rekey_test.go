package pipeline

import (
	"maps"
	"testing"
)

// TestRekey checks that moving a file's keys touches uses as removing
// them all and adding the new ones would, sorted or not.
func TestRekey(t *testing.T) {
	cases := [][2][]string{
		{{"a", "b", "c"}, {"b", "c", "d"}},
		{nil, {"a"}},
		{{"a"}, nil},
		{{"a", "c", "e"}, {"b", "d", "f"}},
		{{"c", "a"}, {"a", "b"}}, // not sorted
		{{"a", "b"}, {"a", "b"}},
	}
	for _, c := range cases {
		want, got := &recorder{uses: map[string]map[string]struct{}{}}, &recorder{uses: map[string]map[string]struct{}{}}
		for _, r := range []*recorder{want, got} {
			r.use("other", []string{"a", "d"})
			r.use("f", c[0])
		}
		for _, k := range c[0] {
			delete(want.uses[k], "f")
		}
		want.use("f", c[1])
		got.rekey("f", c[0], c[1])
		for k := range maps.Keys(want.uses) {
			if !maps.Equal(want.uses[k], got.uses[k]) {
				t.Errorf("%v → %v: uses[%s] = %v, want %v", c[0], c[1], k, got.uses[k], want.uses[k])
			}
		}
		for k := range maps.Keys(got.uses) {
			if _, ok := want.uses[k]; !ok && len(got.uses[k]) > 0 {
				t.Errorf("%v → %v: uses[%s] = %v, want none", c[0], c[1], k, got.uses[k])
			}
		}
	}
}
