package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	site := copySite(t)
	out, stderr, err := runCmd(t, "new", "case", "Åben café på Fjordvang", "--source", site)
	if err != nil || !strings.Contains(out, "content/inspiration/aaben-cafe-paa-fjordvang.md") {
		t.Fatalf("err=%v out=%q stderr=%q", err, out, stderr)
	}
	file := filepath.Join(site, "content/inspiration/aaben-cafe-paa-fjordvang.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Åben café på Fjordvang"`, "draft: true", "\nwhy:", "\ncommunication:", "# 1. Hvorfor"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the new case lacks %q:\n%s", want, b)
		}
	}
	// The new page builds (as a draft it is left out of the build).
	if _, stderr, err := runCmd(t, "build", "--source", site, "--target", "intranet", "--out", filepath.Join(t.TempDir(), "o")); err != nil {
		t.Fatalf("the site does not build with the new case: %v\n%s", err, stderr)
	}
	// Never overwrite.
	os.WriteFile(file, []byte("mit arbejde"), 0o644)
	if _, stderr, err := runCmd(t, "new", "case", "Åben café på Fjordvang", "--source", site); err == nil || !strings.Contains(stderr, "findes allerede") {
		t.Errorf("err=%v stderr=%q", err, stderr)
	}
	if b, _ := os.ReadFile(file); string(b) != "mit arbejde" {
		t.Error("an existing file was overwritten")
	}
	// An offer needs its unit's folder.
	if _, stderr, err := runCmd(t, "new", "offer", "Ny støtte", "--source", site); err == nil || !strings.Contains(stderr, "--in enheder/") {
		t.Errorf("err=%v stderr=%q", err, stderr)
	}
	if _, _, err := runCmd(t, "new", "offer", "Ny støtte", "--in", "enheder/myndighed", "--source", site); err != nil {
		t.Error(err)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "content/enheder/myndighed/ny-stoette.md")); !strings.Contains(string(b), "unit: myndighed") {
		t.Errorf("the offer does not name its unit:\n%s", b)
	}
	// --in cannot leave content/.
	runCmd(t, "new", "page", "Ud", "--in", "../../..", "--source", site)
	if _, err := os.Stat(filepath.Join(site, "content/ud.md")); err != nil {
		t.Errorf("--in ../../.. did not stay inside content/: %v", err)
	}
}

func TestNewRefusesMissingFolder(t *testing.T) {
	site := copySite(t)
	_, stderr, err := runCmd(t, "new", "offer", "Ny støtte", "--in", "enheder/findesikke", "--source", site)
	if err == nil || !strings.Contains(stderr, "mappen content/enheder/findesikke findes ikke") || !strings.Contains(stderr, "enheder/myndighed") {
		t.Errorf("err=%v stderr=%q", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "content/enheder/findesikke")); err == nil {
		t.Error("--in made a folder that was not there")
	}
}

// An archetype carries no real contact data, and its placeholders are
// found: a warning in a draft, an error once the draft line is gone.
func TestNewOfferHasNoRealContactData(t *testing.T) {
	site := copySite(t)
	if _, stderr, err := runCmd(t, "new", "offer", "Ny støtte", "--in", "enheder/myndighed", "--source", site); err != nil {
		t.Fatal(stderr)
	}
	file := filepath.Join(site, "content/enheder/myndighed/ny-stoette.md")
	b, _ := os.ReadFile(file)
	cfg, _ := os.ReadFile(filepath.Join(site, "site.yaml"))
	for _, line := range strings.Split(string(cfg), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), ": "); ok && (k == "phone" || k == "address") {
			if v = strings.Trim(v, `"`); v != "" && strings.Contains(string(b), v) {
				t.Errorf("the new offer holds the kommune's %s %q:\n%s", k, v, b)
			}
		}
	}
	out, stderr, _ := runCmd(t, "check", "--source", site)
	if !strings.Contains(out+stderr, "ny-stoette.md:3: advarsel: skabelonens pladsholdertekst") {
		t.Errorf("the draft's placeholder is not a warning:\n%s%s", out, stderr)
	}
	os.WriteFile(file, []byte(strings.Replace(string(b), "draft: true", "", 1)), 0o644)
	_, stderr, err := runCmd(t, "build", "--source", site, "--out", filepath.Join(t.TempDir(), "o"))
	if err == nil || !strings.Contains(stderr, "ny-stoette.md:3: fejl: skabelonens pladsholdertekst") {
		t.Errorf("a published placeholder does not stop the build: %v %s", err, stderr)
	}
}
