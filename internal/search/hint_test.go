package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// decodeNums decodes a list of numbers as the client's nums does.
func decodeNums(s string) []int {
	var out []int
	n := 0
	for _, c := range []byte(s) {
		d := strings.IndexByte(numDigits, c)
		if d >= 32 {
			n = n*32 + d - 32
			continue
		}
		out = append(out, n*32+d)
		n = 0
	}
	return out
}

// The hints in the term shards (hint.go) are the first results of a
// query of the word as typed, as Search finds them, for every word of a
// term in hintMin pages or more and no other; the client asks for their
// page shards before it ranks.
func TestTermShardHints(t *testing.T) {
	defer func(m int) { hintMin = m }(hintMin)
	hintMin = 3
	ix := testIndex(t)
	files := writeFiles(t, ix)
	b := ix.build()
	st := newStemmer()
	checked := 0
	for name, data := range files {
		if !strings.HasPrefix(name, "idx/t-") {
			continue
		}
		text := string(data)
		var shard map[string]json.RawMessage
		if err := json.Unmarshal([]byte(text[strings.IndexByte(text, ',')+1:strings.LastIndexByte(text, ')')]), &shard); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		hints := map[string]string{}
		if raw, ok := shard[""]; ok {
			if err := json.Unmarshal(raw, &hints); err != nil {
				t.Fatalf("%s: the hints are not {word: ids}: %v", name, err)
			}
		}
		for term := range shard {
			if term == "" {
				continue
			}
			id := b.termID[term]
			for i := -1; i < len(b.forms[id]); i++ {
				w := term
				if i >= 0 {
					w += b.forms[id][i]
				}
				h, ok := hints[w]
				if want := len(b.post[id]) >= hintMin && st.stem(w) == term; ok != want {
					t.Errorf("%s: %q (term %q in %d pages): hint %v", name, w, term, len(b.post[id]), ok)
				}
				delete(hints, w)
				if !ok {
					continue
				}
				var got []string
				for _, d := range decodeNums(h) {
					got = append(got, b.docs[d].doc.URL)
				}
				// Search puts the best bets first; the hints leave them out.
				if len(b.bestBetDocs(w, st)) > 0 {
					continue
				}
				var want []string
				for _, h := range ix.Search(w, hintResults) {
					want = append(want, h.URL)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%q: hint %q, Search %q", w, got, want)
				}
				checked++
			}
		}
		if len(hints) > 0 {
			t.Errorf("%s: hints for words of no term: %v", name, hints)
		}
	}
	if checked < 40 {
		t.Errorf("%d hints checked against Search", checked)
	}
	t.Logf("%d hints checked against Search", checked)
}

// With hintMinDocs, the small test index has no hints.
func TestNoHintsOnASmallIndex(t *testing.T) {
	for name, data := range writeFiles(t, testIndex(t)) {
		if strings.Contains(string(data), `{"":{`) {
			t.Errorf("%s has hints: %.120s", name, data)
		}
	}
}
