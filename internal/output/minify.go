package output

import (
	"bytes"
	"fmt"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
)

// Pages are minified in two parts rather than whole: their layouts once,
// when they are parsed (MinifyLayout), and each page's Markdown when it is
// rendered (MinifyHTML). Minifying all of every page again cost a tenth of
// a large build, to find what the layouts' minified text already was; the
// writer writes pages as they come (WritePage). The one difference from a
// page minified whole is a whitespace character next to a template action,
// which the minifier keeps because the action may write text there, and
// html/template's spelling of characters it escapes (&#43; for +).

// htmlOptions are the HTML minifier's settings for pages, layouts and
// Markdown alike: only whitespace, comments and the like go; end tags,
// quotes and default attribute values stay, so that the HTML checker and
// older readers see the document as written.
var htmlOptions = html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true}

func newMinifier(h *html.Minifier) *minify.M {
	m := minify.New()
	m.Add("text/html", h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	m.AddFunc("application/json", json.Minify)
	return m
}

var (
	layoutMinifier = func() *minify.M {
		h := htmlOptions
		h.TemplateDelims = html.GoTemplateDelims
		return newMinifier(&h)
	}()
	htmlMinifier = newMinifier(&htmlOptions)
)

// MinifyLayout minifies the source of an html/template layout. Its {{ }}
// actions are kept as written.
func MinifyLayout(src []byte) ([]byte, error) {
	out, err := layoutMinifier.Bytes("text/html", src)
	if err != nil {
		return nil, fmt.Errorf("minify: %w", err)
	}
	return out, nil
}

// MinifyHTML minifies a piece of HTML, such as a page's rendered Markdown.
func MinifyHTML(src []byte) (string, error) {
	b := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(b)
	b.Reset()
	if err := htmlMinifier.Minify("text/html", b, buffer.NewReader(src)); err != nil {
		return "", fmt.Errorf("minify: %w", err)
	}
	return b.String(), nil
}
