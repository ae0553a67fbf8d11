package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzAnalyzer runs any text through the analyzer that index and queries
// share (scanWords/words, parseQuery, stem, variants, editDistance1) and
// through a small index. Nothing may panic, and:
//   - every word is valid UTF-8 and NFC, holds only letters, numbers and
//     marks, has no "aa" (folded to å), has 2..maxWordRunes runes or a digit,
//     comes with its wordHash, and analyses to itself again;
//   - a query has at most maxQueryWords distinct words taken from the text,
//     and only the last one may be a prefix;
//   - variants are valid UTF-8 and at most 2^maxVariantSpots-1;
//   - editDistance1 agrees with a plain reference;
//   - a page whose title is the text is found by each of its words that is
//     not a stop word;
//   - appendJSString gives a JSON string that decodes to the text and
//     holds no '<'.
//
// The seed corpus is in testdata/fuzz/FuzzAnalyzer.
// fuzzSynonyms has phrases of two to five words, stop words among them.
var fuzzSynonyms = buildSynonyms(Synonyms{
	{"hjemløs", "ikke noget sted at bo", "på gaden"},
	{"rengøring", "gøre rent", "rent"},
	{"aa", "aa aa"},
})

func FuzzAnalyzer(f *testing.F) {
	for _, s := range []string{
		"Pårørende og RÅDGIVNING", "paaroerende raadgivning Aabenraa", "pa\u030arørende", "SFT-forløb, § 85 i 2024.",
		"misbrugsbehandling alkoholbehandling", "hjælp til bolig ", "og til", "İSTANBUL ǅemal \u212a", "bad\xffbyte aaa",
		strings.Repeat("ø", 41) + " " + strings.Repeat("a", 40), "ﬁnd ﬂyt", "\u2028\u2029</script>",
	} {
		f.Add(s)
	}
	st := newStemmer()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		var ws []string
		scanWords(s, nil, func(w []byte, h uint32) {
			if h != wordHash(w) {
				t.Fatalf("word %q: hash %d, wordHash %d", w, h, wordHash(w))
			}
			ws = append(ws, string(w))
		})
		if got := words(s); !slices.Equal(got, ws) {
			t.Fatalf("words(%q) = %q, scanWords gave %q", s, got, ws)
		}
		for _, w := range ws {
			checkWord(t, w)
		}
		if len(ws) > 0 {
			if again := words(strings.Join(ws, " ")); !slices.Equal(again, ws) {
				t.Fatalf("words of %q = %q, analysed again %q", s, ws, again)
			}
		}

		q := parseQuery(s, nil)
		if len(q) > maxQueryWords {
			t.Fatalf("parseQuery(%q) has %d words", s, len(q))
		}
		seen := map[string]bool{}
		for i, w := range q {
			if seen[w.word] || !slices.Contains(ws, w.word) || (w.prefix && i != len(q)-1) {
				t.Fatalf("parseQuery(%q) = %v (words %q)", s, q, ws)
			}
			seen[w.word] = true
		}

		// With phrases in the synonyms: words still come from the text,
		// each word and each phrase's concept once.
		pq := parseQuery(s, &fuzzSynonyms)
		seenP := map[string]bool{}
		for i, w := range pq {
			key := w.word + "\x00" + w.concept
			if len(pq) > maxQueryWords || seenP[key] || (w.concept == "" && !slices.Contains(ws, w.word)) || (w.prefix && i != len(pq)-1) {
				t.Fatalf("parseQuery(%q) with phrases = %v (words %q)", s, pq, ws)
			}
			seenP[key] = true
		}

		for _, w := range ws {
			if sw := st.stem(w); !utf8.ValidString(sw) || (sw == "" && w != "") {
				t.Fatalf("stem(%q) = %q", w, sw)
			}
			vs := variants(w)
			if len(vs) > 1<<maxVariantSpots-1 {
				t.Fatalf("variants(%q) = %d", w, len(vs))
			}
			for _, v := range vs {
				if !utf8.ValidString(v) || v == w {
					t.Fatalf("variants(%q) holds %q", w, v)
				}
			}
		}
		rs := []rune(s)
		if len(rs) <= 64 {
			for _, o := range []string{"", "a", string(rs[:len(rs)/2]), string(rs[len(rs)/2:]), s + "x", "x" + s} {
				a, b := rs, []rune(o)
				if got, want := editDistance1(a, b), refDistance1(a, b); got != want {
					t.Fatalf("editDistance1(%q, %q) = %v, want %v", s, o, got, want)
				}
			}
		}

		ix := NewIndex(Synonyms{{"bolig", "hjem"}})
		ix.Add(Doc{URL: "/a/", Title: s, Body: s, Facets: map[string][]string{"unit": {s}}})
		ix.Add(Doc{URL: "/b/", Title: "Bolig", Summary: "Et hjem"})
		for _, w := range ws {
			if stopWords[w] {
				continue
			}
			found := false
			for _, h := range ix.Search(w+" ", 0) {
				found = found || h.URL == "/a/"
			}
			if !found {
				t.Fatalf("a page titled %q is not found by its word %q", s, w)
			}
		}
		ix.Search(s, 0)
		if err := ix.Write(func(name string, data []byte) error {
			if !utf8.Valid(data) {
				t.Fatalf("%s is not UTF-8", name)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}

		js := appendJSString(nil, s)
		var back string
		if err := json.Unmarshal(js, &back); err != nil || back != strings.ToValidUTF8(s, "\ufffd") || strings.ContainsRune(string(js), '<') {
			t.Fatalf("appendJSString(%q) = %s (decodes to %q, %v)", s, js, back, err)
		}
	})
}

func checkWord(t *testing.T, w string) {
	t.Helper()
	n := utf8.RuneCountInString(w)
	digit := false
	for _, r := range w {
		if !isWordRune(r) {
			t.Fatalf("word %q holds %U", w, r)
		}
		digit = digit || unicode.IsNumber(r)
	}
	switch {
	case w == "" || !utf8.ValidString(w):
		t.Fatalf("word %q is empty or not UTF-8", w)
	case !norm.NFC.IsNormalString(w):
		t.Fatalf("word %q is not NFC", w)
	case strings.Contains(w, "aa"):
		t.Fatalf("word %q keeps aa", w)
	case n > maxWordRunes || (n < 2 && !digit):
		t.Fatalf("word %q has %d runes", w, n)
	}
	if again := words(w); len(again) != 1 || again[0] != w {
		t.Fatalf("word %q analyses to %q", w, again)
	}
}

// refDistance1 is editDistance1 written out plainly: equal, one rune
// substituted, one inserted or deleted, or two neighbours swapped.
func refDistance1(a, b []rune) bool {
	if len(a) == len(b) {
		var diff []int
		for i := range a {
			if a[i] != b[i] {
				diff = append(diff, i)
			}
		}
		switch len(diff) {
		case 0, 1:
			return true
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && a[i] == b[j] && a[j] == b[i]
		}
		return false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) != 1 {
		return false
	}
	for i := range a {
		if string(a[:i])+string(a[i+1:]) == string(b) {
			return true
		}
	}
	return false
}
