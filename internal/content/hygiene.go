package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// Word-paste hygiene: what text pasted from Word (or a web page) leaves in a
// file that the editor cannot see: odd spaces and invisible characters,
// typographic quotes around front-matter values, Word's bullet characters
// in place of a Markdown list, and the archetype's placeholder text left in.
// Each finding names the line and says in Danish how to fix it.

// Placeholder marks the text of an archetype that the editor must replace
// (archetypes/*.md write it in front of each piece of sample text). A page
// that still has it is a warning while it is a draft and an error once it
// would be published.
const Placeholder = "UDFYLD:"

// oddSpace names the space characters YAML and Markdown do not read as a
// space, which Word and web pages paste.
var oddSpace = map[rune]string{
	'\u00a0': "et hårdt mellemrum (U+00A0)",
	'\u2007': "et tal-mellemrum (U+2007)",
	'\u202f': "et smalt hårdt mellemrum (U+202F)",
	'\u2002': "et bredt mellemrum (U+2002)",
	'\u2003': "et bredt mellemrum (U+2003)",
	'\u2009': "et smalt mellemrum (U+2009)",
	'\u3000': "et bredt mellemrum (U+3000)",
}

// invisible names characters that take no room on screen.
var invisible = map[rune]string{
	'\u200b': "et usynligt tegn (U+200B, mellemrum uden bredde)",
	'\u200c': "et usynligt tegn (U+200C)",
	'\u200d': "et usynligt tegn (U+200D)",
	'\u2060': "et usynligt tegn (U+2060)",
	'\ufeff': "et usynligt tegn (U+FEFF)",
	'\u00ad': "en usynlig bindestreg (U+00AD)",
}

const (
	quotesOpen  = "“”„«»‘’‚"
	wordBullets = "•·–▪◦●"
)

// oddLeads are the first bytes, in UTF-8, of every character the hygiene
// checks look for (oddSpace, invisible, quotesOpen, wordBullets): 0xC2,
// 0xE2, 0xE3 and 0xEF. Danish letters start with 0xC3.
var oddLeads = func() (leads []byte) {
	var all []rune
	for r := range oddSpace {
		all = append(all, r)
	}
	for r := range invisible {
		all = append(all, r)
	}
	all = append(append(all, []rune(quotesOpen)...), []rune(wordBullets)...)
	for _, r := range all {
		if c := utf8.AppendRune(nil, r)[0]; bytes.IndexByte(leads, c) < 0 {
			leads = append(leads, c)
		}
	}
	return leads
}()

// mayHaveOdd reports whether b has a byte that starts a character the
// hygiene checks look for; if not, they have nothing to find in b (most
// files: a search for a few bytes is much cheaper than reading each line).
func mayHaveOdd(b []byte) bool {
	for _, c := range oddLeads {
		if bytes.IndexByte(b, c) >= 0 {
			return true
		}
	}
	return false
}

// lines calls fn with each line of b and its line number, starting at first.
func lines(b []byte, first int, fn func(n int, line string)) {
	s := string(b) // one copy, cut into lines without a slice of them
	for n := first; ; n++ {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			fn(n, s)
			return
		}
		fn(n, s[:i])
		s = s[i+1:]
	}
}

// frontHygiene checks the front matter before its YAML is read: an odd
// space there makes YAML report a missing colon where the colon is, so the
// true cause is reported instead. It reports whether it found an error.
func frontHygiene(file string, parts frontmatter.Source, l *diag.List) bool {
	if !mayHaveOdd(parts.Front) {
		return false
	}
	before, _ := l.Count()
	lines(parts.Front, parts.FrontLine, func(n int, line string) {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			return
		}
		for i, r := range line {
			if r < 0x80 {
				continue
			}
			col := utf8.RuneCountInString(line[:i]) + 1
			if name, ok := oddSpace[r]; ok {
				l.Add(diag.Finding{File: file, Line: n, Col: col, Severity: diag.Error, Code: "odd-space",
					Msg:  "linjen har " + name + ", typisk kopieret fra Word; felterne kan ikke læses med det",
					Hint: "slet tegnet og skriv et almindeligt mellemrum"})
				return
			}
			if name, ok := invisible[r]; ok {
				l.Add(diag.Finding{File: file, Line: n, Col: col, Severity: diag.Error, Code: "invisible",
					Msg:  "linjen har " + name + ", typisk kopieret fra Word eller en hjemmeside",
					Hint: "slet tegnet: stil markøren lige før og efter det, og slet med pil og Delete"})
				return
			}
		}
		if q := smartQuoted(line); q != "" {
			l.Add(diag.Finding{File: file, Line: n, Severity: diag.Error, Code: "smart-quotes",
				Msg:  fmt.Sprintf("værdien står i typografiske anførselstegn (%s…) fra Word; de kommer med i teksten", q),
				Hint: `brug almindelige anførselstegn: "…" (eller ingen)`})
		}
	})
	after, _ := l.Count()
	return after > before
}

