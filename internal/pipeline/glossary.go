package pipeline

import (
	"fmt"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	words "github.com/guldborgsund/labyrint/internal/glossary"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/plainlang"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
	"golang.org/x/sync/errgroup"
)

// GlossaryFile is the editors' glossary at the top of content/: the words
// the site explains (see glossary.Parse). A site without it builds
// as before: nothing is marked and nothing is warned about.
const GlossaryFile = "ordliste.yaml"

// GlossaryLayout is the layout of the glossary page: it lists the entries
// (render.Data.Glossary), and the words marked on other pages link to it.
const GlossaryLayout = "glossary"

// glossary is one build's glossary. Its methods are safe on a glossary
// without a file (g == nil): they then do nothing.
type glossary struct {
	g       *words.Glossary
	file    string     // as messages name it: "content/ordliste.yaml"
	page    *site.Page // the view's glossary page, or nil
	entries []render.GlossaryEntry
	terms   termCache // if set, what find knows of the pages' bodies (an incremental build's cache)
}

// termCache keeps the entries each page's body uses (their indexes in
// the glossary), so that list needs no page's text that did not change.
type termCache interface {
	get(src *content.Source) ([]int32, bool)
	put(src *content.Source, terms []int32)
}

// loadGlossary reads the glossary file of the content folder (named
// prefix in messages) for view. What the glossary page lists is list's.
func loadGlossary(prefix string, data map[string][]byte, view *site.View) (*glossary, *diag.List) {
	var l diag.List
	gl := &glossary{file: path.Join(prefix, GlossaryFile)}
	for _, p := range view.Pages {
		if p.Layout == GlossaryLayout {
			gl.page = p
			break
		}
	}
	src, ok := data[GlossaryFile]
	if !ok {
		if gl.page != nil {
			l.Add(diag.Finding{File: gl.page.Src.File, Line: 1, Severity: diag.Warning, Code: "glossary-missing",
				Msg: fmt.Sprintf("siden er ordlisten, men %s findes ikke, så den er tom", gl.file)})
		}
		return gl, &l
	}
	g, probs := words.Parse(src)
	for _, pr := range probs {
		sev := diag.Warning
		if pr.Error {
			sev = diag.Error
		}
		l.Add(diag.Finding{File: gl.file, Line: pr.Line, Severity: sev, Code: pr.Code, Msg: pr.Msg})
	}
	gl.g = g
	return gl, &l
}

// list finds the entries the glossary page of view, one of site s's
// targets, lists (listFor). Call it before the bodies of the pages view
// does not show are let go: the list depends on them.
func (gl *glossary) list(s *site.Site, view *site.View) {
	if gl.g != nil && gl.page != nil { // the entries are the glossary page's
		gl.entries = gl.listFor(s.Pages, view, func(p *site.Page) *content.Source { return p.Src })
	}
}

// listFor returns the entries the glossary page of view lists, from A to
// Å: every entry used on a page the view shows, and every entry used on no
// page of the site at all, but not an entry used only on pages that other
// targets show (the public glossary does not name the intranet's words).
// An entry is used on a page where glossary.Find finds it in the page's
// source (src gives it): in its Markdown, headings and links too, or in a
// text field ("law: Serviceloven § 110").
func (gl *glossary) listFor(all []*site.Page, view *site.View, src func(*site.Page) *content.Source) []render.GlossaryEntry {
	var shown, others []*site.Page
	for _, p := range all {
		switch {
		case p == gl.page:
		case view.Has(p):
			shown = append(shown, p)
		default:
			others = append(others, p)
		}
	}
	inView := gl.usedOn(shown, src, make([]bool, gl.g.Len()))
	anywhere := gl.usedOn(others, src, inView)
	i := -1
	return gl.entriesWhere(func(words.Entry) bool {
		i++
		return inView[i] || !anywhere[i]
	})
}

// entriesWhere returns the entries that list says to list (called for each
// entry in order), from A to Å.
func (gl *glossary) entriesWhere(list func(words.Entry) bool) []render.GlossaryEntry {
	var out []render.GlossaryEntry
	for _, e := range gl.g.Entries {
		if list(e) {
			out = append(out, render.GlossaryEntry{ID: e.ID, Term: e.Term, Expansion: e.Expansion, Explanation: e.Explanation})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return site.Less(out[i].Term, out[j].Term) })
	return out
}

