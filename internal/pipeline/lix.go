package pipeline

import (
	"strings"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/plainlang"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// lixJob carries what a page's row in the language report needs from the
// Markdown pass to the rendered page.
type lixJob struct {
	terms    []string         // abbreviations the glossary does not explain
	findings int              // the Markdown's plain-language warnings
	rendered bool             // LIX is measured on the rendered page (lixRendered)
	known    *plainlang.Known // then: the Markdown's blocks' counts, which the page mostly repeats
	rep      plainlang.Report // the rendered page's analysis (measureMain), else the Markdown's
}

// minLixWords is the fewest words of a rendered page whose LIX is judged: a
// handful of words (a page that is a heading, a menu of cards and a line)
// gives a LIX that says nothing about how hard the page is to read. The
// page still gets its row in the language report.
const minLixWords = 40

// lixRendered reports whether page p's LIX is measured on its rendered
// page: so for every page a target without a label (a public site) shows,
// which is what the plain-language goal is about. Other pages (the
// intranet's, thousands of cases) are measured on their Markdown: measuring
// the rendered page costs CPU (the README has the figures).
func (b *builder) lixRendered(p *site.Page) bool {
	for _, t := range b.cfg.Targets {
		if t.Label == "" && t.Shows(p.Audience) {
			return true
		}
	}
	return false
}

// measureMain measures a public page's rendered main content (page, the
// HTML while it is being written) into j.rep, for measureLix; and reads
// the page's ids and links into r, unless nil, in the same pass.
func (b *builder) measureMain(p *site.Page, j *lixJob, page []byte, r *refs) {
	j.known.Common = b.lixCommon
	var attr func(key, val []byte)
	if r != nil {
		attr = r.attr
	}
	j.rep = plainlang.AnalyzePage(p.Src.File, page, p.Src.BodyLine, plainlang.Rules{LixTarget: b.rules.LixTarget, LixError: b.rules.LixError}, j.known, attr)
}

// measureLix takes a public page's LIX as measured on its rendered main
// content (measureMain), as the reader sees it (the layout's lists, cards
// and contact block included), warns when it is above the site's target,
// and adds the page's row to the language report; other pages keep their
// Markdown's figures.
func (b *builder) measureLix(p *site.Page, j *lixJob, l *diag.List) {
	rep := j.rep
	if j.rendered {
		if rep.Words >= minLixWords {
			for _, f := range rep.Findings {
				l.Add(f)
			}
			j.findings += len(rep.Findings)
		}
	}
	if rep.Words == 0 {
		return
	}
	// The longest sentence and the terms are cloned: they are pieces of
	// larger strings, which the row would otherwise keep whole until the
	// build ends.
	for i, t := range j.terms {
		j.terms[i] = strings.Clone(t)
	}
	row := render.LanguageRow{Page: p, Lix: int(rep.Lix), Words: rep.Words, Longest: strings.Clone(rep.Longest.Text),
		Longests: rep.Longest.Words, Terms: j.terms, Findings: j.findings}
	b.mu.Lock()
	b.language = append(b.language, row)
	b.mu.Unlock()
	b.rec.row(p.URL, row)
}
