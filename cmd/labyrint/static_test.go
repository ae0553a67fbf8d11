package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue #21, finding 1: files in content/ that could run as code, or that
// want a generated file's place or its .gz twin, were published and
// labyrint check said "0 fejl". Now check names each at its path, and a
// build stops on them with the previous output untouched.
func TestCheckStaticPolicyAndClashes(t *testing.T) {
	site := copySite(t)
	write := func(rel, body string) {
		p := filepath.Join(site, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/index.html.gz", "\x1f\x8b")
	write("content/soeg/index.html", "<script>alert(1)</script>")
	write("content/hjertesager/x.js", "alert(1)")
	write("content/hjertesager/tegning.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)
	// An asset that is published under its own name, and a content file
	// that wants the same place.
	write("assets/logo.png", "\x89PNG asset")
	write("content/assets/logo.png", "\x89PNG content")
	out, stderr, err := runCmd(t, "check", "--source", site)
	if err == nil {
		t.Fatalf("check passed:\n%s", out)
	}
	for _, want := range []string{
		`content/index.html.gz: fejl: filtypen ".gz" må ikke udgives fra indholdsmappen`,
		`content/soeg/index.html: fejl: filtypen ".html" må ikke udgives`,
		`content/hjertesager/x.js: fejl: filtypen ".js" må ikke udgives`,
		`content/hjertesager/tegning.svg: fejl: filtypen ".svg" må ikke udgives`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s%s", want, out, stderr)
		}
	}
	// Without the refused types, the clash is what is left.
	for _, f := range []string{"index.html.gz", "soeg/index.html", "hjertesager/x.js", "hjertesager/tegning.svg"} {
		os.Remove(filepath.Join(site, "content", f))
	}
	out, stderr, err = runCmd(t, "check", "--source", site)
	want := `content/assets/logo.png: fejl: filen vil ligge samme sted som en fil, sitet selv laver (assets/logo.png) – omdøb filen eller flyt den til en anden mappe`
	if err == nil || !strings.Contains(out, want) {
		t.Errorf("missing %q in\n%s%s", want, out, stderr)
	}
	outDir := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(outDir, "before.txt"), []byte("x"), 0o644)
	if _, _, err := runCmd(t, "build", "--source", site, "--out", outDir); err == nil {
		t.Error("build passed with a clash")
	}
	if es, _ := os.ReadDir(outDir); len(es) != 1 {
		t.Errorf("the failed build changed the output: %d entries", len(es))
	}
}
