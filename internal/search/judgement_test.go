package search_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/pipeline"
	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
)

// judgementRank is how many results count: a judgement whose expected page
// is not among the first judgementRank scores 0.
const judgementRank = 5

// judgement is one line of testdata/judgements.tsv.
type judgement struct {
	line     int
	query    string
	expected []string // URLs; empty: the search should find nothing
	note     string
}

func loadJudgements(t *testing.T, name string) []judgement {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var js []judgement
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" || strings.TrimSpace(f[1]) == "" {
			t.Fatalf("%s:%d: want query<TAB>expected[<TAB>note]", name, n)
		}
		j := judgement{line: n, query: f[0]}
		if len(f) > 2 {
			j.note = f[2]
		}
		if exp := strings.Fields(f[1]); !slices.Equal(exp, []string{"none"}) {
			for _, u := range exp {
				if !strings.HasPrefix(u, "/") {
					t.Fatalf("%s:%d: expected %q is not a site-absolute URL or none", name, n, u)
				}
			}
			j.expected = exp
		}
		js = append(js, j)
	}
	return js
}

// siteIndex builds the search index of the real site's target the way the
// build does: with pipeline.NewSearchIndex, and pipeline.SearchDoc for each page
// as pipeline.Run adds them. TestJudgements
// checks that the shards it writes equal the build's, so a change there
// that is not made here fails the test. It returns the index, the URL of
// the search page and the documents added.
func siteIndex(t testing.TB, root, target string) (*search.Index, string, []search.Doc) {
	t.Helper()
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	tree, l := content.Load(os.DirFS(filepath.Join(root, cfg.Content)), cfg.Content, cfg)
	if tree == nil || l.Err() != nil {
		t.Fatalf("content: %v", l.Err())
	}
	s, l := site.Build(cfg, tree)
	if l.Err() != nil {
		t.Fatalf("site: %v", l.Err())
	}
	view := s.Select(cfg.Targets[target], site.Options{})
	ix, err := pipeline.NewSearchIndex(s, cfg.Content)
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New()
	searchURL := ""
	var docs []search.Doc
	for _, p := range view.Pages {
		if p.Layout == pipeline.SearchLayout {
			searchURL = p.URL
			continue
		}
		if p.Kind == "notfound" {
			continue
		}
		res := md.Render(p.Src.Body, p.Src.BodyLine, nil)
		d := pipeline.SearchDoc(view, p, res.Blocks)
		ix.Add(d)
		docs = append(docs, d)
	}
	if searchURL == "" {
		t.Fatalf("target %s has no search page", target)
	}
	return ix, searchURL, docs
}

// judgementLists are the judgement files and the lowest MRR@5 each may give.
var judgementLists = []struct {
	file   string
	minMRR float64
	minLen int
}{
	{"judgements.tsv", 0.955, 40}, // keywords, as an editor would search (0.9596); the issue asks 0.95
	// Sentences, as citizens write them (the issue asks 0.85): the search
	// reaches 0.91 on this site (see the README), so this guards that.
	{"sentences.tsv", 0.91, 60},
	// Held-out sentences, never tuned against: a check that a gain on
	// sentences.tsv is general. 0.78 before the sentence tuning, 0.80 now.
	{"heldout.tsv", 0.80, 30},
}

// TestJudgements builds the real site's public target, then measures the
// search against each judgement list in testdata: the mean reciprocal
// rank at 5 (1/rank of the first expected page among the first five
// results, else 0; a query expected to find nothing scores 1 when it finds
// nothing). It fails below the list's minimum. If node is installed, the
// JS client must give the same first five results over the shards the
// build wrote.
func TestJudgements(t *testing.T) {
	const root = "../.."
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Run(context.Background(), pipeline.Options{Source: root, Target: "public", Out: out}); err != nil {
		t.Fatalf("the public site does not build: %v", err)
	}
	ix, searchURL, docs := siteIndex(t, root, "public")
	urls := map[string]bool{}
	for _, d := range docs {
		urls[d.URL] = true
	}
	idxDir := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(searchURL, "/")), "idx")
	checkSameIndex(t, ix, idxDir)
	checkShownText(t, idxDir)
	for _, l := range judgementLists {
		t.Run(strings.TrimSuffix(l.file, ".tsv"), func(t *testing.T) {
			js := loadJudgements(t, filepath.Join("testdata", l.file))
			if len(js) < l.minLen {
				t.Errorf("only %d judgements; want %d or more", len(js), l.minLen)
			}
			for _, j := range js {
				for _, u := range j.expected {
					if !urls[u] {
						t.Errorf("%s:%d: %q expects %s, which is not a page of the public site's index", l.file, j.line, j.query, u)
					}
				}
			}
			top := measureJudgements(t, ix, js, l.minMRR)
			checkClientAgrees(t, idxDir, js, top)
		})
	}
}

