package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The goldmark extension that marks the words a glossary explains (see
// internal/glossary, which finds them in the text):
//
// On each page the first use of each word gets a link to its entry on the
// glossary page, and an abbreviation with an expansion gets the expansion
// written out after it in parentheses ("STU (særligt tilrettelagt
// ungdomsuddannelse)") unless the expansion already stands in the same block
// or the one before or after it. The expansion is shown but is not part of
// the text blocks (Result.Blocks), so it changes neither the LIX nor search.
// Words inside links, headings, table headers, code and images are left
// alone, and so is the glossary page itself (render it with
// WithoutGlossary).

// GlossaryPriority orders the glossary transformer after the page
// transformer (priority 100): links are resolved and checked by then, and
// the links it adds are resolved already.
const GlossaryPriority = 200

// Terms finds the words a glossary explains in the text of a page.
type Terms interface {
	// Len is the number of entries.
	Len() int
	// Find returns the first use in s of each entry not yet used, in
	// order, and marks those entries used; it stops once left entries
	// are found.
	Find(s string, used []bool, left int) []TermMatch
	// Entry returns entry i's anchor on the glossary page and its
	// expansion ("" if none).
	Entry(i int) (id, expansion string)
}

// TermMatch is one use of a term in a text: the link covers
// [Start, LinkEnd), the expansion goes at WordEnd (after the whole
// compound word: "STU-forløbet").
type TermMatch struct {
	Entry                   int
	Start, LinkEnd, WordEnd int
}

// Glossary returns the goldmark extension that marks the terms in every
// page and links them to their entries on the glossary page at site URL
// page ("" when the site has none: the words then only get their
// expansions). The links go through the page's LinkFunc.
func Glossary(terms Terms, page string) goldmark.Extender {
	return &glossaryExt{terms: terms, page: page}
}

type glossaryExt struct {
	terms Terms
	page  string
}

func (e *glossaryExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, GlossaryPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(expansionRenderer{}, GlossaryPriority)))
}

// KindExpansion is the kind of the node that writes out an abbreviation's
// expansion. It is shown, but it is not part of the page's text blocks: the
// LIX and the search index see the text as the editor wrote it.
var KindExpansion = ast.NewNodeKind("GlossaryExpansion")

type expansionNode struct {
	ast.BaseInline
	text []byte // " (særligt tilrettelagt ungdomsuddannelse)"
}

func (n *expansionNode) Kind() ast.NodeKind { return KindExpansion }

func (n *expansionNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Text": string(n.text)}, nil)
}

type expansionRenderer struct{}

func (expansionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindExpansion, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(util.EscapeHTML(n.(*expansionNode).text))
		}
		return ast.WalkContinue, nil
	})
}

// RenderOption changes one Render call.
type RenderOption func(parser.Context)

var noGlossary = parser.NewContextKey()

// WithoutGlossary renders a page without marking the glossary's words:
// for the glossary page itself.
func WithoutGlossary() RenderOption {
	return func(pc parser.Context) { pc.Set(noGlossary, true) }
}

func (e *glossaryExt) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if off, _ := pc.Get(noGlossary).(bool); off || e.terms == nil || e.terms.Len() == 0 {
		return
	}
	m := &marker{terms: e.terms, src: reader.Source(), used: make([]bool, e.terms.Len()), left: e.terms.Len(), doc: doc}
	if e.page != "" {
		m.href = e.page
		if st, _ := pc.Get(pageState).(*state); st != nil && st.link != nil {
			href, msg, _ := st.link(e.page, false)
			if msg != "" {
				href = "" // the glossary page is not in this target: expansions only
			}
			m.href = href
		}
	}
	m.walk(doc)
}

// marker marks one page.
type marker struct {
	terms  Terms
	src    []byte
	href   string // the glossary page, relative to this page; "" for no links
	used   []bool // entries marked on this page
	left   int    // entries not yet marked
	doc    ast.Node
	nearby map[ast.Node]string // top-level block → normalised text of it and its neighbours
	parts  []part              // scratch: the nodes of a run
	texts  []*ast.Text         // scratch: the text nodes of a run
}

func (m *marker) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil && m.left > 0; {
		//lint:ignore S1034 the cases move c along the siblings; a switch variable would shadow it
		switch c.(type) {
		case *ast.Heading, *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML,
			*ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *extast.TableHeader:
			c = c.NextSibling()
			continue
		case *ast.Text:
			run := m.texts[:0]
			for t, ok := c.(*ast.Text); ok; t, ok = c.(*ast.Text) {
				run = append(run, t)
				if c = c.NextSibling(); c == nil {
					break
				}
			}
			m.texts = run
			m.run(n, run)
			continue
		}
		m.walk(c)
		c = c.NextSibling()
	}
}

// part is a text node of a run and where its text starts in the run.
type part struct {
	n  *ast.Text
	at int
}

