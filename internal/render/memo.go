package render

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"text/template/parse"
)

// Memoised partials: a piece made only from a small value, such as a
// page's list of terms in one taxonomy, is written {{.Memo "partials/x.html"
// v}} and made once per render pass for each distinct v. The partial is
// executed with v itself, so what it writes can depend on nothing but v;
// v's key spells all of v. Case pages repeat the same few term lists
// thousands of times (README, "Tuning"). Breadcrumb trails (Trail) are the
// same for every page in a folder, and a card in a list (Card) is the same
// on every list but for its link's root (a case's card is on several
// lists): cards are made once for every folder, see rootedCard.

// Memoable is a value a memoised partial is made from.
type Memoable interface {
	// memoKey spells the whole value; "" means there is nothing to write.
	memoKey() string
}

// TermList is a page's terms in one taxonomy: the taxonomy's title and
// each term's name and link ("" for a term without a page).
type TermList struct {
	Title string
	Terms []TermLink
}

// TermLink is one term of a TermList.
type TermLink struct{ Name, Link string }

func (l *TermList) memoKey() string {
	if l == nil || len(l.Terms) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(l.Title)
	for _, t := range l.Terms {
		b.WriteByte(0)
		b.WriteString(t.Name)
		b.WriteByte(0)
		b.WriteString(t.Link)
	}
	return b.String()
}

// Trail is a breadcrumb trail: the pages above one page, front page first.
type Trail []Crumb

func (t Trail) memoKey() string {
	var b strings.Builder
	for _, c := range t {
		b.WriteString(c.URL)
		b.WriteByte(0)
		b.WriteString(c.Title)
		b.WriteByte(0)
		b.WriteString(c.Link)
		b.WriteByte(0)
	}
	return b.String()
}

// TermLists is a page's term lists, one per taxonomy. Given to Memo, each
// list is made (or found) on its own: {{.Memo "partials/term-list.html"
// (.TermLists "unit values …")}} is one call from the layout, where a range
// over the lists made a Memo call and an escaper call for each.
type TermLists []*TermList

func (ls TermLists) memoItems() []Memoable { return memoables(ls) }

// memoSeq is a list of values a memoised partial is made from, one by one.
type memoSeq interface{ memoItems() []Memoable }

