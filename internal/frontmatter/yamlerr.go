package frontmatter

// YAML problems for editors: every error go.yaml.in/yaml/v3's parser can
// give is told in Danish, at the line of the file it is about.
//
// The parser's own "line N" is not the problem's line: it is the line
// where the construct the parser was in began (a mapping, often the first
// line), counted from 0 for parser errors and from 1 for scanner errors,
// and an unclosed quote or bracket is only found where the text ends.
// syntaxProblem therefore finds the line by a rule: the problem is on the
// line after the longest run of whole lines from the start that parses on
// its own.

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlSyntax returns the parser's error for src, or nil.
func yamlSyntax(src []byte) error {
	var n yaml.Node
	return yaml.Unmarshal(src, &n)
}

// yamlReaderProblems are the messages of the parser's reader, about the
// bytes themselves; they have no line.
var yamlReaderProblems = []string{
	"control characters are not allowed",
	"invalid leading UTF-8 octet",
	"incomplete UTF-8 octet sequence",
	"invalid trailing UTF-8 octet",
	"invalid length of a UTF-8 sequence",
	"invalid Unicode character",
	"incomplete UTF-16 character",
	"unexpected low surrogate area",
	"incomplete UTF-16 surrogate pair",
	"expected low surrogate area",
	"input error",
}

