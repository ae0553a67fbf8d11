package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v2"
)

// The glossary: the words the site explains (the editors' YAML file, see
// ParseGlossary) and the goldmark extension that marks them in every page.
//
// On each page the first use of each word gets a link to its entry on the
// glossary page, and an abbreviation with an expansion gets the expansion
// written out after it in parentheses ("STU (særligt tilrettelagt
// ungdomsuddannelse)") unless the expansion already stands in the same block
// or the one before or after it. The expansion is shown but is not part of
// the text blocks (Result.Blocks), so it changes neither the LIX nor search. Words inside links, headings, table
// headers, code and images are left alone, and so is the glossary page
// itself (render it with WithoutGlossary).
//
// How a word of the text matches a word of a term:
//
//   - an all-capital word ("STU", "CFA") and a number only as written;
//   - a word written with a capital first letter ("Myndighed") in any case,
//     but only with a capital first letter: it is a name;
//   - any other word in any case ("botilbud", "Botilbud", "BOTILBUD");
//   - a lower-case word also with a Danish ending: e, en, ens, ene, enes,
//     er, ere, erne, ernes, ers, es, et, ets, s; after a final e without
//     that e ("kerneopgaven"), and after a final consonant with that
//     consonant doubled ("botilbuddet", "forsorgshjemmet"); other forms are
//     listed in the entry;
//   - any word also with an ending after an apostrophe ("CFA's", "STU'en");
//   - the last word of a term also as the first part of a compound with a
//     hyphen ("STU-forløbet" counts for STU; the link covers "STU" and an
//     expansion comes after the whole word: "STU-forløbet (STU: særligt …)").
//
// The words of a term of several words ("socialpædagogisk støtte") may be
// split by any white space, also a line break; "§ 110" also matches "§110".

// GlossaryPriority orders the glossary transformer after the page
// transformer (priority 100): links are resolved and checked by then, and
// the links it adds are resolved already.
const GlossaryPriority = 200

// maxExplanationWords is how long an explanation may be before the
// glossary warns: one or two short sentences.
const maxExplanationWords = 40

// GlossaryEntry is one word the site explains.
type GlossaryEntry struct {
	Term        string   // the word as the text writes it: "STU", "botilbud", "§ 110"
	Explanation string   // in plain Danish, one or two short sentences
	Expansion   string   // what an abbreviation stands for; "" if nothing
	Forms       []string // other spellings and inflections that count as the term
	ID          string   // its anchor on the glossary page: "stu", "paragraf-110"
	Line        int      // line of the entry in the file
}

// Glossary is the parsed word list with its matcher, built once per build
// and shared by every page (read only).
type Glossary struct {
	Entries []GlossaryEntry

	first    map[string][]*gpattern // every form of a first word, in lower case → patterns, longest first
	explains map[string]bool        // abbreviations and § references the glossary explains
	maybe    [256]uint64            // first byte of a key → bit per key length mod 64: a quick no
}

type caseMode uint8

const (
	caseFold    caseMode = iota // any case, with Danish endings
	caseInitial                 // a name: capital first letter, then any case, with endings
	caseExact                   // all capitals or no letters: exactly as written
)

// gword is one word of a term.
type gword struct {
	raw   string
	mode  caseMode
	forms map[string]bool // lower-case forms it may take (not for caseExact)
}

// gpattern is a term or one of its forms, as words.
type gpattern struct {
	entry int
	words []gword
	seps  []string // between words; white space as one space
}

func (w *gword) matches(tok string) bool {
	if w.mode == caseExact {
		return tok == w.raw
	}
	if w.mode == caseInitial {
		if r, _ := utf8.DecodeRuneInString(tok); !unicode.IsUpper(r) {
			return false
		}
	}
	return w.forms[lower(tok)]
}

// endings are the Danish endings a lower-case word may take.
var endings = []string{"e", "en", "ens", "ene", "enes", "er", "ere", "erne", "ernes", "ers", "es", "et", "ets", "s"}

