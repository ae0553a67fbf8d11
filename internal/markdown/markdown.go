// Package markdown is the only package that imports goldmark. It parses
// each body once into the things later stages need: the HTML, the
// headings, the text blocks with their lines (for search and
// plain-language analysis), and the links (resolved through the caller);
// its extensions mark a glossary's terms (terms.go). Front matter is
// internal/frontmatter's, the glossary file internal/glossary's.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// BlockKind says what a text block was in the source.
type BlockKind uint8

const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	TableCell
	Quote
)

// Block is a piece of running text with the line it starts on.
type Block struct {
	Kind  BlockKind
	Level int    // heading level, for headings
	Text  string // plain text, inline markup removed
	Line  int    // line in the file
}

// HeadingRef is a heading with its anchor id.
type HeadingRef struct {
	Level int
	Text  string
	ID    string
	Line  int
}

// Problem is something wrong in the body, at a line.
type Problem struct {
	Line  int
	Code  string
	Msg   string
	Error bool // stops the build; else a warning
}

// LinkFunc resolves a link or image destination written in a page to the
// href to write. It returns ok=false with a message when the link is wrong;
// asError says whether that stops the build.
type LinkFunc func(dest string, image bool) (href string, msg string, asError bool)

// Result is everything one parse of a body gives.
type Result struct {
	HTML     []byte
	Headings []HeadingRef
	Blocks   []Block
	Problems []Problem
	Links    []LinkRef // every link and image destination, as written, with its line
}

// LinkRef is one link or image in a body.
type LinkRef struct {
	Dest  string // as written
	Line  int
	Image bool
}

// Renderer parses and renders bodies. It is safe for concurrent use: one per build.
type Renderer struct {
	md    goldmark.Markdown
	pool  sync.Pool // *bytes.Buffer for the HTML
	bufw  sync.Pool // *bufio.Writer over it (goldmark would make a new one per page)
	taken []string  // ids the layouts use (Reserve)
}

// New makes the build's one goldmark instance with the site's extensions:
// GFM tables, Danish heading ids, link resolution and checks. Raw HTML stays
// off (goldmark's safe default): it is dropped and reported. exts are the
// build's own features, such as the glossary (Glossary.Extension).
func New(exts ...goldmark.Extender) *Renderer {
	r := &Renderer{}
	r.md = goldmark.New(
		goldmark.WithParser(newParser()), // lists and quotes nest at most MaxNesting deep
		goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)), extension.Strikethrough),
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 100)),
		),
	)
	r.pool.New = func() any { return new(bytes.Buffer) }
	r.bufw.New = func() any { return bufio.NewWriter(nil) }
	return r
}

var pageState = parser.NewContextKey()

// state is the per-parse state, kept in the parser context.
type state struct {
	src      []byte
	lines    []int // offsets of line starts in src
	first    int   // file line of src's first line
	link     LinkFunc
	headings []HeadingRef
	problems []Problem
	links    []LinkRef
	images   int  // images described so far (images.go)
	tooDeep  bool // a container deeper than MaxNesting was refused (reported once)
}

func (s *state) lineOf(off int) int {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off })
	return s.first + i - 1
}

// Render parses body (whose first line is line firstLine of its file) once
// and returns its HTML, headings, text blocks and problems. link may be nil.
func (r *Renderer) Render(body []byte, firstLine int, link LinkFunc, opts ...RenderOption) Result {
	var html []byte
	res := r.RenderHTML(body, firstLine, link, func(b []byte) { html = bytes.Clone(b) }, opts...)
	res.HTML = html
	return res
}

// RenderHTML is Render handing the HTML to use while it is still in the
// renderer's buffer (use must not keep the slice) instead of copying it into
// Result.HTML: the build minifies it from there, one copy less per page
// (README, "Tuning"). use is not called for a body Render refuses
// (Result.Problems says why).
func (r *Renderer) RenderHTML(body []byte, firstLine int, link LinkFunc, use func(html []byte), opts ...RenderOption) Result {
	if line, ok := tooManyDelimiters(body); !ok {
		// goldmark's emphasis is quadratic in the delimiter runs of one
		// paragraph (goldmark issue #555): refuse rather than hang.
		return Result{Problems: []Problem{{Line: firstLine + line - 1, Code: "emphasis", Error: true,
			Msg: fmt.Sprintf("afsnittet har over %d grupper af *, _ eller ~; del det op med tomme linjer, eller fjern tegnene", MaxDelimiterRuns)}}}
	}
	st := &state{src: body, first: firstLine, link: link, lines: []int{0}}
	for i, c := range body {
		if c == '\n' {
			st.lines = append(st.lines, i+1)
		}
	}
	pc := parser.NewContext(parser.WithIDs(newIDs(r.taken)))
	pc.Set(pageState, st)
	for _, o := range opts {
		o(pc)
	}
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	buf := r.pool.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.pool.Put(buf)
	var res Result
	bw := r.bufw.Get().(*bufio.Writer)
	bw.Reset(buf)
	defer r.bufw.Put(bw)
	if err := r.md.Renderer().Render(bw, body, doc); err != nil {
		res.Problems = append(res.Problems, Problem{Line: firstLine, Code: "render", Msg: "kunne ikke vise teksten: " + err.Error(), Error: true})
	}
	use(buf.Bytes())
	res.Headings = st.headings
	res.Blocks = collectBlocks(doc, st)
	res.Problems = append(res.Problems, st.problems...)
	res.Links = st.links
	return res
}

