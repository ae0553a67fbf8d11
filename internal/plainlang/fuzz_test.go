package plainlang

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/markdown"
)

// FuzzLix checks that no text makes the analysis panic or give a LIX that is
// not a finite number ≥ 0, and that sentence splitting loses no word. The
// seed corpus is in testdata/fuzz/FuzzLix.
func FuzzLix(f *testing.F) {
	f.Add("Vi gør det sammen med dig. Ikke hen over hovedet på dig.")
	f.Fuzz(func(t *testing.T, text string) {
		lix := Lix(text)
		if math.IsNaN(lix) || math.IsInf(lix, 0) || lix < 0 {
			t.Fatalf("Lix(%q) = %v", text, lix)
		}
		words := Words(text)
		sentences := Sentences(text)
		if len(words) > 0 && (len(sentences) == 0 || lix < 1) {
			t.Fatalf("%d words but %d sentences, LIX %v", len(words), len(sentences), lix)
		}
		if max := float64(len(words)) + 100; lix > max {
			t.Fatalf("Lix(%q) = %v, above words + 100", text, lix)
		}
		n := 0
		for _, s := range sentences {
			if s == "" || strings.TrimSpace(s) != s {
				t.Fatalf("sentence %q is empty or untrimmed", s)
			}
			w := len(Words(s))
			if w == 0 {
				t.Fatalf("sentence %q has no words", s)
			}
			n += w
		}
		if n != len(words) {
			t.Fatalf("sentences hold %d words, the text %d: %q", n, len(words), sentences)
		}
		for _, w := range words {
			if w == "" {
				t.Fatal("empty word")
			}
		}
		if got, want := Abbreviations(text), abbreviations(text); !slices.Equal(got, want) {
			t.Fatalf("Abbreviations(%q) = %q, but the full pass finds %q", text, got, want)
		}
		rep := Analyze("x.md", []markdown.Block{{Text: text, Line: 1}}, Rules{LixTarget: 1, LixError: 2, SentenceWords: 1, ParagraphWords: 1})
		if rep.Words != len(words) || rep.Sentences != len(sentences) || math.Abs(rep.Lix-lix) > 1e-9 {
			t.Fatalf("Analyze = %d words, %d sentences, LIX %v; want %d, %d, %v", rep.Words, rep.Sentences, rep.Lix, len(words), len(sentences), lix)
		}
	})
}
