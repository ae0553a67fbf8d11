package pipeline

import (
	"fmt"
	"path"
	"sort"

	"github.com/guldborgsund/labyrint/internal/diag"
	words "github.com/guldborgsund/labyrint/internal/glossary"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/plainlang"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
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
}

// loadGlossary reads the glossary file of the content folder (named
// prefix in messages) for view.
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
	for _, e := range g.Entries {
		gl.entries = append(gl.entries, render.GlossaryEntry{ID: e.ID, Term: e.Term, Expansion: e.Expansion, Explanation: e.Explanation})
	}
	sort.SliceStable(gl.entries, func(i, j int) bool { return site.Less(gl.entries[i].Term, gl.entries[j].Term) })
	return gl, &l
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
