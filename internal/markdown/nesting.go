package markdown

import (
	"fmt"
	"reflect"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxNesting is how deep lists and block quotes may lie inside each other.
// Real text uses three or four levels; goldmark's parse time grows with
// the cube of the depth (700 levels took 0.7 s, 2,800 levels 40 s and
// 720 MB), so a deeper container is refused with an error at its line.
const MaxNesting = 32

// blockParsers are goldmark's default block parsers, with the list and
// block quote parsers refusing to open a container deeper than MaxNesting.
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch reflect.TypeOf(p.Value) {
		case reflect.TypeOf(parser.NewListParser()), reflect.TypeOf(parser.NewBlockquoteParser()):
			ps[i].Value = nestLimit{p.Value.(parser.BlockParser)}
		}
	}
	return ps
}

// newParser is goldmark's default parser with blockParsers.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// nestLimit is a list or block quote parser that opens nothing below
// MaxNesting containers, and records the first such line as a problem.
type nestLimit struct{ parser.BlockParser }

func (n nestLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for p := parent; p != nil && depth < MaxNesting; p = p.Parent() {
		if k := p.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			depth++
		}
	}
	line, seg := reader.PeekLine()
	// Under a list goldmark opens items, never a list: the list parser is
	// asked anyway and says no.
	if depth < MaxNesting || !opensContainer(line) || parent.Kind() == ast.KindList {
		return n.BlockParser.Open(parent, reader, pc)
	}
	if st, ok := pc.Get(pageState).(*state); ok && !st.tooDeep {
		st.tooDeep = true
		st.problems = append(st.problems, Problem{Line: st.lineOf(seg.Start), Code: "nesting", Error: true,
			Msg: fmt.Sprintf("lister og citater ligger mere end %d lag inde i hinanden; skriv afsnittet med færre niveauer", MaxNesting)})
	}
	return nil, parser.NoChildren
}

// opensContainer reports whether line starts a list item or a block quote
// (after indentation): a marker (-, +, *, a number with . or )) followed
// by white space or the line's end, or >. goldmark offers the line to the
// list parser on its first character alone (an emphasis * too).
func opensContainer(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '>' {
		return true
	}
	j := i
	for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	switch {
	case j > i && j < len(line) && (line[j] == '.' || line[j] == ')'):
		j++
	case j == i && i < len(line) && (line[i] == '-' || line[i] == '+' || line[i] == '*'):
		j++
	default:
		return false
	}
	return j == len(line) || line[j] == ' ' || line[j] == '\t' || line[j] == '\n' || line[j] == '\r'
}
