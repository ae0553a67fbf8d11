package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// TestIncrementalBuildMatchesCleanBuild edits a copy of the real site one
// change at a time and, after each, builds it incrementally (with the
// cache beside the output) and cleanly into a new folder: every file of
// the two outputs, the .gz files, the search index, the sitemap and the
// digest included, must be byte for byte the same. It also checks which
// builds were incremental, that a failed build leaves the output as it
// was, and that a corrupt cache means a full build.
func TestIncrementalBuildMatchesCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site many times")
	}
	ctx := context.Background()
	root := copySiteRoot(t)
	content := filepath.Join(root, "content")
	dir := t.TempDir()
	o := Options{Source: root, Content: content, Target: "public", Incremental: true, Out: filepath.Join(dir, "live")}
	// Every file's stamp is trusted (none is racy): a file the steps do
	// not touch is not read, its body read only if a change renders its
	// page. (An edit comes after a whole build, so never in the same tick
	// of the file system's clock as the stat before it.)
	o.clock = func() time.Time { return time.Now().Add(time.Hour) }
	if res, err := Run(ctx, o); err != nil || res.Partial {
		t.Fatalf("first build: partial %v, %v", res != nil && res.Partial, err)
	}
	file := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	offer := "content/enheder/guldborgsund-handicap/botilbud.md"
	moved := "content/enheder/guldborgsund-handicap/bosted.md"
	steps := []struct {
		name    string
		edit    func()
		partial bool   // built incrementally, not in full
		errText string // the build must fail naming this; the output stays
		files   int    // if not -1, the files rendered: no more than the change shows
	}{
		{"body", func() { appendTo(t, file(offer), "\nDu kan også ringe til os.\n") }, true, "", 1},
		{"nothing", func() {}, false, "", -1},
		{"a public page uses an intranet word", func() { appendTo(t, file("content/hjertesager/respekt.md"), "\nSiden har en LIX på 30.\n") }, true, "", -1},
		{"title", func() {
			rewrite(t, file(offer), `title: "Botilbud for voksne med handicap"`, `title: "Bosted med støtte"`)
		}, true, "", -1},
		{"summary of a value page", func() {
			rewriteLine(t, file("content/hjertesager/respekt.md"), "summary:", `summary: "Vi møder hinanden med respekt."`)
		}, true, "", -1},
		{"broken front matter", func() { rewrite(t, file(offer), "weight: 1\n", "weight: [1\n") }, false, "botilbud.md", -1},
		{"fixed again", func() { rewrite(t, file(offer), "weight: [1\n", "weight: 1\n") }, false, "", -1}, // as before the error: unchanged
		{"new page", func() {
			write(t, file("content/enheder/guldborgsund-handicap/ny.md"), "---\ntitle: Nyt tilbud\nsummary: Et nyt tilbud.\nunit: guldborgsund-handicap\nsituations: [bolig]\nfor: [Alle]\nget: [Hjælp]\naccess: direct\nnext: Ring til os.\nphone: \"5473 1000\"\n---\n\nEt nyt tilbud.\n")
		}, true, "", -1},
		{"page deleted", func() {
			os.Remove(file("content/enheder/guldborgsund-handicap/ny.md"))
			write(t, file("content/"+RetiredFile), "/enheder/guldborgsund-handicap/ny/\n")
		}, true, "", -1},
		{"page renamed", func() {
			b, err := os.ReadFile(file(offer))
			if err != nil {
				t.Fatal(err)
			}
			os.Remove(file(offer))
			write(t, file(moved), strings.Replace(string(b), "---\n", "---\naliases: [/enheder/guldborgsund-handicap/botilbud/]\n", 1))
		}, false, "_index.md:18", -1}, // the unit's page still links to the old address
		{"link fixed", func() {
			rewrite(t, file("content/enheder/guldborgsund-handicap/_index.md"), "guldborgsund-handicap/botilbud/", "guldborgsund-handicap/bosted/")
		}, true, "", -1},
		{"synonyms", func() { appendTo(t, file("content/"+SynonymFile), "\nbotilbud, bosted, husly\n") }, true, "", 0},
		{"best bets", func() {
			appendTo(t, file("content/"+BestBetFile), "\nbosted: /enheder/guldborgsund-handicap/bosted/\n")
		}, true, "", 0},
		{"a section's title, in every page's search document", func() {
			rewrite(t, file("content/enheder/_index.md"), `title: "Enheder og tilbud"`, `title: "Vores enheder"`)
		}, true, "", -1},
		{"glossary", func() { appendTo(t, file("content/"+GlossaryFile), "\n") }, false, "", -1},
		{"layout", func() { appendTo(t, file("layouts/_base.html"), "\n") }, false, "", -1},
		{"body after the layout", func() { appendTo(t, file(moved), "\nEn sætning mere.\n") }, true, "", 1},
		{"corrupt cache", func() {
			b, _ := os.ReadFile(o.Out + CacheSuffix)
			write(t, o.Out+CacheSuffix, string(b[:len(b)/2]))
			appendTo(t, file(moved), "\nOg en til.\n")
		}, false, "", -1},
		{"after the corrupt cache", func() { appendTo(t, file(moved), "\nOg den sidste.\n") }, true, "", 1},
	}
	for i, st := range steps {
		before := hashTree(t, o.Out)
		st.edit()
		res, err := Run(ctx, o)
		if st.errText != "" {
			if err == nil || !strings.Contains(err.Error(), st.errText) {
				t.Fatalf("%s: want an error naming %s, got %v", st.name, st.errText, err)
			}
			if hashTree(t, o.Out) != before {
				t.Fatalf("%s: a failed build changed the output", st.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if res.Partial != st.partial {
			t.Errorf("%s: incremental = %v, want %v", st.name, res.Partial, st.partial)
		}
		if st.files >= 0 && res.Pages != st.files {
			t.Errorf("%s: %d files rendered, want %d", st.name, res.Pages, st.files)
		}
		clean := o
		clean.Incremental = false
		clean.Out = filepath.Join(dir, "clean", string(rune('a'+i)))
		cres, err := Run(ctx, clean)
		if err != nil {
			t.Fatalf("%s: clean build: %v", st.name, err)
		}
		// An unchanged output is not built, and reports nothing.
		if got, want := findingTexts(res.Findings), findingTexts(cres.Findings); !res.Unchanged && !slices.Equal(got, want) {
			t.Errorf("%s: %d findings, a clean build has %d: %q, want %q", st.name, len(got), len(want), firstMissing(got, want), firstMissing(want, got))
		}
		want, got := tree(t, clean.Out), tree(t, o.Out)
		if !bytes.Equal(want[DigestFile], got[DigestFile]) {
			t.Errorf("%s: the digests differ", st.name)
		}
		compareTrees(t, st.name, want, got)
		checkNoEmptyFolders(t, st.name, o.Out)
		if kept := loadCache(o.Out + CacheSuffix); kept != nil { // the titles' keys, for the next build's model
			for p, cs := range kept.Parsed {
				if title, _ := cs.Fields["title"].(string); title != "" && cs.Key == "" {
					t.Errorf("%s: the cache keeps no collation key for %s's title", st.name, p)
				}
			}
		}
		t.Logf("%s: %d files rendered in %v (incremental %v)", st.name, res.Pages, res.Duration, res.Partial)
	}
}

// findingTexts are the findings as labyrint build prints them, sorted.
func findingTexts(fs []diag.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Error()
	}
	slices.Sort(out)
	return out
}

// firstMissing is the first of a not in b ("" if none).
func firstMissing(a, b []string) string {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return s
		}
	}
	return ""
}

