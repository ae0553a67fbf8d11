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
