package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/want")

const goldenSite = "testdata/golden/site"

// buildTo builds target of the site at src into a fresh folder and returns it.
func buildTo(t *testing.T, src, target string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	res, err := Run(context.Background(), Options{Source: src, Target: target, Out: out})
	if err != nil {
		t.Fatalf("build %s/%s: %v", src, target, err)
	}
	if res.Pages == 0 {
		t.Fatalf("build %s/%s wrote no pages", src, target)
	}
	return out
}

// tree reads every file below dir into a map of slash path → bytes.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// goldenFile reports whether a built file is compared with a golden copy:
// the rendered pages and text files, not compressed copies or assets.
func goldenFile(name string) bool {
	return !strings.HasSuffix(name, ".gz") && !strings.HasPrefix(name, "assets/") && name != DigestFile
}

func TestGolden(t *testing.T) {
	for _, target := range []string{"public", "intranet"} {
		t.Run(target, func(t *testing.T) {
			got := tree(t, buildTo(t, goldenSite, target))
			wantDir := filepath.Join("testdata/golden/want", target)
			if *update {
				os.RemoveAll(wantDir)
				for name, b := range got {
					if !goldenFile(name) {
						continue
					}
					p := filepath.Join(wantDir, filepath.FromSlash(name))
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			want := tree(t, wantDir)
			var names []string
			for n := range got {
				if goldenFile(n) {
					names = append(names, n)
				}
			}
			sort.Strings(names)
			shown := 0
			for _, n := range names {
				if shown == 5 {
					t.Errorf("… more files differ (run go test ./internal/pipeline -update after checking)")
					break
				}
				w, ok := want[n]
				if !ok {
					t.Errorf("%s: new file, not in golden (run go test ./internal/pipeline -update)", n)
					shown++
					continue
				}
				if !bytes.Equal(got[n], w) {
					i := firstDiff(got[n], w)
					t.Errorf("%s differs from golden at byte %d:\n got: …%s\nwant: …%s", n, i, clip(got[n], i), clip(w, i))
					shown++
				}
			}
			for n := range want {
				if _, ok := got[n]; !ok {
					t.Errorf("%s: in golden but not built", n)
				}
			}
		})
	}
}

// firstDiff returns the offset of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// clip shows b around offset i.
func clip(b []byte, i int) string {
	lo, hi := max(0, i-80), min(len(b), i+160)
	return string(b[lo:hi]) + "…"
}

// TestIdempotent builds twice and expects identical bytes in every file.
func TestIdempotent(t *testing.T) {
	a := tree(t, buildTo(t, goldenSite, "intranet"))
	b := tree(t, buildTo(t, goldenSite, "intranet"))
	if len(a) != len(b) {
		t.Fatalf("file count differs: %d vs %d", len(a), len(b))
	}
	for n := range a {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// neverInOutput are things no rendered page may contain.
var neverInOutput = []*regexp.Regexp{
	regexp.MustCompile(`\{\{`),                   // template syntax leaking out ("}}" is fine: JSON-LD nests objects)
	regexp.MustCompile(`ZgotmplZ`),               // html/template's mark for a refused value
	regexp.MustCompile(`&amp;(amp|lt|gt|quot);`), // double escaping
	regexp.MustCompile(`href=""|href=''|src=""`), // empty links
	regexp.MustCompile(`(?i)<script[^>]*>[^<]*alert`),
	regexp.MustCompile(`(?i)javascript:`),
	regexp.MustCompile(`<no value>`),
}

func TestNothingBadInOutput(t *testing.T) {
	for _, src := range []string{goldenSite, "../.."} {
		for _, target := range []string{"public", "intranet"} {
			for name, b := range tree(t, buildTo(t, src, target)) {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				for _, re := range neverInOutput {
					if loc := re.FindIndex(b); loc != nil {
						t.Errorf("%s %s/%s: found %q", src, target, name, b[loc[0]:loc[1]])
					}
				}
			}
		}
	}
}

func hashTree(t *testing.T, dir string) string {
	t.Helper()
	m := tree(t, dir)
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(m[n])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// copyDir copies a site so a test may break it.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "site")
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// TestFailedBuildKeepsOutput breaks a page in several ways after a good
// build: each failing build must name the file and line and leave the
// output exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	site := copyDir(t, goldenSite)
	abs, _ := filepath.Abs("../..")
	rewrite(t, filepath.Join(site, "site.yaml"), "../../../../../", abs+"/")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, out)
	page := filepath.Join(site, "content/hjertesager/aerlighed.md")
	good, _ := os.ReadFile(page)
	cases := []struct{ name, body, want string }{
		{"unclosed front matter", "---\ntitle: x\nsummary: y\n", "aerlighed.md:1: forsiden (front matter) er ikke lukket"},
		{"bad yaml", "---\ntitle: x\nsummary: [y\n---\n", "aerlighed.md:3"},
		{"unknown key", "---\ntitle: x\nsumary: y\n---\n", `aerlighed.md:3: ukendt felt "sumary" (mente du "summary"?)`},
		{"missing required", "---\ntitle: x\n---\n", "aerlighed.md:2: feltet summary mangler"},
		{"unknown term", "---\ntitle: x\nsummary: y\n---\n", ""}, // placeholder replaced below
		{"broken link", "---\ntitle: x\nsummary: y\n---\n\nSe [her](/findes-ikke/).\n", `aerlighed.md:6: siden "/findes-ikke/" findes ikke`},
		{"link to internal page", "---\ntitle: x\nsummary: y\n---\n\nSe [casen](/inspiration/hemmelig-case/).\n", `aerlighed.md:6: linket peger på en side, som målet "public" ikke viser`},
		{"skipped heading", "---\ntitle: x\nsummary: y\n---\n\n## A\n\n#### B\n", "aerlighed.md:8: overskriften springer et niveau over"},
	}
	cases[4] = struct{ name, body, want string }{"unknown term", "", ""}
	for _, c := range cases {
		if c.body == "" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(page, []byte(c.body), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(page, good, 0o644)
			_, err := Run(context.Background(), Options{Source: site, Out: out})
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
			if h := hashTree(t, out); h != before {
				t.Error("the output changed after a failed build")
			}
		})
	}
	t.Run("unknown term", func(t *testing.T) {
		offer := filepath.Join(site, "content/enheder/enhed-a/bolig.md")
		orig, _ := os.ReadFile(offer)
		defer os.WriteFile(offer, orig, 0o644)
		rewrite(t, offer, "values: [aerlighed]", "values: [aerligheed]")
		_, err := Run(context.Background(), Options{Source: site, Out: out})
		want := `bolig.md:5: "aerligheed" er ikke en kendt værdi i values (Værdier) (mente du "aerlighed"?)`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %q", err, want)
		}
		if h := hashTree(t, out); h != before {
			t.Error("the output changed after a failed build")
		}
	})
	// A good build after the failures works and changes the output.
	if _, err := Run(context.Background(), Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
}

func rewrite(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, bytes.ReplaceAll(b, []byte(old), []byte(new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExampleSite builds the Glostrup example with the same code: the
// generator knows no word of the Guldborgsund site.
func TestExampleSite(t *testing.T) {
	out := buildTo(t, "../../examples/glostrup", "public")
	files := tree(t, out)
	home := string(files["index.html"])
	if !strings.Contains(home, "Glostrup Kommune") {
		t.Error("the Glostrup front page does not name Glostrup Kommune")
	}
	for name, b := range files {
		if strings.Contains(strings.ToLower(string(b)), "guldborgsund") {
			t.Errorf("%s mentions Guldborgsund", name)
		}
	}
	if _, ok := files["kerneopgaver/mestring/index.html"]; !ok {
		t.Error("no page for the core task Mestring")
	}
}

// TestUnchangedWritesNothing builds twice: the second build finds the same
// digest and leaves the output alone; a changed byte builds again.
func TestUnchangedWritesNothing(t *testing.T) {
	site := copyDir(t, goldenSite)
	abs, _ := filepath.Abs("../..")
	rewrite(t, filepath.Join(site, "site.yaml"), "../../../../../", abs+"/")
	out := filepath.Join(t.TempDir(), "public")
	if res, err := Run(context.Background(), Options{Source: site, Out: out}); err != nil || res.Unchanged {
		t.Fatalf("first build: %v unchanged=%v", err, res.Unchanged)
	}
	before, _ := os.Stat(filepath.Join(out, "index.html"))
	res, err := Run(context.Background(), Options{Source: site, Out: out})
	if err != nil || !res.Unchanged {
		t.Fatalf("second build: %v unchanged=%v", err, res.Unchanged)
	}
	after, _ := os.Stat(filepath.Join(out, "index.html"))
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) {
		t.Error("an unchanged build replaced the output")
	}
	f := filepath.Join(site, "content/hjertesager/aerlighed.md")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, append(b, ' '), 0o644)
	if res, err := Run(context.Background(), Options{Source: site, Out: out}); err != nil || res.Unchanged {
		t.Errorf("after an edit: %v unchanged=%v", err, res.Unchanged)
	}
	// Another target is another build.
	if res, err := Run(context.Background(), Options{Source: site, Out: out, Target: "intranet"}); err != nil || res.Unchanged {
		t.Errorf("intranet into the same folder: %v unchanged=%v", err, res.Unchanged)
	}
}

// TestBuildDigestHashesTheGenerator checks that the digest, which takes
// the generator's hash made once (exeHashed), is the SHA-256 of the
// generator's bytes followed by the rest, as when it read the file each
// time.
func TestBuildDigestHashesTheGenerator(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Skip(err)
	}
	src := t.TempDir()
	o := Options{Source: src}
	h := sha256.New()
	h.Write(b)
	fmt.Fprintf(h, "%s\x00%v\x00", "public", false)
	h.Write([]byte("indhold"))
	want := hex.EncodeToString(h.Sum(nil))
	for range 2 {
		if got := buildDigest(o, "public", []byte("indhold")); got != want {
			t.Fatalf("digest %s, want %s", got, want)
		}
	}
}
