package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

var update = flag.Bool("update", false, "rewrite testdata/jsfixture")

// parityQueries are run by Go and by the JS client; the rankings must agree.
var parityQueries = []string{
	"behandling", "misbrugsbehandling", "paaroerende", "pårørende", "raadgivning",
	"bolig", "boliger", "boligen", "boli", "boligern", "bo", "b", "behandlnig",
	"oekonomi", "aerlighed", "Ærlighed", "afhængighed", "alkohol", "husvild", "hjemløs ",
	"til", "og", "hjælp til bolig", "bostøtte pris", "respekt tillid", "misbrug behandling",
	"Housing First", "ung", "unge", "25", "constructor", "toString", "xyzzy", "sam",
	"psykisk sårbar", "rådgivning pårørende", "visitaton", "aflastnig", "myndighed ",
	"støtte", "socialpsykiatrien", "hjem", "medarbejder", "fællesskab", "Nykøbing F",
	"weekend ferie", "tilbud", "hv", "økonomisk bæredygtighed", "misbrugs",
	"constructor bolig", "__proto__ hjælp", "hasOwnProperty", "valueOf til",
	"lejlighed", "hjemløse bolig", "alkohol behandling",
	"jeg har tanker om selvmord", "selvmordet", "tanker om", "Tillid ", "tillid respekt",
	"om selvmord tanker", "jeg er ensom og har ingen venner",
	"jeg har ikke noget sted at bo", "på gaden og gaden", "gøre rent og hjælp i hjemmet", "gaden på",
	"panikbehandling", "sprutmisbruget", "xyzhjemløs", "zzzrespekt ",
}

// typoQueries returns words of the corpus with a typo in their second or
// third letter (deleted, swapped with the next, replaced, or a letter put
// before it): the typo stage must find the same terms in the client, which
// asks only for the shards such a typo can have moved a term's key to,
// as in Go, which reads every shard of the first letter.
func typoQueries(docs []Doc) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, w := range words(d.Title + " " + d.Summary) {
			if utf8.RuneCountInString(w) >= 6 {
				set[w] = true
			}
		}
	}
	var out []string
	for i, w := range sortedKeys(set) {
		if i%5 != 0 {
			continue
		}
		r := []rune(w)
		for p := 1; p <= 2; p++ {
			edit := func(head []rune, tail ...rune) string {
				return string(append(append(slices.Clone(r[:p]), head...), tail...))
			}
			out = append(out,
				edit(nil, r[p+1:]...),                  // deleted
				edit([]rune{r[p+1], r[p]}, r[p+2:]...), // swapped
				edit([]rune{'e'}, r[p+1:]...),          // replaced
				edit([]rune{'a'}, r[p:]...))            // put before
		}
	}
	return out
}

