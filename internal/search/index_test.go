package search

import "testing"

func TestAfterSummary(t *testing.T) {
	sum := "Socialområdet hjælper voksne i svære livssituationer. Har du brug for anden hjælp, kan du se her."
	for _, c := range []struct{ body, want string }{
		{"Socialområdet hjælper voksne i svære livssituationer. Det er fx, hvis du er hjemløs.", "Det er fx, hvis du er hjemløs."},
		{"Socialområdet hjælper voksne i svære livssituationer.\nHar du brug for anden hjælp, kan du se her.\nRing til os.", "Ring til os."},
		{"Socialområdet hjælper voksne\nmed et misbrug.", "Socialområdet hjælper voksne\nmed et misbrug."}, // not a whole sentence
		{"Ring til os. Socialområdet hjælper voksne i svære livssituationer.", "Ring til os. Socialområdet hjælper voksne i svære livssituationer."},
		{"Hjælp. Mere her.", "Hjælp. Mere her."}, // too short to be a repeat worth dropping
		{sum, ""},
	} {
		if got := afterSummary(sum, c.body); got != c.want {
			t.Errorf("afterSummary(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}
