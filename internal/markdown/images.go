package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// ImageFunc describes a page's image for the browser: dest is the
// destination as written, href as resolved (LinkFunc), first whether it is
// the page's first image. It returns the src to write (href when empty),
// attributes to add (srcset, sizes, width, height, loading) and a warning
// for the editor (empty when none).
type ImageFunc func(dest, href string, first bool) (src string, attrs []Attr, warning string)

// Attr is one HTML attribute.
type Attr struct{ Name, Value string }

var imageKey = parser.NewContextKey()

// WithImages has the page's images described by fn.
func WithImages(fn ImageFunc) RenderOption {
	return func(pc parser.Context) { pc.Set(imageKey, fn) }
}

// describeImage applies the page's ImageFunc, if any, to an image whose
// destination has been resolved.
func (st *state) describeImage(pc parser.Context, n *ast.Image, dest string) {
	fn, _ := pc.Get(imageKey).(ImageFunc)
	if fn == nil || string(n.Destination) == "#" {
		return
	}
	src, attrs, warning := fn(dest, string(n.Destination), st.images == 0)
	st.images++
	if src != "" {
		n.Destination = []byte(src)
	}
	for _, a := range attrs {
		n.SetAttributeString(a.Name, []byte(a.Value))
	}
	if warning != "" {
		st.problems = append(st.problems, Problem{Line: st.inlineLine(n), Code: "image", Msg: warning})
	}
}
