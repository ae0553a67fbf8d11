package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
	"github.com/guldborgsund/labyrint/internal/typo"
)

// TestMadeUpSite builds, with the real layouts and assets and no theme:
// in site.yaml, a site whose sections, taxonomies, terms and texts are
// words made up for each run (Danish-looking, none a word of the real
// site). It then holds the generic theme to what issue #24 asks of any
// kommune's site: every page is reachable from the front page within two
// clicks, no link is broken, the search finds each page by a word only that
// page has, and no text of Guldborgsund's is in the output.
//
// The words come from a seed, logged; LABYRINT_MADEUP_SEED=N repeats a run,
// and LABYRINT_MADEUP_OUT=DIR keeps the two builds in DIR/public and
// DIR/intranet (test.sh checks them in Chromium).
func TestMadeUpSite(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("LABYRINT_MADEUP_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (LABYRINT_MADEUP_SEED=%d repeats it)", seed, seed)
	rt := realSite(t)
	g := &wordGen{r: rand.New(rand.NewPCG(seed, 7)), avoid: rt.words}
	ms := makeSite(t, g)
	for _, target := range []string{"public", ms.intranet} {
		t.Run(target, func(t *testing.T) {
			out := buildTo(t, ms.root, target)
			files := tree(t, out)
			for _, u := range ms.pages {
				_, ok := files[fileOf(u)]
				if shown := target != "public" || !ms.internal[u]; ok != shown {
					t.Errorf("the page %s: written %v, want %v", u, ok, shown)
				}
				if target == "public" && ms.internal[u] {
					checkAbsent(t, files, ms.own[u])
				}
			}
			checkLinks(t, files)
			checkReach(t, files, 2, "soeg/")
			checkNoRealText(t, rt, files)
			checkOwnWords(t, ms, target, out)
			keepFor(t, ms, target)
		})
	}
}

// keepFor builds target once more into $LABYRINT_MADEUP_OUT/public or
// /intranet when it is set, for test.sh's browser checks.
func keepFor(t *testing.T, ms *madeUp, target string) {
	dir := os.Getenv("LABYRINT_MADEUP_OUT")
	if dir == "" {
		return
	}
	name := "public"
	if target != "public" {
		name = "intranet"
	}
	if _, err := Run(context.Background(), Options{Source: ms.root, Target: target, Out: filepath.Join(dir, name)}); err != nil {
		t.Fatal(err)
	}
}

// checkAbsent fails for every file of the output that holds word (an
// internal page's own word on the public site).
func checkAbsent(t *testing.T, files map[string][]byte, word string) {
	t.Helper()
	for _, name := range sortedNames(files) {
		if bytes.Contains(files[name], []byte(word)) {
			t.Errorf("%s holds %q, the word of a page only the intranet shows", name, word)
		}
	}
}

// madeUp is a generated site: its root, every content page's URL, the
// word only that page has, and which pages only its intranet shows.
type madeUp struct {
	root     string
	pages    []string
	own      map[string]string
	internal map[string]bool // pages only the intranet shows
	intranet string          // the second target's name
}

// wordGen makes Danish-looking words no two of which are within two edits
// (so the search's typo tolerance cannot take one for another), none a
// word of the real site.
type wordGen struct {
	r     *rand.Rand
	avoid map[string]bool
	made  []string
}