// smartQuoted returns the typographic quote a front-matter value starts
// with (also inside ASCII quotes, when it ends with one too), or "".
func smartQuoted(line string) string {
	v, ok := frontValue(line)
	if !ok || v == "" {
		return ""
	}
	// A value in plain quotes: the quote is ASCII, so it is the first and
	// the last byte (no byte of a longer character is ASCII).
	if q := v[0]; (q == '"' || q == '\'') && len(v) > 1 && v[len(v)-1] == q && utf8.RuneCountInString(v) > 2 {
		inner := v[1 : len(v)-1]
		first, _ := utf8.DecodeRuneInString(inner)
		last, _ := utf8.DecodeLastRuneInString(inner)
		if utf8.RuneCountInString(inner) > 1 && strings.ContainsRune(quotesOpen, first) && strings.ContainsRune(quotesOpen, last) {
			return string(first)
		}
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(v); strings.ContainsRune(quotesOpen, r) {
		return string(r)
	}
	return ""
}

// frontValue returns the value of a "key: value" or "- value" line.
func frontValue(line string) (string, bool) {
	t := strings.TrimSpace(line)
	if v, ok := strings.CutPrefix(t, "- "); ok {
		return strings.TrimSpace(v), true
	}
	if _, v, ok := strings.Cut(t, ": "); ok {
		return strings.TrimSpace(v), true
	}
	return "", false
}

// bodyHygiene warns of Word's bullets (they make one paragraph, not a
// list) and invisible characters in the Markdown body, outside code blocks.
func bodyHygiene(file string, parts frontmatter.Source, l *diag.List) {
	if !mayHaveOdd(parts.Body) {
		return
	}
	fence := ""
	lines(parts.Body, parts.BodyLine, func(n int, line string) {
		t := strings.TrimLeft(line, " ")
		if f := fenceOf(t); f != "" {
			if fence == "" {
				fence = f
			} else if strings.HasPrefix(t, fence) {
				fence = ""
			}
			return
		}
		if fence != "" {
			return
		}
		if r, size := utf8.DecodeRuneInString(t); size > 0 && strings.ContainsRune(wordBullets, r) && len(t) > size && (t[size] == ' ' || t[size] == '\t') {
			l.Add(diag.Finding{File: file, Line: n, Severity: diag.Warning, Code: "word-bullet",
				Msg:  fmt.Sprintf("linjen begynder med punkttegnet %c fra Word; det bliver ikke til en punktopstilling, og linjerne løber sammen", r),
				Hint: "skriv - og et mellemrum forrest på linjen i stedet for " + string(r)})
		}
		for i, r := range line {
			if r < 0x80 || (r != '\u00ad' && r < '\u200b') {
				continue // below every invisible character but the soft hyphen: no map lookup for most
			}
			name, ok := invisible[r]
			if !ok && r == '\u00a0' {
				continue // a hard space in running text keeps "10 kr." together
			}
			if ok {
				l.Add(diag.Finding{File: file, Line: n, Col: utf8.RuneCountInString(line[:i]) + 1, Severity: diag.Warning, Code: "invisible",
					Msg: "linjen har " + name + ", typisk kopieret fra Word eller en hjemmeside", Hint: "slet tegnet"})
				return
			}
		}
	})
}

func fenceOf(t string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return f
		}
	}
	return ""
}

// placeholders reports the archetype's placeholder text left in the file.
func placeholders(file string, src []byte, draft bool, l *diag.List) {
	if !bytes.Contains(src, []byte(Placeholder)) {
		return
	}
	sev, when := diag.Error, "og siden er ikke en kladde: teksten ville blive udgivet"
	if draft {
		sev, when = diag.Warning, "(siden er en kladde, så den bliver ikke udgivet endnu)"
	}
	lines(src, 1, func(n int, line string) {
		if i := strings.Index(line, Placeholder); i >= 0 && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			l.Add(diag.Finding{File: file, Line: n, Severity: sev, Code: "placeholder",
				Msg:  "skabelonens pladsholdertekst står her stadig " + when,
				Hint: "skriv din egen tekst i stedet for »" + Placeholder + " …«"})
		}
	})
}