// copySiteRoot copies what a build reads (site.yaml, layouts, assets,
// content) so that a test may change any of it.
func copySiteRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"layouts", "assets", "content"} {
		if err := os.Rename(copyDir(t, filepath.Join("../..", d)), filepath.Join(root, d)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("../../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "site.yaml"), string(b))
	return root
}

func checkNoEmptyFolders(t *testing.T, step, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if es, _ := os.ReadDir(p); len(es) == 0 {
				t.Errorf("%s: empty folder %s in the output", step, p)
			}
		}
		return nil
	})
}

// TestKeptSearchDocumentWantsTheSameHead: a page whose search document,
// but for its text, is not what the cache kept (searchHead) is rendered
// again, so the index gets its document new. Here the cache is made to
// disagree about one page, and about the heads' context (while that and
// a page's source are the same, its kept head is taken unchecked); a body
// edit elsewhere then renders both.
func TestKeptSearchDocumentWantsTheSameHead(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site")
	}
	ctx := context.Background()
	root := copySiteRoot(t)
	o := Options{Source: root, Content: filepath.Join(root, "content"), Target: "public", Incremental: true,
		Out: filepath.Join(t.TempDir(), "live")}
	if _, err := Run(ctx, o); err != nil {
		t.Fatal(err)
	}
	c := loadCache(o.Out + CacheSuffix)
	if c == nil {
		t.Fatal("no cache after the first build")
	}
	p := c.Pages["hjertesager/respekt.md"]
	if p == nil || p.Search == [32]byte{} {
		t.Fatal("the cache has no search document of hjertesager/respekt.md")
	}
	p.Search[0] ^= 1
	c.Heads[0] ^= 1
	if err := c.save(o.Out + CacheSuffix); err != nil {
		t.Fatal(err)
	}
	appendTo(t, filepath.Join(root, "content/enheder/guldborgsund-handicap/botilbud.md"), "\nDu kan også ringe til os.\n")
	res, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Partial || res.Pages != 2 {
		t.Errorf("incremental %v, %d pages rendered; want the edited page and the one whose document differs", res.Partial, res.Pages)
	}
}