// stemWords returns words for checking the JS stemmer: the corpus's words,
// inflections of them and random letter strings.
func stemWords(docs []Doc) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, w := range words(d.Title + " " + d.Summary + " " + d.Body) {
			set[w] = true
		}
	}
	bases := sortedKeys(set)
	suffixes := []string{"e", "erne", "ens", "s", "ets", "heden", "ig", "elig", "els", "igst", "løst", "ende",
		"erende", "gd", "kt", "ligt", "tt", "as", "ås", "us"}
	for i, b := range bases {
		if i%4 != 0 {
			continue
		}
		for _, s := range suffixes {
			set[b+s] = true
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abdefgiklmnoprstuvyæøåéz1")
	for range 1500 {
		n := 1 + r.IntN(12)
		w := make([]rune, n)
		for i := range w {
			w[i] = letters[r.IntN(len(letters))]
		}
		set[string(w)] = true
	}
	return sortedKeys(set)
}

// jsFixture builds the files the JS test reads: the shards of the test
// index, Go's rankings of parityQueries and Go's stems of stemWords.
func jsFixture(t *testing.T) map[string][]byte {
	ix := testIndex(t)
	files := map[string][]byte{}
	if err := ix.Write(func(name string, data []byte) error {
		files[name] = slices.Clone(data)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Query string      `json:"query"`
		Hits  [][2]string `json:"hits"` // url, score
	}
	var results []result
	for _, q := range append(slices.Clone(parityQueries), typoQueries(loadTestDocs(t))...) {
		r := result{Query: q, Hits: [][2]string{}}
		for _, h := range ix.Search(q, 0) {
			r.Hits = append(r.Hits, [2]string{h.URL, fmt.Sprint(h.Score)})
		}
		results = append(results, r)
	}
	files["expected.json"] = mustJSON(t, results)
	st := newStemmer()
	var stems []byte
	for _, w := range stemWords(loadTestDocs(t)) {
		stems = fmt.Appendf(stems, "%s %s\n", w, st.stem(w))
	}
	files["stems.txt"] = stems
	type split struct {
		Text  string   `json:"text"`
		Words []string `json:"words"`
	}
	var splits []split
	for _, text := range wordTexts() {
		splits = append(splits, split{text, append([]string{}, words(text)...)})
	}
	files["words.json"] = mustJSON(t, splits)
	return files
}

// wordTexts are texts whose words the JS client must find as Go does: each
// code point below U+0370 and a sample of others, alone between two x's
// (one word if it is a word rune, none if not) and alone (kept only if it
// is a number), and some sentences.
func wordTexts() []string {
	out := []string{
		"Misbrugsbehandling på Ærø: 2 ½ ¹ a b 7 – Aabenraa, naïve café",
		"STU-forløb § 85 (servicelovens) 1.000 kr. 3½ år",
		"x\u0301 e\u0301 A\u030a Ω\u0301 ﬁ ẞ",
	}
	cps := []rune{}
	for r := rune(0x20); r < 0x370; r++ {
		cps = append(cps, r)
	}
	cps = append(cps, 0x391, 0x3c9, 0x410, 0x44f, 0x5d0, 0x627, 0x660, 0x669, 0x6f0, 0x901, 0x966, 0xe01, 0x1100, 0x1e9e,
		0x2028, 0x2029, 0x200b, 0x200d, 0x2160, 0x2170, 0x2460, 0x3007, 0x4e00, 0xac00, 0xfb01, 0xfeff, 0xff10, 0xff21,
		0x10400, 0x1d7d8, 0x1f600, 0x20000)
	var pairs, alone strings.Builder
	for _, r := range cps {
		if r == 0x130 {
			continue // İ: Go lowercases it to i, JS to i with a dot above (U+0307)
		}
		pairs.WriteString("x" + string(r) + "x ")
		alone.WriteString(string(r) + " ")
	}
	return append(out, pairs.String(), alone.String())
}

func mustJSON(t *testing.T, v any) []byte {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, '\n')
}

// TestJSClient checks that testdata/jsfixture is what the Go code writes
// now (go test -run TestJSClient -update rewrites it) and, if node is
// installed, runs client_test.mjs: the JS client must stem like Go and
// rank every parity query exactly as Search does.
func TestJSClient(t *testing.T) {
	dir := filepath.Join("testdata", "jsfixture")
	files := jsFixture(t)
	if *update {
		os.RemoveAll(dir)
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var stale []string
	for name, data := range files {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(old, data) {
			stale = append(stale, name)
		}
	}
	if n := countFiles(t, dir); n != len(files) {
		stale = append(stale, fmt.Sprintf("(%d files on disk, %d written)", n, len(files)))
	}
	if len(stale) > 0 {
		slices.Sort(stale)
		t.Fatalf("testdata/jsfixture is stale (%v); run: go test ./internal/search -run TestJSClient -update", stale)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed; the JS client was not checked")
	}
	cmd := exec.Command(node, "--test", "client_test.mjs")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test client_test.mjs: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// maxClientGzip bounds assets/search/search.js as the build serves it,
// minified (as internal/output does) and gzipped at the best compression:
// every search page loads all of it before the first query. The source's
// comments, which explain the ranking, cost the browser nothing.
const maxClientGzip = 8 << 10

func TestClientSize(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "assets", "search", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	var min bytes.Buffer
	if err := js.Minify(minify.New(), &min, bytes.NewReader(src), nil); err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) int {
		var buf bytes.Buffer
		z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		z.Write(b)
		z.Close()
		return buf.Len()
	}
	n := gz(min.Bytes())
	t.Logf("search.js: %d bytes, %d gzipped; minified %d bytes, %d gzipped", len(src), gz(src), min.Len(), n)
	if n >= maxClientGzip {
		t.Errorf("search.js, minified, is %d bytes gzipped; keep it under %d", n, maxClientGzip)
	}
}
