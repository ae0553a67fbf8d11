package pipeline

import (
	"bytes"
	stdhtml "html"
	"html/template"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// templateHTML marks goldmark's output (minified) as safe HTML. goldmark
// runs without its unsafe option: raw HTML in Markdown is dropped and
// dangerous URLs are removed before this point.
func templateHTML(s string) template.HTML { return template.HTML(s) }

// pageRefs reads a rendered page once, with an HTML lexer, for what
// labyrint check needs of it: every element's id (the headings' and the
// layout's: where a #anchor may point) and every href as written
// (entities decoded), in order (the pages it links to).
func pageRefs(page []byte) (ids map[string]bool, hrefs []string) {
	r := newRefs()
	// The lexer writes a NUL after its input and lower-cases in place: it
	// gets a copy, so the page (the build's output) stays as it is.
	l := html.NewLexer(parse.NewInputBytes(bytes.Clone(page)))
	for {
		switch tt, _ := l.Next(); tt {
		case html.ErrorToken:
			return r.ids, r.hrefs
		case html.AttributeToken:
			r.attr(l.AttrKey(), l.AttrVal())
		}
	}
}

// refs are a page's ids and hrefs, as pageRefs reads them.
type refs struct {
	ids   map[string]bool
	hrefs []string
}

func newRefs() *refs { return &refs{ids: map[string]bool{}} }

// attr takes one attribute of the page, its value as written.
func (r *refs) attr(key, val []byte) {
	switch string(key) {
	case "id":
		r.ids[string(unquote(val))] = true
	case "href":
		r.hrefs = append(r.hrefs, stdhtml.UnescapeString(string(unquote(val))))
	}
}

// unquote is an attribute's value as the lexer gives it, without its quotes.
func unquote(v []byte) []byte {
	if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] {
		return v[1 : n-1]
	}
	return v
}
