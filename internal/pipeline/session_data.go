package pipeline

import (
	"errors"
	"io/fs"
	"maps"
	"os"
)

// indexData reports whether the content file rel is read by the search
// index alone (the synonyms, the best bets): a change to it renders no
// page, and the index is made again by Refresh.
func indexData(rel string) bool { return rel == SynonymFile || rel == BestBetFile }

// readIndexData reads the changed data file rel (at abs; gone if deleted)
// into u.data, and checks it as the search index will read it: an error
// fails the update and leaves the last good build.
func (u *partialBuild) readIndexData(rel, abs string) error {
	raw, err := os.ReadFile(abs)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errFullBuild
	}
	if u.data == nil {
		u.data = maps.Clone(u.r.tree.Data)
	}
	if err != nil {
		delete(u.data, rel)
	} else {
		u.data[rel] = raw
	}
	s := *u.r.b.site
	s.Data = u.data
	_, err = NewSearchIndex(&s, u.r.prefix)
	return err
}

// keepData makes the changed data files part of the last good build; the
// search index is stale until Refresh.
func (u *partialBuild) keepData() {
	if u.data == nil {
		return
	}
	t := *u.r.tree
	t.Data = u.data
	u.r.tree = &t
	u.r.b.site.Data = u.data
	u.s.setStale(true)
}
