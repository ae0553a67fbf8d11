package plainlang

import (
	"bytes"
	stdhtml "html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/guldborgsund/labyrint/internal/markdown"
)

// blockTag reports whether a tag (its name in lower case) starts or ends a
// block of text: what a reader takes as one paragraph, heading, list item,
// term or cell. A switch, not a map: it is asked for every tag of every
// public page, and a map hashes the name each time.
func blockTag(name []byte) bool {
	switch string(name) {
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "tr",
		"ul", "ol", "dl", "table", "div", "section", "article", "aside", "nav", "header", "footer",
		"blockquote", "figure", "figcaption", "caption", "form", "fieldset", "legend", "label",
		"button", "details", "summary", "br", "hr", "pre", "select", "option", "main":
		return true
	}
	return false
}

// MainText returns the text a reader sees in a rendered page's <main>
// element: the layout's headings, lists, cards and contact blocks as well as
// the page's own text, one block per paragraph, heading, list item, term or
// cell, each given line (the page has no lines of its own). Editors' notes
// (<aside class="review">), scripts and styles are left out.
func MainText(page []byte, line int) []markdown.Block {
	var blocks []markdown.Block
	found := walkMain(page, func(text []byte) {
		blocks = append(blocks, markdown.Block{Kind: markdown.Paragraph, Text: string(text), Line: line})
	})
	if !found {
		return nil
	}
	return blocks
}

// AnalyzeMain is AnalyzeKnown of MainText(page, line): a block known
// (near where the last was found, or in known.Common) is counted without
// being made a string.
func AnalyzeMain(file string, page []byte, line int, r Rules, known *Known) Report {
	return AnalyzePage(file, page, line, r, known, nil)
}

// AnalyzePage is AnalyzeMain that also calls attr, if not nil, with the
// key and the value (as written, quotes and all) of every attribute of the
// whole page, in order, from the same pass of the HTML lexer: labyrint
// check needs a page's ids and links as well, and lexing <main> twice cost
// it as much as lexing it once.
func AnalyzePage(file string, page []byte, line int, r Rules, known *Known, attr func(key, val []byte)) Report {
	t := newTally(file, r, known)
	defer t.done()
	fn := func(text []byte) {
		b := markdown.Block{Kind: markdown.Paragraph, Line: line}
		if known != nil && r.SentenceWords == 0 {
			if c, ok := lookup(known, text); ok {
				t.add(b, c)
				return
			}
		}
		b.Text = string(text)
		t.measure(b)
	}
	if attr == nil {
		walkMain(page, fn)
	} else {
		walkPage(page, fn, attr)
	}
	return t.report()
}

// mainWalk gathers the blocks of text of <main> from the lexer's tokens.
type mainWalk struct {
	fn        func(text []byte)
	cur       []byte // the block's text so far, white space collapsed
	aside     bool   // the start tag whose attributes are being read is an <aside>
	skip      string // the raw or review element being skipped, if any
	skipDepth int
}

// flush hands the block's text so far to fn, if it is not empty.
func (w *mainWalk) flush() {
	if t := bytes.TrimSpace(w.cur); len(t) > 0 {
		w.fn(t)
	}
	w.cur = w.cur[:0]
}

// token takes the token tt that l has just read.
func (w *mainWalk) token(l *html.Lexer, tt html.TokenType) {
	switch tt {
	case html.StartTagToken:
		name := l.Text() // lower case; string(name) in a comparison or index makes no copy
		w.aside = string(name) == "aside"
		switch {
		case w.skip != "" && string(name) == w.skip:
			w.skipDepth++
		case w.skip == "":
			if raw := rawTag(name); raw != "" {
				w.skip, w.skipDepth = raw, 1
			}
		}
		if blockTag(name) {
			w.flush()
		}
	case html.AttributeToken:
		if w.skip == "" && w.aside && string(l.AttrKey()) == "class" &&
			hasClass(string(bytes.Trim(l.AttrVal(), `"'`)), "review") {
			w.skip, w.skipDepth = "aside", 1
		}
	case html.EndTagToken:
		name := l.Text()
		if w.skip != "" && string(name) == w.skip {
			if w.skipDepth--; w.skipDepth == 0 {
				w.skip = ""
			}
		}
		if blockTag(name) {
			w.flush()
		}
	case html.TextToken:
		if w.skip == "" {
			w.cur = appendText(w.cur, l.Text())
		}
	}
}

