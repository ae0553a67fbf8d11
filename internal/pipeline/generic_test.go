package pipeline

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
)

// TestLayoutsNameNoSite: the layouts are the generic theme, so none of them
// names a section, taxonomy or page of the real site. Its sections' folder
// names and its pages' URL paths may not appear anywhere in a layout, and
// its taxonomies' names and slugs not in a template action's string (such
// as {{.Terms "values"}}); site.yaml's theme says what a site shows.
func TestLayoutsNameNoSite(t *testing.T) {
	root, _ := filepath.Abs("../..")
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	var urls, words []string
	content := filepath.Join(root, cfg.Content)
	err = filepath.WalkDir(content, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		u := "/" + strings.TrimSuffix(strings.TrimSuffix(filepath.ToSlash(rel), ".md"), "_index")
		u = strings.TrimSuffix(u, "/") + "/"
		if u != "/" && u != "/404/" {
			urls = append(urls, u)
		}
		return nil
	})
	if err != nil || len(urls) < 10 {
		t.Fatalf("found %d pages in %s: %v", len(urls), content, err)
	}
	for n, tx := range cfg.Taxonomies {
		words = append(words, n, tx.Slug)
	}
	for _, k := range cfg.Kinds {
		words = append(words, k.Section)
	}
	lit := regexp.MustCompile(`"[^"{}]*"`)
	act := regexp.MustCompile(`\{\{.*?\}\}`)
	n := 0
	err = filepath.WalkDir(filepath.Join(root, cfg.Layouts), func(p string, e fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		name := path.Base(p)
		for _, u := range urls {
			if strings.Contains(string(b), `"`+u+`"`) {
				t.Errorf("%s names the page %s of the site", name, u)
			}
		}
		for _, a := range act.FindAllString(string(b), -1) {
			for _, l := range lit.FindAllString(a, -1) {
				for _, w := range strings.Fields(strings.Trim(l, `"`)) {
					for _, bad := range words {
						if w == bad {
							t.Errorf("%s names %q of the site in %s", name, bad, a)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil || n < 10 {
		t.Fatalf("read %d layouts: %v", n, err)
	}
}

// TestDefaultSearchPage: a site whose content has no search page (the
// Glostrup example) gets one at theme.search's default /soeg/ with the A–Å
// list, and the search index beside it, so the links to search work.
func TestDefaultSearchPage(t *testing.T) {
	out := buildTo(t, "../../examples/glostrup", "public")
	files := tree(t, out)
	page := string(files["soeg/index.html"])
	if !strings.Contains(page, "Alle sider fra A til Å") || !strings.Contains(page, "Mestring") {
		t.Errorf("no search page with the A–Å list at /soeg/:\n%.400s", page)
	}
	n := 0
	for name := range files {
		if strings.HasPrefix(name, "soeg/idx/") {
			n++
		}
	}
	if n == 0 {
		t.Error("no search index in soeg/idx/")
	}
	// labyrint check's to-do list names files to fill in: never the page
	// the build added, which has no file.
	site := copyDir(t, "../../examples/glostrup")
	abs, _ := filepath.Abs("../..")
	rewrite(t, filepath.Join(site, "site.yaml"), "../../", abs+"/")
	rewrite(t, filepath.Join(site, "content/404.md"), "sources:\n", "kilder:\n") // one page without
	rewrite(t, filepath.Join(site, "site.yaml"), "  sources: {type: list, label: Kilder}\n", "  sources: {type: list, label: Kilder}\n  kilder: {type: list}\n")
	res, err := Run(context.Background(), Options{Source: site, Check: true, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	todo := 0
	for _, f := range res.Findings {
		if f.Code == "todo" {
			todo++
			if strings.Contains(f.File, "soeg") {
				t.Errorf("the to-do list names the search page the build added: %s: %s", f.Pos(), f.Msg)
			}
		}
	}
	if todo == 0 {
		t.Error("no to-do findings at all: the check of the list cannot fail")
	}
}

// TestGlostrupSite: the Glostrup example is a whole small site of its own
// with the generic theme: sections and taxonomies of its own with their
// filter pages, search with the A–Å list naming every page, every page
// within two clicks of the front page (not counting the A–Å list), no
// broken link, and no text of Guldborgsund's (names, phone numbers,
// streets, sections).
func TestGlostrupSite(t *testing.T) {
	out := buildTo(t, "../../examples/glostrup", "public")
	files := tree(t, out)
	for _, f := range []string{"kerneopgaver/mestring/index.html", "eksempler/boern-og-familier/index.html",
		"rammen/faglighed/index.html", "eksempler/opgaver/mestring/index.html", "eksempler/hvem/erhverv/index.html"} {
		if _, ok := files[f]; !ok {
			t.Errorf("no %s", f)
		}
	}
	az := string(files["soeg/index.html"])
	titleRE := regexp.MustCompile(`<h1>([^<]+)</h1>`)
	pages := 0
	for _, name := range sortedNames(files) {
		m := titleRE.FindStringSubmatch(string(files[name]))
		if !strings.HasSuffix(name, "index.html") || strings.HasPrefix(name, "soeg/") || m == nil || strings.Count(name, "/") > 2 {
			continue
		}
		pages++
		if !strings.Contains(az, ">"+m[1]+"<") {
			t.Errorf("the A–Å list does not name %s (%s)", m[1], name)
		}
	}
	if pages < 15 {
		t.Errorf("found %d pages; want the whole site", pages)
	}
	checkLinks(t, files)
	checkReach(t, files, 2, "soeg/")
	checkNoRealText(t, realSite(t), files)
}
