package pipeline

import (
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
)

// keptIndex is the search index's documents as the last Refresh analysed
// them (search.Kept), so that the next one analyses only the pages whose
// text, or whose document but its text (searchHead), changed since: a
// synonym, or a title, no longer analyses every page's text again. The
// index made of kept and new documents is built and written as always,
// with the bytes of an index to which every page was added by Add.
type keptIndex struct {
	ix    *search.Index // the index the documents are of
	docs  *search.Kept
	heads map[string][32]byte // page URL → searchHead of its kept document
	view  *site.View          // the view the heads are of
	text  map[string]bool     // pages rendered (their text taken) since
}

// changed records that page u's text was taken again.
func (k *keptIndex) changed(u string) {
	if k.docs == nil {
		return
	}
	if k.text == nil {
		k.text = map[string]bool{}
	}
	k.text[u] = true
}

// index returns the search index of b's view: each page with text as the
// last Refresh analysed it where that still holds, else analysed again,
// on all processors (Add and AddKept take documents in any order). The
// documents are then kept for the next.
func (r *recorder) index(b *builder) (*search.Index, error) {
	k := &r.kept
	// In the same view (the same pages: a body, the glossary, the synonyms
	// changed since) every page's searchHead is the same.
	same := k.view == b.view && k.heads != nil
	if same && len(k.text) == 0 && k.ix != nil {
		// The same documents: only the synonyms or the best bets may
		// have changed, which the last index takes without being built
		// again.
		syn, bets, err := searchInputs(b.site, r.prefix)
		if err != nil {
			return nil, err
		}
		k.ix.SetSynonyms(syn)
		k.ix.SetBestBets(bets)
		return k.ix, nil
	}
	ix, err := NewSearchIndex(b.site, r.prefix)
	if err != nil {
		return nil, err
	}
	takes := ix.Takes(k.docs)
	pages := b.view.Pages
	heads := make([][32]byte, len(pages))
	const chunk = 256
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(pages); lo += chunk {
		g.Go(func() error {
			for i := lo; i < min(lo+chunk, len(pages)); i++ {
				p := pages[i]
				blocks, ok := r.blocks[p.URL]
				if !ok {
					continue
				}
				old, ok := k.heads[p.URL]
				if heads[i] = old; !same || !ok {
					heads[i] = searchHead(b.view, p)
				}
				if !takes || !ok || old != heads[i] || k.text[p.URL] || !ix.AddKept(k.docs, p.URL) {
					ix.Add(SearchDoc(b.view, p, blocks))
				}
			}
			return nil
		})
	}
	g.Wait()
	r.keep(b, ix, heads)
	return ix, nil
}

// keepFull keeps the documents of a full build's index ix (nil: the site
// has no search page), so that the first Refresh takes them too.
func (r *recorder) keepFull(b *builder, ix *search.Index) {
	if ix == nil {
		return
	}
	pages := b.view.Pages
	heads := make([][32]byte, len(pages))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(pages); lo += 256 {
		g.Go(func() error {
			for i := lo; i < min(lo+256, len(pages)); i++ {
				if _, ok := r.blocks[pages[i].URL]; ok {
					heads[i] = searchHead(b.view, pages[i])
				}
			}
			return nil
		})
	}
	g.Wait()
	r.keep(b, ix, heads)
}

// keep keeps ix's documents and the searchHeads of b's pages with text
// (heads[i] is that of b.view.Pages[i]) for the next Refresh.
func (r *recorder) keep(b *builder, ix *search.Index, heads [][32]byte) {
	k := keptIndex{ix: ix, docs: ix.Keep(), heads: make(map[string][32]byte, len(heads)), view: b.view}
	for i, p := range b.view.Pages {
		if _, ok := r.blocks[p.URL]; ok {
			k.heads[p.URL] = heads[i]
		}
	}
	r.kept = k
}
