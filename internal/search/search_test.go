package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func urls(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.URL)
	}
	return out
}

func filler(n int) string {
	return strings.Repeat("Borgeren får hjælp af kommunen i hverdagen. ", n)
}

func TestRankingFields(t *testing.T) {
	ix := NewIndex(nil)
	ix.Add(Doc{URL: "/body/", Title: "Hverdagen", Body: filler(10) + "Bostøtte hjælper. Spørg om bostøtte. " + filler(10)})
	ix.Add(Doc{URL: "/heading/", Title: "Hverdagen", Headings: []string{"Bostøtte"}, Body: filler(20)})
	ix.Add(Doc{URL: "/summary/", Title: "Hverdagen", Summary: "Om bostøtte i eget hjem.", Body: filler(20)})
	ix.Add(Doc{URL: "/title/", Title: "Bostøtte", Body: filler(20)})
	ix.Add(Doc{URL: "/none/", Title: "Hverdagen", Body: filler(20)})
	got := urls(ix.Search("bostøtte", 0))
	want := []string{"/title/", "/summary/", "/heading/", "/body/"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSearchCorpus(t *testing.T) {
	ix := testIndex(t)
	for _, tc := range []struct {
		q     string
		first string   // the best hit
		has   []string // also among the hits
	}{
		// Stemming: inflections find each other.
		{"boligerne", "", []string{"/enheder/saxenhoej-og-fjordvang/", "/enheder/guldborgsund-handicap/hjemloese/"}},
		// Compounds: "behandling" finds "misbrugsbehandling" and "alkoholbehandling".
		{"behandling ", "", []string{"/inspiration/raadgivning-paa-tvaers/", "/enheder/socialpsykiatrien-og-cfa/alkoholbehandling/"}},
		// aa written for å.
		{"raadgivning", "/inspiration/raadgivning-paa-tvaers/", nil},
		{"paaroerende", "/enheder/myndighed/paaroerende/", nil},
		// ae/oe for æ/ø when the word as written matches nothing.
		{"oekonomi", "/hjertesager/oekonomi/", nil},
		{"aerlighed", "/hjertesager/aerlighed/", nil},
		// Synonyms.
		{"husvild", "", []string{"/enheder/guldborgsund-handicap/hjemloese/"}},
		{"afhængighed", "", []string{"/enheder/socialpsykiatrien-og-cfa/alkoholbehandling/"}},
		// Typos: one edit in words of five letters or more.
		{"visitaton", "/enheder/myndighed/visitation/", nil},
		{"aflastnig", "/enheder/marie-grubbe/aflastning/", nil},
		{"behandlnig", "", []string{"/enheder/socialpsykiatrien-og-cfa/stofmisbrug/"}},
		// Prefix on the last word.
		{"aflast", "/enheder/marie-grubbe/aflastning/", nil},
		{"bostøtte pri", "/enheder/socialpsykiatrien-og-cfa/bostoette/", nil},
		{"til", "/hjertesager/tillid/", nil},
		// Several words: pages with all of them first.
		{"rådgivning pårørende", "/enheder/myndighed/paaroerende/", nil},
	} {
		hits := ix.Search(tc.q, 0)
		got := urls(hits)
		if len(got) == 0 {
			t.Errorf("%q: no hits", tc.q)
			continue
		}
		if tc.first != "" && got[0] != tc.first {
			t.Errorf("%q: first hit %s, want %s (all: %q)", tc.q, got[0], tc.first, got)
		}
		for _, u := range tc.has {
			if !slices.Contains(got, u) {
				t.Errorf("%q: %s missing from %q", tc.q, u, got)
			}
		}
	}
}

func TestSearchNegative(t *testing.T) {
	ix := testIndex(t)
	// Nonsense, stop words only, a JS object key, and two typos.
	for _, q := range []string{"xyzzy", "og", "constructor", "visittaton"} {
		if hits := ix.Search(q, 0); len(hits) > 0 {
			t.Errorf("%q: got %q, want no hits", q, urls(hits))
		}
	}
	// Typo tolerance needs five letters: "unf" is not "ung".
	if hits := ix.Search("unf ", 0); len(hits) > 0 {
		t.Errorf("unf: got %q", urls(hits))
	}
	// Prefixes only on the last word: "aflast bolig" finds no aflastning page.
	if hits := ix.Search("aflast bolig", 0); slices.Contains(urls(hits), "/enheder/marie-grubbe/aflastning/") && hits[0].URL == "/enheder/marie-grubbe/aflastning/" {
		t.Errorf("aflast bolig: %q", urls(hits))
	}
	// å is not a: "far" does not find "får".
	for _, h := range ix.Search("far ", 0) {
		t.Errorf("far: got %s", h.URL)
	}
}

func TestSearchPartial(t *testing.T) {
	ix := testIndex(t)
	// No page has both words: pages with one of them are returned.
	hits := ix.Search("keramik herberg", 0)
	got := urls(hits)
	if !slices.Contains(got, "/enheder/guldborgsund-handicap/") || !slices.Contains(got, "/enheder/guldborgsund-handicap/hjemloese/") {
		t.Errorf("got %q", got)
	}
	// With a page that has both, it comes first, and pages with only one
	// of the words follow (coordination, not a requirement).
	hits = ix.Search("bostøtte pris", 0)
	if got := urls(hits); len(got) < 2 || got[0] != "/enheder/socialpsykiatrien-og-cfa/bostoette/" {
		t.Errorf("got %q", got)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hit %d scores %v, more than the one before it (%v)", i, hits[i].Score, hits[i-1].Score)
		}
	}
	if hits := ix.Search("behandling", 2); len(hits) != 2 {
		t.Errorf("n=2: got %d hits", len(hits))
	}
	if h := ix.Search("Marie Grubbe", 1); len(h) != 1 || h[0].Title != "Marie Grubbe" || h[0].Section != "Enheder og tilbud" || h[0].Score <= 0 {
		t.Errorf("got %+v", h)
	}
}

func writeFiles(t testing.TB, ix *Index) map[string][]byte {
	files := map[string][]byte{}
	var names []string
	err := ix.Write(func(name string, data []byte) error {
		names = append(names, name)
		files[name] = bytes.Clone(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(names) {
		t.Errorf("files not written in name order: %q", names)
	}
	return files
}

func TestWriteDeterministic(t *testing.T) {
	docs := loadTestDocs(t)
	docs = append(docs, benchDocs(300, 150)...)
	syn := loadTestSynonyms(t)

	a := NewIndex(syn)
	for _, d := range docs {
		a.Add(d)
	}
	// Reverse order, shuffled, from several goroutines, with a search
	// (which builds the index) in between.
	b := NewIndex(syn)
	shuffled := slices.Clone(docs)
	slices.Reverse(shuffled)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b.Add(shuffled[0])
	b.Search("bolig", 5)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1 + w; i < len(shuffled); i += 4 {
				b.Add(shuffled[i])
			}
		}()
	}
	wg.Wait()

	fa, fb := writeFiles(t, a), writeFiles(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files vs %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs", name)
		}
	}
	// Writing twice gives the same bytes too.
	for name, data := range writeFiles(t, a) {
		if !bytes.Equal(data, fa[name]) {
			t.Errorf("second write: %s differs", name)
		}
	}
}

func TestWriteFormat(t *testing.T) {
	ix := testIndex(t)
	files := writeFiles(t, ix)
	meta := string(files["idx/meta.txt"])
	for _, want := range []string{
		ShardHead + `"meta",{"v":1,"n":20,`,
		`["section","Sektion",[["Enheder og tilbud",`,
		`"y":["afhæng alkohol misbrug","bol lej","gør+rent hjælp+hjem rengøring","hjemløs husvild","hjemløs ikk+nog+sted+at+bo på+gad"]`,
	} {
		if !strings.Contains(meta, want) {
			t.Errorf("meta.txt lacks %s:\n%s", want, meta)
		}
	}
	// The filters' facets are in f.txt, loaded when the filters are opened,
	// not in meta.txt, which every search page loads.
	if strings.Contains(meta, `"unit"`) {
		t.Errorf("meta.txt holds the filters' facets:\n%s", meta)
	}
	filters := string(files["idx/f.txt"])
	for _, want := range []string{
		ShardHead + `"f",[["section","Sektion",[["Enheder og tilbud",`,
		`["unit","Enheder",[["Guldborgsund Handicap",`,
	} {
		if !strings.Contains(filters, want) {
			t.Errorf("f.txt lacks %s:\n%s", want, filters)
		}
	}
	var terms, docs int
	for name, data := range files {
		switch {
		case strings.HasPrefix(name, "idx/t-"):
			terms++
			key := strings.TrimSuffix(strings.TrimPrefix(name, "idx/"), ShardExt)
			if !strings.HasPrefix(string(data), fmt.Sprintf("%s%q,{", ShardHead, key)) {
				t.Errorf("%s: %.60s", name, data)
			}
			for _, c := range key {
				if c > 127 {
					t.Errorf("%s: not an ASCII name", name)
				}
			}
		case strings.HasPrefix(name, "idx/d-"):
			docs++
		case name != "idx/meta.txt" && name != "idx/f.txt":
			t.Errorf("unexpected file %s", name)
		}
	}
	if terms < 10 || docs < 1 {
		t.Errorf("%d term shards, %d doc shards", terms, docs)
	}
	if !strings.Contains(string(files["idx/t-r_e5_d.txt"]), `"rådgivning":"`) {
		t.Errorf("t-r_e5_d.txt: %s", files["idx/t-r_e5_d.txt"])
	}
	if !strings.HasPrefix(string(files["idx/t-_e5_r.txt"]), ShardHead+`"t-_e5_r",{"år":"`) {
		t.Errorf("t-_e5_r.txt: %s", files["idx/t-_e5_r.txt"])
	}
}

func TestEncoding(t *testing.T) {
	for _, n := range []uint32{0, 1, 31, 32, 1000, 1 << 20, 1<<32 - 1} {
		b := appendNum(nil, n)
		if len(b) != numLen(n) {
			t.Errorf("%d: len %d, numLen %d", n, len(b), numLen(n))
		}
		// Decode as the client does.
		var v uint64
		for i, c := range b {
			d := uint64(strings.IndexByte(numDigits, c))
			if (d < 32) != (i == len(b)-1) {
				t.Errorf("%d: bad digit kind in %q", n, b)
			}
			v = v*32 + d%32
		}
		if v != uint64(n) {
			t.Errorf("%d: decoded %d from %q", n, v, b)
		}
	}
	got := string(appendJSString(nil, "a\"b\\c\n<\u2028æ\x01"))
	if want := `"a\"b\\c\n\u003c\u2028æ\u0001"`; got != want {
		t.Errorf("appendJSString = %s, want %s", got, want)
	}
	if got := string(appendDocList(nil, []int32{0, 1, 2, 5, 9, 10})); got != "ACCADB" {
		t.Errorf("appendDocList = %s", got)
	}
}

func TestShardLayout(t *testing.T) {
	ix := NewIndex(nil)
	for _, d := range benchDocs(2000, 200) {
		ix.Add(d)
	}
	b := ix.build()
	// A shard's key is its terms' first shardKeyRunes runes (a shorter
	// term's is the term), so the client can name it from the word alone.
	for key, ids := range b.shards {
		for _, id := range ids {
			if want := string([]rune(b.terms[id])[:min(shardKeyRunes, len([]rune(b.terms[id])))]); key != want {
				t.Errorf("%q in shard %q, want %q", b.terms[id], key, want)
			}
		}
	}
	// Every term is in the shard shardOf names.
	for key, ids := range b.shards {
		for _, id := range ids {
			if k, _ := b.shardOf(b.terms[id]); k != key {
				t.Errorf("%q in shard %q, shardOf says %q", b.terms[id], key, k)
			}
		}
	}
}

// TestSynonymBlending: a synonym does not outrank the word as typed just
// for being rarer (its rarity is the group's), and a page with the word
// and a synonym of it beats one with only the word.
func TestSynonymBlending(t *testing.T) {
	syn := Synonyms{{"botilbud", "elevbolig"}, {"hjemløs", "forsorgshjem"}}
	ix := NewIndex(syn)
	for i := range 8 { // botilbud is common, elevbolig rare
		ix.Add(Doc{URL: fmt.Sprintf("/botilbud-%d/", i), Title: "Botilbud", Body: filler(3 + i)})
	}
	ix.Add(Doc{URL: "/elevbolig/", Title: "Elevbolig", Body: filler(3)})
	if got := urls(ix.Search("botilbud", 0)); got[0] != "/botilbud-0/" || got[len(got)-1] != "/elevbolig/" {
		t.Errorf("botilbud: got %q, want the elevbolig page last", got)
	}
	if got := urls(ix.Search("elevbolig", 0)); got[0] != "/elevbolig/" {
		t.Errorf("elevbolig: got %q", got)
	}

	ix = NewIndex(syn)
	ix.Add(Doc{URL: "/a/", Title: "Botilbud", Summary: "For hjemløse.", Body: filler(3)})
	ix.Add(Doc{URL: "/b/", Title: "Tilbud", Summary: "For hjemløse.", Body: "Et forsorgshjem. " + filler(6)})
	ix.Add(Doc{URL: "/c/", Title: "Socialmedicin", Summary: "For hjemløse.", Body: filler(2)})
	ix.Add(Doc{URL: "/d/", Title: "Saxenhøj", Body: "Et forsorgshjem. " + filler(6)})
	ix.Add(Doc{URL: "/e/", Title: "Fjordvang", Body: "Et forsorgshjem. " + filler(6)})
	if got := urls(ix.Search("hjemløs", 0)); got[0] != "/b/" {
		t.Errorf("hjemløs: got %q, want /b/ (hjemløs and forsorgshjem) first", got)
	}
}

// TestCompoundUnknownTail: a compound whose last part is not a word of the
// site is still split after a whole known word, but not where a linking s
// or a mere stem could mislead.
func TestCompoundUnknownTail(t *testing.T) {
	ix := NewIndex(nil)
	ix.Add(Doc{URL: "/a/", Title: "Socialmedicinsk afdeling", Body: "Social Færdigheds Træning. En borgers stemme. Borgersamlinger og kommunikation i kommunen."})
	ix.Add(Doc{URL: "/b/", Title: "Socialpædagogisk støtte", Body: filler(2)})
	ix.build()
	c := newCompounder(ix.knownWords())
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"socialmedicinsk", []string{"social", "medicinsk"}},
		{"socialpædagogisk", []string{"social", "pædagogisk"}},
		{"borgersamlinger", nil}, // not borgers + amlinger
		{"kommunikation", nil},   // kommun is only a stem, not a word
	} {
		if got := c.split(tc.word); !slices.Equal(got, tc.want) {
			t.Errorf("split(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := urls(ix.Search("medicinsk", 0)); !slices.Equal(got, []string{"/a/"}) {
		t.Errorf("medicinsk: got %q, want /a/ (socialmedicinsk)", got)
	}
	if got := urls(ix.Search("pædagogisk støtte", 0)); !slices.Equal(got, []string{"/b/"}) {
		t.Errorf("pædagogisk støtte: got %q, want /b/ (socialpædagogisk)", got)
	}
}

func TestBestBets(t *testing.T) {
	ix := testIndex(t)
	for _, tc := range []struct {
		q    string
		want []string // the first results
	}{
		// The phrase's words in a row, stop words included: both bets
		// match; the missing page is left out.
		{"jeg har tanker om selvmord", []string{"/enheder/socialpsykiatrien-og-cfa/", "/enheder/myndighed/paaroerende/"}},
		{"selvmordet", []string{"/enheder/myndighed/paaroerende/", "/enheder/socialpsykiatrien-og-cfa/"}},
		// A page found anyway moves up to its bet's place.
		{"tillid", []string{"/hjertesager/respekt/", "/hjertesager/tillid/"}},
	} {
		got := urls(ix.Search(tc.q, 0))
		if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) {
			t.Errorf("%q: got %v, want %v first", tc.q, got, tc.want)
		}
		if slices.Contains(got, "/findes-ikke/") {
			t.Errorf("%q: a page the index does not have was shown", tc.q)
		}
		if n := len(got); n != len(slices.Compact(slices.Clone(got))) {
			t.Errorf("%q: a page is shown twice: %v", tc.q, got)
		}
	}
	// Part of a phrase is no bet; words out of order match only the bets
	// they hold in a row ("selvmord", not "tanker om selvmord").
	noBets := NewIndex(loadTestSynonyms(t))
	for _, d := range loadTestDocs(t) {
		noBets.Add(d)
	}
	if got, want := urls(ix.Search("tanker om", 0)), urls(noBets.Search("tanker om", 0)); !slices.Equal(got, want) {
		t.Errorf("»tanker om«: got %v, want %v as without bets", got, want)
	}
	want := []string{"/enheder/myndighed/paaroerende/", "/enheder/socialpsykiatrien-og-cfa/"}
	if got := urls(ix.Search("om selvmord tanker", 2)); !slices.Equal(got, want) {
		t.Errorf("»om selvmord tanker«: got %v, want %v", got, want)
	}
}