// mainBounds returns where page's <main> starts and ends (the end of the
// page if it has no </main>); ok false if it has none.
func mainBounds(page []byte) (start, end int, ok bool) {
	start = bytes.Index(page, []byte("<main"))
	if start < 0 {
		return 0, 0, false
	}
	end = lastIndex(page, "</main>")
	if end < start {
		end = len(page)
	}
	return start, end, true
}

// walkMain calls fn with the text of each block of page's <main> (see
// MainText), white space collapsed and trimmed, never empty; the bytes are
// fn's only while it runs. It reports whether the page has a <main>.
func walkMain(page []byte, fn func(text []byte)) bool {
	start, end, ok := mainBounds(page)
	if !ok {
		return false
	}
	// The lexer writes a NUL after the end of its input (and lower-cases
	// tag names in place): it gets a copy, so the page (the build's
	// output) stays as it is. The copy's buffer, and the block's, are
	// reused from page to page.
	buf := copyBufs.Get().(*[3][]byte)
	defer copyBufs.Put(buf)
	buf[0] = append(append(buf[0][:0], page[start:end]...), 0)[:end-start] // room for the NUL
	w := mainWalk{fn: fn, cur: buf[1][:0]}
	defer func() { buf[1] = w.cur }()
	l := html.NewLexer(parse.NewInputBytes(buf[0]))
	for {
		tt, _ := l.Next()
		if tt == html.ErrorToken {
			w.flush()
			return true
		}
		w.token(l, tt)
	}
}

// walkPage is walkMain that lexes the whole page once and calls attr with
// every attribute on the way. The tokens of <main> are those walkMain's
// lexer reads when one token of the page's ends where <main> starts, the
// next is its start tag, and one ends where </main> starts (or the page
// ends): the lexer is then in the same state at the same bytes. A page
// where they are not (a "<main" inside a comment or an attribute, say) is
// walked again by walkMain, and the blocks of this pass are dropped: they
// are kept until the end of <main> for that.
func walkPage(page []byte, fn func(text []byte), attr func(key, val []byte)) bool {
	start, end, found := mainBounds(page)
	buf := copyBufs.Get().(*[3][]byte)
	defer copyBufs.Put(buf)
	buf[0] = append(append(buf[0][:0], page...), 0)[:len(page)]
	texts, ends := buf[2][:0], []int(nil) // the blocks, one after another, and where each ends
	w := mainWalk{cur: buf[1][:0], fn: func(text []byte) {
		texts = append(texts, text...)
		ends = append(ends, len(texts))
	}}
	defer func() { buf[1], buf[2] = w.cur, texts }()
	in := parse.NewInputBytes(buf[0])
	l := html.NewLexer(in)
	const before, inMain, after = 0, 1, 2
	phase, same := before, found
	if !found {
		phase = after
	}
	for prev := 0; ; {
		tt, _ := l.Next()
		if tt == html.ErrorToken {
			break
		}
		from, to := prev, in.Offset()
		prev = to
		if tt == html.AttributeToken {
			attr(l.AttrKey(), l.AttrVal())
		}
		switch {
		case phase == before && to > start:
			if from != start || tt != html.StartTagToken || string(l.Text()) != "main" {
				same, phase = false, after
				continue
			}
			phase = inMain
			w.token(l, tt)
		case phase == inMain && to <= end:
			w.token(l, tt)
		case phase == inMain:
			same = same && from == end
			phase = after
			w.flush()
		}
	}
	if phase == inMain {
		w.flush() // the page ends in <main>, as walkMain's copy does
	}
	if !found {
		return false
	}
	if !same {
		return walkMain(page, fn)
	}
	from := 0
	for _, e := range ends {
		fn(texts[from:e])
		from = e
	}
	return true
}

