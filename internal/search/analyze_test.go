package search

import (
	"slices"
	"testing"
)

func TestWordsNormalise(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Pårørende og RÅDGIVNING", []string{"pårørende", "og", "rådgivning"}},
		// aa stands for å, in text and in queries alike.
		{"paaroerende raadgivning Aabenraa", []string{"påroerende", "rådgivning", "åbenrå"}},
		// NFC: a decomposed å (a + ring) is the same word as a composed one.
		{"pa\u030arørende", []string{"pårørende"}},
		{"SFT-forløb, § 85 i 2024.", []string{"sft", "forløb", "85", "2024"}},
		// One-letter words go unless they are numbers.
		{"a b 3 ø", []string{"3"}},
		{"", nil},
	} {
		if got := words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDanishLettersStayDistinct(t *testing.T) {
	// æ, ø and å are letters of their own, not a, o, e.
	for _, pair := range [][2]string{{"sø", "so"}, {"får", "far"}, {"æg", "ag"}, {"øre", "ore"}, {"hår", "har"}} {
		if a, b := stem(words(pair[0])[0]), stem(words(pair[1])[0]); a == b {
			t.Errorf("%s and %s analyse to the same term %q", pair[0], pair[1], a)
		}
	}
}

func TestStemInflections(t *testing.T) {
	for _, group := range [][]string{
		{"bolig", "boliger", "boligen", "boligerne"},
		{"behandling", "behandlingen", "behandlinger"},
		{"pårørende", "pårørendes"},
		{"tilbud", "tilbuddet", "tilbuddene"},
	} {
		want := stem(group[0])
		for _, w := range group[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, want %q (the stem of %q)", w, got, want, group[0])
			}
		}
	}
}

func TestStemIsPrefix(t *testing.T) {
	// The index ships words as the part after their stem; that needs the
	// stem to be a prefix of the word.
	for _, w := range stemWords(nil) {
		if s := stem(w); len(s) > len(w) || w[:len(s)] != s {
			t.Errorf("stem(%q) = %q is not a prefix", w, s)
		}
	}
}

func TestVariants(t *testing.T) {
	got := variants("paaroerende")
	if !slices.Contains(got, "paarørende") {
		t.Errorf("variants(paaroerende) = %q", got)
	}
	if got := variants(words("paaroerende")[0]); !slices.Equal(got, []string{"pårørende"}) {
		t.Errorf("variants(påroerende) = %q, want [pårørende]", got)
	}
	if got := variants("oekonomi"); !slices.Equal(got, []string{"økonomi"}) {
		t.Errorf("variants(oekonomi) = %q", got)
	}
	if got := variants("aerlig"); !slices.Equal(got, []string{"ærlig"}) {
		t.Errorf("variants(aerlig) = %q", got)
	}
	if got := variants("bolig"); got != nil {
		t.Errorf("variants(bolig) = %q, want none", got)
	}
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []queryWord
	}{
		{"hjælp til bolig", []queryWord{{word: "hjælp", prefix: false}, {word: "bolig", prefix: true}}},
		{"hjælp til bolig ", []queryWord{{word: "hjælp", prefix: false}, {word: "bolig", prefix: false}}},
		{"bolig til", []queryWord{{word: "bolig", prefix: false}}},
		{"til", []queryWord{{word: "til", prefix: true}}},
		{"og til ", []queryWord{{word: "til", prefix: false}}},
		{"bolig Bolig boli", []queryWord{{word: "bolig", prefix: false}, {word: "boli", prefix: true}}},
		{"  ", nil},
	} {
		if got := parseQuery(tc.q, nil); !slices.Equal(got, tc.want) {
			t.Errorf("parseQuery(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestEditDistance1(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"behandling", "behandling", true},
		{"behandling", "behanling", true},   // deletion
		{"behandling", "behandlingg", true}, // insertion
		{"behandling", "behandlinq", true},  // substitution
		{"behandling", "behandlnig", true},  // swap
		{"behandling", "bhenadling", false},
		{"bolig", "bo", false},
		{"sø", "so", true},
	} {
		if got := editDistance1([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("editDistance1(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestCompoundParts(t *testing.T) {
	ix := testIndex(t)
	ix.build()
	c := newCompounder(ix.knownWords())
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"misbrugsbehandling", []string{"misbrug", "behandling"}},
		{"alkoholbehandling", []string{"alkohol", "behandling"}},
		{"bostøttemedarbejder", []string{"bostøtte", "medarbejder"}},
		{"pårørendemøder", []string{"pårørende", "møder"}},
		{"behandling", nil},
		{"forældrene", nil}, // "for" is a stop word, never a part
	} {
		got := c.split(tc.word)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("split(%q) = %q, want it to hold %q", tc.word, got, w)
			}
		}
		if tc.want == nil && got != nil {
			t.Errorf("split(%q) = %q, want no parts", tc.word, got)
		}
	}
}