// usedOn returns known with the entries used on pages added, reading the
// pages on all cores (each stops once it has found every entry).
func (gl *glossary) usedOn(pages []*site.Page, src func(*site.Page) *content.Source, known []bool) []bool {
	n := runtime.GOMAXPROCS(0)
	found := make([][]bool, n)
	var g errgroup.Group
	for w := range n {
		g.Go(func() error {
			used := slices.Clone(known)
			left := 0
			for _, u := range used {
				if !u {
					left++
				}
			}
			for i := w; i < len(pages) && left > 0; i += n {
				left -= gl.find(src(pages[i]), used, left)
			}
			found[w] = used
			return nil
		})
	}
	g.Wait()
	out := slices.Clone(known)
	for _, used := range found {
		for i, u := range used {
			out[i] = out[i] || u
		}
	}
	return out
}

// find marks the entries used in src's body and text fields, and returns
// how many it marked.
func (gl *glossary) find(src *content.Source, used []bool, left int) int {
	var n int
	if gl.terms != nil {
		n = gl.bodyTerms(src, used)
	} else {
		n = len(gl.g.Find(string(src.Body), used, left))
	}
	for _, k := range slices.Sorted(maps.Keys(src.Fields)) {
		if n == left {
			break
		}
		switch v := src.Fields[k].(type) {
		case string:
			n += len(gl.g.Find(v, used, left-n))
		case []string:
			for _, x := range v {
				n += len(gl.g.Find(x, used, left-n))
			}
		}
	}
	return n
}

// bodyTerms marks the entries src's body uses, as gl.terms keeps them or
// found in the body and kept, and returns how many it marked.
func (gl *glossary) bodyTerms(src *content.Source, used []bool) int {
	ts, ok := gl.terms.get(src)
	if !ok {
		all := make([]bool, gl.g.Len())
		gl.g.Find(string(src.Body), all, len(all))
		ts = []int32{}
		for i, u := range all {
			if u {
				ts = append(ts, int32(i))
			}
		}
		gl.terms.put(src, ts)
	}
	n := 0
	for _, i := range ts {
		if !used[i] {
			used[i] = true
			n++
		}
	}
	return n
}

// usageChanged reports whether an edit changes which entries its page
// uses: reading the edited pages alone, so that a save that does not
// (most) costs no reading of the whole site. A page that came or went
// counts as a change.
func (gl *glossary) usageChanged(edits []edit) bool {
	n := gl.g.Len()
	for _, e := range edits {
		if e.page == nil || e.src == nil || e.gone {
			return true
		}
		before, after := make([]bool, n), make([]bool, n)
		gl.find(e.page.Src, before, n)
		gl.find(e.src, after, n)
		if !slices.Equal(before, after) {
			return true
		}
	}
	return false
}

// shownChanged reports whether an edit moved a page into or out of the
// target's view (its audience changed): the pages whose entries count
// are then others.
func (u *partialBuild) shownChanged(edits []edit) bool {
	if u.bodyOnly {
		return false
	}
	for _, e := range edits {
		was := e.page != nil && u.r.b.view.Has(e.page)
		np := u.next.site.PageByPath(e.path())
		if is := np != nil && u.next.view.Has(np); was != is {
			return true
		}
	}
	return false
}

// relist is a Session update's part of the glossary: an edit can change
// which entries the target's pages use, and so what the glossary page
// lists (listFor). Then the page is rendered again with the new list.
// When no edited page changed the entries it uses, the list is the last
// build's (a page that came or went always counts as a change), and the
// site is not read again. Else the counts of use (wordUse) are adjusted
// by the edited pages, once the session has them.
func (u *partialBuild) relist(edits []edit) {
	gl, last := u.next.gl, u.r.b.gl
	if gl == nil || gl.g == nil || gl.page == nil {
		return
	}
	if !gl.usageChanged(edits) && !u.shownChanged(edits) {
		if !u.bodyOnly {
			gl.entries = last.entries // a new model's glossary, not yet listed
		}
		return
	}
	u.words = u.reuse(edits)
	relisted := *gl
	relisted.entries = gl.listed(u.words)
	u.next.gl = &relisted
	if slices.Equal(relisted.entries, last.entries) {
		return
	}
	for _, j := range u.todo {
		if j.url == gl.page.URL {
			return
		}
	}
	for _, j := range u.next.jobs {
		if j.url == gl.page.URL {
			u.todo = append(u.todo, j)
			return
		}
	}
}