// copyBufs hold walkMain's and walkPage's copies of pages, their blocks'
// texts, and walkPage's blocks kept until the end of <main>.
var copyBufs = sync.Pool{New: func() any { return new([3][]byte) }}

// lastIndex is bytes.LastIndex for a tag near the end of a page: it looks
// back from one < to the one before, where bytes.LastIndex hashes every
// byte of the page from the end.
func lastIndex(page []byte, tag string) int {
	end := len(page)
	for {
		i := bytes.LastIndexByte(page[:end], '<')
		if i < 0 {
			return -1
		}
		if bytes.HasPrefix(page[i:], []byte(tag)) {
			return i
		}
		end = i
	}
}

// rawTag returns the name of a tag whose content is no text a reader
// sees (script, style, template), or "".
func rawTag(name []byte) string {
	switch string(name) {
	case "script":
		return "script"
	case "style":
		return "style"
	case "template":
		return "template"
	}
	return ""
}

// appendText appends an HTML text node to b, entities decoded and every run
// of white space (a no-break space too) written as one space.
func appendText(b, text []byte) []byte {
	if bytes.IndexByte(text, '&') >= 0 {
		text = []byte(stdhtml.UnescapeString(string(text)))
	}
	space := len(b) > 0 && b[len(b)-1] == ' '
	for len(text) > 0 {
		i := 0 // text[:i] has no white space but single spaces between words: it is copied at once
		for i < len(text) {
			for i < len(text) && !mayBeSpace[text[i]] {
				i++
			}
			if i == len(text) {
				break
			}
			c := text[i]
			if c == ' ' && i > 0 && i+1 < len(text) && !spaceStart[text[i+1]] {
				i++ // one space between two words: written as it is
				continue
			}
			if c < utf8.RuneSelf {
				break // an ASCII space
			}
			if n := letterLen(text[i:]); n > 0 {
				i += n // æ, ø, å and the like: no space starts with their first byte
				continue
			}
			r, n := utf8.DecodeRune(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i > 0 {
			b = append(b, text[:i]...)
			text, space = text[i:], false
			continue
		}
		_, n := utf8.DecodeRune(text)
		if !space {
			b = append(b, ' ')
			space = true
		}
		text = text[n:]
	}
	return b
}

// mayBeSpace marks the bytes that are, or may start, white space: HTML's
// ASCII spaces and every byte outside ASCII (decoded to tell).
var mayBeSpace = func() (t [256]bool) {
	for _, c := range []byte(" \n\t\r\f") {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// spaceStart marks the bytes that may start white space: HTML's ASCII
// spaces and the first bytes of Unicode's other spaces (see letterLen).
var spaceStart = func() (t [256]bool) {
	for _, c := range []byte(" \n\t\r\f\xc2\xe1\xe2\xe3") {
		t[c] = true
	}
	return t
}()

// letterLen returns the length of the multi-byte UTF-8 sequence b starts
// with if its first byte starts no white space character (those start with
// 0xC2, 0xE1, 0xE2 or 0xE3) and the sequence is whole; else 0 (decode it).
func letterLen(b []byte) int {
	n := 0
	switch c := b[0]; {
	case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
		return 0
	case c >= 0xC3 && c < 0xE0:
		n = 2
	case c >= 0xE4 && c < 0xF0:
		n = 3
	case c >= 0xF0 && c < 0xF5:
		n = 4
	default:
		return 0
	}
	if len(b) < n {
		return 0
	}
	for _, c := range b[1:n] {
		if c&0xC0 != 0x80 {
			return 0
		}
	}
	return n
}

func hasClass(attr, class string) bool {
	for _, c := range strings.Fields(attr) {
		if c == class {
			return true
		}
	}
	return false
}
