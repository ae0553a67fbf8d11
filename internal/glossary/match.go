package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guldborgsund/labyrint/internal/markdown"
)

// Find returns the first use in s of each entry that is not used yet, in
// order, and marks those entries used; it stops once left entries are
// found (markdown.Terms).
func (g *Glossary) Find(s string, used []bool, left int) []markdown.TermMatch {
	var found []markdown.TermMatch
	var buf [64]byte
	low := buf[:0] // a token in lower case
	for i := 0; i < len(s) && left > 0; {
		if c := s[i]; c < utf8.RuneSelf && !wordByte[c] {
			i++
			continue
		}
		r, size := nextRune(s, i)
		if !isTokenStart(r) {
			i += size
			continue
		}
		end := tokenEnd(s, i)
		var mt markdown.TermMatch
		var ok bool
		if mt, low, ok = g.find(s, i, end, low); !ok {
			i = end
			continue
		}
		if !used[mt.Entry] {
			used[mt.Entry] = true
			left--
			found = append(found, mt)
		}
		i = mt.WordEnd
	}
	return found
}

// Len is the number of entries (markdown.Terms).
func (g *Glossary) Len() int {
	if g == nil {
		return 0
	}
	return len(g.Entries)
}

// Entry returns entry i's anchor and expansion (markdown.Terms).
func (g *Glossary) Entry(i int) (id, expansion string) {
	return g.Entries[i].ID, g.Entries[i].Expansion
}

// find returns the term that starts with the token s[start:end], if any;
// low is scratch space, returned for reuse.
func (g *Glossary) find(s string, start, end int, low []byte) (markdown.TermMatch, []byte, bool) {
	tok := s[start:end]
	if g.maybe[lowerByte(tok[0])]&(1<<(len(tok)&63)) == 0 {
		return markdown.TermMatch{}, low, false
	}
	low = appendLower(low[:0], tok)
	for _, p := range g.first[string(low)] {
		if !p.words[0].matches(tok) {
			continue
		}
		e, ok := p.rest(s, end)
		if !ok {
			continue
		}
		mt := markdown.TermMatch{Entry: p.entry, Start: start, LinkEnd: e}
		// An ending after an apostrophe: "CFA's", "STU'en".
		if q := afterApostrophe(s, e); q > e {
			mt.LinkEnd = q
		}
		// The first part of a compound: "STU-forløbet".
		mt.WordEnd = compoundEnd(s, mt.LinkEnd)
		return mt, low, true
	}
	return markdown.TermMatch{}, low, false
}

// compoundEnd returns the end of the compound word whose first part ends
// at pos ("STU-forløbet"), or pos.
func compoundEnd(s string, pos int) int {
	for q := pos; q < len(s); {
		r, size := utf8.DecodeRuneInString(s[q:])
		if !isHyphen(r) && r != '\'' && r != '’' {
			break
		}
		r2, _ := utf8.DecodeRuneInString(s[q+size:])
		if !isTokenRune(r2) {
			break
		}
		q = tokenEnd(s, q+size)
		pos = q
	}
	return pos
}

// rest matches the words of p after the first, from pos; it returns the
// end of the last.
func (p *gpattern) rest(s string, pos int) (int, bool) {
	for i := 1; i < len(p.words); i++ {
		next := pos
		for next < len(s) {
			r, size := utf8.DecodeRuneInString(s[next:])
			if isTokenStart(r) {
				break
			}
			next += size
		}
		if next == len(s) || !sepMatches(s[pos:next], p.seps[i-1], p.words[i-1].raw == "§" || p.words[i].raw == "§") {
			return 0, false
		}
		e := tokenEnd(s, next)
		if !p.words[i].matches(s[next:e]) {
			return 0, false
		}
		pos = e
	}
	return pos, true
}

// sepMatches compares the text between two words with the term's: white
// space counts as one space; next to § no space is needed ("§110").
func sepMatches(got, want string, para bool) bool {
	if want == " " {
		if got == "" {
			return para
		}
		return strings.TrimSpace(got) == ""
	}
	return got == want
}

// afterApostrophe returns the end of a Danish ending written after an
// apostrophe at pos ("'s", "’en"), or pos.
func afterApostrophe(s string, pos int) int {
	r, size := utf8.DecodeRuneInString(s[pos:])
	if pos >= len(s) || r != '\'' && r != '’' {
		return pos
	}
	e := tokenEnd(s, pos+size)
	if e == pos+size {
		return pos
	}
	end := s[pos+size : e]
	for _, x := range endings {
		if end == x {
			return e
		}
	}
	return pos
}

// tokens returns the [start, end) of each word of s: runs of letters and
// digits, and each § on its own.
func tokens(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isTokenStart(r) {
			i += size
			continue
		}
		e := tokenEnd(s, i)
		out = append(out, [2]int{i, e})
		i = e
	}
	return out
}

// wordByte marks the ASCII letters and digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return wordByte[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isTokenStart(r rune) bool { return r == '§' || isTokenRune(r) }

// nextRune decodes the rune at s[i:], fast for ASCII.
func nextRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenEnd returns the end of the token that starts at i.
func tokenEnd(s string, i int) int {
	if strings.HasPrefix(s[i:], "§") {
		return i + len("§")
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !wordByte[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isTokenRune(r) {
			break
		}
		i += size
	}
	return i
}

// appendLower appends tok in lower case to b.
func appendLower(b []byte, tok string) []byte {
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			b = append(b, lowerByte(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += size
	}
	return b
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lower returns s in lower case, without copying when it is already.
func lower(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) {
			return strings.ToLower(s)
		}
		i += size
	}
	return s
}
