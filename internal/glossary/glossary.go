// Package glossary reads the editors' glossary, the words the site
// explains (content/ordliste.yaml, see Parse), and finds them in a text for
// the Markdown stage, which marks them (markdown.Glossary).
package glossary

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guldborgsund/labyrint/internal/markdown"
)

// The glossary: the words the site explains (the editors' YAML file, see
// Parse).
//
// On each page the first use of each word gets a link to its entry on the
// glossary page, and an abbreviation with an expansion gets the expansion
// written out after it in parentheses ("STU (særligt tilrettelagt
// ungdomsuddannelse)") unless the expansion already stands in the same block
// or the one before or after it. The expansion is shown but is not part of
// the text blocks (Result.Blocks), so it changes neither the LIX nor search. Words inside links, headings, table
// headers, code and images are left alone, and so is the glossary page
// itself (render it with WithoutGlossary).
//
// How a word of the text matches a word of a term:
//
//   - an all-capital word ("STU", "CFA") and a number only as written;
//   - a word written with a capital first letter ("Myndighed") in any case,
//     but only with a capital first letter: it is a name;
//   - any other word in any case ("botilbud", "Botilbud", "BOTILBUD");
//   - a lower-case word also with a Danish ending: e, en, ens, ene, enes,
//     er, ere, erne, ernes, ers, es, et, ets, s; after a final e without
//     that e ("kerneopgaven"), and after a final consonant with that
//     consonant doubled ("botilbuddet", "forsorgshjemmet"); other forms are
//     listed in the entry;
//   - any word also with an ending after an apostrophe ("CFA's", "STU'en");
//   - the last word of a term also as the first part of a compound with a
//     hyphen ("STU-forløbet" counts for STU; the link covers "STU" and an
//     expansion comes after the whole word: "STU-forløbet (STU: særligt …)").
//
// The words of a term of several words ("socialpædagogisk støtte") may be
// split by any white space, also a line break; "§ 110" also matches "§110".

// Entry is one word the site explains.
type Entry struct {
	Term        string   // the word as the text writes it: "STU", "botilbud", "§ 110"
	Explanation string   // in plain Danish, one or two short sentences
	Expansion   string   // what an abbreviation stands for; "" if nothing
	Forms       []string // other spellings and inflections that count as the term
	ID          string   // its anchor on the glossary page: "stu", "paragraf-110"
	Line        int      // line of the entry in the file
}

// Glossary is the parsed word list with its matcher, built once per build
// and shared by every page (read only).
type Glossary struct {
	Entries []Entry

	first    map[string][]*gpattern // every form of a first word, in lower case → patterns, longest first
	explains map[string]bool        // abbreviations and § references the glossary explains
	maybe    [256]uint64            // first byte of a key → bit per key length mod 64: a quick no
}

type caseMode uint8

const (
	caseFold    caseMode = iota // any case, with Danish endings
	caseInitial                 // a name: capital first letter, then any case, with endings
	caseExact                   // all capitals or no letters: exactly as written
)

// gword is one word of a term.
type gword struct {
	raw   string
	mode  caseMode
	forms map[string]bool // lower-case forms it may take (not for caseExact)
}

// gpattern is a term or one of its forms, as words.
type gpattern struct {
	entry int
	words []gword
	seps  []string // between words; white space as one space
}

func (w *gword) matches(tok string) bool {
	if w.mode == caseExact {
		return tok == w.raw
	}
	if w.mode == caseInitial {
		if r, _ := utf8.DecodeRuneInString(tok); !unicode.IsUpper(r) {
			return false
		}
	}
	return w.forms[lower(tok)]
}

// endings are the Danish endings a lower-case word may take.
var endings = []string{"e", "en", "ens", "ene", "enes", "er", "ere", "erne", "ernes", "ers", "es", "et", "ets", "s"}