// MaxDelimiterRuns is the most runs of *, _ or ~ one paragraph (text between
// blank lines) may hold. Real text has a few; thousands only come from pasted
// junk, and goldmark's emphasis parsing grows with their square.
const MaxDelimiterRuns = 2000

// tooManyDelimiters scans body once; it returns ok=false and the 1-based
// line of the first paragraph with more than MaxDelimiterRuns runs.
func tooManyDelimiters(body []byte) (line int, ok bool) {
	if bytes.Count(body, []byte{'*'})+bytes.Count(body, []byte{'_'})+bytes.Count(body, []byte{'~'}) <= MaxDelimiterRuns {
		return 0, true // fewer delimiters than runs allowed (most pages): no need to look closer
	}
	runs, start, ln := 0, 1, 1
	var prev byte
	blank := true // the current line has only white space so far
	for _, c := range body {
		switch {
		case c == '\n':
			if blank {
				runs, start = 0, ln+1 // a blank line ends the paragraph
			}
			ln++
			blank = true
		case c == '*' || c == '_' || c == '~':
			if c != prev {
				runs++
				if runs > MaxDelimiterRuns {
					return start, false
				}
			}
			blank = false
		case c != ' ' && c != '\t' && c != '\r':
			blank = false
		}
		prev = c
	}
	return 0, true
}

// pageTransformer checks headings and raw HTML, and resolves links.
type pageTransformer struct{}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(pageState).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	prevLevel := 1 // the page title is the one h1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			line := st.blockLine(n)
			txt := plain(n, src)
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			st.headings = append(st.headings, HeadingRef{Level: n.Level, Text: txt, ID: string(idb), Line: line})
			switch {
			case n.Level == 1:
				st.problems = append(st.problems, Problem{Line: line, Code: "heading-h1", Error: true,
					Msg: "overskrift 1 (#) må ikke bruges i teksten: sidens titel er overskrift 1; brug ## til afsnit"})
			case n.Level > prevLevel+1:
				st.problems = append(st.problems, Problem{Line: line, Code: "heading-skip", Error: true,
					Msg: "overskriften springer et niveau over (" + strings.Repeat("#", prevLevel) + " efterfulgt af " + strings.Repeat("#", n.Level) + "); brug " + strings.Repeat("#", prevLevel+1)})
			}
			prevLevel = n.Level
		case *ast.HTMLBlock:
			st.problems = append(st.problems, Problem{Line: st.blockLine(n), Code: "raw-html",
				Msg: "HTML i teksten er ikke tilladt og bliver ikke vist; skriv det som almindelig tekst"})
		case *ast.RawHTML:
			line := st.first
			if n.Segments.Len() > 0 {
				line = st.lineOf(n.Segments.At(0).Start)
			}
			st.problems = append(st.problems, Problem{Line: line, Code: "raw-html",
				Msg: "HTML i teksten er ikke tilladt og bliver ikke vist; skriv det som almindelig tekst"})
		case *ast.Link:
			n.Destination = st.resolve(n, n.Destination, false)
		case *ast.Image:
			dest := string(n.Destination)
			n.Destination = st.resolve(n, n.Destination, true)
			st.describeImage(pc, n, dest)
			if plain(n, src) == "" {
				st.problems = append(st.problems, Problem{Line: st.inlineLine(n), Code: "alt-missing", Error: true,
					Msg: "billedet mangler en tekst (alt-tekst): skriv hvad billedet viser mellem [ og ], fx ![Kort over Nykøbing](kort.png)"})
			}
		case *ast.AutoLink:
			// goldmark only makes these from <…>; their URL is checked like a link.
			if n.AutoLinkType == ast.AutoLinkURL {
				st.resolve(n, n.URL(src), false)
			}
		}
		return ast.WalkContinue, nil
	})
}

func (st *state) blockLine(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return st.lineOf(n.Lines().At(0).Start)
	}
	return st.inlineLine(n)
}

// inlineLine finds the line of an inline node from its nearest block.
func (st *state) inlineLine(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return st.lineOf(t.Segment.Start)
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return st.lineOf(p.Lines().At(0).Start)
		}
	}
	return st.first
}

func (st *state) resolve(n ast.Node, dest []byte, image bool) []byte {
	d := strings.TrimSpace(string(dest))
	st.links = append(st.links, LinkRef{Dest: d, Line: st.inlineLine(n), Image: image})
	if bad := dangerous(d); bad != "" {
		st.problems = append(st.problems, Problem{Line: st.inlineLine(n), Code: "link-unsafe", Error: true,
			Msg: "linket bruger " + bad + " – det er ikke tilladt og er fjernet"})
		return []byte("#")
	}
	if st.link == nil {
		return dest
	}
	href, msg, asErr := st.link(d, image)
	if msg != "" {
		st.problems = append(st.problems, Problem{Line: st.inlineLine(n), Code: "link", Msg: msg, Error: asErr})
	}
	return []byte(href)
}

