package site

import (
	"fmt"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// duplicateTitles warns for every page whose title (ignoring case and
// surrounding space) an earlier page, in URL order, already has: a reader
// cannot tell such pages apart in lists, search results and the browser's
// tabs. The warning stands at the later page's title and names the first.
func duplicateTitles(pages []*Page, l *diag.List) {
	first := make(map[string]*Page, len(pages))
	for _, p := range pages {
		key := p.titleKey
		if key == "" {
			continue
		}
		o, ok := first[key]
		if !ok {
			first[key] = p
			continue
		}
		l.Add(diag.Finding{File: p.Src.File, Line: p.Src.Line("title"), Severity: diag.Warning, Code: "duplicate-title",
			Msg:  fmt.Sprintf("siden har samme titel %q som %s", p.Title, o.Src.File),
			Hint: "giv siderne hver sin titel, fx med enhedens navn"})
	}
}
