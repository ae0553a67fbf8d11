package search

import (
	"strings"
	"testing"
)

func TestWeightsExtraField(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Title: "Forsorgshjem", Body: "Et sted at bo.", Fields: map[string][]string{"phrases": {"jeg har ingen steder at sove"}}},
		{URL: "/b/", Title: "Botilbud", Body: "Du kan sove godt her, siger vi om sove og sove."},
		{URL: "/c/", Title: "Kontakt", Body: "Ring til os."},
	}
	w := DefaultWeights()
	w.Fields = map[string]float64{"phrases": 10}
	ix := NewIndex(nil)
	if err := ix.SetWeights(w); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		ix.Add(d)
	}
	if got := urls(ix.Search("sove ", 0)); len(got) != 2 || got[0] != "/a/" {
		t.Errorf("a phrase weighted 10 should outrank the body: got %v", got)
	}
	if err := ix.SetWeights(w); err == nil || !strings.Contains(err.Error(), "after Add") {
		t.Errorf("SetWeights after Add: got %v", err)
	}

	// Without a weight the field is not indexed; weight 0 leaves a part out.
	ix = NewIndex(nil)
	if err := ix.SetWeights(Weights{Title: 1, Summary: 1, Headings: 1, Terms: 1, Body: 0}); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		ix.Add(d)
	}
	if got := urls(ix.Search("sove ", 0)); len(got) != 0 {
		t.Errorf("body and phrases not indexed: got %v", got)
	}

	w.Fields = map[string]float64{"a": 1, "b": 1, "c": 1, "d": 1}
	if err := NewIndex(nil).SetWeights(w); err == nil {
		t.Errorf("%d extra fields: want an error", len(w.Fields))
	}
	w.Fields = map[string]float64{"a": -1}
	if err := NewIndex(nil).SetWeights(w); err == nil {
		t.Error("a negative weight: want an error")
	}
}
