package pipeline

import (
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/guldborgsund/labyrint/internal/content"
	words "github.com/guldborgsund/labyrint/internal/glossary"
	"github.com/guldborgsund/labyrint/internal/plainlang"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// A Session update after an edit of the glossary file (content/ordliste.yaml)
// renders the glossary page and the pages the edit reaches: those whose
// text uses an entry that changed (its term, forms or expansion: what a
// page shows of it), before or after the edit, and those with an
// abbreviation the glossary explains before and not after, or after and
// not before. An explanation is shown on the glossary page alone.
//
// What the glossary page lists (listFor) follows from how many pages use
// each entry (wordUse); the session keeps the counts once it has made
// them, so that an update adjusts them by the pages it reaches instead of
// reading every page.

// wordUse counts, by entry ID, the pages that use an entry: [0] those the
// target shows, [1] the others. The glossary page itself is not counted.
type wordUse map[string][2]int

// countUse counts the uses of gl's entries on every page of all (src gives
// a page's source), reading the pages on all cores.
func (gl *glossary) countUse(all []*site.Page, view *site.View, src func(*site.Page) *content.Source) wordUse {
	n := runtime.GOMAXPROCS(0)
	parts := make([]wordUse, n)
	var g errgroup.Group
	for w := range n {
		g.Go(func() error {
			use := wordUse{}
			for i := w; i < len(all); i += n {
				if p := all[i]; !gl.isPage(p) {
					use.add(gl, src(p), view.Has(p), 1)
				}
			}
			parts[w] = use
			return nil
		})
	}
	g.Wait()
	use := wordUse{}
	for _, part := range parts {
		for id, c := range part {
			t := use[id]
			use[id] = [2]int{t[0] + c[0], t[1] + c[1]}
		}
	}
	return use
}

// isPage reports whether p is the glossary page (by its file: a model made
// again has new pages).
func (gl *glossary) isPage(p *site.Page) bool {
	return gl.page != nil && p.Src.Path == gl.page.Src.Path
}

// add adds d to the counts of the entries that src uses, on a page the
// target shows or not.
func (w wordUse) add(gl *glossary, src *content.Source, shown bool, d int) {
	n := gl.g.Len()
	used := make([]bool, n)
	gl.find(src, used, n)
	k := 1
	if shown {
		k = 0
	}
	for i, u := range used {
		if u {
			id := gl.g.Entries[i].ID
			c := w[id]
			c[k] += d
			w[id] = c
		}
	}
}

// listed returns the entries the glossary page lists by the counts of use:
// the entries listFor lists.
func (gl *glossary) listed(use wordUse) []render.GlossaryEntry {
	return gl.entriesWhere(func(e words.Entry) bool {
		c := use[e.ID]
		return c[0] > 0 || c[1] == 0
	})
}

// readGlossary reads the changed glossary file (at abs) into u.gl; a
// glossary with errors fails the update and leaves the last good build.
func (u *partialBuild) readGlossary(abs string) error {
	raw, err := os.ReadFile(abs)
	if err != nil {
		return errFullBuild // gone: a full build says what that means
	}
	if u.data == nil {
		u.data = maps.Clone(u.r.tree.Data)
	}
	u.data[GlossaryFile] = raw
	gl, l := loadGlossary(u.r.prefix, u.data, u.r.b.view)
	u.l.Merge(l)
	u.gl = gl
	return nil
}

// reword plans the update after an edit of the glossary file alone: the
// same model with the new glossary; the pages the edit reaches and the
// glossary page are rendered again.
func (u *partialBuild) reword() error {
	b, old, gl := u.r.b, u.r.b.gl, u.gl
	if old == nil || old.g == nil || (old.page == nil) != (gl.page == nil) {
		return errFullBuild
	}
	u.bodyOnly = true // the model stays
	u.next = b.clone()
	u.tree = *u.r.tree
	u.tree.Data = u.data
	u.next.gl, u.next.md = gl, gl.renderer(b.md.Reserved())
	reached := reachedBy(old, gl, b.site.Pages)
	for _, p := range reached {
		if j, ok := u.r.jobs[p.URL]; ok && j.page == p && j.page.Layout != ReportLayout && !gl.isPage(p) {
			u.todo = append(u.todo, j)
		}
	}
	if gl.page == nil {
		return nil
	}
	use := u.r.words
	if use == nil {
		use = gl.countUse(b.site.Pages, b.view, func(p *site.Page) *content.Source { return p.Src })
	} else {
		use = maps.Clone(use)
		for _, p := range reached {
			if !gl.isPage(p) {
				use.add(old, p.Src, b.view.Has(p), -1)
				use.add(gl, p.Src, b.view.Has(p), 1)
			}
		}
	}
	u.words = use
	gl.entries = gl.listed(use)
	if j, ok := u.r.jobs[gl.page.URL]; ok && !slices.Equal(gl.entries, old.entries) {
		u.todo = append(u.todo, j)
	}
	return nil
}

// reachedBy returns the pages of all whose text an edit of the glossary
// from old to now reaches (see the top of this file).
func reachedBy(old, now *glossary, all []*site.Page) []*site.Page {
	key := func(e words.Entry) string {
		return e.ID + "\x00" + e.Term + "\x00" + e.Expansion + "\x00" + fmt.Sprint(e.Forms)
	}
	before, after := map[string]bool{}, map[string]bool{}
	for _, e := range old.g.Entries {
		before[key(e)] = true
	}
	for _, e := range now.g.Entries {
		after[key(e)] = true
	}
	gone := old.g.Only(func(e words.Entry) bool { return !after[key(e)] })
	came := now.g.Only(func(e words.Entry) bool { return !before[key(e)] })
	if gone.Len() == 0 && came.Len() == 0 {
		return nil
	}
	reaches := func(src *content.Source) bool {
		for _, g := range []*words.Glossary{gone, came} {
			if g.Len() > 0 && (&glossary{g: g}).find(src, make([]bool, g.Len()), 1) > 0 {
				return true
			}
		}
		for _, a := range plainlang.Abbreviations(string(src.Body)) {
			if old.g.Explains(a) != now.g.Explains(a) {
				return true
			}
		}
		return false
	}
	n := runtime.GOMAXPROCS(0)
	hit := make([]bool, len(all))
	var g errgroup.Group
	for w := range n {
		g.Go(func() error {
			for i := w; i < len(all); i += n {
				hit[i] = reaches(all[i].Src)
			}
			return nil
		})
	}
	g.Wait()
	var out []*site.Page
	for i, p := range all {
		if hit[i] {
			out = append(out, p)
		}
	}
	return out
}