// memoables returns the items of a list as Memoables.
func memoables[T Memoable](xs []T) []Memoable {
	out := make([]Memoable, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// TermLists returns the page's terms in each of the taxonomies named in
// taxes (separated by spaces), with their links, leaving out those where it
// has none.
func (d *Data) TermLists(taxes string) TermLists {
	var out TermLists
	for _, tax := range strings.Fields(taxes) {
		ts := d.view.Terms(d.Page, tax)
		if len(ts) == 0 {
			continue
		}
		d.useTerms(ts)
		l := &TermList{Terms: make([]TermLink, len(ts))}
		if tx := d.view.Taxonomy(tax); tx != nil {
			l.Title = tx.Title
		}
		for i, t := range ts {
			l.Terms[i] = TermLink{Name: t.Name, Link: d.Link(termOf(d.view, t))}
		}
		out = append(out, l)
	}
	return out
}

// Memo writes the partial name (a file in layouts/) executed with v, a
// Memoable; for a list of them (TermLists, Cards), the partial executed
// with each in turn.
func (d *Data) Memo(name string, v any) (template.HTML, error) {
	switch x := v.(type) {
	case Memoable:
		p, err := d.memo(name, x)
		if err != nil || !p.rooted {
			return p.html, err
		}
		return template.HTML(string(p.html) + d.root + p.after), nil
	case memoSeq:
		items := x.memoItems()
		parts := make([]piece, len(items))
		n := 0
		for i, m := range items {
			p, err := d.memo(name, m)
			if err != nil {
				return "", err
			}
			parts[i] = p
			n += len(p.html) + len(p.after)
			if p.rooted {
				n += len(d.root)
			}
		}
		// One allocation: a long list (a value's cases) grew the builder
		// a dozen times.
		var b strings.Builder
		b.Grow(n)
		for _, p := range parts {
			b.WriteString(string(p.html))
			if p.rooted {
				b.WriteString(d.root)
				b.WriteString(p.after)
			}
		}
		return template.HTML(b.String()), nil
	}
	return "", fmt.Errorf("Memo %s: %T kan ikke gemmes som et fælles stykke", name, v)
}

// piece is a memoised piece as written: html, or for a card made for every
// folder (rooted), html, then the page's root, then after.
type piece struct {
	html   template.HTML
	after  string
	rooted bool
}

// rootMarker stands for the root in a card made for every folder: letters
// and digits, which every context writes unchanged, and random, so no text
// holds it by chance.
var rootMarker = func() string {
	var b [12]byte
	rand.Read(b[:])
	return "labyrintroot" + hex.EncodeToString(b[:])
}()

// upPath reports whether r is a root a card can be made for: "" or "../"
// repeated (not the base path the 404 page uses).
func upPath(r string) bool {
	for ; r != ""; r = r[3:] {
		if !strings.HasPrefix(r, "../") {
			return false
		}
	}
	return true
}

// rootedCard returns the card c made for every folder at once, or ok false
// if it is made per folder. A card's one link is the page's URL behind the
// relative path from the list's folder to the site root (Data.Rel), so a
// card memoised by its value was made again for each folder depth of the
// lists it is on: two or three times a case. Instead it is
// made once, with rootMarker where the root goes, and each list writes its
// own root there. That holds if the partial writes the link as it is (as
// href="{{.Link}}" does) and uses it for nothing else; so the first card
// made with a partial is also made directly, two folders down, and if the
// two differ, that partial's cards are made per folder.
func (d *Data) rootedCard(name string, c Card) (_ piece, ok bool, err error) {
	tail, found := strings.CutPrefix(c.Link, d.root)
	cache := d.shared
	if !found || !upPath(d.root) || cache == nil {
		return piece{}, false, nil
	}
	pc := cache.piecesOf(name)
	pc.mu.Lock()
	k := name + "\x00" + c.spelled(tail)
	state := pc.cardCheck[name]
	parts, hit := pc.cards[k]
	pc.mu.Unlock()
	switch {
	case state < 0:
		return piece{}, false, nil
	case hit:
		return piece{html: template.HTML(parts[0]), after: parts[1], rooted: true}, true, nil
	}
	exec := func(link string) (string, error) {
		b := bufPool.Get().(*bytes.Buffer)
		b.Reset()
		defer bufPool.Put(b)
		c := c
		c.Link = link
		err := d.set.ExecuteTemplate(b, name, c)
		return b.String(), err
	}
	out, err := exec(rootMarker + tail)
	if err != nil {
		return piece{}, false, err
	}
	before, after, one := strings.Cut(out, rootMarker)
	one = one && !strings.Contains(after, rootMarker)
	if one && state == 0 {
		direct, err := exec("../../" + tail)
		if err != nil {
			return piece{}, false, err
		}
		one = direct == before+"../../"+after
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !one || pc.cardCheck[name] < 0 {
		// Once one card fails, the partial's cards are all made per
		// folder, even if another check ran at the same time and passed.
		pc.cardCheck[name] = -1
		return piece{}, false, nil
	}
	pc.cardCheck[name] = 1
	pc.cards[k] = [2]string{before, after}
	return piece{html: template.HTML(before), after: after, rooted: true}, true, nil
}

func (d *Data) memo(name string, v Memoable) (piece, error) {
	if c, ok := v.(Card); ok {
		if p, ok, err := d.rootedCard(name, c); ok || err != nil {
			return p, err
		}
	}
	h, err := d.memoHTML(name, v)
	return piece{html: h}, err
}

func (d *Data) memoHTML(name string, v Memoable) (template.HTML, error) {
	k := v.memoKey()
	if k == "" {
		return "", nil
	}
	var pc *pieces
	if c := d.shared; c != nil {
		pc = c.piecesOf(name)
		k = name + "\x00" + k
		pc.mu.Lock()
		h, ok := pc.memo[k]
		pc.mu.Unlock()
		if ok {
			return h, nil
		}
	}
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	defer bufPool.Put(b)
	if err := d.set.ExecuteTemplate(b, name, v); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	if pc != nil {
		pc.mu.Lock()
		pc.memo[k] = h
		pc.mu.Unlock()
	}
	return h, nil
}

// keepsAcrossPasses reports whether the pieces of partial name may be kept
// from one render pass to the next (SharedCache.Next): the partial names
// no field, variable or chain that reaches Page (a card's page, whose
// other fields its key does not spell) and calls no other template.
func (t *Templates) keepsAcrossPasses(name string) bool {
	for _, set := range t.byName {
		if tpl := set.Lookup(name); tpl != nil && tpl.Tree != nil {
			return pageFree(tpl.Tree.Root)
		}
	}
	return false
}

// pageFree reports whether the template nodes under n never name Page and
// never call another template.
func pageFree(n parse.Node) bool {
	names := func(idents []string) bool { return !slices.Contains(idents, "Page") }
	switch n := n.(type) {
	case nil:
		return true
	case *parse.ListNode:
		if n == nil {
			return true
		}
		for _, c := range n.Nodes {
			if !pageFree(c) {
				return false
			}
		}
		return true
	case *parse.ActionNode:
		return pageFree(n.Pipe)
	case *parse.IfNode:
		return pageFree(n.Pipe) && pageFree(n.List) && pageFree(n.ElseList)
	case *parse.RangeNode:
		return pageFree(n.Pipe) && pageFree(n.List) && pageFree(n.ElseList)
	case *parse.WithNode:
		return pageFree(n.Pipe) && pageFree(n.List) && pageFree(n.ElseList)
	case *parse.PipeNode:
		if n == nil {
			return true
		}
		for _, c := range n.Cmds {
			if !pageFree(c) {
				return false
			}
		}
		return true
	case *parse.CommandNode:
		for _, a := range n.Args {
			if !pageFree(a) {
				return false
			}
		}
		return true
	case *parse.FieldNode:
		return names(n.Ident)
	case *parse.VariableNode:
		return names(n.Ident)
	case *parse.ChainNode:
		return names(n.Field) && pageFree(n.Node)
	case *parse.TemplateNode:
		return false
	case *parse.TextNode, *parse.DotNode, *parse.NilNode, *parse.BoolNode, *parse.NumberNode,
		*parse.StringNode, *parse.IdentifierNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	}
	return false // a node this does not know: not kept
}
