package pipeline

import (
	"path"

	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
)

// SynonymFile is the editors' synonym list at the top of content/.
const SynonymFile = "synonymer.txt"

// NewSearchIndex returns an empty search index for s: the editors'
// synonyms and best bets from content/, the weights of site.yaml's search section and
// the taxonomies' titles as filter labels. prefix is the content folder as
// named in messages. Exported so the search quality test builds the index
// exactly as the build does.
func NewSearchIndex(s *site.Site, prefix string) (*search.Index, error) {
	syn, bets, err := searchInputs(s, prefix)
	if err != nil {
		return nil, err
	}
	ix := search.NewIndex(syn)
	ix.SetBestBets(bets)
	if err := ix.SetWeights(searchWeights(s.Config.Search.Weights)); err != nil {
		return nil, err
	}
	for _, tx := range s.Taxonomies {
		ix.SetFacetLabel(tx.Name, tx.Title)
	}
	return ix, nil
}

// searchInputs returns the site's synonyms and best bets (its data files
// SynonymFile and BestBetFile).
func searchInputs(s *site.Site, prefix string) (search.Synonyms, []search.BestBet, error) {
	syn, err := search.ParseSynonyms(path.Join(prefix, SynonymFile), s.Data[SynonymFile])
	if err != nil {
		return nil, nil, err
	}
	bets, err := parseBestBets(s, prefix)
	if err != nil {
		return nil, nil, err
	}
	return syn, bets, nil
}

// searchWeights returns the search's default weights with those of the
// config's search.weights put in.
func searchWeights(cfg map[string]float64) search.Weights {
	w := search.DefaultWeights()
	parts := map[string]*float64{"title": &w.Title, "summary": &w.Summary, "headings": &w.Headings, "terms": &w.Terms, "body": &w.Body}
	for n, x := range cfg {
		if p, ok := parts[n]; ok {
			*p = x
			continue
		}
		if w.Fields == nil {
			w.Fields = map[string]float64{}
		}
		w.Fields[n] = x
	}
	return w
}

// searchFieldText returns the text of front matter field v (a string or
// a list of strings).
func searchFieldText(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	}
	return nil
}