// dangerous returns the scheme of a URL that may run code or smuggle content.
func dangerous(d string) string {
	l := strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, d))
	if u, err := url.PathUnescape(l); err == nil {
		l = u
	}
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(l, s) {
			return s
		}
	}
	return ""
}

// plain returns the text of n's inline content.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	if n.Type() == ast.TypeBlock {
		// The block's lines hold its text and its markup: room for the
		// text in one allocation, where growing took four or five.
		lines := n.Lines()
		size := 0
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			size += seg.Len() + 1
		}
		b.Grow(size)
	}
	writePlain(&b, n, src, false)
	return strings.TrimSpace(b.String())
}

// writePlain writes the text of n's inlines as a reader sees it: with
// backslash escapes and character references (&lt; &#x3C;) resolved, as the
// HTML shows them, except inside code spans, whose text is literal.
func writePlain(b *strings.Builder, n ast.Node, src []byte, code bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !code && (bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0) { // not ContainsAny: it reads byte by byte
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			writePlain(b, c, src, true)
		case *ast.RawHTML:
			// dropped
		case *ast.AutoLink:
			b.Write(c.Label(src))
		default:
			writePlain(b, c, src, code)
		}
	}
}

// collectBlocks walks the document once more (cheap: no parsing) and returns
// the running text as blocks, in order.
func collectBlocks(doc ast.Node, st *state) []Block {
	var out []Block
	src := st.src
	add := func(kind BlockKind, level int, n ast.Node) {
		t := plain(n, src)
		if t != "" {
			out = append(out, Block{Kind: kind, Level: level, Text: t, Line: st.blockLine(n)})
		}
	}
	var walk func(n ast.Node, kind BlockKind)
	walk = func(n ast.Node, kind BlockKind) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				add(Heading, c.Level, c)
			case *ast.Paragraph, *ast.TextBlock:
				add(kind, 0, c)
			case *ast.ListItem:
				walk(c, ListItem)
			case *ast.Blockquote:
				walk(c, Quote)
			case *extast.TableCell:
				add(TableCell, 0, c)
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			default:
				walk(c, kind)
			}
		}
	}
	walk(doc, Paragraph)
	return out
}

// ids makes heading anchors from Danish text: lower case, æ→ae, ø→oe, å→aa,
// other letters and digits kept, the rest as single hyphens; unique per page.
type ids struct{ seen map[string]int }

// newIDs starts a page's ids with the layouts' own taken.
func newIDs(taken []string) *ids {
	s := &ids{seen: make(map[string]int, len(taken)+8)}
	for _, id := range taken {
		s.seen[id] = 1
	}
	return s
}

// Reserve takes ids for the layouts (e.g. "main", "q"): a heading whose id
// would be one of them gets the next free one ("main-2"), so that a page
// never holds an id twice. Call it before the first Render.
func (r *Renderer) Reserve(ids ...string) { r.taken = append(r.taken, ids...) }

// Reserved returns the ids Reserve took.
func (r *Renderer) Reserved() []string { return r.taken }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "afsnit"
	} else if base[0] >= '0' && base[0] <= '9' {
		base = "afsnit-" + base // an id starts with a letter
	}
	id := base
	for i := 2; s.seen[id] > 0; i++ {
		id = base + "-" + itoa(i)
	}
	s.seen[id]++
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.seen[string(value)]++ }

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n > 0 || i == len(b) {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// translit spells a letter of Danish and its neighbours in ASCII for a
// slug ("" for any other rune).
func translit(r rune) string {
	switch r {
	case 'æ', 'ä':
		return "ae"
	case 'ø', 'ö':
		return "oe"
	case 'å':
		return "aa"
	case 'ü':
		return "ue"
	case 'é', 'è':
		return "e"
	case 'á', 'à':
		return "a"
	case 'ß':
		return "ss"
	}
	return ""
}

// Slug makes a clean URL segment from a Danish title or file name: lower
// case ASCII letters, digits and single hyphens (æ→ae, ø→oe, å→aa).
func Slug(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFC.String(s) // Å written as A and a ring is Å
	}
	b := make([]byte, 0, len(s)+8)
	dash := false
	for _, r := range s {
		if r == utf8.RuneError {
			continue
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		} else if r >= utf8.RuneSelf {
			r = unicode.ToLower(r) // as strings.ToLower does, rune by rune
		}
		if t := translit(r); t != "" {
			b = append(b, t...)
			dash = false
			continue
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b = append(b, byte(r))
			dash = false
			continue
		}
		if !dash && len(b) > 0 {
			b = append(b, '-')
			dash = true
		}
	}
	return strings.TrimRight(string(b), "-")
}