// wordForms returns the lower-case forms of word w: itself, with endings,
// without the e of an ending after a final e, and with a doubled final
// consonant before an ending that starts with a vowel.
func wordForms(w string) []string {
	out := []string{w}
	last, _ := utf8.DecodeLastRuneInString(w)
	double := isConsonant(last) && utf8.RuneCountInString(w) > 2
	for _, e := range endings {
		switch {
		case last == 'e' && e[0] == 'e':
			if len(e) > 1 {
				out = append(out, w+e[1:])
			}
		default:
			out = append(out, w+e)
			if double && e[0] == 'e' {
				out = append(out, w+string(last)+e)
			}
		}
	}
	return out
}

func isConsonant(r rune) bool {
	return r < utf8.RuneSelf && unicode.IsLetter(r) && !strings.ContainsRune("aeiouy", r)
}

// glossaryYAML is one entry as the file writes it.
type glossaryYAML struct {
	Term        string   `yaml:"term"`
	Explanation string   `yaml:"explanation"`
	Expansion   string   `yaml:"expansion"`
	Forms       []string `yaml:"forms"`
}

// ParseGlossary reads the glossary file: a YAML list of entries, each with
// term and explanation and optionally expansion and forms:
//
//	# content/ordliste.yaml
//	- term: STU
//	  expansion: særligt tilrettelagt ungdomsuddannelse
//	  explanation: En uddannelse for unge med særlige behov.
//	  forms: [STU'en]
//
// Every problem carries its line in the file and a Danish message; a
// problem with Error set makes the glossary unusable (the entries returned
// are the good ones). An empty file is an empty glossary.
func ParseGlossary(data []byte) (*Glossary, []Problem) {
	data = Normalize(data)
	var raw []glossaryYAML
	var probs []Problem
	if err := yaml.UnmarshalStrict(data, &raw); err != nil {
		te, ok := err.(*yaml.TypeError)
		if !ok {
			line, msg := yamlProblem(data, err)
			return &Glossary{}, []Problem{{Line: line, Code: "glossary-yaml", Error: true, Msg: "ugyldig YAML i ordlisten: " + msg}}
		}
		for _, msg := range te.Errors {
			line, m := 1, msg
			if sm := yamlLineRE.FindStringSubmatch(m); sm != nil {
				line, _ = strconv.Atoi(sm[1])
				m = m[len(sm[0]):]
			}
			probs = append(probs, Problem{Line: line, Code: "glossary-yaml", Error: true, Msg: glossaryYAMLMsg(m, lineText(data, line))})
		}
		return &Glossary{}, probs
	}
	lines := itemLines(data)
	g := &Glossary{}
	seen := map[string]int{} // lower-case term or form → line
	ids := map[string]bool{}
	for i, r := range raw {
		line := 1
		if i < len(lines) {
			line = lines[i]
		}
		bad := func(format string, args ...any) {
			probs = append(probs, Problem{Line: line, Code: "glossary-entry", Error: true, Msg: fmt.Sprintf(format, args...)})
		}
		e := GlossaryEntry{Term: spaces(r.Term), Explanation: spaces(r.Explanation), Expansion: spaces(r.Expansion), Line: line}
		switch {
		case e.Term == "":
			bad("ordet mangler: skriv det efter term:, fx term: visitation")
			continue
		case len(tokens(e.Term)) == 0:
			bad("%q er ikke et ord: term skal have bogstaver eller tal", e.Term)
			continue
		case e.Explanation == "":
			bad("%q mangler en forklaring: skriv en eller to korte sætninger efter explanation:", e.Term)
			continue
		}
		if n := len(strings.Fields(e.Explanation)); n > maxExplanationWords {
			probs = append(probs, Problem{Line: line, Code: "glossary-long",
				Msg: fmt.Sprintf("forklaringen af %q har %d ord (højst %d): skriv en eller to korte sætninger", e.Term, n, maxExplanationWords)})
		}
		dup := false
		for _, f := range append([]string{r.Term}, r.Forms...) {
			f = spaces(f)
			if f == "" || len(tokens(f)) == 0 {
				bad("en form af %q er tom eller har hverken bogstaver eller tal", e.Term)
				dup = true
				continue
			}
			k := strings.ToLower(f)
			if at, ok := seen[k]; ok {
				if at != line {
					bad("%q står allerede i ordlisten (linje %d); skriv hvert ord én gang", f, at)
					dup = true
				}
				continue
			}
			seen[k] = line
			if f != e.Term {
				e.Forms = append(e.Forms, f)
			}
		}
		if dup {
			continue
		}
		e.ID = glossaryID(e.Term, ids)
		g.Entries = append(g.Entries, e)
	}
	g.build()
	return g, probs
}

