package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

func aliasSite(t *testing.T) string {
	site := robustSite(t)
	rewrite(t, filepath.Join(site, "site.yaml"), "  values: {type: list, taxonomy: values}\n", "  values: {type: list, taxonomy: values}\n  aliases: {type: list}\n")
	return site
}

func findingWith(err error, code string) *diag.Finding {
	for _, f := range diag.Findings(err) {
		if f.Code == code {
			return &f
		}
	}
	return nil
}

// A renamed page stops the build until its old address is kept (an alias,
// which writes a redirect page and a map line) or retired on purpose.
func TestPublishedAddressesSurviveMoves(t *testing.T) {
	site := aliasSite(t)
	out := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	if _, err := Run(ctx, Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	urls, _ := os.ReadFile(filepath.Join(out, URLsFile))
	if !strings.Contains(string(urls), "/hjertesager/aabenhed/\n") || strings.Contains(string(urls), "/404") {
		t.Fatalf("%s:\n%s", URLsFile, urls)
	}

	unit := filepath.Join(site, "content", "enheder", "enhed-a")
	moved := filepath.Join(unit, "bolig-med-stoette.md")
	if err := os.Rename(filepath.Join(unit, "bolig.md"), moved); err != nil {
		t.Fatal(err)
	}
	_, err := Run(ctx, Options{Source: site, Out: out})
	f := findingWith(err, "url-gone")
	if f == nil || !strings.Contains(f.Msg, "adressen /enheder/enhed-a/bolig/ blev udgivet sidst") ||
		!strings.Contains(f.Hint, "aliases: [/enheder/enhed-a/bolig/] i content/enheder/enhed-a/bolig-med-stoette.md") ||
		!strings.Contains(f.Hint, "content/"+RetiredFile) {
		t.Fatalf("a dropped address: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "enheder", "enhed-a", "bolig", "index.html")); err != nil {
		t.Fatal("the refused build changed the output")
	}

	withAlias := "access: visitation\naliases: [/enheder/enhed-a/bolig/]\n"
	rewrite(t, moved, "access: visitation\n", withAlias)
	if _, err := Run(ctx, Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	red, _ := os.ReadFile(filepath.Join(out, "enheder", "enhed-a", "bolig", "index.html"))
	for _, want := range []string{`<meta http-equiv="refresh" content="0; url=../../../enheder/enhed-a/bolig-med-stoette/">`,
		`<link rel="canonical" href="https://proeve.example.dk/enheder/enhed-a/bolig-med-stoette/">`, `<a href="../../../enheder/enhed-a/bolig-med-stoette/">Bolig med støtte</a>`, `noindex`} {
		if !strings.Contains(string(red), want) {
			t.Errorf("the redirect page lacks %s:\n%s", want, red)
		}
	}
	m, _ := os.ReadFile(filepath.Join(out, RedirectMap))
	if string(m) != "/enheder/enhed-a/bolig/ /enheder/enhed-a/bolig-med-stoette/;\n" {
		t.Errorf("%s: %q", RedirectMap, m)
	}

	// The alias is itself a published address now: dropping it is caught too.
	rewrite(t, moved, withAlias, "access: visitation\n")
	if _, err := Run(ctx, Options{Source: site, Out: out}); findingWith(err, "url-gone") == nil {
		t.Errorf("a dropped alias went unnoticed: %v", err)
	}
	rewrite(t, moved, "access: visitation\n", withAlias)

	// A page taken down on purpose is retired in the editors' list.
	if err := os.Remove(moved); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, Options{Source: site, Out: out}); findingWith(err, "url-gone") == nil {
		t.Fatalf("a deleted page's address went unnoticed: %v", err)
	}
	os.WriteFile(filepath.Join(site, "content", RetiredFile), []byte("# taget ned\n/enheder/enhed-a/bolig/\n/enheder/enhed-a/bolig-med-stoette/\n"), 0o644)
	if _, err := Run(ctx, Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, RetiredFile)); err == nil {
		t.Errorf("%s is published", RetiredFile)
	}
}

func TestBadAliases(t *testing.T) {
	for name, c := range map[string]struct{ alias, msg string }{
		"no slash":        {"gammel-side", `"gammel-side" skal begynde med /`},
		"a page's":        {"/hjertesager/", "er stadig adressen på content/hjertesager/_index.md"},
		"leaves the site": {"/../x/", "skal begynde med /"},
	} {
		t.Run(name, func(t *testing.T) {
			site := aliasSite(t)
			rewrite(t, filepath.Join(site, "content", "hjertesager", "aabenhed.md"), "weight: 1\n", "weight: 1\naliases: [\""+c.alias+"\"]\n")
			_, err := Run(context.Background(), Options{Source: site, Out: filepath.Join(t.TempDir(), "o")})
			f := findingWith(err, "alias")
			if f == nil || !strings.Contains(f.Msg, c.msg) || f.File != "content/hjertesager/aabenhed.md" || f.Line != 5 {
				t.Errorf("%v", err)
			}
		})
	}
}

func TestRelFrom(t *testing.T) {
	for _, c := range []struct {
		from, to string
		portable bool
		want     string
	}{
		{"/a/b/", "/c/", false, "../../c/"},
		{"/a/", "/", false, "../"},
		{"/a/", "/", true, "../index.html"},
		{"/a/b.html", "/c/d/", true, "../c/d/index.html"},
	} {
		if got := relFrom(c.from, c.to, c.portable); got != c.want {
			t.Errorf("relFrom(%q, %q, %v) = %q, want %q", c.from, c.to, c.portable, got, c.want)
		}
	}
}
