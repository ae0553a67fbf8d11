package pipeline

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// siteWithURL copies the golden site with the public target's url line
// replaced by urlField ("" for none), and its layouts and assets found
// from the copy.
func siteWithURL(t *testing.T, urlField string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(goldenSite)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("../..")
	s := strings.ReplaceAll(string(data), "../../../../../", filepath.ToSlash(abs)+"/")
	s = strings.Replace(s, `, url: "https://proeve.example.dk/"`, urlField, 1)
	if !strings.Contains(s, "layouts: "+filepath.ToSlash(abs)) {
		t.Fatal("the golden site's layouts line changed; fix siteWithURL")
	}
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(s), 0o644)
	return dir
}

func urlFindings(fs []diag.Finding) []diag.Finding {
	var out []diag.Finding
	for _, f := range fs {
		if f.Code == "url" {
			out = append(out, f)
		}
	}
	return out
}

func TestPublicTargetWithoutURLWarns(t *testing.T) {
	src := siteWithURL(t, "")
	out := filepath.Join(t.TempDir(), "out")
	res, err := Run(context.Background(), Options{Source: src, Target: "public", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	fs := urlFindings(res.Findings)
	if len(fs) != 1 || fs[0].Severity != diag.Warning || fs[0].File != "site.yaml" || fs[0].Line != 9 ||
		!strings.Contains(fs[0].Msg, "ingen url") {
		t.Fatalf("want one warning at site.yaml:9 about the missing url, got %+v", fs)
	}
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if strings.Contains(string(robots), "Sitemap:") {
		t.Errorf("robots.txt names a sitemap by a path, which the protocol does not allow:\n%s", robots)
	}
	// The intranet (a labelled target) needs no url, and the preview does
	// not repeat the warning.
	for _, o := range []Options{{Source: src, Target: "intranet"}, {Source: src, Target: "public", Preview: true, Drafts: true}} {
		o.Out = filepath.Join(t.TempDir(), "out")
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if fs := urlFindings(res.Findings); len(fs) != 0 {
			t.Errorf("%s (preview %v): unexpected %+v", o.Target, o.Preview, fs)
		}
	}
}

func TestBadURLStopsBuild(t *testing.T) {
	src := siteWithURL(t, `, url: "proeve.example.dk"`)
	out := filepath.Join(t.TempDir(), "out")
	res, err := Run(context.Background(), Options{Source: src, Target: "public", Out: out})
	if err == nil {
		t.Fatal("a url without https:// built")
	}
	fs := urlFindings(res.Findings)
	if len(fs) != 1 || fs[0].Severity != diag.Error || fs[0].Line != 9 {
		t.Fatalf("want one error at site.yaml:9, got %+v (%v)", fs, err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed build wrote the output: %v", err)
	}
}

// TestSitemapIsXML reads the golden public sitemap back with encoding/xml:
// every address absolute, and robots.txt names the sitemap by its address.
func TestSitemapIsXML(t *testing.T) {
	out := buildTo(t, goldenSite, "public")
	data, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set urlset
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("sitemap.xml is not XML: %v\n%s", err, data)
	}
	if len(set.URLs) < 5 {
		t.Fatalf("sitemap lists %d addresses", len(set.URLs))
	}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, "https://proeve.example.dk/") {
			t.Errorf("not absolute: %q", u.Loc)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://proeve.example.dk/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
}