// TestHeadContextFollowsTitles: the context under which a page's kept
// search head is taken unchecked (cachedBuild.headContext) stays the same
// after a body edit and changes with a section's title, which every page
// of the section has in its search document.
func TestHeadContextFollowsTitles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site")
	}
	ctx := context.Background()
	root := copySiteRoot(t)
	o := Options{Source: root, Content: filepath.Join(root, "content"), Target: "public", Incremental: true,
		Out: filepath.Join(t.TempDir(), "live")}
	heads := func(step string) [32]byte {
		t.Helper()
		if _, err := Run(ctx, o); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		c := loadCache(o.Out + CacheSuffix)
		if c == nil {
			t.Fatalf("%s: no cache", step)
		}
		return c.Heads
	}
	first := heads("first build")
	appendTo(t, filepath.Join(root, "content/enheder/guldborgsund-handicap/botilbud.md"), "\nDu kan også ringe til os.\n")
	if heads("body") != first {
		t.Error("a body edit changed the heads' context")
	}
	rewrite(t, filepath.Join(root, "content/enheder/_index.md"), `title: "Enheder og tilbud"`, `title: "Vores enheder"`)
	if heads("section title") == first {
		t.Error("a section's new title left the heads' context as it was")
	}
}

// TestCacheKeyRoundTrip writes collation keys as the cache does (the run
// of keyPad at the end as its length) and reads them back.
func TestCacheKeyRoundTrip(t *testing.T) {
	keys := []string{"", keyPad, "\x17\xf3" + keyPad + keyPad, "\x17\xf3\x00\x00" + keyPad, "\x00", "a\x00\x20b", keyPad + "\x00"}
	var w cacheWriter
	for _, k := range keys {
		w.key(k)
	}
	r := newCacheReader(string(w.b))
	for _, k := range keys {
		if got := r.key(); got != k {
			t.Errorf("key %q read back as %q", k, got)
		}
	}
	if r.Err() != nil || !r.Done() {
		t.Errorf("read %v, done %v", r.Err(), r.Done())
	}
	if len(w.b) > 40 {
		t.Errorf("the keys took %d bytes, want the runs of keyPad left out", len(w.b))
	}
}
