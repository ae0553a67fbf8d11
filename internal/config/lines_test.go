package config

import "testing"

func TestKeyLine(t *testing.T) {
	data := []byte(`title: X
# targets: a comment
params:
  public: no
targets:
  public:
    out: public
    url: https://x.dk/
  "intranet": {out: i, audiences: [internal]}
fields:
  other: {type: string}
`)
	for _, c := range []struct {
		path []string
		want int
	}{
		{[]string{"targets"}, 5},
		{[]string{"targets", "public"}, 6},
		{[]string{"targets", "public", "url"}, 8},
		{[]string{"targets", "intranet"}, 9},
		{[]string{"targets", "other"}, 0}, // under fields, not targets
		{[]string{"targets", "public", "label"}, 0},
		{[]string{"nope"}, 0},
	} {
		if got := KeyLine(data, c.path...); got != c.want {
			t.Errorf("KeyLine(%q) = %d, want %d", c.path, got, c.want)
		}
	}
}
