package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// Sealed templates: a layout may reach only what its page's target shows.
// TestTemplateTypesAreSealed checks the types a layout can reach;
// TestHostileLayouts builds the real site's public target with layouts
// that try every path those types allow.

// templateRoots are the values a layout, a shared partial or a memoised
// partial is executed with.
var templateRoots = []reflect.Type{
	reflect.TypeFor[*render.Data](), reflect.TypeFor[*render.Shared](),
	reflect.TypeFor[render.Card](), reflect.TypeFor[*render.TermList](), reflect.TypeFor[render.Trail](),
}

// edge is one step a template can take from a value of type from: a field
// or a method (which text/template calls with the arguments in).
type edge struct {
	from   reflect.Type
	name   string
	in     []reflect.Type // a method's parameters; nil for a field
	method bool
	out    reflect.Type
}

// leafType reports whether values of t lead nowhere: they are written out.
func leafType(t reflect.Type) bool {
	switch t {
	case reflect.TypeFor[time.Time](), reflect.TypeFor[template.HTML](), reflect.TypeFor[template.URL](), reflect.TypeFor[[]byte]():
		return true
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return false
	}
	return true // strings, numbers, bools, interfaces (front matter values)
}

// elem is the type a template holds after ranging over or following t.
func elem(t reflect.Type) reflect.Type {
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Elem()
	}
	return t
}

// edges lists what text/template lets a template do with a value of type t:
// read an exported field (of the struct or the struct pointed to) and call
// an exported method of t or of *t with one result, or a result and an error.
func edges(t reflect.Type) []edge {
	var out []edge
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for f := range st.Fields() {
			if f.IsExported() {
				out = append(out, edge{from: t, name: f.Name, out: f.Type})
			}
		}
	}
	mt := t
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		mt = reflect.PointerTo(t) // text/template takes the address of an addressable value
	}
	for m := range mt.Methods() {
		ft := m.Type
		if ft.NumOut() == 0 || ft.NumOut() > 2 || ft.NumOut() == 2 && ft.Out(1) != reflect.TypeFor[error]() {
			continue // text/template refuses to call it
		}
		var in []reflect.Type
		for i := 1; i < ft.NumIn(); i++ {
			in = append(in, ft.In(i))
		}
		out = append(out, edge{from: t, name: m.Name, in: in, method: true, out: ft.Out(0)})
	}
	return out
}

// reachable walks every type a template can reach from the roots and
// returns, for each, the edge it was first reached by (nil for a root), in
// the order reached.
func reachable() (order []reflect.Type, via map[reflect.Type]*edge) {
	via = map[reflect.Type]*edge{}
	queue := append([]reflect.Type(nil), templateRoots...)
	for _, r := range templateRoots {
		via[r] = nil
	}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		order = append(order, t)
		if leafType(t) {
			continue
		}
		for _, e := range edges(t) {
			next := elem(e.out)
			if _, seen := via[next]; seen {
				continue
			}
			via[next] = &e
			queue = append(queue, next)
		}
	}
	return order, via
}

// TestTemplateTypesAreSealed: no type a template can reach is one that
// leads to the whole site (site.Site, site.View, site's Term, Taxonomy and
// Filter, content.Tree), and *site.Page leads to no other page.
func TestTemplateTypesAreSealed(t *testing.T) {
	forbidden := []reflect.Type{
		reflect.TypeFor[site.Site](), reflect.TypeFor[site.View](), reflect.TypeFor[site.Term](),
		reflect.TypeFor[site.Taxonomy](), reflect.TypeFor[site.Filter](), reflect.TypeFor[site.FilterTerm](),
		reflect.TypeFor[content.Tree](), reflect.TypeFor[config.Config](),
	}
	order, via := reachable()
	var names []string
	for _, typ := range order {
		names = append(names, typ.String())
		base := typ
		if base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		for _, f := range forbidden {
			if base == f {
				t.Errorf("a template reaches %v through %s", typ, pathTo(typ, via))
			}
		}
	}
	page := reflect.TypeFor[*site.Page]()
	for _, e := range edges(page) {
		if leadsTo(e.out, page, map[reflect.Type]bool{}) {
			t.Errorf("(*site.Page).%s leads to pages", e.name)
		}
	}
	if _, ok := via[page]; !ok {
		t.Error("the walk never reached *site.Page: it does not follow what templates follow")
	}
	t.Logf("%d types reachable from templates: %s", len(order), strings.Join(names, ", "))
}