// checkShownText fails if a page shard (titles, summaries and the text
// snippets are cut from) holds an HTML entity or a Markdown backtick: the
// client shows that text as it is (issue #21 found "&#x3C;" and `code`).
func checkShownText(t *testing.T, idxDir string) {
	t.Helper()
	shards, err := filepath.Glob(filepath.Join(idxDir, "d-*.txt"))
	if err != nil || len(shards) == 0 {
		t.Fatalf("no page shards in %s (%v)", idxDir, err)
	}
	for _, f := range shards {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"&#", "&lt;", "&gt;", "&amp;", "&quot;", "`"} {
			if i := bytes.Index(data, []byte(bad)); i >= 0 {
				t.Errorf("%s holds %q: …%s…", filepath.Base(f), bad, data[max(0, i-40):min(len(data), i+40)])
			}
		}
	}
}

// checkSameIndex fails unless ix writes exactly the shards the build wrote
// into idxDir.
func checkSameIndex(t *testing.T, ix *search.Index, idxDir string) {
	t.Helper()
	var differ []string
	written := 0
	if err := ix.Write(func(name string, data []byte) error {
		written++
		built, err := os.ReadFile(filepath.Join(idxDir, filepath.FromSlash(strings.TrimPrefix(name, "idx/"))))
		if err != nil || !bytes.Equal(built, data) {
			differ = append(differ, name)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(idxDir)
	builtFiles := 0
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".gz") { // the build also writes gzipped copies
			builtFiles++
		}
	}
	if builtFiles != written {
		differ = append(differ, fmt.Sprintf("(%d files built, %d here)", builtFiles, written))
	}
	if len(differ) > 0 {
		t.Fatalf("the index built here differs from the build's in %v: keep siteIndex in step with internal/pipeline/build.go (searchDoc)", differ)
	}
}

// measureJudgements logs each judgement's result and the MRR@5, fails
// below minMRR, and returns the first results' URLs of each query.
func measureJudgements(t *testing.T, ix *search.Index, js []judgement, minMRR float64) [][]string {
	t.Helper()
	sum := 0.0
	var top [][]string
	for _, j := range js {
		hits := ix.Search(j.query, 0)
		var got []string
		for _, h := range hits[:min(len(hits), judgementRank)] {
			got = append(got, h.URL)
		}
		top = append(top, got)
		rr, rank := 0.0, 0
		if j.expected == nil {
			if len(hits) == 0 {
				rr = 1
			}
		} else {
			for i, u := range got {
				if slices.Contains(j.expected, u) {
					rank = i + 1
					rr = 1 / float64(rank)
					break
				}
			}
		}
		sum += rr
		want := "none"
		if j.expected != nil {
			want = strings.Join(j.expected, " ")
		}
		status := "ok"
		switch {
		case j.expected == nil && rr == 0:
			status = fmt.Sprintf("MISS: %d results", len(hits))
		case j.expected != nil && rank == 0:
			status = "MISS"
		case rank > 1:
			status = fmt.Sprintf("rank %d", rank)
		}
		t.Logf("%-28q %-14s want %s\n\t\tgot %v", j.query, status, want, got)
	}
	mrr := sum / float64(len(js))
	t.Logf("MRR@%d = %.3f over %d queries", judgementRank, mrr, len(js))
	if mrr < minMRR {
		t.Errorf("MRR@%d = %.3f, want at least %.2f", judgementRank, mrr, minMRR)
	}
	return top
}

// checkClientAgrees runs the JS client over the shards the build wrote, if
// node is installed, and fails unless it gives the first results top.
func checkClientAgrees(t *testing.T, idxDir string, js []judgement, top [][]string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("node not installed; the JS client was not checked")
		return
	}
	var queries []string
	for _, j := range js {
		queries = append(queries, j.query)
	}
	qdata, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	qfile := filepath.Join(t.TempDir(), "queries.json")
	if err := os.WriteFile(qfile, qdata, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "run_client.mjs"), idxDir, qfile, fmt.Sprint(judgementRank))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outJSON, err := cmd.Output()
	if err != nil {
		t.Fatalf("node run_client.mjs: %v\n%s", err, stderr.Bytes())
	}
	var jsTop [][]string
	if err := json.Unmarshal(outJSON, &jsTop); err != nil {
		t.Fatalf("node run_client.mjs: %v\n%s", err, outJSON)
	}
	if len(jsTop) != len(js) {
		t.Fatalf("JS client answered %d queries, want %d", len(jsTop), len(js))
	}
	for i, j := range js {
		if !slices.Equal(jsTop[i], top[i]) {
			t.Errorf("query %q: JS client gives %v, Go %v", j.query, jsTop[i], top[i])
		}
	}
}
