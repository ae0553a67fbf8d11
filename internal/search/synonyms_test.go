package search

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSynonyms(t *testing.T) {
	data := "\ufeff# Synonymer\n\nmisbrug, afhængighed, alkohol  # kommentar\n Bolig ,lejlighed\n"
	syn, err := ParseSynonyms("content/synonymer.txt", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := Synonyms{{"misbrug", "afhængighed", "alkohol"}, {"Bolig", "lejlighed"}}
	if !slices.EqualFunc(syn, want, slices.Equal) {
		t.Fatalf("got %q, want %q", syn, want)
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	data := strings.Join([]string{
		"misbrug, afhængighed", // 1 ok
		"bolig",                // 2 one word
		"bolig,,lejlighed",     // 3 empty
		"psykisk syg, sårbar",  // 4 two words in one place
		"og, samt",             // 5 stop word
		"§§, paragraf",         // 6 no letters
		"# kommentar",          // 7
		"hjemløs, husvild",     // 8 ok
	}, "\n")
	syn, err := ParseSynonyms("content/synonymer.txt", []byte(data))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"content/synonymer.txt:2: en gruppe skal have mindst to ord",
		"content/synonymer.txt:3: tomt ord mellem kommaer",
		"content/synonymer.txt:4: »psykisk syg« er flere ord",
		"content/synonymer.txt:5: »og« er et fyldord",
		"content/synonymer.txt:6: »§§« indeholder ingen bogstaver",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, ":1:") || strings.Contains(msg, ":8:") {
		t.Errorf("good lines reported:\n%s", msg)
	}
	// The good groups are still returned.
	if len(syn) != 2 {
		t.Errorf("got %d groups, want 2: %q", len(syn), syn)
	}
}

func TestSynonymTable(t *testing.T) {
	st := buildSynonyms(Synonyms{{"misbrug", "afhængighed", "alkohol"}, {"alkohol", "sprut"}})
	got := st.of[stem("alkohol")]
	for _, w := range []string{"misbrug", "afhængighed", "sprut"} {
		if !slices.Contains(got, stem(w)) {
			t.Errorf("synonyms of alkohol = %q, want %q among them", got, stem(w))
		}
	}
}
