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
		"misbrug, afhængighed",         // 1 ok
		"bolig",                        // 2 one word
		"bolig,,lejlighed",             // 3 empty
		"psykisk syg, sygdom i psyken", // 4 phrases only
		"og, samt",                     // 5 stop word
		"§§, paragraf",                 // 6 no letters
		"# kommentar",                  // 7
		"hjemløs, husvild",             // 8 ok
		"hjemløs, ikke noget",          // 9 a phrase of stop words only
	}, "\n")
	syn, err := ParseSynonyms("content/synonymer.txt", []byte(data))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"content/synonymer.txt:2: en gruppe skal have mindst to ord",
		"content/synonymer.txt:3: tomt ord mellem kommaer",
		"content/synonymer.txt:4: en gruppe skal have mindst ét enkelt ord",
		"content/synonymer.txt:5: »og« er et fyldord",
		"content/synonymer.txt:6: »§§« indeholder ingen bogstaver",
		"content/synonymer.txt:9: »ikke noget« er kun fyldord",
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

func TestSynonymPhrases(t *testing.T) {
	st := buildSynonyms(Synonyms{
		{"hjemløs", "forsorgshjem", "ikke noget sted at bo", "sted at bo"},
		{"rengøring", "gøre rent"},
	})
	for _, tc := range []struct {
		q    string
		want []queryWord
	}{
		// The longest phrase at a word wins; its words give way to the
		// group's single words, the other words stay.
		{"jeg har ikke noget sted at bo", []queryWord{{concept: "forsorgshjem hjemløs"}}},
		{"jeg har et sted at bo", []queryWord{{concept: "forsorgshjem hjemløs"}}},
		// Any inflection; once only.
		{"hjælp til at gøre rent og gør rent", []queryWord{{word: "hjælp"}, {concept: "rengøring"}}},
		// Not in a row: no phrase.
		{"rent gøre", []queryWord{{word: "rent"}, {word: "gøre", prefix: true}}},
	} {
		got := parseQuery(tc.q, &st)
		if !slices.Equal(got, tc.want) {
			t.Errorf("parseQuery(%q) = %+v, want %+v", tc.q, got, tc.want)
		}
	}
	if got := strings.Join(st.groups[0], " "); got != "forsorgshjem hjemløs ikk+nog+sted+at+bo sted+at+bo" {
		t.Errorf("meta group = %q", got)
	}
}
