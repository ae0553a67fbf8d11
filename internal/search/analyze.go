package search

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"golang.org/x/text/unicode/norm"

	"github.com/guldborgsund/labyrint/internal/typo"
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

// stopFile is the list of Danish stop words (see the file for where its
// words come from). Stop words are neither indexed nor searched for
// (unless a query holds nothing else).
//
//go:embed stopwords_da.txt
var stopFile string

// stopWords holds the stop words; stopList is them sorted and joined by
// spaces, as the meta shard ships them to the client.
var stopWords, stopList = func() (map[string]bool, string) {
	m := map[string]bool{}
	for _, line := range strings.Split(stopFile, "\n") {
		if !strings.HasPrefix(line, "#") {
			for _, w := range strings.Fields(line) {
				m[w] = true
			}
		}
	}
	return m, strings.Join(sortedKeys(m), " ")
}()

// weakFile is the list of weak words: indexed and searched, but in a query
// with other words they count 1/strongShare as much and not for
// coordination (see the file).
//
//go:embed weakwords_da.txt
var weakFile string

// weakStems holds the stems of the weak words; weakList is them sorted and
// joined by spaces, as the meta shard ships them to the client.
var weakStems, weakList = func() (map[string]bool, string) {
	m := map[string]bool{}
	st := newStemmer()
	for _, line := range strings.Split(weakFile, "\n") {
		if !strings.HasPrefix(line, "#") {
			for _, w := range strings.Fields(line) {
				m[st.stem(w)] = true
			}
		}
	}
	return m, strings.Join(sortedKeys(m), " ")
}()

// isWordRune reports whether r belongs to a word: letters, numbers and
// combining marks (JS: /[\p{L}\p{N}\p{M}]/u).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// asciiWord maps an ASCII byte to its lowercase form if it belongs to a
// word, else to 0.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	return t
}()

// scanWords calls fn for each word of text, lowercased, NFC-normalised and
// with "aa" folded to "å", and with its wordHash. fn must not keep w. Words
// longer than maxWordRunes and one-letter words without a digit are skipped.
//
// Normalisation is per word: only a word with a rune from U+0300 on can
// change under NFC, and every rune that composes with another is a word
// rune (a mark or a Hangul jamo), so this equals normalising the text.
func scanWords(text string, buf []byte, fn func(w []byte, hash uint32)) []byte {
	n := len(text)
	for i := 0; i < n; {
		buf = buf[:0]
		digit, aa, high := false, false, false
		runes := 0
		h := uint32(fnvOffset)
		for i < n {
			c := text[i]
			if c < utf8.RuneSelf {
				lc := asciiWord[c]
				if lc == 0 {
					break
				}
				if lc <= '9' {
					digit = true
				} else if lc == 'a' && len(buf) > 0 && buf[len(buf)-1] == 'a' {
					aa = true
				}
				buf = append(buf, lc)
				h = (h ^ uint32(lc)) * fnvPrime
				runes++
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if r >= 0x300 {
				if !isWordRune(r) {
					break
				}
				high = true
				if unicode.IsNumber(r) {
					digit = true
				}
			} else if unicode.IsNumber(r) {
				digit = true
			} else if !unicode.IsLetter(r) {
				break
			}
			start := len(buf)
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			for _, b := range buf[start:] {
				h = (h ^ uint32(b)) * fnvPrime
			}
			runes++
			i += size
		}
		if len(buf) > 0 {
			b := buf
			if high {
				b = norm.NFC.Append(nil, buf...)
				if string(b) != string(buf) {
					aa = true // so the word is recounted and rehashed below
				}
			}
			if aa {
				b = foldAA(b)
				runes = utf8.RuneCount(b)
				h = wordHash(b)
			}
			if runes <= maxWordRunes && (runes > 1 || digit) {
				fn(b, h)
			}
		}
		// Skip the character that ended the word.
		if i < n {
			if text[i] < utf8.RuneSelf {
				i++
			} else {
				_, size := utf8.DecodeRuneInString(text[i:])
				i += size
			}
		}
	}
	return buf
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// wordHash is the FNV-1a hash of w.
func wordHash(w []byte) uint32 {
	h := uint32(fnvOffset)
	for _, c := range w {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// nfc returns s in Unicode normalisation form C. Text whose runes are all
// below U+0300 (no combining marks; UTF-8 lead bytes below 0xCC) is NFC
// already and is returned as it is without a table look-up.
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xcc {
			return norm.NFC.String(s)
		}
	}
	return s
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

// queryWord is one word of a query as typed, analysed, or a phrase of the
// synonyms that the query holds.
type queryWord struct {
	word    string // normalised and folded
	prefix  bool   // the last word, still being typed
	concept string // for a phrase: the single stems of its groups, joined by spaces
}

// words returns the analysed words of s, stop words included.
func words(s string) []string {
	var out []string
	scanWords(s, nil, func(w []byte, _ uint32) { out = append(out, string(w)) })
	return out
}

// parseQuery splits a query into the words that are searched for. A
// phrase of the synonyms (syn, may be nil) that the query holds, its words
// in a row stemmed, stop words included, stands for its group's single
// words in place of its own: at each word the longest phrase that starts
// there is taken, and the search goes on after it. Stop words are dropped
// unless the query holds nothing else; then only the last one is kept (as
// a prefix, if still being typed: "til" finds "tilbud"). The last word is
// a prefix when the query ends inside it. Repeated words count once.
func parseQuery(q string, syn *synonymTable) []queryWord {
	ws := words(q)
	if len(ws) == 0 {
		return nil
	}
	q = norm.NFC.String(q)
	r, _ := utf8.DecodeLastRuneInString(q)
	endsInWord := isWordRune(r)
	concepts := syn.findPhrases(ws)
	var out []queryWord
	allStop := true
	for i, w := range ws {
		if concepts[i] != "" || !stopWords[w] {
			allStop = false
		}
	}
	seen := map[string]bool{}
	for i, w := range ws {
		last := i == len(ws)-1
		switch c := concepts[i]; {
		case c == inPhrase:
			continue
		case c != "":
			if !seen["\x00"+c] {
				seen["\x00"+c] = true
				out = append(out, queryWord{concept: c})
			}
			continue
		}
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

// inPhrase marks a word of a phrase after its first in findPhrases.
const inPhrase = "+"

// findPhrases returns, for each word of ws, the concept of the synonym
// phrase that starts there (the single stems of its groups joined by
// spaces), inPhrase for the phrase's other words, or "".
func (t *synonymTable) findPhrases(ws []string) []string {
	out := make([]string, len(ws))
	if t == nil || len(t.phrases) == 0 {
		return out
	}
	st := newStemmer()
	stems := make([]string, len(ws))
	for i, w := range ws {
		stems[i] = st.stem(w)
	}
	for i := 0; i < len(ws); i++ {
		for n := min(t.longest, len(ws)-i); n >= 2; n-- {
			g, ok := t.phrases[strings.Join(stems[i:i+n], "+")]
			if !ok {
				continue
			}
			out[i] = strings.Join(g, " ")
			for k := i + 1; k < i+n; k++ {
				out[k] = inPhrase
			}
			i += n - 1
			break
		}
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
// insertion, deletion, substitution or swap of two neighbouring letters
// (search.js's ed1 is the same test).
func editDistance1(a, b []rune) bool { return typo.Distance(a, b, 1) <= 1 }
