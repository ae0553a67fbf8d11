package search

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
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
	checked, pages := 0, 0
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
			var all map[string]json.RawMessage
			if err := json.Unmarshal(raw, &all); err != nil {
				t.Fatalf("%s: the hints are not an object: %v", name, err)
			}
			for w, v := range all {
				if w == "" {
					checkHintPages(t, name, v, files)
					continue
				}
				var ids string
				if err := json.Unmarshal(v, &ids); err != nil {
					t.Fatalf("%s: hint %q is not a string: %v", name, w, err)
				}
				hints[w] = ids
			}
			pages++
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
	if checked < 40 || pages == 0 {
		t.Errorf("%d hints checked against Search, %d shards with hints", checked, pages)
	}
	t.Logf("%d hints checked against Search", checked)
}

// checkHintPages checks a term shard's hinted pages: at most hintPagesMax,
// in id order, each as its page shard has it.
func checkHintPages(t *testing.T, name string, raw json.RawMessage, files map[string][]byte) {
	t.Helper()
	var pages [][]any
	if err := json.Unmarshal(raw, &pages); err != nil {
		t.Fatalf("%s: the hinted pages are not [[id, url, title, summary, text], ...]: %v", name, err)
	}
	if len(pages) == 0 || len(pages) > hintPagesMax {
		t.Errorf("%s: %d hinted pages", name, len(pages))
	}
	// All page shards' entries in id order.
	var all []any
	for k := 0; ; k++ {
		data, ok := files["idx/d-"+strconv.Itoa(k)+".txt"]
		if !ok {
			break
		}
		text := string(data)
		var entries []any
		if err := json.Unmarshal([]byte(text[strings.IndexByte(text, ',')+1:strings.LastIndexByte(text, ')')]), &entries); err != nil {
			t.Fatal(err)
		}
		all = append(all, entries...)
	}
	last := -1.0
	for _, p := range pages {
		id, ok := p[0].(float64)
		if !ok || id <= last || int(id) >= len(all) {
			t.Fatalf("%s: page %v", name, p[0])
		}
		last = id
		if !reflect.DeepEqual(p[1:], all[int(id)]) {
			t.Errorf("%s: page %v is %v, its page shard has %v", name, id, p[1:], all[int(id)])
		}
	}
}

// With hintMinDocs, the small test index has no hints.
func TestNoHintsOnASmallIndex(t *testing.T) {
	for name, data := range writeFiles(t, testIndex(t)) {
		if strings.Contains(string(data), `{"":{`) {
			t.Errorf("%s has hints: %.120s", name, data)
		}
	}
}