// glossaryYAMLMsg gives a YAML type problem in the glossary a Danish
// explanation; line is the text of its line.
func glossaryYAMLMsg(msg string, line []byte) string {
	switch {
	case strings.Contains(msg, "not found in type"):
		f := strings.TrimPrefix(msg, "field ")
		if i := strings.Index(f, " not found"); i >= 0 {
			f = f[:i]
		}
		return fmt.Sprintf("ukendt felt %q: et ord kan have term, explanation, expansion og forms", f)
	case strings.Contains(msg, "already set"):
		return "et felt står to gange i samme ord (" + msg + ")"
	case strings.Contains(msg, "into []markdown.glossaryYAML"):
		return "ordlisten skal være en liste, hvor hvert ord starter med \"- term:\""
	case strings.Contains(msg, "into markdown.glossaryYAML"):
		return "et ord skal skrives med felter: \"- term: ordet\" og på næste linje \"  explanation: forklaringen\""
	case strings.Contains(msg, "into []string"):
		return "forms skal være en liste, fx forms: [botilbuddet, botilbuddene]"
	case strings.Contains(msg, "into string"):
		return "værdien skal være tekst; sæt den i anførselstegn (" + msg + ")"
	}
	return "ugyldig YAML i ordlisten: " + danishYAML(msg, line)
}

// itemLines returns the line of each item of the file's top-level list:
// the lines that start with "- " at the smallest indent any such line has.
func itemLines(data []byte) []int {
	ls := bytes.Split(data, []byte("\n"))
	indent := -1
	isItem := func(l []byte) (int, bool) {
		t := bytes.TrimLeft(l, " ")
		if bytes.HasPrefix(t, []byte("- ")) || string(bytes.TrimRight(t, " \t")) == "-" {
			return len(l) - len(t), true
		}
		return 0, false
	}
	for _, l := range ls {
		if n, ok := isItem(l); ok && (indent < 0 || n < indent) {
			indent = n
		}
	}
	var out []int
	for i, l := range ls {
		if n, ok := isItem(l); ok && n == indent {
			out = append(out, i+1)
		}
	}
	return out
}

// spaces trims s and writes every run of white space as one space.
func spaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// glossaryID makes the entry's anchor from its term: "§ 110" gives
// "paragraf-110"; unique within ids.
func glossaryID(term string, ids map[string]bool) string {
	base := Slug(strings.ReplaceAll(term, "§", " paragraf "))
	if base == "" {
		base = "ord"
	} else if base[0] >= '0' && base[0] <= '9' {
		base = "ord-" + base
	}
	id := base
	for i := 2; ids[id]; i++ {
		id = base + "-" + itoa(i)
	}
	ids[id] = true
	return id
}

// build makes the matcher: the patterns of every term and form, found by
// their first word, longest first.
func (g *Glossary) build() {
	g.first = map[string][]*gpattern{}
	g.explains = map[string]bool{}
	for i, e := range g.Entries {
		for _, f := range append([]string{e.Term}, e.Forms...) {
			p := newPattern(i, f)
			keys := []string{lower(p.words[0].raw)}
			if p.words[0].mode != caseExact {
				keys = keys[:0]
				for k := range p.words[0].forms {
					keys = append(keys, k)
				}
			}
			for _, k := range keys {
				g.first[k] = append(g.first[k], p)
				g.maybe[k[0]] |= 1 << (len(k) & 63)
			}
			g.explains[abbrevKey(f)] = true
			for _, w := range p.words {
				if w.mode == caseExact {
					g.explains[w.raw] = true
				}
			}
		}
	}
	for _, ps := range g.first {
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].words) != len(ps[j].words) {
				return len(ps[i].words) > len(ps[j].words)
			}
			return ps[i].entry < ps[j].entry
		})
	}
}