// yamlDirectiveProblems are the messages about a line that starts with %,
// which YAML reads as a directive.
var yamlDirectiveProblems = []string{
	"found unknown directive name",
	"could not find expected directive name",
	"found unexpected non-alphabetical character",
	"did not find expected digit or '.' character",
	"found extremely long version number",
	"did not find expected version number",
	"did not find expected whitespace",
	"did not find expected <document start>",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

func hasPrefixIn(msg string, list []string) bool {
	for _, p := range list {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// settleBudget bounds the bytes settleLine parses in all, so that a huge
// broken front matter costs a few parses, not one per line.
const settleBudget = 16 << 20

// yamlLineRE matches the parser's "line N: " in front of a message.
var yamlLineRE = regexp.MustCompile(`^line (\d+): `)

// syntaxProblem returns the line in src (from 1) that a parser error is
// about, and the error in Danish.
func syntaxProblem(src []byte, err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
	}
	var line int
	if hasPrefixIn(msg, yamlReaderProblems) {
		line = lineOf(src, badCharOffset(src))
	} else {
		line = settleLine(src)
	}
	return line, danishYAML(msg, lineText(src, line))
}

// Problem is syntaxProblem for other YAML files read with
// go.yaml.in/yaml/v3 (the glossary): the line of the error and the error
// in Danish.
func Problem(src []byte, err error) (int, string) { return syntaxProblem(src, err) }

// lineStarts returns the offset of each line of src: the first k lines are
// src[:starts[k]] (and all of src when k is the number of lines).
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// settleLine returns the line after the longest run of whole lines from
// the start of src that parses on its own: the first line that the text up
// to and including it cannot be read without. Past settleBudget bytes of
// parsing it halves the lines instead (true but for a multi-line value cut
// in the middle).
func settleLine(src []byte) int {
	starts := lineStarts(src)
	budget := settleBudget
	for k := len(starts) - 1; k >= 0; k-- {
		if budget -= starts[k]; budget < 0 {
			lo, hi := 0, k+1 // the first lo lines parse, the first hi do not
			for hi-lo > 1 {
				mid := (lo + hi) / 2
				if yamlSyntax(src[:starts[mid]]) == nil {
					lo = mid
				} else {
					hi = mid
				}
			}
			return hi
		}
		if yamlSyntax(src[:starts[k]]) == nil {
			return k + 1
		}
	}
	return 1
}

// lineOf returns the line (from 1) of byte offset off in src.
func lineOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// lineText returns line n (from 1) of src without its newline.
func lineText(src []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return nil
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return src
}

// yamlAllowed reports whether YAML's reader takes r (YAML 1.1, 5.1).
func yamlAllowed(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
		r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}

// badCharOffset returns the offset of the first byte YAML's reader refuses
// (a control character or a byte that is not UTF-8), or len(src).
func badCharOffset(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 || !yamlAllowed(r) {
			return i
		}
		i += size
	}
	return len(src)
}

// yamlBreaks are the characters YAML 1.1 reads as line breaks besides LF
// and CR (which Normalize has dealt with): NEL, LINE SEPARATOR and
// PARAGRAPH SEPARATOR. They come with text pasted from the web or Word and
// are invisible, and the parser starts a new line at each, so that a key can
// hide after one in the middle of a value.
var yamlBreaks = []string{"\u0085", "\u2028", "\u2029"}

// yamlBreakOffset returns the offset of the first of yamlBreaks in src, or -1.
func yamlBreakOffset(src []byte) int {
	first := -1
	for _, b := range yamlBreaks {
		if i := bytes.Index(src, []byte(b)); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

func yamlBreakMsg(r rune) string {
	return fmt.Sprintf("der står et usynligt linjeskift (U+%04X) på linjen; slet det – det kommer tit med, når tekst kopieres fra en hjemmeside eller Word", r)
}

// danishYAML explains a parser message (without "yaml: " and "line N: ")
// in Danish. line is the text of the line it is about, or nil. The
// parser's own words stay at the end in parentheses, for whoever helps
// the editor.
func danishYAML(msg string, line []byte) string {
	return yamlDanish(msg, line) + " (" + msg + ")"
}

func yamlDanish(msg string, line []byte) string {
	has := func(s string) bool { return strings.Contains(msg, s) }
	for _, b := range yamlBreaks {
		if bytes.Contains(line, []byte(b)) {
			r, _ := utf8.DecodeRuneInString(b)
			return yamlBreakMsg(r)
		}
	}
	switch {
	case has("control characters are not allowed"):
		if i := badCharOffset(line); i < len(line) {
			r, _ := utf8.DecodeRune(line[i:])
			return fmt.Sprintf("der står et usynligt styretegn (U+%04X) på linjen; slet det – det kommer tit med, når tekst kopieres fra Word eller en pdf", r)
		}
		return "der står et usynligt styretegn i felterne; slet det – det kommer tit med, når tekst kopieres fra Word eller en pdf"
	case hasPrefixIn(msg, yamlReaderProblems):
		return "teksten er ikke gemt som UTF-8 (æ, ø og å kan se forkerte ud); gem filen med tegnsættet UTF-8"
	case has("tab") || bytes.IndexByte(line, '\t') >= 0 && (has("cannot start any token") || has("indentation")):
		return "der står et tabulatortegn; brug mellemrum til at rykke ind"
	case has("mapping values are not allowed"):
		if len(line) > 0 && line[0] == ' ' && keySeparators(line) == 1 {
			return "linjen er rykket ind under et felt, der allerede har en værdi; fjern mellemrummene forrest på linjen, eller sæt værdien i anførselstegn, hvis kolonnet hører til teksten"
		}
		return "et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: \"Tid: 10-12\""
	case has("did not find expected key"):
		return expectedKeyMsg(line)
	case has("could not find expected ':'"):
		return "der mangler et kolon efter feltets navn; hver linje skal være navn: værdi, fx title: \"Sidens titel\""
	case has("found unexpected end of stream") || has("found unexpected document indicator"):
		if q := openingQuote(line); q != 0 {
			return fmt.Sprintf("anførselstegnet %c bliver ikke lukket; sæt %c i slutningen af værdien", q, q)
		}
		return "et anførselstegn bliver ikke lukket; sæt det samme tegn (\" eller ') i slutningen af værdien"
	case has("unknown escape character") || has("hexdecimal number") || has("Unicode character escape code"):
		return "en omvendt skråstreg (\\) i dobbelte anførselstegn skal skrives som \\\\; eller sæt enkelte anførselstegn (') om værdien i stedet"
	case has("did not find expected ',' or ']'"):
		return "en liste i [ ] bliver ikke lukket med ], eller der mangler et komma; sæt værdien i anførselstegn, hvis [ ] hører til teksten"
	case has("did not find expected ',' or '}'"):
		return "en { bliver ikke lukket med }, eller der mangler et komma; sæt værdien i anførselstegn, hvis { } hører til teksten"
	case has("did not find expected node content"):
		return "en [ eller { bliver ikke lukket, eller der mangler en værdi; sæt værdien i anførselstegn, hvis tegnene hører til teksten"
	case has("did not find expected '-' indicator"):
		return "linjen står i en liste, men mangler bindestregen (-) forrest, eller den er rykket forkert ind"
	case has("block sequence entries are not allowed"):
		return "en bindestreg (- ) forrest i en værdi læses som en liste; skriv listen på linjerne under feltet (fx \"  - bolig\"), eller sæt værdien i anførselstegn, fx " + quoteFix(line, `summary: "- og mere"`)
	case has("mapping keys are not allowed"):
		return "et spørgsmålstegn (? ) forrest i en værdi er et YAML-tegn; sæt værdien i anførselstegn, fx " + quoteFix(line, `title: "? Spørg os"`)
	case has("did not find expected alphabetic or numeric character"):
		return "* og & forrest i en værdi er YAML-tegn; sæt værdien i anførselstegn, fx " + quoteFix(line, `summary: "*Vigtigt* læs her"`)
	case has("tag URI") || has("expected '!'") || has("tag handle") || has("URI escaped octet") || has("expected '>'") ||
		has("found an incorrect") || has("whitespace or line break") && bytes.IndexByte(line, '!') >= 0:
		return "! forrest i en værdi er et YAML-tegn; sæt værdien i anførselstegn, fx " + quoteFix(line, `summary: "!Nyhed Vi åbner"`)
	case has("unknown anchor"):
		return "* forrest i en værdi henviser til et YAML-anker, som ikke findes; sæt værdien i anførselstegn, hvis * hører til teksten, fx " + quoteFix(line, `summary: "*Vigtigt* læs her"`)
	case has("exceeded max depth"):
		return "værdien har for mange lister eller [ ] og { } inden i hinanden; skriv den enklere"
	case has("indentation indicator") || has("comment or line break") && bytes.ContainsAny(line, "|>"):
		return "efter | og > skal teksten stå på linjerne under, rykket ind; sæt ellers værdien i anførselstegn, fx " + quoteFix(line, `summary: "> 18 år"`)
	case bytes.HasPrefix(line, []byte("%")) || hasPrefixIn(msg, yamlDirectiveProblems):
		return "en linje, der begynder med %, læses som en YAML-instruks; skriv feltets navn først, eller sæt det i anførselstegn"
	case has("cannot start any token"):
		if c := badStart(line); c != 0 {
			return fmt.Sprintf("tegnet %c kan ikke stå forrest i en værdi; sæt værdien i anførselstegn, fx %s", c, quoteFix(line, `summary: "@guldborgsund på Instagram"`))
		}
		return "et tegn forrest i værdien kan ikke stå der; sæt værdien i anførselstegn, fx " + quoteFix(line, `summary: "@guldborgsund på Instagram"`)
	}
	return "linjen kan ikke læses som navn: værdi; tjek kolon, anførselstegn og indrykning"
}

// expectedKeyMsg explains "did not find expected key" for the line: what
// follows a value on its line that cannot be there.
func expectedKeyMsg(line []byte) string {
	v := bytes.TrimSpace(lineValue(line))
	switch {
	case len(v) > 0 && (v[0] == '"' || v[0] == '\''):
		return "værdien begynder med et anførselstegn og fortsætter efter det næste; sæt anførselstegn om hele værdien, og brug den anden slags anførselstegn inden i, fx summary: \"STU'en starter\" eller summary: 'Han sagde \"hej\"'"
	case len(v) > 0 && (v[0] == '[' || v[0] == '{'):
		return "en værdi, der begynder med [ eller {, læses som en liste; sæt hele værdien i anførselstegn, fx " + quoteFix(line, `title: "[Aflyst] Møde"`)
	case len(line) > 0 && line[0] == ':':
		return "linjen begynder med et kolon; skriv feltets navn foran, fx title: \"Sidens titel\""
	}
	return "en linje er rykket forkert ind, eller et anførselstegn mangler"
}

// keySeparators counts the ": " (or a final ":") in a line outside quotes:
// the places YAML could read as between a key and its value.
func keySeparators(line []byte) int {
	n := 0
	var q byte
	for i, c := range line {
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case (c == '"' || c == '\'') && (i == 0 || line[i-1] == ' '):
			q = c
		case c == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			n++
		}
	}
	return n
}

// quoteFix returns the line with its value in double quotes (key: "value"),
// or fallback when the line has no key and value or the value has a " or \
// (or is long).
func quoteFix(line []byte, fallback string) string {
	v := lineValue(line)
	if len(v) == len(line) {
		return fallback
	}
	k := bytes.TrimSpace(line[:len(line)-len(v)-1])
	v = bytes.TrimSpace(v)
	if len(k) == 0 || len(v) == 0 || len(v) > 60 || bytes.ContainsAny(v, "\"\\") || bytes.Contains(v, []byte(" #")) {
		return fallback
	}
	return fmt.Sprintf("%s: \"%s\"", k, v)
}

// lineValue returns what follows a line's first key separator, or the line.
func lineValue(line []byte) []byte {
	for i, c := range line {
		if c == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			return line[i+1:]
		}
	}
	return line
}

// openingQuote returns the quote that starts a value on the line, or 0.
func openingQuote(line []byte) byte {
	for i, c := range line {
		if (c == '"' || c == '\'') && (i == 0 || bytes.IndexByte([]byte(" \t[{,"), line[i-1]) >= 0) {
			return c
		}
	}
	return 0
}

// badStart returns a character that cannot start a YAML value and stands
// at the start of one on the line, or 0.
func badStart(line []byte) byte {
	for i, c := range line {
		if (c == '@' || c == '`' || c == '%') && (i == 0 || bytes.IndexByte([]byte(" \t[{,"), line[i-1]) >= 0) {
			return c
		}
	}
	return 0
}

// nodePropertyMsg says in Danish that the property at src[off:] is refused.
func nodePropertyMsg(src []byte, off int) string {
	end := off + 1
	for end < len(src) && end-off < 40 && bytes.IndexByte([]byte(" \t\n,[]{}"), src[end]) < 0 {
		end++
	}
	tok := string(src[off:end])
	switch src[off] {
	case '&':
		return fmt.Sprintf("%q er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten", tok)
	case '*':
		return fmt.Sprintf("%q er en YAML-henvisning til et anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis * hører til teksten", tok)
	}
	return fmt.Sprintf("%q er et YAML-typemærke, og typemærker kan ikke bruges i felterne; sæt værdien i anførselstegn, hvis ! hører til teksten, fx %s", tok, quoteFix(lineText(src, lineOf(src, off)), `summary: "!Nyhed Vi åbner"`))
}
