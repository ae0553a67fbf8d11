package search

import (
	"encoding/json"
	"os"
	"testing"
)

type testDoc struct {
	URL      string              `json:"url"`
	Title    string              `json:"title"`
	Section  string              `json:"section"`
	Summary  string              `json:"summary"`
	Headings []string            `json:"headings"`
	Body     string              `json:"body"`
	Facets   map[string][]string `json:"facets"`
	Fields   map[string][]string `json:"fields"`
	Boost    float64             `json:"boost"`
}

func loadTestDocs(t testing.TB) []Doc {
	t.Helper()
	data, err := os.ReadFile("testdata/docs.json")
	if err != nil {
		t.Fatal(err)
	}
	var tds []testDoc
	if err := json.Unmarshal(data, &tds); err != nil {
		t.Fatal(err)
	}
	docs := make([]Doc, len(tds))
	for i, d := range tds {
		docs[i] = Doc(d)
	}
	return docs
}

func loadTestSynonyms(t testing.TB) Synonyms {
	t.Helper()
	data, err := os.ReadFile("testdata/synonymer.txt")
	if err != nil {
		t.Fatal(err)
	}
	syn, err := ParseSynonyms("testdata/synonymer.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return syn
}

// testIndex builds the index of the test corpus.
func testIndex(t testing.TB) *Index {
	ix := NewIndex(loadTestSynonyms(t))
	ix.SetFacetLabel("unit", "Enheder")
	ix.SetFacetLabel("situations", "Livssituationer")
	ix.SetFacetLabel("projects", "Tværgående projekter")
	ix.SetBestBets(testBestBets)
	for _, d := range loadTestDocs(t) {
		ix.Add(d)
	}
	return ix
}

// testBestBets are the test index's best bets: a phrase with stop words,
// one word with two pages, and a page the index does not have.
var testBestBets = []BestBet{
	{Phrase: "tanker om selvmord", URLs: []string{"/enheder/socialpsykiatrien-og-cfa/"}},
	{Phrase: "selvmord", URLs: []string{"/findes-ikke/", "/enheder/myndighed/paaroerende/", "/enheder/socialpsykiatrien-og-cfa/"}},
	{Phrase: "tillid", URLs: []string{"/hjertesager/respekt/"}},
}