func newPattern(entry int, term string) *gpattern {
	p := &gpattern{entry: entry}
	prev := 0
	for i, t := range tokens(term) {
		if i > 0 {
			sep := term[prev:t[0]]
			if strings.TrimSpace(sep) == "" {
				sep = " "
			}
			p.seps = append(p.seps, sep)
		}
		raw := term[t[0]:t[1]]
		w := gword{raw: raw, mode: modeOf(raw)}
		if w.mode != caseExact {
			w.forms = map[string]bool{}
			low := lower(raw)
			if w.mode == caseFold || w.mode == caseInitial {
				for _, f := range wordForms(low) {
					w.forms[f] = true
				}
			}
		}
		p.words = append(p.words, w)
		prev = t[1]
	}
	return p
}

// modeOf says how a word of a term matches the text.
func modeOf(w string) caseMode {
	letters, upper := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case letters == 0 || letters >= 2 && upper == letters:
		return caseExact
	case unicode.IsUpper(first):
		return caseInitial
	}
	return caseFold
}

// abbrevKey writes an abbreviation or § reference the way
// plainlang.Abbreviations gives it: "§§ 83a" and "§83a" as "§ 83a".
func abbrevKey(s string) string {
	s = spaces(s)
	if strings.HasPrefix(s, "§") {
		s = strings.TrimSpace(strings.TrimLeft(s, "§"))
		return "§ " + s
	}
	return s
}

// Explains reports whether the glossary explains an abbreviation or a
// paragraph reference as plainlang.Abbreviations gives them ("STU", "§ 110").
func (g *Glossary) Explains(abbr string) bool {
	return g != nil && g.explains[abbrevKey(abbr)]
}

// Extension returns the goldmark extension that marks the glossary's words
// in every page and links them to their entries on the glossary page at
// site URL page ("" when the site has none: the words then only get their
// expansions). The links go through the page's LinkFunc.
func (g *Glossary) Extension(page string) goldmark.Extender {
	return &glossaryExt{g: g, page: page}
}