// leadsTo reports whether a value of type t can hold or lead to a value of
// type want through exported fields and methods.
func leadsTo(t, want reflect.Type, seen map[reflect.Type]bool) bool {
	t = elem(t)
	if t == want {
		return true
	}
	if seen[t] || leafType(t) {
		return false
	}
	seen[t] = true
	for _, e := range edges(t) {
		if leadsTo(e.out, want, seen) {
			return true
		}
	}
	return false
}

// pathTo spells the path by which the walk reached typ.
func pathTo(typ reflect.Type, via map[reflect.Type]*edge) string {
	var steps []string
	for e := via[typ]; e != nil; e = via[e.from] {
		steps = append([]string{e.name}, steps...)
		if len(steps) > 20 {
			break
		}
	}
	return "." + strings.Join(steps, ".")
}

// argSource gives a template argument of some type: a literal, or a value
// reached by a path, bound to a variable by open (and closed by close).
type argSource struct{ open, expr, close string }

// argSources are the arguments hostile calls are tried with, by type. The
// internal URLs are written without their final slash, so that a link made
// from them (by Link or Rel) is not taken for a page that leaked.
func argSources(internalURL string) map[reflect.Type][]argSource {
	lit := func(ss ...string) []argSource {
		var out []argSource
		for _, s := range ss {
			out = append(out, argSource{expr: fmt.Sprintf("%q", s)})
		}
		return out
	}
	strs := lit("/inspiration", internalURL, "/", "values", "projects",
		"unit values focus themes projects goals situations tags", "partials/card.html", "css/site.css")
	pages := []argSource{
		{expr: "$.Page"}, {expr: "$.Section"},
		{open: `{{with $a := $.PageAt "/inspiration"}}`, expr: "$a", close: "{{end}}"},
		{open: `{{range $a := $.AZ}}`, expr: "$a", close: "{{end}}"},
		{open: `{{range $a := $.Menu}}`, expr: "$a", close: "{{end}}"},
		{open: `{{range $a := $.Children}}`, expr: "$a", close: "{{end}}"},
	}
	terms := []argSource{
		{open: `{{range $a := $.Terms "values"}}`, expr: "$a", close: "{{end}}"},
		{open: `{{range $a := $.Terms "unit"}}`, expr: "$a", close: "{{end}}"},
		{open: `{{with $a := $.DefinedTerm "values"}}`, expr: "$a", close: "{{end}}"},
		{open: `{{range $f := $.Filters}}{{range $t := $f.Terms}}{{with $a := $t.Term}}`, expr: "$a", close: "{{end}}{{end}}{{end}}"},
	}
	var anys []argSource
	anys = append(anys, pages...)
	anys = append(anys, terms...)
	anys = append(anys, lit("/inspiration", internalURL)...)
	return map[reflect.Type][]argSource{
		reflect.TypeFor[string]():     strs,
		reflect.TypeFor[int]():        lit2("1", "2"),
		reflect.TypeFor[*site.Page](): pages,
		reflect.TypeFor[[]*site.Page](): {
			{open: `{{with $a := $.AZ}}`, expr: "$a", close: "{{end}}"},
			{open: `{{with $a := $.ChildrenOf ($.PageAt "/inspiration")}}`, expr: "$a", close: "{{end}}"},
		},
		reflect.TypeFor[render.Term](): terms,
		reflect.TypeFor[interface{}](): anys,
	}
}

func lit2(ss ...string) []argSource {
	var out []argSource
	for _, s := range ss {
		out = append(out, argSource{expr: s})
	}
	return out
}

// calls spells the ways to take edge e from dot: each with its arguments,
// bound where they need it; nil if some parameter has no source.
// A method of *render.Data is called on $ (the layout's root), as the
// arguments' blocks move dot; other steps take literal arguments only.
func calls(e edge, src map[reflect.Type][]argSource) (opens, exprs, closes []string) {
	recv := "."
	if e.from == reflect.TypeFor[*render.Data]() {
		recv = "$."
	}
	combos := []argSource{{}}
	for _, in := range e.in {
		var next []argSource
		for _, c := range combos {
			for _, a := range src[in] {
				if a.open != "" && recv == "." {
					continue
				}
				next = append(next, argSource{open: c.open + a.open, expr: c.expr + " " + a.expr, close: a.close + c.close})
			}
		}
		combos = next
	}
	for _, c := range combos {
		opens = append(opens, c.open)
		exprs = append(exprs, recv+e.name+c.expr)
		closes = append(closes, c.close)
	}
	return opens, exprs, closes
}

