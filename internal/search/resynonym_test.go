package search

import (
	"bytes"
	"maps"
	"slices"
	"testing"
)

// TestSetSynonymsIsTheSame changes the synonyms of a built index and
// compares every shard with an index of the same documents built with
// the new synonyms from the start: groups removed, added (of words many
// documents have, so that their terms' weights move) and none at all. A
// document that loses to another with the same URL leaves terms without
// postings, which build drops and renumbers. Hints (hint.go) are made
// for terms in a tenth of the documents, so that shards have them.
func TestSetSynonymsIsTheSame(t *testing.T) {
	docs := append(loadTestDocs(t), benchDocs(200, 120)...)
	docs = append(docs, Doc{URL: docs[7].URL, Title: "Ærkehertugindeslottet", Body: "Zeppelinerhangarerne og kvægavlsforeningerne."})
	defer func(m int) { hintMin = m }(hintMin)
	hintMin = len(docs) / 10
	a := loadTestSynonyms(t)
	b := append(slices.Clone(a[2:]), []string{"støtte", "hjælp", "indsats"}, []string{"samtale", "rådgivning"}, []string{"bolig", "hverdag"})
	cases := []struct {
		name     string
		from, to Synonyms
	}{
		{"andre grupper", a, b},
		{"ingen før", nil, a},
		{"ingen efter", b, nil},
		{"de samme", a, a},
	}
	build := func(syn Synonyms) *Index {
		ix := NewIndex(syn)
		for _, d := range docs {
			ix.Add(d)
		}
		return ix
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := build(c.from)
			before := writeFiles(t, ix)
			ix.SetSynonyms(c.to)
			got, want := writeFiles(t, ix), writeFiles(t, build(c.to))
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
				t.Fatalf("files %q, want %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
			moved := 0
			for name, w := range want {
				if !bytes.Equal(got[name], w) {
					t.Errorf("%s differs from the index built with the new synonyms", name)
				}
				if name != "idx/meta.txt" && !bytes.Equal(before[name], w) {
					moved++
				}
			}
			if (moved > 0) != (c.name != "de samme") {
				t.Errorf("%d term shards other than meta.txt changed", moved)
			}
		})
	}
}

// TestSetBestBetsAfterBuild sets best bets on a built index and compares
// every shard with an index built with them from the start.
func TestSetBestBetsAfterBuild(t *testing.T) {
	docs := loadTestDocs(t)
	bets := []BestBet{{Phrase: "ny bolig", URLs: []string{docs[4].URL, docs[1].URL}}, {Phrase: "hjælp", URLs: []string{"/findes-ikke/"}}}
	ix, want := NewIndex(nil), NewIndex(nil)
	want.SetBestBets(bets)
	for _, d := range docs {
		ix.Add(d)
		want.Add(d)
	}
	before := writeFiles(t, ix)
	ix.SetBestBets(bets)
	got, wf := writeFiles(t, ix), writeFiles(t, want)
	if bytes.Equal(before["idx/meta.txt"], wf["idx/meta.txt"]) {
		t.Fatal("the best bets do not change meta.txt: the test shows nothing")
	}
	for name, w := range wf {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s differs from the index built with the best bets", name)
		}
	}
}