type glossaryExt struct {
	g    *Glossary
	page string
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
	if off, _ := pc.Get(noGlossary).(bool); off || e.g == nil || len(e.g.Entries) == 0 {
		return
	}
	m := &marker{g: e.g, src: reader.Source(), used: make([]bool, len(e.g.Entries)), left: len(e.g.Entries), doc: doc}
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
	g      *Glossary
	src    []byte
	href   string // the glossary page, relative to this page; "" for no links
	used   []bool // entries marked on this page
	left   int    // entries not yet marked
	doc    ast.Node
	nearby map[ast.Node]string // top-level block → normalised text of it and its neighbours
	low    []byte              // scratch: a token in lower case
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

// match is one marked use of a term in a run: the link covers
// [start, linkEnd), the expansion goes at wordEnd.
type match struct {
	entry                   int
	start, linkEnd, wordEnd int
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
	var found []match
	for i := 0; i < len(s) && m.left > 0; {
		if c := s[i]; c < utf8.RuneSelf && !wordByte[c] {
			i++
			continue
		}
		r, size := nextRune(s, i)
		if !isTokenStart(r) {
			i += size
			continue
		}
		end := tokenEnd(s, i)
		mt, ok := m.find(s, i, end)
		if !ok {
			i = end
			continue
		}
		if !m.used[mt.entry] {
			m.used[mt.entry] = true
			m.left--
			found = append(found, mt)
		}
		i = mt.wordEnd
	}
	// Apply from the last, so the earlier positions stay valid.
	for k := len(found) - 1; k >= 0; k-- {
		m.apply(parent, &parts, s, found[k])
	}
	m.parts = parts[:0]
}

// find returns the term that starts with the token s[start:end], if any.
func (m *marker) find(s string, start, end int) (match, bool) {
	tok := s[start:end]
	if m.g.maybe[lowerByte(tok[0])]&(1<<(len(tok)&63)) == 0 {
		return match{}, false
	}
	m.low = appendLower(m.low[:0], tok)
	for _, p := range m.g.first[string(m.low)] {
		if !p.words[0].matches(tok) {
			continue
		}
		e, ok := p.rest(s, end)
		if !ok {
			continue
		}
		mt := match{entry: p.entry, start: start, linkEnd: e}
		// An ending after an apostrophe: "CFA's", "STU'en".
		if q := afterApostrophe(s, e); q > e {
			mt.linkEnd = q
		}
		// The first part of a compound: "STU-forløbet".
		mt.wordEnd = mt.linkEnd
		for q := mt.wordEnd; q < len(s); {
			r, size := utf8.DecodeRuneInString(s[q:])
			if !isHyphen(r) && r != '\'' && r != '’' {
				break
			}
			r2, _ := utf8.DecodeRuneInString(s[q+size:])
			if !isTokenRune(r2) {
				break
			}
			q = tokenEnd(s, q+size)
			mt.wordEnd = q
		}
		return mt, true
	}
	return match{}, false
}

// rest matches the words of p after the first, from pos; it returns the
// end of the last.
func (p *gpattern) rest(s string, pos int) (int, bool) {
	for i := 1; i < len(p.words); i++ {
		next := pos
		for next < len(s) {
			r, size := utf8.DecodeRuneInString(s[next:])
			if isTokenStart(r) {
				break
			}
			next += size
		}
		if next == len(s) || !sepMatches(s[pos:next], p.seps[i-1], p.words[i-1].raw == "§" || p.words[i].raw == "§") {
			return 0, false
		}
		e := tokenEnd(s, next)
		if !p.words[i].matches(s[next:e]) {
			return 0, false
		}
		pos = e
	}
	return pos, true
}

// sepMatches compares the text between two words with the term's: white
// space counts as one space; next to § no space is needed ("§110").
func sepMatches(got, want string, para bool) bool {
	if want == " " {
		if got == "" {
			return para
		}
		return strings.TrimSpace(got) == ""
	}
	return got == want
}

// afterApostrophe returns the end of a Danish ending written after an
// apostrophe at pos ("'s", "’en"), or pos.
func afterApostrophe(s string, pos int) int {
	r, size := utf8.DecodeRuneInString(s[pos:])
	if pos >= len(s) || r != '\'' && r != '’' {
		return pos
	}
	e := tokenEnd(s, pos+size)
	if e == pos+size {
		return pos
	}
	end := s[pos+size : e]
	for _, x := range endings {
		if end == x {
			return e
		}
	}
	return pos
}

// apply turns one match into a link, and writes the expansion after it
// when it is due.
func (m *marker) apply(parent ast.Node, parts *[]part, s string, mt match) {
	e := &m.g.Entries[mt.entry]
	if e.Expansion != "" && !m.near(parent, e.Expansion) {
		label := " (" + e.Expansion + ")"
		if mt.wordEnd > mt.linkEnd {
			label = " (" + s[mt.start:mt.linkEnd] + ": " + e.Expansion + ")"
		}
		i := splitAt(parent, parts, mt.wordEnd, m.src)
		str := &expansionNode{text: []byte(label)}
		parent.InsertAfter(parent, (*parts)[i-1].n, str)
		moveBreak(parent, (*parts)[i-1].n, str)
	}
	if m.href == "" {
		return
	}
	from := splitAt(parent, parts, mt.start, m.src)
	to := splitAt(parent, parts, mt.linkEnd, m.src)
	link := ast.NewLink()
	link.Destination = []byte(m.href + "#" + e.ID)
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

// tokens returns the [start, end) of each word of s: runs of letters and
// digits, and each § on its own.
func tokens(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isTokenStart(r) {
			i += size
			continue
		}
		e := tokenEnd(s, i)
		out = append(out, [2]int{i, e})
		i = e
	}
	return out
}

// wordByte marks the ASCII letters and digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return wordByte[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isTokenStart(r rune) bool { return r == '§' || isTokenRune(r) }

// nextRune decodes the rune at s[i:], fast for ASCII.
func nextRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenEnd returns the end of the token that starts at i.
func tokenEnd(s string, i int) int {
	if strings.HasPrefix(s[i:], "§") {
		return i + len("§")
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !wordByte[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isTokenRune(r) {
			break
		}
		i += size
	}
	return i
}

// appendLower appends tok in lower case to b.
func appendLower(b []byte, tok string) []byte {
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			b = append(b, lowerByte(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += size
	}
	return b
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lower returns s in lower case, without copying when it is already.
func lower(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) {
			return strings.ToLower(s)
		}
		i += size
	}
	return s
}