// TestWeakWords: in a query with other words a weak word (tid) counts a
// third and not for coordination, so the page about the other word comes
// first; alone it is searched as any word.
func TestWeakWords(t *testing.T) {
	ix := NewIndex(nil)
	ix.Add(Doc{URL: "/angst/", Title: "Angst", Body: filler(4)})
	ix.Add(Doc{URL: "/tid/", Title: "Tid", Summary: "Tid og tid.", Body: filler(4)})
	ix.Add(Doc{URL: "/kaffe/", Title: "Kaffe", Summary: "Kaffe og kaffe.", Body: filler(4)})
	for i := range 6 {
		ix.Add(Doc{URL: fmt.Sprintf("/x%d/", i), Title: "Andet", Body: filler(4 + i)})
	}
	if got := urls(ix.Search("angst hele tiden", 0)); len(got) < 2 || got[0] != "/angst/" {
		t.Errorf("angst hele tiden: got %q, want /angst/ first", got)
	}
	// A word that is not weak, in the same place, wins: kaffe is as rare as
	// tid and its page as much about it.
	if got := urls(ix.Search("angst hele kaffe", 0)); len(got) < 2 || got[0] != "/kaffe/" {
		t.Errorf("angst hele kaffe: got %q, want /kaffe/ first", got)
	}
	if got := urls(ix.Search("hele tiden", 0)); len(got) == 0 || got[0] != "/tid/" {
		t.Errorf("hele tiden (weak words only): got %q, want /tid/", got)
	}
}

