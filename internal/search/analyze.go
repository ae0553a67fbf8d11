package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"golang.org/x/text/unicode/norm"
)

// The analysis rules below are mirrored in assets/search/search.js; a change
// here must be made there too (TestJSClient checks that they agree).

const (
	// maxWordRunes drops longer "words" (URLs, garbage) from the index.
	maxWordRunes = 40
	// fuzzyMinRunes is the shortest query word that gets typo tolerance.
	fuzzyMinRunes = 5
	// prefixMinRunes is the shortest last word that is expanded as a prefix.
	prefixMinRunes = 2
	// maxQueryWords caps the words of a query that are used.
	maxQueryWords = 8
	// maxPrefixTerms caps the index terms a prefix expands to.
	maxPrefixTerms = 50
	// maxVariantSpots caps the ae/oe spots tried in a query word (2^n variants).
	maxVariantSpots = 3
)

// stopList is the Snowball project's Danish stop word list. Stop words are
// neither indexed nor searched for (unless a query holds nothing else).
const stopList = "ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil ville vor være været"

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopList) {
		m[w] = true
	}
	return m
}()

// mainSuffixes are the Snowball Danish main suffixes. A last query word that
// is an index term followed by the start of one of them (e.g. "boligern",
// still being typed towards "boligerne") matches that term as a prefix.
var mainSuffixes = func() []string {
	var s []string
	for _, a := range danish.A_0 {
		s = append(s, a.Str)
	}
	return s
}()

// isWordRune reports whether r belongs to a word: letters, numbers and
// combining marks (JS: /[\p{L}\p{N}\p{M}]/u).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// scanWords calls fn for each word of text, lowercased, NFC-normalised and
// with "aa" folded to "å". fn must not keep w. Words longer than
// maxWordRunes and one-letter words without a digit are skipped.
func scanWords(text string, buf []byte, fn func(w []byte)) []byte {
	text = norm.NFC.String(text)
	buf = buf[:0]
	digit := false
	flush := func() {
		if len(buf) == 0 {
			return
		}
		b := foldAA(buf)
		n := utf8.RuneCount(b)
		if n <= maxWordRunes && (n > 1 || digit) {
			fn(b)
		}
		buf = buf[:0]
		digit = false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case '0' <= c && c <= '9':
				buf = append(buf, c)
				digit = true
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if isWordRune(r) {
			if unicode.IsNumber(r) {
				digit = true
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		} else {
			flush()
		}
	}
	flush()
	return buf
}

// foldAA rewrites "aa" as "å" in place (both are two bytes in UTF-8), left
// to right: "aaa" becomes "åa". Since 1948 Danish writes å; "aa" in running
// text or a query is nearly always an å written without the key (names like
// Aabenraa, or "raadgivning" typed on a foreign keyboard). Index and query
// fold alike, so the rare genuine "aa" (ekstraarbejde) still matches itself.
func foldAA(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == 'a' && i+1 < len(b) && b[i+1] == 'a' {
			out = append(out, 0xc3, 0xa5)
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// queryWord is one word of a query as typed, analysed.
type queryWord struct {
	word   string // normalised and folded
	prefix bool   // the last word, still being typed
}

// words returns the analysed words of s, stop words included.
func words(s string) []string {
	var out []string
	scanWords(s, nil, func(w []byte) { out = append(out, string(w)) })
	return out
}

// parseQuery splits a query into the words that are searched for. Stop
// words are dropped unless the query holds nothing else; then only the last
// one is kept (as a prefix, if still being typed: "til" finds "tilbud").
// The last word is a prefix when the query ends inside it. Repeated words
// count once.
func parseQuery(q string) []queryWord {
	ws := words(q)
	if len(ws) == 0 {
		return nil
	}
	q = norm.NFC.String(q)
	r, _ := utf8.DecodeLastRuneInString(q)
	endsInWord := isWordRune(r)
	var out []queryWord
	allStop := true
	for _, w := range ws {
		if !stopWords[w] {
			allStop = false
		}
	}
	seen := map[string]bool{}
	for i, w := range ws {
		last := i == len(ws)-1
		if allStop && !last {
			continue
		}
		if !allStop && stopWords[w] {
			continue
		}
		if seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, queryWord{word: w, prefix: last && endsInWord})
	}
	if len(out) > maxQueryWords {
		out = out[:maxQueryWords]
	}
	return out
}

// stemmer stems Danish words with Snowball. Not safe for concurrent use.
type stemmer struct{ env *snowballstem.Env }

func newStemmer() *stemmer { return &stemmer{env: snowballstem.NewEnv("")} }

func (s *stemmer) stem(w string) string {
	s.env.SetCurrent(w)
	danish.Stem(s.env)
	return s.env.Current()
}

// stem stems one word (allocates a stemmer; use a stemmer in loops).
func stem(w string) string { return newStemmer().stem(w) }

// variants returns the ae→æ / oe→ø spellings of w, for query words that
// otherwise match nothing ("paaroerende" → "pårørende", "oekonomi" →
// "økonomi"). Every combination of the first maxVariantSpots spots is tried,
// in a fixed order: the spot mask counts up from 1, lowest bit = first spot.
func variants(w string) []string {
	var spots []int
	for i := 0; i+1 < len(w) && len(spots) < maxVariantSpots; i++ {
		if (w[i] == 'a' || w[i] == 'o') && w[i+1] == 'e' {
			spots = append(spots, i)
			i++
		}
	}
	var out []string
	for mask := 1; mask < 1<<len(spots); mask++ {
		var b strings.Builder
		last := 0
		for k, i := range spots {
			if mask&(1<<k) == 0 {
				continue
			}
			b.WriteString(w[last:i])
			if w[i] == 'a' {
				b.WriteString("æ")
			} else {
				b.WriteString("ø")
			}
			last = i + 2
		}
		b.WriteString(w[last:])
		out = append(out, b.String())
	}
	return out
}

// editDistance1 reports whether a and b are at most one edit apart:
// insertion, deletion, substitution or swap of two neighbouring letters.
func editDistance1(a, b []rune) bool {
	la, lb := len(a), len(b)
	if la < lb {
		a, b, la, lb = b, a, lb, la
	}
	if la-lb > 1 {
		return false
	}
	i := 0
	for i < lb && a[i] == b[i] {
		i++
	}
	if i == lb {
		return true // equal, or one extra letter at the end
	}
	if la == lb {
		if string(a[i+1:]) == string(b[i+1:]) {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:])
	}
	return string(a[i+1:]) == string(b[i:]) // deletion from a
}