// hostileSnippets spells, for every type a template reaches (by the first
// path found to it) and every step from it with every argument tried, a
// template that takes the path and the step and writes what it gets.
func hostileSnippets(internalURL string) []string {
	order, via := reachable()
	src := argSources(internalURL)
	// prefix opens the path to a type from a *render.Data (the layouts'
	// root); ok false for types reached only from another root.
	var prefix func(typ reflect.Type) (open, close string, ok bool)
	prefix = func(typ reflect.Type) (string, string, bool) {
		e := via[typ]
		if e == nil {
			return "", "", typ == reflect.TypeFor[*render.Data]()
		}
		po, pc, ok := prefix(e.from)
		if !ok {
			return "", "", false
		}
		opens, xs, cs := calls(*e, src)
		if len(xs) == 0 {
			return "", "", false
		}
		return po + opens[0] + wrap(e.out, xs[0]), "{{end}}" + cs[0] + pc, true
	}
	var out []string
	for _, typ := range order {
		if leafType(typ) {
			continue
		}
		po, pc, ok := prefix(typ)
		if !ok {
			continue
		}
		for _, e := range edges(typ) {
			opens, xs, cs := calls(e, src)
			for i := range xs {
				out = append(out, po+opens[i]+wrap(e.out, xs[i])+"{{printf \"%v\" .}}\n{{end}}"+cs[i]+pc)
			}
		}
	}
	return out
}

// wrap opens a block that sets dot to the result of x, of type t: range
// for lists, with for the rest.
func wrap(t reflect.Type, x string) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return "{{range " + x + "}}"
	}
	return "{{with " + x + "}}"
}

// handWritten are the hostile layouts a person would try first. Each must
// fail, or run and show nothing the target does not.
var handWritten = []string{
	`{{range .View.Site.Pages}}{{.URL}} {{.Title}}{{end}}`,
	`{{range .View.Pages}}{{.URL}}{{end}}`,
	`{{range .Site.Pages}}{{.URL}}{{end}}`,
	`{{.Site.Site}}`,
	`{{range .Page.Section.Pages}}{{.URL}}{{end}}`,
	`{{range .Page.Children}}{{.URL}}{{end}}`,
	`{{.Page.Parent.URL}}`,
	`{{.Page.Site}}`,
	`{{range .Page.Terms}}{{.Page.URL}}{{end}}`,
	`{{range (.Taxonomy "projects").Terms}}{{.Page.URL}}{{end}}`,
	`{{range .Terms "values"}}{{range .Tax.Terms}}{{.Page.URL}} {{.Page.Title}}{{end}}{{end}}`,
	`{{with .FilterOf}}{{range .Terms}}{{.Name}}{{end}}{{end}}`,
	`{{range .Filters}}{{range .Tax.Terms}}{{.Page.URL}}{{end}}{{end}}`,
	`{{with .PageAt "/inspiration"}}{{.Title}}{{end}}`,
	`{{range .ChildrenOf (.PageAt "/inspiration")}}{{.Title}}{{end}}`,
	`{{range .Menu}}{{range $.ChildrenOf .}}{{.Title}}{{end}}{{end}}`,
	`{{with .DefinedTerm "values"}}{{range $.TermPages .}}{{.URL}} {{.Title}}{{end}}{{end}}`,
	`{{printf "%#v" .}}`,
	`{{printf "%+v" .Page}}{{printf "%+v" .Page.Src}}`,
}

// internalPages returns the pages the intranet shows and the public site
// does not, and the public and intranet views.
func internalPages(t *testing.T) (internal []*site.Page, pub, intra *site.View) {
	t.Helper()
	cfg, err := config.Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	tree, l := content.Load(os.DirFS("../../content"), "content", cfg)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Items())
	}
	s, l := site.Build(cfg, tree)
	if errs, _ := l.Count(); errs > 0 {
		t.Fatal(l.Items())
	}
	pub = s.Select(cfg.Targets["public"], site.Options{})
	intra = s.Select(cfg.Targets["intranet"], site.Options{})
	for _, p := range intra.Pages {
		if !pub.Has(p) {
			internal = append(internal, p)
		}
	}
	if len(internal) == 0 {
		t.Fatal("the real site has no internal pages: the test proves nothing")
	}
	return internal, pub, intra
}