// TestPrefixOfWholeWord: the last word's prefix expansions count less when
// the word is itself a word of the index.
func TestPrefixOfWholeWord(t *testing.T) {
	ix := NewIndex(nil)
	ix.Add(Doc{URL: "/liv/", Title: "Hverdagen", Body: filler(20) + "Et godt liv. " + filler(20)})
	ix.Add(Doc{URL: "/situation/", Title: "Livssituation", Summary: "Livssituation.", Body: filler(2)})
	ix.Add(Doc{URL: "/x/", Title: "Andet", Body: filler(3)})
	if got := urls(ix.Search("liv", 0)); got[0] != "/liv/" {
		t.Errorf("liv: got %q, want /liv/ first", got)
	}
	if got := urls(ix.Search("livss", 0)); len(got) != 1 || got[0] != "/situation/" {
		t.Errorf("livss: got %q, want /situation/", got)
	}
}

// TestCompoundTailQuery: a query word that matches nothing is searched by
// the longest end (five letters or more, after three or more) that is a
// term.
func TestCompoundTailQuery(t *testing.T) {
	ix := NewIndex(nil)
	ix.Add(Doc{URL: "/angst/", Title: "Angst", Body: filler(2)})
	ix.Add(Doc{URL: "/ring/", Title: "Ring til os", Body: filler(2)})
	for _, tc := range []struct{ q, want string }{
		{"panikangst", "/angst/"},
		{"jeg har social angst", "/angst/"},
		{"parkering", ""}, // ring has four letters
		{"angst", "/angst/"},
	} {
		got := urls(ix.Search(tc.q, 0))
		if (tc.want == "" && len(got) > 0) || (tc.want != "" && (len(got) == 0 || got[0] != tc.want)) {
			t.Errorf("%q: got %q, want %q", tc.q, got, tc.want)
		}
	}
}
