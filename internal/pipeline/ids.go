package pipeline

import (
	"io/fs"
	"os"
	"regexp"
	"sort"
)

var layoutIDRE = regexp.MustCompile(`\bid="([A-Za-z][A-Za-z0-9_-]*)"`)

// layoutIDs lists the ids the layouts write as they are (id="main",
// id="q"), sorted: a heading in a page's text must not get one of them.
func layoutIDs(dir string) []string {
	seen := map[string]bool{}
	fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(os.DirFS(dir), p)
		if err != nil {
			return nil
		}
		for _, m := range layoutIDRE.FindAllSubmatch(b, -1) {
			seen[string(m[1])] = true
		}
		return nil
	})
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