// hostileLayouts returns a layouts folder whose _base.html is body and
// whose every layout defines an empty main; the partials are the real ones.
func hostileLayouts(t *testing.T, v *site.View, body string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{"_base.html": {Data: []byte(body)}}
	names := map[string]bool{"filter": true}
	for _, p := range v.Pages {
		names[p.Layout] = true
	}
	for n := range names {
		fsys[n+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	partials, _ := filepath.Glob("../../layouts/partials/*.html")
	for _, p := range partials {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fsys["partials/"+filepath.Base(p)] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// everyFile returns the data of every file the build of v makes, as the
// build makes it (list pages, filter pages), without the Markdown.
func everyFile(v *site.View) []*render.Data {
	assets := map[string]string{"css/site.css": "/assets/site.css", "css/print.css": "/assets/print.css",
		"favicon.svg": "/assets/favicon.svg", "js/catalogue.js": "/assets/c.js", "search/search.js": "/assets/s.js"}
	var out []*render.Data
	for _, p := range v.Pages {
		d := render.NewData(v, p, p.URL, render.SiteInfo{Title: "T"}, assets)
		if p.IsSection {
			d.Pager = render.Pages(p.URL, v.Children(p), render.ListSize)[0]
		}
		out = append(out, d)
		for _, f := range v.Filters(p) {
			for i := range f.Terms {
				ft := &f.Terms[i]
				fp := &site.Page{Src: p.Src, URL: ft.URL, Title: ft.Term.Name, Kind: "filter", Layout: "filter", Audience: p.Audience}
				d := render.NewData(v, fp, ft.URL, render.SiteInfo{Title: "T"}, assets)
				d.Pager = render.Pages(ft.URL, ft.Pages, render.ListSize)[0]
				d.Filter, d.FilterOf, d.Section = render.FilterTermOf(v, ft), render.TaxonomyOf(f.Tax), p
				out = append(out, d)
			}
		}
	}
	return out
}

// failures tries every snippet, each as the whole layout, on every file
// of v, and returns for each the error it failed with (nil: it ran
// everywhere). All snippets are parsed as one set: the layout picks snippet
// i by a binary tree of comparisons on .Site.Year, which the test sets to i.
func failures(t *testing.T, v *site.View, files []*render.Data, snippets []string) []error {
	t.Helper()
	errs := make([]error, len(snippets))
	var defs strings.Builder
	var ok []int
	for i, s := range snippets {
		if _, err := template.New("_base.html").Parse(s); err != nil {
			errs[i] = err
			continue
		}
		fmt.Fprintf(&defs, "{{define \"s%d\"}}%s{{end}}", i, s)
		ok = append(ok, i)
	}
	var tree func(ids []int) string
	tree = func(ids []int) string {
		if len(ids) == 1 {
			return fmt.Sprintf("{{template \"s%d\" .}}", ids[0])
		}
		mid := len(ids) / 2
		return fmt.Sprintf("{{if lt .Site.Year %d}}%s{{else}}%s{{end}}", ids[mid], tree(ids[:mid]), tree(ids[mid:]))
	}
	tpl, err := render.Parse(hostileLayouts(t, v, tree(ok)+defs.String()), nil)
	if err != nil {
		t.Fatalf("the hostile snippets do not parse together: %v", err)
	}
	for _, i := range ok {
		c := render.NewSharedCache()
		for _, f := range files {
			d := *f
			d.Site.Year = i
			d.UseShared(c)
			if err := tpl.Render(&d, func([]byte) {}); err != nil {
				errs[i] = err
				break
			}
		}
	}
	return errs
}

// TestHostileLayouts builds the real site's public target with layouts
// that try to reach the pages it does not show: the hand-written attacks,
// and every step from every type a template can reach (found by reflection)
// with every argument source the test knows. Each either fails to parse or
// run, or runs; the ones that run are built together, and no internal
// page's title or URL may appear in the public output (beyond what the
// real layouts show). The same layouts built for the intranet must show the
// internal pages, or the attempts and the scan prove nothing.
func TestHostileLayouts(t *testing.T) {
	if raceDetector {
		// It renders some 100,000 small templates: minutes with -race,
		// which has nothing to find here (test.sh runs it without).
		t.Skip("runs without -race: go test -run TestHostileLayouts ./internal/pipeline")
	}
	internal, pub, intra := internalPages(t)
	var leaf *site.Page
	for _, p := range internal {
		if !p.IsSection {
			leaf = p
			break
		}
	}
	snippets := append(append([]string(nil), handWritten...), hostileSnippets(strings.TrimSuffix(leaf.URL, "/"))...)
	// A layout that runs on the public site but fails on the intranet
	// (where more pages reach it) would stop the control build: each must
	// run on both.
	pubErrs := failures(t, pub, everyFile(pub), snippets)
	intraErrs := failures(t, intra, everyFile(intra), snippets)
	var runs []string
	failed := 0
	for i, s := range snippets {
		if err := errors.Join(pubErrs[i], intraErrs[i]); err != nil {
			failed++
			if i < len(handWritten) {
				t.Logf("fails: %s\n\t%v", s, err)
			}
			continue
		}
		runs = append(runs, s)
	}
	t.Logf("%d hostile layouts: %d fail to parse or run, %d run", len(snippets), failed, len(runs))
	for _, s := range []string{handWritten[0], handWritten[2], handWritten[4]} {
		if contains(runs, s) {
			t.Errorf("%s runs", s)
		}
	}

	normal := readTree(t, buildTo(t, "../..", "public"))
	secrets := secretsOf(internal, normal, "inspiration", strings.TrimPrefix(strings.TrimSuffix(leaf.URL, "/"), "/"))
	if len(secrets) == 0 {
		t.Fatal("every internal page's title and URL is on the public site already: nothing to look for")
	}
	body := strings.Join(runs, "\n")
	for name, b := range buildWithBase(t, "public", body) {
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("public/%s shows %q, which only the intranet may show", name, s)
			}
		}
	}
	control := buildWithBase(t, "intranet", body)
	missing := 0
	for _, s := range secrets {
		if !anyContains(control, s) {
			missing++
			t.Logf("the intranet built with the same layouts does not show %q", s)
		}
	}
	if missing == len(secrets) {
		t.Error("the hostile layouts show no internal page even on the intranet: the attempts prove nothing")
	}
	t.Logf("%d secrets looked for; the intranet control shows %d of them", len(secrets), len(secrets)-missing)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func anyContains(files map[string][]byte, s string) bool {
	for _, b := range files {
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// secretsOf returns what would show that an internal page leaked: its
// title (as written and as html/template escapes it) and its URL path,
// leaving out those the public site shows already (normal) and those that
// a link the test made itself from the literal URLs in lits may spell.
func secretsOf(internal []*site.Page, normal map[string][]byte, lits ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range internal {
		u := strings.TrimPrefix(p.URL, "/")
		cands := []string{p.Title, template.HTMLEscapeString(p.Title), u}
		for _, c := range cands {
			fromLit := false
			for _, l := range lits {
				fromLit = fromLit || strings.Contains(l, c)
			}
			if c == "" || seen[c] || fromLit || anyContains(normal, c) {
				continue
			}
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// buildWithBase builds target of the real site with _base.html replaced by
// body and every layout's main left empty, and returns every output file
// (.gz files decompressed).
func buildWithBase(t *testing.T, target, body string) map[string][]byte {
	t.Helper()
	abs, _ := filepath.Abs("../..")
	src := t.TempDir()
	layouts := filepath.Join(src, "layouts")
	if err := os.MkdirAll(filepath.Join(layouts, "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(abs, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, []byte("\nassets: "+filepath.Join(abs, "assets")+"\ncontent: "+filepath.Join(abs, "content")+"\n")...)
	files := map[string][]byte{"site.yaml": cfg, "layouts/_base.html": []byte(body)}
	all, _ := filepath.Glob(filepath.Join(abs, "layouts", "*.html"))
	for _, f := range all {
		files["layouts/"+filepath.Base(f)] = []byte(`{{define "main"}}{{end}}`)
	}
	files["layouts/_base.html"] = []byte(body)
	partials, _ := filepath.Glob(filepath.Join(abs, "layouts", "partials", "*.html"))
	for _, f := range partials {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files["layouts/partials/"+filepath.Base(f)] = b
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if res, err := Run(context.Background(), Options{Source: src, Target: target, Out: out}); err != nil {
		t.Fatalf("%s with hostile layouts: %d findings, the first: %v", target, len(res.Findings), res.Findings[0])
	}
	return readTree(t, out)
}

// readTree returns every file below dir, .gz files decompressed.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := tree(t, dir)
	for name, b := range got {
		if strings.HasSuffix(name, ".gz") {
			z, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got[name], err = io.ReadAll(z); err != nil {
				t.Fatal(err)
			}
		}
	}
	return got
}
