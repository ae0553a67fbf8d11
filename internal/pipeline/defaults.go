package pipeline

import (
	"slices"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/site"
)

// The pages every site has, whether or not its content holds them: the
// search page with the A–Å list at theme.search (default /soeg/). A site
// that writes its own page at that address keeps it; otherwise the build
// adds one, so the links to search are never broken and the search index
// is always written.

// defaultSearch is the search page's front matter when content has none.
var defaultSearch = map[string]interface{}{
	"title":   "Søg",
	"summary": "Skriv et ord, så finder vi de sider, der passer. Du kan også finde alle sider i listen fra A til Å.",
	"layout":  SearchLayout,
}

// withDefaultPages returns tree, or a copy of it with the default pages its
// sources do not have.
func withDefaultPages(cfg *config.Config, tree *content.Tree) *content.Tree {
	u := cfg.Theme.Search
	if u == "" || u == "/" {
		return tree
	}
	p := strings.Trim(u, "/") + ".md"
	for _, name := range []string{p, strings.Trim(u, "/") + "/_index.md"} { // where it mostly is: no walk
		if s := sourceAt(tree.Sources, name); s != nil && site.URLFor(s.Path, s.String("slug")) == u {
			return tree
		}
	}
	for _, s := range tree.Sources {
		if site.URLFor(s.Path, s.String("slug")) == u {
			return tree
		}
	}
	src := &content.Source{Path: p, File: cfg.Content + "/" + p, Fields: defaultSearch, Lines: map[string]int{}}
	out := *tree
	out.Sources = append(slices.Clip(tree.Sources), src)
	slices.SortFunc(out.Sources, func(a, b *content.Source) int { return strings.Compare(a.Path, b.Path) })
	return &out
}

// sourceAt returns the source at path name in sources (sorted by path),
// or nil.
func sourceAt(sources []*content.Source, name string) *content.Source {
	i, ok := slices.BinarySearchFunc(sources, name, func(s *content.Source, name string) int { return strings.Compare(s.Path, name) })
	if !ok {
		return nil
	}
	return sources[i]
}

// generated reports whether src is a page withDefaultPages added: it has
// no file, so no front matter lines (a page from a file has at least its
// title's) and no text.
func generated(src *content.Source) bool {
	return len(src.Lines) == 0 && src.Body == nil
}
