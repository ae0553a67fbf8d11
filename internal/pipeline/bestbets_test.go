package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/search"
)

// bestBetSite is the golden site with a placeholder crisis page and a
// best bets file: one bet to a public page, one to an internal case.
func bestBetSite(t *testing.T) string {
	t.Helper()
	site := glossarySite(t)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(site, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("akut-hjaelp.md", "---\ntitle: Akut hjælp\nsummary: En side til testen.\n---\n\nRing 112.\n")
	write(BestBetFile, "# Bedste svar\nselvmord, tanker om selvmord: /akut-hjaelp/\n\nhemmelig: /inspiration/hemmelig-case/ /akut-hjaelp\n")
	return site
}

// metaShard returns the built search index's meta shard of a target.
func metaShard(t *testing.T, site, target string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(buildTo(t, site, target), "soeg", "idx", "meta"+search.ShardExt))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBestBetsRespectTarget(t *testing.T) {
	site := bestBetSite(t)
	pub, intra := metaShard(t, site, "public"), metaShard(t, site, "intranet")
	for _, want := range []string{`["selvmord","`, `["tank om selvmord","`, `["hem","`} {
		if !strings.Contains(pub, want) || !strings.Contains(intra, want) {
			t.Errorf("the meta shards lack the best bet %s:\npublic %s\nintranet %s", want, pub, intra)
		}
	}
	// The public target has the crisis page but not the case: its bet for
	// "hemmelig" lists one page, the intranet's two.
	pubBet := pub[strings.Index(pub, `["hem","`):]
	intraBet := intra[strings.Index(intra, `["hem","`):]
	pubBet, intraBet = pubBet[:strings.Index(pubBet, "]")], intraBet[:strings.Index(intraBet, "]")]
	if len(pubBet) >= len(intraBet) {
		t.Errorf("the public bet %s should list fewer pages than the intranet's %s", pubBet, intraBet)
	}
}

func TestBestBetErrors(t *testing.T) {
	site := bestBetSite(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, out)
	file := filepath.Join(site, "content", BestBetFile)
	for _, c := range []struct{ name, src, want string }{
		{"unknown page", "# x\nselvmord: /akut-hjalp/\n", "content/bedste-svar.txt:2: siden /akut-hjalp/ findes ikke (mente du /akut-hjaelp/?)"},
		{"no colon", "selvmord /akut-hjaelp/\n", "content/bedste-svar.txt:1: linjen mangler et kolon"},
		{"no page", "selvmord:\n", "content/bedste-svar.txt:1: der står ingen side efter kolonet"},
		{"empty phrase", "selvmord, : /akut-hjaelp/\n", "content/bedste-svar.txt:1: »« er ikke et ord eller en sætning"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Run(context.Background(), Options{Source: site, Out: out})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nwant it to contain %q", err, c.want)
			}
			if h := hashTree(t, out); h != before {
				t.Error("the output changed after a failed build")
			}
		})
	}
}
