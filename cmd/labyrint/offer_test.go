package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySite copies the real site (config, layouts, assets, content) so a
// test may add or break a page.
func copySite(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	os.MkdirAll(dst, 0o755)
	for _, name := range []string{"site.yaml", "layouts", "assets", "content", "archetypes"} {
		src := filepath.Join("../..", name)
		err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("../..", p)
			to := filepath.Join(dst, rel)
			if fi.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

const newOffer = `---
title: Samtaler for pårørende
summary: Et tilbud til test, som kun denne test skriver.
unit: myndighed
situations: [provesag]
for: ["Pårørende"]
get: ["En samtale"]
access: direct
phone: "5473 1000"
---
Tekst.
`

// TestNewOfferAppearsEverywhere adds an offer file with the fields and
// checks it reaches the catalogue, its filter pages and the guide with no
// template touched; without its unit the build stops at file:line.
func TestNewOfferAppearsEverywhere(t *testing.T) {
	site := copySite(t)
	out := filepath.Join(t.TempDir(), "out")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(b)
	}
	// A life situation only this test uses: before the offer, no offer has
	// it, so the guide offers no such choice.
	cfg := filepath.Join(site, "site.yaml")
	yml, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	withTerm := strings.Replace(string(yml), "      paaroerende: Pårørende\n", "      paaroerende: Pårørende\n      provesag: Kun til test\n", 1)
	if withTerm == string(yml) {
		t.Fatal("site.yaml has no paaroerende term to add the test's term after")
	}
	if err := os.WriteFile(cfg, []byte(withTerm), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "build", "--source", site, "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if strings.Contains(read("find-hjaelp/index.html"), "livssituation/provesag/") {
		t.Fatal("the guide already leads to the test situation before the new offer")
	}
	file := filepath.Join(site, "content/enheder/myndighed/samtaler-for-paaroerende.md")
	if err := os.WriteFile(file, []byte(newOffer), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "build", "--source", site, "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, page := range []string{"enheder/index.html", "enheder/livssituation/provesag/index.html", "enheder/enhed/myndighed/index.html", "enheder/myndighed/index.html"} {
		if !strings.Contains(read(page), "Samtaler for pårørende") {
			t.Errorf("%s does not list the new offer", page)
		}
	}
	if !strings.Contains(read("find-hjaelp/index.html"), `href="../enheder/livssituation/provesag/"`) {
		t.Error("the guide does not lead to the test situation's offers")
	}
	if strings.Contains(read("enheder/livssituation/misbrug/index.html"), "Samtaler for pårørende") {
		t.Error("the new offer is listed under a situation it does not have")
	}
	// Without its unit the build stops and names the file and line.
	os.WriteFile(file, []byte(strings.Replace(newOffer, "unit: myndighed\n", "", 1)), 0o644)
	_, stderr, err := runCmd(t, "build", "--source", site, "--out", out)
	if err == nil || !strings.Contains(stderr, "content/enheder/myndighed/samtaler-for-paaroerende.md:2: fejl: feltet unit mangler") {
		t.Errorf("err=%v\n%s", err, stderr)
	}
}
