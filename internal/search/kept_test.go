package search

import (
	"bytes"
	"slices"
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

// TestKeepTakesKeptDocuments keeps an index most of whose documents were
// taken from a Kept: Keep takes them as they are (their bytes, the Kept's
// words), and the index the next build makes of that Kept, with more
// changes, is still the one Add makes. With most documents gone, Keep
// makes the words afresh.
func TestKeepTakesKeptDocuments(t *testing.T) {
	docs := append(loadTestDocs(t), benchDocs(200, 120)...)
	syn := loadTestSynonyms(t)
	first := NewIndex(syn)
	for _, d := range docs {
		first.Add(d)
	}
	roundTrip := func(k *Kept) *Kept {
		data, err := k.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var out Kept
		if err := out.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		return &out
	}
	kept := roundTrip(first.Keep())
	for round, edit := range []int{3, 7, 3} {
		docs[edit].Body += " Ord nummer " + string(rune('a'+round)) + ": vindmøllerne."
		want, got := NewIndex(syn), NewIndex(syn)
		for i, d := range docs {
			want.Add(d)
			if i == edit {
				got.Add(d)
			} else if !got.AddKept(kept, d.URL) {
				t.Fatalf("round %d: no kept document for %s", round, d.URL)
			}
		}
		fw, fg := writeFiles(t, want), writeFiles(t, got)
		if len(fw) != len(fg) {
			t.Fatalf("round %d: %d files, want %d", round, len(fg), len(fw))
		}
		for name, b := range fw {
			if !bytes.Equal(b, fg[name]) {
				t.Errorf("round %d: %s differs from the index made by Add", round, name)
			}
		}
		next := got.Keep()
		if len(next.raw) != len(docs)-1 || len(next.docs) != 1 || !slices.Equal(next.words[:len(kept.words)], kept.words) {
			t.Errorf("round %d: Keep took %d documents as read (want %d), made %d, kept the words %v",
				round, len(next.raw), len(docs)-1, len(next.docs), slices.Equal(next.words[:min(len(kept.words), len(next.words))], kept.words))
		}
		kept = roundTrip(next)
	}
	few := NewIndex(syn)
	for _, d := range docs[:len(docs)/2] {
		few.AddKept(kept, d.URL)
	}
	if k := few.Keep(); len(k.raw) != 0 || len(k.docs) != len(docs)/2 {
		t.Errorf("with half the documents gone, Keep took %d as read and made %d, want the words made afresh", len(k.raw), len(k.docs))
	}
}

// TestAddKeptAllIsAddKept adds kept documents all at once and one by one:
// the same index files; a URL the Kept does not have adds none.
func TestAddKeptAllIsAddKept(t *testing.T) {
	docs := append(loadTestDocs(t), benchDocs(300, 120)...)
	syn := loadTestSynonyms(t)
	first := NewIndex(syn)
	for _, d := range docs {
		first.Add(d)
	}
	data, _ := first.Keep().MarshalBinary()
	var kept Kept
	if err := kept.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	one, all := NewIndex(syn), NewIndex(syn)
	var urls []string
	for _, d := range docs[1:] {
		one.AddKept(&kept, d.URL)
		urls = append(urls, d.URL)
	}
	one.Add(docs[0])
	all.Add(docs[0])
	if u, ok := all.AddKeptAll(&kept, urls); !ok {
		t.Fatalf("AddKeptAll misses %s", u)
	}
	fo, fa := writeFiles(t, one), writeFiles(t, all)
	for name, b := range fo {
		if !bytes.Equal(b, fa[name]) {
			t.Errorf("%s differs", name)
		}
	}
	if len(fo) != len(fa) {
		t.Errorf("%d files, want %d", len(fa), len(fo))
	}
	none := NewIndex(syn)
	if u, ok := none.AddKeptAll(&kept, []string{docs[2].URL, "/ikke-her/"}); ok || u != "/ikke-her/" || len(none.docs) != 0 {
		t.Errorf("AddKeptAll with a missing URL: %q %v, %d documents added", u, ok, len(none.docs))
	}
}
