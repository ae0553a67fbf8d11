package markdown

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fuzzTerms marks a few fixed words, so that FuzzRender also runs the
// glossary extension's rewriting of the text (internal/glossary fuzzes the
// matching of real glossaries, FuzzGlossary).
type fuzzTerms struct{}

var fuzzWords = []struct{ word, id, expansion string }{
	{"STU", "stu", "særligt tilrettelagt ungdomsuddannelse"},
	{"botilbud", "botilbud", ""},
	{"§ 110", "paragraf-110", ""},
}

func (fuzzTerms) Len() int                     { return len(fuzzWords) }
func (fuzzTerms) Entry(i int) (string, string) { return fuzzWords[i].id, fuzzWords[i].expansion }

// Find finds the first use of each word; the words never overlap.
func (fuzzTerms) Find(s string, used []bool, left int) []TermMatch {
	var out []TermMatch
	for i, w := range fuzzWords {
		j := strings.Index(s, w.word)
		if used[i] || j < 0 || left == 0 {
			continue
		}
		end := j + len(w.word)
		mt := TermMatch{Entry: i, Start: j, LinkEnd: end, WordEnd: end}
		if strings.HasPrefix(s[end:], "-forløbet") {
			mt.WordEnd += len("-forløbet")
		}
		used[i] = true
		left--
		out = append(out, mt)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// FuzzRender renders any body with a LinkFunc that keeps every destination
// (so only Render's own checks stand between the text and the HTML), with
// and without the glossary. Nothing may panic; the HTML never holds
// "<script", an element or attribute outside the safe lists, or a
// javascript:, vbscript:, data: or file: URL in an href or src (see
// htmlHazard; plain text that says "javascript:" is fine); problem, block and
// heading lines lie inside the body; heading ids are unique, clean and
// start with a letter. The seed corpus is in testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## Ærlighed\n\nTekst med [link](/a/) og ![billede](b.png).\n",
		"[klik](javascript:alert(1))\n\n<script>alert(1)</script>\n",
		"| a | b |\n|:--|--:|\n| <b>x</b> | y |\n",
		"- a\n  - b\n    > c\n\n1. d\n",
		"[a][r]\n\n[r]: &#106;avascript:x \"t\"\n",
		"Vi tilbyder STU og botilbud efter § 110. STU-forløbet er godt.\n",
		"```js\n<script>\n```\n\n`<b>` *a **b** c* ~~d~~\n",
		"<https://example.org/> <mailto:a@b.dk> <javascript:alert(1)>\n",
		"Titel\n===\n\n#### Spring\n",
	} {
		f.Add(s)
	}
	plain, withGlossary := New(), New(Glossary(fuzzTerms{}, "/ordliste/"))
	idRE := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 20000 {
			return // emphasis is quadratic (TestRobustEmphasisNotQuadratic); keep each run short
		}
		lines := strings.Count(body, "\n") + 1
		const first = 5
		for i, r := range []*Renderer{plain, withGlossary} {
			res := r.Render([]byte(body), first, identity)
			if h := htmlHazard(res.HTML); h != "" {
				t.Fatalf("renderer %d: HTML has %s\nbody %q\nHTML %s", i, h, body, res.HTML)
			}
			if bytes.Contains(bytes.ToLower(res.HTML), []byte("<script")) {
				t.Fatalf("renderer %d: <script in HTML %s", i, res.HTML)
			}
			if utf8.ValidString(body) && !utf8.Valid(res.HTML) {
				t.Fatalf("renderer %d: HTML is not UTF-8 for a UTF-8 body", i)
			}
			for _, p := range res.Problems {
				if p.Line < first || p.Line > first+lines || p.Msg == "" || p.Code == "" {
					t.Fatalf("renderer %d: problem %#v for %d lines", i, p, lines)
				}
			}
			for _, b := range res.Blocks {
				if b.Line < first || b.Line > first+lines || b.Text == "" {
					t.Fatalf("renderer %d: block %#v for %d lines", i, b, lines)
				}
			}
			seen := map[string]bool{}
			for _, h := range res.Headings {
				if !idRE.MatchString(h.ID) || seen[h.ID] || h.Line < first || h.Line > first+lines {
					t.Fatalf("renderer %d: heading %#v (ids so far %v)", i, h, seen)
				}
				seen[h.ID] = true
			}
		}
	})
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzSlug: a slug is empty or lower-case ASCII letters and digits in runs
// joined by single hyphens, and slugging a slug changes nothing. The seed
// corpus is in testdata/fuzz/FuzzSlug.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Ærlighed og Åbenhed", "../../etc/passwd", "STU-forløb", "A\u030abenhed", "İstanbul", "\u212bngstrøm", "bad\xffbyte", "---", "Café Müller 2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !slugRE.MatchString(got) {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug(%q) = %q, but Slug(%q) = %q", s, got, got, again)
		}
		if want := slugAsWritten(s); got != want {
			t.Fatalf("Slug(%q) = %q, but the plain version gives %q", s, got, want)
		}
	})
}

// slugAsWritten is Slug as first written, plainly (the string lowered
// whole, a map of letters): Slug must give the same for every input.
func slugAsWritten(s string) string {
	translit := map[rune]string{'æ': "ae", 'ø': "oe", 'å': "aa", 'ä': "ae", 'ö': "oe", 'ü': "ue", 'é': "e", 'è': "e", 'á': "a", 'à': "a", 'ß': "ss"}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFC.String(s)) {
		if r == utf8.RuneError {
			continue
		}
		if t, ok := translit[r]; ok {
			b.WriteString(t)
			dash = false
			continue
		}
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