// reuse returns the counts of use after edits: the last ones adjusted by
// the edited pages, or, the first time (or when the glossary page is
// another), counted on every page.
func (u *partialBuild) reuse(edits []edit) wordUse {
	gl, last := u.next.gl, u.r.b.gl
	now := func(e edit) (*site.Page, *content.Source) {
		if u.bodyOnly {
			return e.page, e.src
		}
		if np := u.next.site.PageByPath(e.path()); np != nil {
			return np, np.Src
		}
		return nil, nil
	}
	if use := u.r.words; use != nil && last.page != nil && gl.isPage(last.page) {
		use = maps.Clone(use)
		for _, e := range edits {
			if e.page != nil && !last.isPage(e.page) {
				use.add(last, e.page.Src, u.r.b.view.Has(e.page), -1)
			}
			if np, src := now(e); np != nil && !gl.isPage(np) {
				use.add(gl, src, u.next.view.Has(np), 1)
			}
		}
		return use
	}
	edited := make(map[*site.Page]*content.Source, len(edits))
	for _, e := range edits {
		if np, src := now(e); np != nil {
			edited[np] = src
		}
	}
	return gl.countUse(u.next.site.Pages, u.next.view, func(p *site.Page) *content.Source {
		if s, ok := edited[p]; ok {
			return s
		}
		return p.Src
	})
}

// renderer makes the build's Markdown renderer, marking the glossary's
// words when there is a glossary; headings get no id of taken (the
// layouts' own).
func (gl *glossary) renderer(taken []string) *markdown.Renderer {
	var r *markdown.Renderer
	if gl.g == nil {
		r = markdown.New()
	} else {
		u := ""
		if gl.page != nil {
			u = gl.page.URL
		}
		r = markdown.New(markdown.Glossary(gl.g, u))
	}
	r.Reserve(taken...)
	return r
}

// renderOptions are the options for rendering page p: the glossary page
// itself is not marked.
func (gl *glossary) renderOptions(p *site.Page) []markdown.RenderOption {
	if p == gl.page {
		return []markdown.RenderOption{markdown.WithoutGlossary()}
	}
	return nil
}

// check gives the glossary page its entries, and warns about every
// abbreviation and § reference on page p that the glossary does not
// explain, once a page, at the line of the block where it is first used.
// check warns about the abbreviations and § references of p that the
// glossary does not explain, and returns them in order of first use; with
// no glossary every abbreviation counts as unexplained.
func (gl *glossary) check(p *site.Page, d *render.Data, blocks []markdown.Block, l *diag.List) []string {
	if p == gl.page {
		d.Glossary = gl.entries
		ids := map[string]bool{}
		for _, e := range gl.entries {
			ids[e.ID] = true
		}
		for _, h := range d.Headings {
			if ids[h.ID] {
				l.Add(diag.Finding{File: p.Src.File, Line: h.Line, Severity: diag.Warning, Code: "glossary-id",
					Msg: fmt.Sprintf("overskriften %q har samme id (#%s) som et ord i ordlisten, så links til ordet kan ende her; skriv overskriften om", h.Text, h.ID)})
			}
		}
	}
	if gl.g == nil {
		var all []string
		for _, bl := range blocks {
			all = append(all, plainlang.Abbreviations(bl.Text)...)
		}
		return all
	}
	var seen map[string]bool
	var out []string
	for _, bl := range blocks {
		for _, a := range plainlang.Abbreviations(bl.Text) {
			if gl.g.Explains(a) || seen[a] {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[a] = true
			out = append(out, a)
			what := "forkortelsen"
			if a[0] == "§"[0] {
				what = "paragraffen"
			}
			l.Add(diag.Finding{File: p.Src.File, Line: bl.Line, Severity: diag.Warning, Code: "glossary-unexplained",
				Msg:  fmt.Sprintf("%s %q er ikke forklaret i ordlisten (%s)", what, a, gl.file),
				Hint: "skriv den i ordlisten med en kort forklaring, eller skriv ordet helt ud"})
		}
	}
	return out
}