// wordForms returns the lower-case forms of word w: itself, with endings,
// without the e of an ending after a final e, and with a doubled final
// consonant before an ending that starts with a vowel.
func wordForms(w string) []string {
	out := []string{w}
	last, _ := utf8.DecodeLastRuneInString(w)
	double := isConsonant(last) && utf8.RuneCountInString(w) > 2
	for _, e := range endings {
		switch {
		case last == 'e' && e[0] == 'e':
			if len(e) > 1 {
				out = append(out, w+e[1:])
			}
		default:
			out = append(out, w+e)
			if double && e[0] == 'e' {
				out = append(out, w+string(last)+e)
			}
		}
	}
	return out
}

func isConsonant(r rune) bool {
	return r < utf8.RuneSelf && unicode.IsLetter(r) && !strings.ContainsRune("aeiouy", r)
}

// spaces trims s and writes every run of white space as one space.
func spaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// glossaryID makes the entry's anchor from its term: "§ 110" gives
// "paragraf-110"; unique within ids.
func glossaryID(term string, ids map[string]bool) string {
	base := markdown.Slug(strings.ReplaceAll(term, "§", " paragraf "))
	if base == "" {
		base = "ord"
	} else if base[0] >= '0' && base[0] <= '9' {
		base = "ord-" + base
	}
	id := base
	for i := 2; ids[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	ids[id] = true
	return id
}

// build makes the matcher: the patterns of every term and form, found by
// their first word, longest first.
func (g *Glossary) build() {
	g.first = map[string][]*gpattern{}
	g.explains = map[string]bool{}
	for i, e := range g.Entries {
		for _, f := range append([]string{e.Term}, e.Forms...) {
			p := newPattern(i, f)
			keys := []string{lower(p.words[0].raw)}
			if p.words[0].mode != caseExact {
				keys = keys[:0]
				for k := range p.words[0].forms {
					keys = append(keys, k)
				}
			}
			for _, k := range keys {
				g.first[k] = append(g.first[k], p)
				g.maybe[k[0]] |= 1 << (len(k) & 63)
			}
			g.explains[abbrevKey(f)] = true
			for _, w := range p.words {
				if w.mode == caseExact {
					g.explains[w.raw] = true
				}
			}
		}
	}
	for _, ps := range g.first {
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].words) != len(ps[j].words) {
				return len(ps[i].words) > len(ps[j].words)
			}
			return ps[i].entry < ps[j].entry
		})
	}
}

func newPattern(entry int, term string) *gpattern {
	p := &gpattern{entry: entry}
	prev := 0
	for i, t := range tokens(term) {
		if i > 0 {
			sep := term[prev:t[0]]
			if strings.TrimSpace(sep) == "" {
				sep = " "
			}
			p.seps = append(p.seps, sep)
		}
		raw := term[t[0]:t[1]]
		w := gword{raw: raw, mode: modeOf(raw)}
		if w.mode != caseExact {
			w.forms = map[string]bool{}
			low := lower(raw)
			if w.mode == caseFold || w.mode == caseInitial {
				for _, f := range wordForms(low) {
					w.forms[f] = true
				}
			}
		}
		p.words = append(p.words, w)
		prev = t[1]
	}
	return p
}

// modeOf says how a word of a term matches the text.
func modeOf(w string) caseMode {
	letters, upper := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case letters == 0 || letters >= 2 && upper == letters:
		return caseExact
	case unicode.IsUpper(first):
		return caseInitial
	}
	return caseFold
}

// abbrevKey writes an abbreviation or § reference the way
// plainlang.Abbreviations gives it: "§§ 83a" and "§83a" as "§ 83a".
func abbrevKey(s string) string {
	s = spaces(s)
	if strings.HasPrefix(s, "§") {
		s = strings.TrimSpace(strings.TrimLeft(s, "§"))
		return "§ " + s
	}
	return s
}

// Explains reports whether the glossary explains an abbreviation or a
// paragraph reference as plainlang.Abbreviations gives them ("STU", "§ 110").
func (g *Glossary) Explains(abbr string) bool {
	return g != nil && g.explains[abbrevKey(abbr)]
}
