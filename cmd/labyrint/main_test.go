package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// TestBuildRealSite builds the real site's two targets from the repo root.
func TestBuildRealSite(t *testing.T) {
	dir := t.TempDir()
	for _, target := range []string{"public", "intranet"} {
		out, stderr, err := runCmd(t, "build", "--source", "../..", "--target", target, "--out", filepath.Join(dir, target))
		if err != nil {
			t.Fatalf("%s: %v\n%s", target, err, stderr)
		}
		if !regexp.MustCompile(`^` + target + `: \d+ sid(e|er) skrevet til .*\(\d+ fil(er)?\), \d+ advars(el|ler), `).MatchString(out) {
			t.Errorf("summary line %q", out)
		}
		if strings.Contains(stderr, "fejl:") {
			t.Errorf("%s: errors reported:\n%s", target, stderr)
		}
	}
	checkOfferJSONLD(t, filepath.Join(dir, "public"))
	// The catalogue is internal: not one case page on the public site.
	cases, _ := filepath.Glob("../../content/inspiration/*.md")
	if len(cases) < 13 {
		t.Fatalf("want at least 12 cases, found %d files", len(cases)-1)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/inspiration")); err == nil {
		t.Error("the public site has an inspiration folder")
	}
	if _, err := os.Stat(filepath.Join(dir, "intranet/inspiration/social-morgen/index.html")); err != nil {
		t.Error("the intranet lacks the Social Morgen case")
	}
}

func TestUnknownCommandAndTarget(t *testing.T) {
	if _, stderr, err := runCmd(t, "bygg"); err == nil || !strings.Contains(stderr, `ukendt kommando "bygg"`) {
		t.Errorf("err=%v stderr=%q", err, stderr)
	}
	if _, stderr, err := runCmd(t, "build", "--source", "../..", "--target", "ekstranet", "--out", t.TempDir()+"/x"); err == nil || !strings.Contains(stderr, `ukendt mål "ekstranet"`) {
		t.Errorf("err=%v stderr=%q", err, stderr)
	}
}

// TestCorpus builds the benchmark corpus (the content layout's contract)
// with the real config and layouts: every fifth case is internal and must
// stay out of the public target and appear in the intranet target.
func TestCorpus(t *testing.T) {
	gen, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if _, err := os.Stat(gen); err != nil {
		t.Skip("../shared/bench/gencorpus.py is not beside the repo")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	if out, err := exec.Command(py, gen, filepath.Join(dir, "c"), "60").CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	content := filepath.Join(dir, "c/content")
	for _, target := range []string{"public", "intranet"} {
		if _, stderr, err := runCmd(t, "build", "--source", "../..", "--content", content, "--target", target, "--out", filepath.Join(dir, target)); err != nil {
			t.Fatalf("%s: %v\n%s", target, err, stderr)
		}
	}
	for i := 0; i < 60; i++ {
		name := filepath.Join("inspiration", "case-"+pad5(i), "index.html")
		_, errPub := os.Stat(filepath.Join(dir, "public", name))
		_, errInt := os.Stat(filepath.Join(dir, "intranet", name))
		if errInt != nil {
			t.Errorf("case %d missing from the intranet", i)
		}
		if internal := i%5 == 0; internal == (errPub == nil) {
			t.Errorf("case %d: internal=%v but on the public site=%v", i, internal, errPub == nil)
		}
	}
}

func pad5(i int) string { return fmt.Sprintf("%05d", i) }

var ldRE = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

// checkOfferJSONLD checks the schema.org GovernmentService on every offer page.
func checkOfferJSONLD(t *testing.T, out string) {
	pages, _ := filepath.Glob(filepath.Join(out, "enheder/*/*/index.html"))
	n := 0
	for _, p := range pages {
		if strings.Contains(p, "/livssituation/") || strings.Contains(p, "/enhed/") {
			continue // filter pages
		}
		b, _ := os.ReadFile(p)
		m := ldRE.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s: no JSON-LD", p)
			continue
		}
		var v struct {
			Context  string `json:"@context"`
			Type     string `json:"@type"`
			Name     string `json:"name"`
			Provider struct {
				Type string `json:"@type"`
				Name string `json:"name"`
			} `json:"provider"`
			AreaServed struct {
				Name string `json:"name"`
			} `json:"areaServed"`
			Channel struct {
				Phone struct {
					Telephone string `json:"telephone"`
				} `json:"servicePhone"`
			} `json:"availableChannel"`
		}
		if err := json.Unmarshal(m[1], &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", p, err)
			continue
		}
		if v.Context != "https://schema.org" || v.Type != "GovernmentService" || v.Name == "" ||
			v.Provider.Type != "GovernmentOrganization" || v.Provider.Name == "" || v.AreaServed.Name == "" || v.Channel.Phone.Telephone == "" {
			t.Errorf("%s: incomplete GovernmentService: %+v", p, v)
		}
		n++
	}
	if n < 15 {
		t.Errorf("checked %d offer pages; want at least 15", n)
	}
}
