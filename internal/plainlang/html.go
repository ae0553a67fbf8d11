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

// blockTags are the elements that start or end a block of text: what a
// reader takes as one paragraph, heading, list item, term or cell.
var blockTags = set("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "tr",
	"ul", "ol", "dl", "table", "div", "section", "article", "aside", "nav", "header", "footer",
	"blockquote", "figure", "figcaption", "caption", "form", "fieldset", "legend", "label",
	"button", "details", "summary", "br", "hr", "pre", "select", "option", "main")

// MainText returns the text a reader sees in a rendered page's <main>
// element: the layout's headings, lists, cards and contact blocks as well as
// the page's own text, one block per paragraph, heading, list item, term or
// cell, each given line (the page has no lines of its own). Editors' notes
// (<aside class="review">), scripts and styles are left out.
func MainText(page []byte, line int) []markdown.Block {
	start := bytes.Index(page, []byte("<main"))
	if start < 0 {
		return nil
	}
	end := lastIndex(page, "</main>")
	if end < start {
		end = len(page)
	}
	var blocks []markdown.Block
	var cur []byte // the block's text so far, white space collapsed
	flush := func() {
		if t := bytes.TrimSpace(cur); len(t) > 0 {
			blocks = append(blocks, markdown.Block{Kind: markdown.Paragraph, Text: string(t), Line: line})
		}
		cur = cur[:0]
	}
	var aside bool // the start tag whose attributes are being read is an <aside>
	skip, skipDepth := "", 0
	// The lexer writes a NUL after the end of its input (and lower-cases
	// tag names in place): it gets a copy, so the page (the build's
	// output) stays as it is. The copy's buffer is reused from page to page
	// (the blocks' texts are strings of their own).
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	*buf = append(append((*buf)[:0], page[start:end]...), 0)[:end-start] // room for the NUL
	l := html.NewLexer(parse.NewInputBytes(*buf))
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return blocks
		case html.StartTagToken:
			name := l.Text() // lower case; string(name) in a comparison or index makes no copy
			aside = string(name) == "aside"
			switch {
			case skip != "" && string(name) == skip:
				skipDepth++
			case skip == "":
				if raw := rawTag(name); raw != "" {
					skip, skipDepth = raw, 1
				}
			}
			if blockTags[string(name)] {
				flush()
			}
		case html.AttributeToken:
			if skip == "" && aside && string(l.AttrKey()) == "class" &&
				hasClass(string(bytes.Trim(l.AttrVal(), `"'`)), "review") {
				skip, skipDepth = "aside", 1
			}
		case html.EndTagToken:
			name := l.Text()
			if skip != "" && string(name) == skip {
				if skipDepth--; skipDepth == 0 {
					skip = ""
				}
			}
			if blockTags[string(name)] {
				flush()
			}
		case html.TextToken:
			if skip == "" {
				cur = appendText(cur, l.Text())
			}
		}
	}
}

// copyBufs hold MainText's copies of pages.
var copyBufs = sync.Pool{New: func() any { return new([]byte) }}

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
		i := 0 // text[:i] has no white space: it is copied at once
		for i < len(text) {
			for i < len(text) && !mayBeSpace[text[i]] {
				i++
			}
			if i == len(text) {
				break
			}
			c := text[i]
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
