package search

import (
	"bytes"
	"testing"
)

// TestKeptIndexIsTheSame builds an index of some documents by Add and the
// others from a kept analysis (through its bytes), and compares every
// shard with an index of the same documents all made by Add: a document
// edited, one added, and the kept documents of one that is gone must not
// count (its words make no compounds).
func TestKeptIndexIsTheSame(t *testing.T) {
	docs := append(loadTestDocs(t), benchDocs(200, 120)...)
	syn := loadTestSynonyms(t)
	first := NewIndex(syn)
	for _, d := range docs {
		first.Add(d)
	}
	writeFiles(t, first)
	data, err := first.Keep().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var kept Kept
	if err := kept.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	// The next build: docs[3] edited, docs[5] gone, a new document.
	edited := docs[3]
	edited.Body += " Et helt nyt ord: solsikkemarkerne."
	gone := docs[5].URL
	added := Doc{URL: "/ny/", Title: "Ny side", Summary: "Om markerne.", Body: "Solsikker og marker.", Facets: map[string][]string{"unit": {"Ny"}}}
	want, got := NewIndex(syn), NewIndex(syn)
	for i, d := range docs {
		switch {
		case d.URL == gone:
		case i == 3:
			want.Add(edited)
			got.Add(edited)
		default:
			want.Add(d)
			if !got.AddKept(&kept, d.URL) {
				t.Fatalf("no kept document for %s", d.URL)
			}
		}
	}
	want.Add(added)
	got.Add(added)
	fw, fg := writeFiles(t, want), writeFiles(t, got)
	if len(fw) != len(fg) {
		t.Fatalf("%d files, want %d", len(fg), len(fw))
	}
	for name, b := range fw {
		if !bytes.Equal(b, fg[name]) {
			t.Errorf("%s differs from the index made by Add", name)
		}
	}
	if got.AddKept(&kept, "/ikke-her/") {
		t.Error("AddKept took a document the kept index does not have")
	}
	other := NewIndex(syn)
	other.SetWeights(Weights{Title: 1, Body: 1})
	if other.Takes(&kept) || !got.Takes(&kept) {
		t.Error("Takes does not tell the weights apart")
	}
	if other.AddKept(&kept, docs[0].URL) {
		t.Error("AddKept took a document analysed with other weights")
	}
	for _, n := range []int{len(data) / 2, len(data) - 1, 5} {
		if err := new(Kept).UnmarshalBinary(data[:n]); err == nil {
			t.Errorf("a kept index cut to %d of %d bytes was read", n, len(data))
		}
	}
}

// BenchmarkKept measures what an incremental build spends on the index of
// the pages it did not render: decoding the kept analysis and adding it,
// against adding the documents by Add.
func BenchmarkKept(b *testing.B) {
	docs := benchDocs(2000, 300)
	ix := NewIndex(nil)
	for _, d := range docs {
		ix.Add(d)
	}
	data, _ := ix.Keep().MarshalBinary()
	b.Run("Add", func(b *testing.B) {
		for b.Loop() {
			ix := NewIndex(nil)
			for _, d := range docs {
				ix.Add(d)
			}
		}
	})
	b.Run("AddKept", func(b *testing.B) {
		for b.Loop() {
			var k Kept
			if err := k.UnmarshalBinary(data); err != nil {
				b.Fatal(err)
			}
			ix := NewIndex(nil)
			for _, d := range docs {
				ix.AddKept(&k, d.URL)
			}
		}
	})
}