// run marks the terms in consecutive text nodes of parent.
func (m *marker) run(parent ast.Node, nodes []*ast.Text) {
	var b strings.Builder
	size := 0
	for _, t := range nodes {
		if t.Segment.Padding != 0 || t.IsRaw() {
			return
		}
		size += t.Segment.Len() + 1
	}
	b.Grow(size)
	parts := m.parts[:0]
	for _, t := range nodes {
		parts = append(parts, part{n: t, at: b.Len()})
		b.Write(t.Segment.Value(m.src))
		if t.SoftLineBreak() || t.HardLineBreak() {
			b.WriteByte('\n')
		}
	}
	s := b.String()
	found := m.terms.Find(s, m.used, m.left)
	m.left -= len(found)
	// Apply from the last, so the earlier positions stay valid.
	for k := len(found) - 1; k >= 0; k-- {
		m.apply(parent, &parts, s, found[k])
	}
	m.parts = parts[:0]
}

// apply turns one match into a link, and writes the expansion after it
// when it is due.
func (m *marker) apply(parent ast.Node, parts *[]part, s string, mt TermMatch) {
	id, expansion := m.terms.Entry(mt.Entry)
	if expansion != "" && !m.near(parent, expansion) {
		label := " (" + expansion + ")"
		if mt.WordEnd > mt.LinkEnd {
			label = " (" + s[mt.Start:mt.LinkEnd] + ": " + expansion + ")"
		}
		i := splitAt(parent, parts, mt.WordEnd, m.src)
		str := &expansionNode{text: []byte(label)}
		parent.InsertAfter(parent, (*parts)[i-1].n, str)
		moveBreak(parent, (*parts)[i-1].n, str)
	}
	if m.href == "" {
		return
	}
	from := splitAt(parent, parts, mt.Start, m.src)
	to := splitAt(parent, parts, mt.LinkEnd, m.src)
	link := ast.NewLink()
	link.Destination = []byte(m.href + "#" + id)
	link.SetAttributeString("class", []byte("term"))
	last := (*parts)[to-1].n
	next := last.NextSibling()
	for _, p := range (*parts)[from:to] {
		parent.RemoveChild(parent, p.n)
		link.AppendChild(link, p.n)
	}
	if next != nil {
		parent.InsertBefore(parent, next, link)
	} else {
		parent.AppendChild(parent, link)
	}
	moveBreak(parent, last, link)
}

// moveBreak moves a line break at the end of text node t to after node
// after, so nothing new ends up between a word and its line break.
func moveBreak(parent ast.Node, t *ast.Text, after ast.Node) {
	if !t.SoftLineBreak() && !t.HardLineBreak() {
		return
	}
	br := ast.NewTextSegment(text.NewSegment(t.Segment.Stop, t.Segment.Stop))
	br.SetSoftLineBreak(t.SoftLineBreak())
	br.SetHardLineBreak(t.HardLineBreak())
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	parent.InsertAfter(parent, after, br)
}

// splitAt makes a node boundary at run offset pos and returns the index of
// the part that starts there (len(parts) at the end of the run).
func splitAt(parent ast.Node, parts *[]part, pos int, src []byte) int {
	ps := *parts
	for i, p := range ps {
		n := p.n.Segment.Len()
		switch {
		case pos == p.at:
			return i
		case pos > p.at && pos < p.at+n:
			k := pos - p.at
			seg := p.n.Segment
			right := ast.NewTextSegment(text.NewSegment(seg.Start+k, seg.Stop))
			right.SetSoftLineBreak(p.n.SoftLineBreak())
			right.SetHardLineBreak(p.n.HardLineBreak())
			p.n.Segment = text.NewSegment(seg.Start, seg.Start+k)
			p.n.SetSoftLineBreak(false)
			p.n.SetHardLineBreak(false)
			p.n.Parent().InsertAfter(p.n.Parent(), p.n, right)
			ps = append(ps, part{})
			copy(ps[i+2:], ps[i+1:])
			ps[i+1] = part{n: right, at: pos}
			*parts = ps
			return i + 1
		case pos == p.at+n:
			// The end of this node's text: the boundary is after it.
			return i + 1
		}
	}
	return len(ps)
}

// near reports whether the expansion is written in the block that holds n
// or in the block before or after it.
func (m *marker) near(n ast.Node, expansion string) bool {
	top := n
	for top.Parent() != nil && top.Parent() != m.doc {
		top = top.Parent()
	}
	txt, ok := m.nearby[top]
	if !ok {
		var b strings.Builder
		for _, x := range []ast.Node{top.PreviousSibling(), top, top.NextSibling()} {
			if x != nil {
				writePlain(&b, x, m.src, false)
				b.WriteByte(' ')
			}
		}
		txt = squash(b.String())
		if m.nearby == nil {
			m.nearby = map[ast.Node]string{}
		}
		m.nearby[top] = txt
	}
	return strings.Contains(txt, squash(expansion))
}

// squash keeps only the letters and digits of s, in lower case, so
// "Social Færdigheds Træning" and "social færdighedstræning" are the same.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