var (
	onsets = []string{"b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "sk", "sl", "sn", "sp", "st", "sv", "tr"}
	vowels = []string{"a", "e", "i", "o", "u", "y", "æ", "ø", "å"}
	codas  = []string{"", "", "n", "l", "r", "s", "t", "nd", "ng", "lt", "rk", "st", "ld", "mp"}
)

func (g *wordGen) word() string {
	pick := func(l []string) string { return l[g.r.IntN(len(l))] }
	for {
		var b strings.Builder
		for range 2 + g.r.IntN(2) {
			b.WriteString(pick(onsets) + pick(vowels) + pick(codas))
		}
		w := b.String()
		if len([]rune(w)) < 6 || g.avoid[w] || !g.apart(w) {
			continue
		}
		g.made = append(g.made, w)
		return w
	}
}

// apart reports whether w is at least three edits from every word made,
// begins with other letters (Danish stemming cuts endings only and keeps
// at least three letters, so no two words share a stem), and neither holds
// the other (a part of a compound).
func (g *wordGen) apart(w string) bool {
	head := func(s string) string { return string([]rune(s)[:3]) }
	for _, m := range g.made {
		if typo.Distance([]rune(w), []rune(m), 2) <= 2 || head(w) == head(m) || strings.Contains(w, m) || strings.Contains(m, w) {
			return false
		}
	}
	return true
}

// madeTitle is w with a capital first letter.
func madeTitle(w string) string {
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// madeSlug writes æ, ø and å as ae, oe and aa, for folder and file names.
func madeSlug(w string) string {
	return strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa").Replace(w)
}

// sentence is a few made-up words with the given ones among them.
func (g *wordGen) sentence(filler []string, with ...string) string {
	ws := slices.Clone(with)
	for range 4 + g.r.IntN(4) {
		ws = append(ws, filler[g.r.IntN(len(filler))])
	}
	g.r.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
	return madeTitle(strings.Join(ws, " ")) + "."
}

// madeNames are the made-up names of a generated site's parts.
type madeNames struct {
	secA, secB, secC, kindA, kindB string // sections; kinds of the first two
	taxA, taxB, taxC               string // page-based, listed, free
	terms                          []string
	intranet                       string
}

// madeConfig is the generated site's site.yaml: two targets, the public
// one and an intranet (a label, portable links) that also shows internal
// pages; two kinds, the second filtered by the listed taxonomy; a
// taxonomy whose terms are the first section's pages, a listed one and a
// free one. No theme: the layouts' defaults.
func madeConfig(g *wordGen, n madeNames, abs string) string {
	var y strings.Builder
	fmt.Fprintf(&y, "title: %s %s\nowner: %s\nlayouts: %s\nassets: %s\n", madeTitle(g.word()), g.word(), madeTitle(g.word()), abs+"/layouts", abs+"/assets")
	fmt.Fprintf(&y, "targets:\n  public: {out: public, audiences: [public]}\n  %s: {out: intra, audiences: [public, internal], label: %s, portable: true}\n", n.intranet, madeTitle(g.word()))
	y.WriteString("fields:\n  title: {type: string, required: true}\n  summary: {type: string}\n  weight: {type: int}\n  menu: {type: int}\n  layout: {type: string}\n")
	y.WriteString("  audience: {type: string, enum: [public, internal]}\n")
	fmt.Fprintf(&y, "  %s: {type: list, taxonomy: %s}\n  %s: {type: list, taxonomy: %s}\n  %s: {type: list, taxonomy: %s}\n", n.taxA, n.taxA, n.taxB, n.taxB, n.taxC, n.taxC)
	fmt.Fprintf(&y, "kinds:\n  %s: {section: %s, layout: page, required: [summary]}\n  %s: {section: %s, layout: page, filters: [%s]}\n", n.kindA, madeSlug(n.secA), n.kindB, madeSlug(n.secB), n.taxB)
	fmt.Fprintf(&y, "taxonomies:\n  %s: {title: %s, pages: %s}\n  %s:\n    title: %s\n    terms:\n", n.taxA, madeTitle(g.word()), madeSlug(n.secA), n.taxB, madeTitle(g.word()))
	for _, tm := range n.terms {
		fmt.Fprintf(&y, "      %s: %s %s\n", madeSlug(tm), madeTitle(tm), g.word())
	}
	fmt.Fprintf(&y, "  %s: {title: %s, free: true}\n", n.taxC, madeTitle(g.word()))
	return y.String()
}

// makeSite writes the generated site (madeConfig) with pages in three
// sections, the third shown on the intranet only, and two pages at the top
// with menu: numbers.
func makeSite(t *testing.T, g *wordGen) *madeUp {
	t.Helper()
	root := t.TempDir()
	abs, _ := filepath.Abs("../..")
	filler := make([]string, 12)
	for i := range filler {
		filler[i] = g.word()
	}
	n := madeNames{secA: g.word(), secB: g.word(), secC: g.word(), kindA: g.word(), kindB: g.word(),
		taxA: g.word(), taxB: g.word(), taxC: g.word(), terms: []string{g.word(), g.word(), g.word()}, intranet: g.word()}
	ms := &madeUp{root: root, own: map[string]string{}, internal: map[string]bool{}, intranet: n.intranet}
	write := func(rel, front, body string) {
		p := filepath.Join(root, "content", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\n"+front+"---\n\n"+body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := func(rel, front string) {
		own := g.word()
		u := site.URLFor(rel, "")
		ms.pages = append(ms.pages, u)
		ms.own[u] = own
		ms.internal[u] = strings.HasPrefix(rel, madeSlug(n.secC)+"/")
		fm := fmt.Sprintf("title: %s %s\nsummary: %s\n%s", madeTitle(g.word()), g.word(), g.sentence(filler), front)
		write(rel, fm, g.sentence(filler, own)+" "+g.sentence(filler)+"\n\n"+g.sentence(filler))
	}
	page("_index.md", "")
	page(madeSlug(n.secA)+"/_index.md", "")
	page(madeSlug(n.secB)+"/_index.md", "")
	page(madeSlug(n.secC)+"/_index.md", "audience: internal\n")
	var aPages []string
	for i := range 3 + g.r.IntN(3) {
		name := madeSlug(g.word())
		aPages = append(aPages, name)
		page(madeSlug(n.secA)+"/"+name+".md", fmt.Sprintf("weight: %d\n", i))
	}
	for i := range 4 + g.r.IntN(4) {
		front := fmt.Sprintf("weight: %d\n%s: [%s]\n%s: [%s]\n%s: [%s, %s]\n", i, n.taxA, aPages[g.r.IntN(len(aPages))],
			n.taxB, madeSlug(n.terms[g.r.IntN(len(n.terms))]), n.taxC, g.word(), g.word())
		page(madeSlug(n.secB)+"/"+madeSlug(g.word())+".md", front)
	}
	for range 2 + g.r.IntN(2) {
		page(madeSlug(n.secC)+"/"+madeSlug(g.word())+".md", fmt.Sprintf("%s: [%s]\n", n.taxA, aPages[g.r.IntN(len(aPages))]))
	}
	for i := range 2 {
		page(madeSlug(g.word())+".md", fmt.Sprintf("menu: %d\n", i+1))
	}
	write("404.md", "title: Siden findes ikke\nlayout: notfound\n", "Prøv forsiden.")
	if err := os.WriteFile(filepath.Join(root, "site.yaml"), []byte(madeConfig(g, n, abs)), 0o644); err != nil {
		t.Fatal(err)
	}
	return ms
}

// fileOf is the output file of a page's URL.
func fileOf(u string) string {
	return strings.TrimPrefix(u, "/") + "index.html"
}

// attrRE finds the links of a minified page: href and src, quoted or not.
var attrRE = regexp.MustCompile(`\b(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))`)

// pageLinks returns the files of the output that page name links to; a
// link to a missing file is returned too (as the name it should have).
func pageLinks(files map[string][]byte, name string) []string {
	var out []string
	for _, m := range attrRE.FindAllSubmatch(files[name], -1) {
		ref := html.UnescapeString(string(bytes.Join(m[1:], nil)))
		ref, _, _ = strings.Cut(ref, "#")
		ref, _, _ = strings.Cut(ref, "?")
		if ref == "" || strings.Contains(ref, ":") {
			continue // the page itself, or another scheme (https:, mailto:, tel:)
		}
		if u, err := url.PathUnescape(ref); err == nil {
			ref = u
		}
		p := path.Join(path.Dir(name), ref)
		if strings.HasSuffix(ref, "/") || ref == "." || ref == ".." {
			p = path.Join(p, "index.html")
		}
		out = append(out, strings.TrimPrefix(p, "./"))
	}
	return out
}

// checkLinks fails for every link of an HTML page to a file not written.
func checkLinks(t *testing.T, files map[string][]byte) {
	t.Helper()
	for _, name := range sortedNames(files) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, l := range pageLinks(files, name) {
			if _, ok := files[l]; !ok {
				t.Errorf("%s links to %s, which is not in the output", name, l)
			}
		}
	}
}

// checkReach fails for every HTML page (but 404.html) that is more than
// clicks links away from the front page. Pages below skip (the search page
// with the A–Å list, which every page links to) must be linked, but their
// links are not followed: the sections must lead to every page.
func checkReach(t *testing.T, files map[string][]byte, clicks int, skip string) {
	t.Helper()
	seen := map[string]bool{"index.html": true}
	front := []string{"index.html"}
	for range clicks {
		var next []string
		for _, f := range front {
			for _, l := range pageLinks(files, f) {
				if seen[l] || !strings.HasSuffix(l, ".html") {
					continue
				}
				seen[l] = true
				if !strings.HasPrefix(l, skip) {
					next = append(next, l)
				}
			}
		}
		front = next
	}
	for _, name := range sortedNames(files) {
		if strings.HasSuffix(name, ".html") && name != "404.html" && !seen[name] {
			t.Errorf("%s is not reachable from the front page in %d clicks", name, clicks)
		}
	}
}

func sortedNames(files map[string][]byte) []string {
	out := make([]string, 0, len(files))
	for n := range files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// checkOwnWords searches the index the build wrote for each page's own
// word: the page must come first. The index is made here as the build
// makes it (NewSearchIndex, SearchDoc) and must write the same shards as
// the build did, so the search is of the built index.
func checkOwnWords(t *testing.T, ms *madeUp, target, out string) {
	t.Helper()
	cfg, err := config.Load(os.DirFS(ms.root))
	if err != nil {
		t.Fatal(err)
	}
	tree, l := content.Load(os.DirFS(filepath.Join(ms.root, cfg.Content)), cfg.Content, cfg)
	if tree == nil || l.Err() != nil {
		t.Fatalf("content: %v", l.Err())
	}
	s, l := site.Build(cfg, withDefaultPages(cfg, tree))
	if l.Err() != nil {
		t.Fatalf("site: %v", l.Err())
	}
	view := s.Select(cfg.Targets[target], site.Options{})
	ix, err := NewSearchIndex(s, cfg.Content)
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New()
	for _, p := range view.Pages {
		if p.Layout != SearchLayout && p.Kind != "notfound" {
			ix.Add(SearchDoc(view, p, md.Render(p.Src.Body, p.Src.BodyLine, nil).Blocks))
		}
	}
	sameShards(t, ix, filepath.Join(out, "soeg", "idx"))
	for _, u := range ms.pages {
		if target == "public" && ms.internal[u] {
			continue
		}
		hits := ix.Search(ms.own[u], 5)
		if len(hits) == 0 || hits[0].URL != u {
			t.Errorf("searching for %q, the word of %s only, gave %v", ms.own[u], u, hits)
		}
	}
}

// sameShards fails unless ix writes the shards the build wrote into dir.
func sameShards(t *testing.T, ix *search.Index, dir string) {
	t.Helper()
	n := 0
	err := ix.Write(func(name string, data []byte) error {
		n++
		built, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "idx/"))))
		if err != nil || !bytes.Equal(built, data) {
			t.Errorf("the index made here differs from the build's in %s (%v)", name, err)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("wrote %d shards: %v", n, err)
	}
}

// realText is what of the real site must not show on another site: its
// owner's name and title, its params, the phone numbers and street names in
// its content and config, and its sections' folder names (in links) and
// titles; and every word of its content and config, which the made-up
// words avoid. Its taxonomies' titles are left out: "Emneord" and
// "Projekter" are any site's words.
type realText struct {
	words   map[string]bool
	phrases []string
	paths   []string // section folders, as a path segment of a link
}

var (
	phoneRE  = regexp.MustCompile(`\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b`)
	streetRE = regexp.MustCompile(`\b[A-ZÆØÅ][a-zæøå]+(?:vej|gade|allé|plads|stræde|torv)\b`)
	wordRE   = regexp.MustCompile(`[\p{L}]+`)
)

func realSite(t *testing.T) *realText {
	t.Helper()
	root, _ := filepath.Abs("../..")
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	rt := &realText{words: map[string]bool{}, phrases: []string{"Guldborgsund", cfg.Title}}
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			rt.phrases = append(rt.phrases, s)
		}
	}
	for _, v := range cfg.Params {
		for _, part := range append(strings.Split(v, ", "), v) {
			if len(part) > 3 {
				add(part) // "Parkvej 37", "4800 Nykøbing Falster"
			}
		}
	}
	yml, _ := os.ReadFile(filepath.Join(root, config.FileName))
	text := []string{string(yml)}
	contentDir := filepath.Join(root, cfg.Content)
	err = filepath.WalkDir(contentDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(contentDir, p)
		if e.IsDir() && !strings.Contains(rel, string(filepath.Separator)) && rel != "." {
			rt.paths = append(rt.paths, rel)
			if b, err := os.ReadFile(filepath.Join(p, "_index.md")); err == nil {
				src, err := frontmatter.Split(b)
				if err == nil {
					if m := regexp.MustCompile(`(?m)^title: *"?([^"\n]+)"?`).FindSubmatch(src.Front); m != nil {
						add(string(m[1]))
					}
				}
			}
		}
		if !e.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".txt")) {
			b, err := os.ReadFile(p)
			text = append(text, string(b))
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range text {
		for _, m := range phoneRE.FindAllString(s, -1) {
			add(m)
		}
		for _, m := range streetRE.FindAllString(s, -1) {
			add(m)
		}
		for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
			rt.words[madeSlug(w)], rt.words[w] = true, true
		}
	}
	if len(rt.paths) < 3 || len(rt.phrases) < 10 {
		t.Fatalf("found only %v and %v of the real site", rt.paths, rt.phrases)
	}
	return rt
}

// checkNoRealText fails for every page or text file of the output that
// holds a phrase of the real site, or links into one of its sections.
func checkNoRealText(t *testing.T, rt *realText, files map[string][]byte) {
	t.Helper()
	for _, name := range sortedNames(files) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".txt") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		low := strings.ToLower(string(files[name]))
		for _, p := range rt.phrases {
			if strings.Contains(low, strings.ToLower(p)) {
				t.Errorf("%s holds %q, a text of the real site", name, p)
			}
		}
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, l := range pageLinks(files, name) {
			for _, sec := range rt.paths {
				if strings.HasPrefix(l, sec+"/") {
					t.Errorf("%s links to %s, a section of the real site", name, l)
				}
			}
		}
	}
}
