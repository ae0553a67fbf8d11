package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCheck breaks anchors and reachability in a copy of the real site:
// labyrint check names each at file:line, lists external links, writes
// nothing, and says the same in JSON.
func TestCheck(t *testing.T) {
	site := copySite(t)
	write := func(rel, body string) {
		if err := os.WriteFile(filepath.Join(site, "content", rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The search page's A–Å list links to every page; without it the orphan is one.
	os.Remove(filepath.Join(site, "content/soeg.md"))
	cfg, _ := os.ReadFile(filepath.Join(site, "site.yaml"))
	os.WriteFile(filepath.Join(site, "site.yaml"), []byte(strings.Replace(string(cfg), "  search: /soeg/", "  search: off", 1)), 0o644)
	write("forældreløs.md", "---\ntitle: Ingen linker hertil\n---\nTekst.\n")
	write("ankre.md", "---\ntitle: Ankre\n---\n\nSe [afsnittet](/hjertesager/respekt/#det-betyder-dett),\n[her](#findes-ikke), [ok](/hjertesager/respekt/#det-betyder-det)\nog [Borger.dk](https://www.borger.dk/).\n\n## Findes\n")
	// Link to the new page from the front page so only the orphan is unreachable.
	b, _ := os.ReadFile(filepath.Join(site, "content/_index.md"))
	write("_index.md", string(b)+"\nSe [ankre](/ankre/).\n")

	out, stderr, err := runCmd(t, "check", "--source", site)
	if err == nil {
		t.Fatalf("check passed a site with broken anchors:\n%s", out)
	}
	for _, want := range []string{
		`content/ankre.md:5: fejl: linket "/hjertesager/respekt/#det-betyder-dett" peger på #det-betyder-dett, men /hjertesager/respekt/ har ingen overskrift med det id – mente du #det-betyder-det?`,
		`content/ankre.md:6: fejl: linket "#findes-ikke" peger på #findes-ikke, men /ankre/ har ingen overskrift med det id`,
		`content/ankre.md:7: info: eksternt link (ikke tjekket): https://www.borger.dk/`,
		`content/forældreløs.md:1: advarsel: ingen menu, liste eller side linker til /foraeldreloes/`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing line:\n%s\nin output:\n%s%s", want, out, stderr)
		}
	}
	if strings.Contains(out, `#det-betyder-det"`) && strings.Contains(out, `"/hjertesager/respekt/#det-betyder-det" peger`) {
		t.Error("a good anchor was reported")
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("check wrote an output folder")
	}

	js, _, _ := runCmd(t, "check", "--source", site, "--format", "json")
	var fs []struct {
		File, Severity, Code, Message string
		Line                          int
	}
	if err := json.Unmarshal([]byte(js), &fs); err != nil {
		t.Fatalf("json: %v\n%s", err, js)
	}
	found := false
	for _, f := range fs {
		if f.Code == "anchor" && f.File == "content/ankre.md" && f.Line == 6 && f.Severity == "error" {
			found = true
		}
	}
	if !found {
		t.Errorf("the anchor error is not in the JSON: %s", js)
	}
}

// TestCheckTodo: labyrint check lists, as the kommune's to-do list, each
// public page without sources and every wanted field an offer leaves empty,
// in text and in JSON; an internal page without sources is not on it.
func TestCheckTodo(t *testing.T) {
	site := copySite(t)
	write := func(rel, body string) {
		if err := os.WriteFile(filepath.Join(site, "content", rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("enheder/myndighed/radgivning.md", "---\ntitle: Rådgivning til test\nsummary: Kun til test.\nunit: myndighed\nphone: \"1234 5678\"\nhours: \"Hverdage\"\nsources: [\"En kilde\"]\n---\nTekst.\n")
	write("uden-kilder.md", "---\ntitle: Uden kilder\nsummary: Kun til test.\n---\nTekst.\n")
	write("intern-uden-kilder.md", "---\ntitle: Intern uden kilder\nsummary: Kun til test.\naudience: internal\n---\nTekst.\n")

	out, stderr, err := runCmd(t, "check", "--source", site)
	if err != nil {
		t.Fatalf("%v\n%s%s", err, out, stderr)
	}
	for _, want := range []string{
		"  content/enheder/myndighed/radgivning.md: adresse og sådan får du tilbuddet\n",
		"  content/uden-kilder.md: kilder\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing line:\n%q\nin output:\n%s", want, out)
		}
	}
	if strings.Contains(out, "intern-uden-kilder.md") {
		t.Error("an internal page is on the kommune's public to-do list")
	}
	if !regexp.MustCompile(`(?m)^Huskeliste til kommunen: \d+ sider mangler oplysninger$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^  \d+ sider mangler adresse$`).MatchString(out) || !strings.Contains(out, "  1 side mangler kilder\n") {
		t.Errorf("no to-do list with counts:\n%s", out)
	}

	js, _, _ := runCmd(t, "check", "--source", site, "--format", "json")
	var fs []struct{ File, Severity, Code, Message string }
	if err := json.Unmarshal([]byte(js), &fs); err != nil {
		t.Fatalf("json: %v\n%s", err, js)
	}
	var got []string
	for _, f := range fs {
		if f.Code == "todo" && f.File == "content/enheder/myndighed/radgivning.md" {
			got = append(got, f.Severity+": "+f.Message)
		}
	}
	want := []string{"info: til kommunens huskeliste: adresse mangler", "info: til kommunens huskeliste: sådan får du tilbuddet mangler"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("JSON to-do of the test offer:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
