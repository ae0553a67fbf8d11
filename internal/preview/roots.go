package preview

import "path/filepath"

// roots are the watched folder trees and the folders they lie in: the
// watcher hears from a parent only about the trees themselves (a folder
// deleted, moved away or put back).
type roots struct {
	trees   map[string]bool // the trees, cleaned
	parents map[string]bool // their parent folders
}

func rootEvents(trees []string) roots {
	r := roots{trees: map[string]bool{}, parents: map[string]bool{}}
	for _, t := range trees {
		t = filepath.Clean(t)
		r.trees[t] = true
		r.parents[filepath.Dir(t)] = true
	}
	return r
}

// parentOnly reports whether name is in a folder watched only as a tree's
// parent (not a tree or below one, not a flat folder) without being a tree:
// a change the preview does not build for.
func (r roots) parentOnly(name string, flat []string) bool {
	dir := filepath.Dir(name)
	if !r.parents[dir] || r.trees[filepath.Clean(name)] {
		return false
	}
	for _, f := range flat {
		if filepath.Clean(f) == dir {
			return false // ignored decides
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		if r.trees[d] {
			return false // inside a tree: a real change
		}
		if filepath.Dir(d) == d {
			return true
		}
	}
}
