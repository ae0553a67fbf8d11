package plainlang

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// Rules are the site's plain-language thresholds (config "plain"). A zero
// value turns its check off; a zero LixError means LIX is never an error.
type Rules struct {
	LixTarget      float64 // warn when the page's LIX is above this
	LixError       float64 // error when the page's LIX is above this (0: never)
	SentenceWords  int     // warn for sentences with more words
	ParagraphWords int     // warn for paragraphs with more words
}

// Report is the analysis of one page.
type Report struct {
	Lix       float64 // LIX of the page's main text
	Words     int
	Sentences int
	LongWords int            // words of more than six letters
	Longest   Sentence       // the longest sentence (the first, if several are as long)
	Findings  []diag.Finding // warnings (and errors if Rules ask) with File and Line
}

// Sentence is one sentence of a page.
type Sentence struct {
	Text  string // as written, trimmed
	Words int
	Line  int // line of its block in the file
}

// scratch is Analyze's working space.
type scratch struct {
	toks  []token
	spans []span
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Finding codes.
const (
	CodeLix           = "lix"
	CodeLongSentence  = "long-sentence"
	CodeLongParagraph = "long-paragraph"
)

// excerptWords is how many words of a long sentence a finding quotes.
const excerptWords = 8

// Analyze measures the running text of the page file (blocks as the markdown
// package gives them, in order) and reports against r.
func Analyze(file string, blocks []markdown.Block, r Rules) Report {
	return AnalyzeKnown(file, blocks, r, nil)
}

// Known holds the counts of blocks of text already measured, in order: a
// page's rendered main text repeats most of its Markdown's blocks word for
// word and in the same order, and those need not be split into words and
// sentences again. The zero value is empty and ready to use.
type Known struct {
	blocks []knownBlock
	next   int // where the next block is looked for first
	// Common, if set, holds the counts of short blocks every page may
	// show (a layout's headings, labels and "not filled in yet").
	Common *Common
}

// Common holds the counts of short blocks of text, by text, for many pages
// at once; safe for concurrent use. The zero value is empty and ready to
// use. It is a map a shard under a read-write lock rather than a
// sync.Map: a sync.Map hashes and compares its keys as interfaces, and
// needs the text made a string to look it up (the README's "Tuning").
type Common struct {
	shards [commonShards]commonShard
}

type commonShard struct {
	sync.RWMutex
	m map[string]Counts
}

// commonShards is how many locks Common's texts are spread over, so that
// the render goroutines seldom wait for each other.
const commonShards = 16

// shardOf is the shard of text: by its length and its middle byte, which
// spread a layout's labels and headings well enough for two or eight
// goroutines, at the cost of no hash.
func shardOf[T string | []byte](c *Common, text T) *commonShard {
	i := len(text)
	if i > 0 {
		i = i*31 + int(text[i/2])
	}
	return &c.shards[i%commonShards]
}

// get returns the counts of text, if c has them; a []byte text is not
// made a string.
func get[T string | []byte](c *Common, text T) (Counts, bool) {
	sh := shardOf(c, text)
	sh.RLock()
	n, ok := sh.m[string(text)]
	sh.RUnlock()
	return n, ok
}

// put records the counts n of text.
func (c *Common) put(text string, n Counts) {
	sh := shardOf(c, text)
	sh.Lock()
	if sh.m == nil {
		sh.m = map[string]Counts{}
	}
	sh.m[text] = n
	sh.Unlock()
}

// commonMax is the longest block (in bytes) Common keeps: a layout's
// labels and headings and the cards' titles and summaries that list pages
// repeat, not a page's paragraphs, which are its own.
const commonMax = 256

type knownBlock struct {
	text string
	c    Counts
}

// knownWindow is how many blocks lookup tries from where the last one
// was found: the layout adds blocks between them (which are not found),
// and a block written otherwise on the page is skipped.
const knownWindow = 8

// lookup returns the counts of a block with text, if known has one near
// where the last was found, or Common has it (text as bytes makes no
// string).
func lookup[T string | []byte](k *Known, text T) (Counts, bool) {
	if c, ok := nearBlock(k, text); ok {
		return c, true
	}
	if k.Common != nil && len(text) <= commonMax {
		return get(k.Common, text)
	}
	return Counts{}, false
}

// nearBlock returns the counts of a block with text, if known has one near
// where the last was found (lookup's first step; text as bytes makes no
// string).
func nearBlock[T string | []byte](k *Known, text T) (Counts, bool) {
	for i := k.next; i < len(k.blocks) && i < k.next+knownWindow; i++ {
		if k.blocks[i].text == string(text) {
			k.next = i + 1
			return k.blocks[i].c, true
		}
	}
	return Counts{}, false
}

// add records the counts c of a block with text (nothing if k is nil).
func (k *Known) add(text string, c Counts) {
	if k == nil {
		return
	}
	k.blocks = append(k.blocks, knownBlock{text, c})
	if k.Common != nil && len(text) <= commonMax {
		k.Common.put(text, c)
	}
}

// Counts are what one block of text adds to its page's figures.
type Counts struct {
	Words, Sentences, LongWords int
	Longest                     Sentence // the block's longest sentence (its first, if several); no Line
}

// AnalyzeKnown is Analyze that takes each block's counts from known when
// it has the block's text (so only if r asks for no long-sentence findings,
// which need each sentence) and adds those it measures to known (unless
// nil).
// The report is the same as Analyze's.
func AnalyzeKnown(file string, blocks []markdown.Block, r Rules, known *Known) Report {
	t := newTally(file, r, known)
	defer t.done()
	if known != nil && known.blocks == nil {
		known.blocks = make([]knownBlock, 0, len(blocks)) // the Markdown's blocks, all added
	}
	for _, b := range blocks {
		t.block(b)
	}
	return t.report()
}

// tally adds up a page's blocks into its report.
type tally struct {
	file      string
	r         Rules
	known     *Known
	rep       Report
	firstLine int
	found     bool
	findings  []diag.Finding
	// The words and sentences of a block are in buffers reused from block
	// to block and page to page: nothing keeps them.
	sc *scratch
}

func newTally(file string, r Rules, known *Known) *tally {
	return &tally{file: file, r: r, known: known, sc: scratchPool.Get().(*scratch)}
}

// done gives the tally's buffers back.
func (t *tally) done() { scratchPool.Put(t.sc) }

// block adds block b, its counts taken from known if it has them, else
// measured (and added to known).
func (t *tally) block(b markdown.Block) {
	var c Counts
	ok := false
	if t.known != nil && t.r.SentenceWords == 0 {
		c, ok = lookup(t.known, b.Text)
	}
	if !ok {
		t.measure(b)
		return
	}
	t.add(b, c)
}

// measure adds block b, measured (and added to known).
func (t *tally) measure(b markdown.Block) {
	var c Counts
	c, t.findings = t.sc.count(t.file, b, t.r, t.findings)
	t.known.add(b.Text, c)
	t.add(b, c)
}

// add adds the counts c of block b.
func (t *tally) add(b markdown.Block, c Counts) {
	if c.Words == 0 {
		return
	}
	if !t.found {
		t.firstLine, t.found = b.Line, true
	}
	t.rep.Words += c.Words
	t.rep.LongWords += c.LongWords
	t.rep.Sentences += c.Sentences
	if c.Longest.Words > t.rep.Longest.Words {
		t.rep.Longest = c.Longest
		t.rep.Longest.Line = b.Line
	}
	if t.r.ParagraphWords > 0 && b.Kind != markdown.Heading && c.Words > t.r.ParagraphWords {
		t.findings = append(t.findings, diag.Finding{
			File: t.file, Line: b.Line, Severity: diag.Warning, Code: CodeLongParagraph,
			Msg:  fmt.Sprintf("%s har %d ord (højst %d)", blockNoun(b.Kind), c.Words, t.r.ParagraphWords),
			Hint: "del teksten op i flere korte afsnit, eventuelt med en overskrift eller en punktliste",
		})
	}
}

// report is the page's report once every block is added.
func (t *tally) report() Report {
	rep := t.rep
	rep.Lix = lix(rep.Words, rep.Sentences, rep.LongWords)
	findings := t.findings
	if f, ok := lixFinding(t.file, t.firstLine, rep.Lix, t.r); t.found && ok {
		findings = append([]diag.Finding{f}, findings...)
	}
	rep.Findings = findings
	return rep
}

// count splits block b into words and sentences and counts them, adding a
// finding for each sentence longer than r allows to findings.
func (sc *scratch) count(file string, b markdown.Block, r Rules, findings []diag.Finding) (Counts, []diag.Finding) {
	var c Counts
	toks := tokenizeInto(sc.toks[:0], b.Text)
	sc.toks = toks
	if len(toks) == 0 {
		return c, findings
	}
	c.Words = len(toks)
	for _, t := range toks {
		if t.letters > 6 {
			c.LongWords++
		}
	}
	sc.spans = sentenceSpansInto(sc.spans[:0], b.Text, toks)
	for _, sp := range sc.spans {
		c.Sentences++
		n := sp.to - sp.from
		if n > c.Longest.Words {
			c.Longest = Sentence{Text: b.Text[sp.start:sp.end], Words: n}
		}
		if r.SentenceWords > 0 && n > r.SentenceWords {
			findings = append(findings, diag.Finding{
				File: file, Line: b.Line, Severity: diag.Warning, Code: CodeLongSentence,
				Msg:  fmt.Sprintf("sætningen har %d ord (højst %d): \"%s\"", n, r.SentenceWords, excerpt(b.Text, sp, toks)),
				Hint: "del den op i kortere sætninger med én pointe hver",
			})
		}
	}
	return c, findings
}

// lixFinding returns the finding for a page's LIX, if it is too high.
func lixFinding(file string, line int, value float64, r Rules) (diag.Finding, bool) {
	shown := int(math.Round(value))
	target := r.LixTarget
	if target <= 0 {
		target = r.LixError
	}
	f := diag.Finding{File: file, Line: line, Severity: diag.Warning, Code: CodeLix,
		Msg: fmt.Sprintf("LIX er %d; målet er højst %d – brug kortere sætninger og kortere ord", shown, whole(target))}
	switch {
	case r.LixError > 0 && float64(shown) > r.LixError:
		f.Severity = diag.Error
		f.Hint = fmt.Sprintf("LIX over %d stopper bygningen", whole(r.LixError))
		return f, true
	case r.LixTarget > 0 && float64(shown) > r.LixTarget:
		return f, true
	}
	return f, false
}

// whole is the largest whole number a rounded LIX may reach within limit t.
func whole(t float64) int { return int(math.Floor(t)) }

func blockNoun(k markdown.BlockKind) string {
	switch k {
	case markdown.ListItem:
		return "punktet"
	case markdown.TableCell:
		return "cellen"
	}
	return "afsnittet"
}

// excerpt is the start of the sentence sp, up to its eighth word, on one line.
func excerpt(text string, sp span, toks []token) string {
	end, more := sp.end, ""
	if sp.to-sp.from > excerptWords {
		end, more = toks[sp.from+excerptWords-1].end, "…"
	}
	return strings.Join(strings.Fields(text[sp.start:end]), " ") + more
}

// Lix returns the LIX of a plain text, split into sentences as Sentences does.
func Lix(text string) float64 {
	toks := tokenize(text)
	long := 0
	for _, t := range toks {
		if t.letters > 6 {
			long++
		}
	}
	return lix(len(toks), len(sentenceSpans(text, toks)), long)
}

func lix(words, sentences, long int) float64 {
	if words == 0 || sentences == 0 {
		return 0
	}
	return float64(words)/float64(sentences) + 100*float64(long)/float64(words)
}

// Sentences splits text into sentences, trimmed, leaving out those without a
// word. The end of text always ends a sentence.
func Sentences(text string) []string {
	spans := sentenceSpans(text, tokenize(text))
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.start:sp.end]
	}
	return out
}

// Words returns the words of text in order, as the LIX counts them.
func Words(text string) []string {
	toks := tokenize(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text[t.start:t.end]
	}
	return out
}

// Abbreviations returns, once each and in order of first appearance, the
// all-capital words of two letters or more ("STU", "CFA", "A/S"; the part
// before a hyphen or apostrophe counts on its own, so "STU-forløb" and
// "SFT'en" give "STU" and "SFT") and the paragraph references "§ 110"
// (written with one space). Single capitals, such as "I" or an initial, are
// not abbreviations.
func Abbreviations(text string) []string {
	if !mayHaveAbbreviation(text) {
		return nil
	}
	return abbreviations(text)
}

// mayHaveAbbreviation reports whether text could hold an abbreviation or
// a § reference: a § or two capitals with no small letter and no space
// between them ("STU", "A.A", "IT-"). Most paragraphs have neither, and
// this pass is much cheaper than splitting them into words.
func mayHaveAbbreviation(text string) bool {
	upper := false
	for _, r := range text {
		c := class(r)
		switch {
		case r == '§':
			return true
		case c&isUpper != 0:
			if upper {
				return true
			}
			upper = true
		case c&(isLetter|isSpace) != 0:
			upper = false
		}
	}
	return false
}

func abbreviations(text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	toks := tokenize(text)
	ti := 0
	for i := 0; i < len(text); {
		// Paragraph references come before the number token they hold.
		if strings.HasPrefix(text[i:], "§") {
			ref, n, ok := paragraphRef(text[i:])
			if ok {
				add(ref)
				for ti < len(toks) && toks[ti].start < i+n {
					ti++
				}
			}
			i += n
			continue
		}
		if ti < len(toks) && toks[ti].start == i {
			for _, part := range strings.FieldsFunc(text[toks[ti].start:toks[ti].end], isHyphenOrApostrophe) {
				if allCapitals(part) {
					add(part)
				}
			}
			i = toks[ti].end
			ti++
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// paragraphRef reads "§ 110" or "§§ 83a" at the start of s and returns it
// with one space, and how many bytes it took. When s holds no reference, n
// still covers the signs, so a run of them is read once.
func paragraphRef(s string) (ref string, n int, ok bool) {
	i := 0
	for strings.HasPrefix(s[i:], "§") {
		i += len("§")
	}
	sign, signs := s[:i], i
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	d := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == d {
		return "", signs, false
	}
	if i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		if r, _ := utf8.DecodeRuneInString(s[i+1:]); i+1 == len(s) || !isWordRune(r) {
			i++
		}
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); i < len(s) && isWordRune(r) {
		return "", signs, false // "§ 110x1" is no reference
	}
	return sign + " " + s[d:i], i, true
}

func isHyphenOrApostrophe(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '\'' || r == '’'
}

// allCapitals says whether s has two letters or more, all of them capitals.
func allCapitals(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// token is one word of a text: its byte range and how many letters it has.
type token struct {
	start, end int
	letters    int
}

func isWordStart(r rune) bool { return class(r)&(isLetter|isNumber) != 0 }

func isWordRune(r rune) bool { return isWordClass(r, class(r)) }

// isWordClass is isWordRune for r of class c, for a loop that has c already.
func isWordClass(r rune, c uint8) bool {
	return c&(isLetter|isNumber) != 0 || r >= rune(len(latin)) && unicode.IsMark(r) // no marks below U+0300
}

func isLetterRune(r rune) bool { return class(r)&isLetter != 0 }

// class returns what package unicode says r is: from latin below U+0300.
func class(r rune) uint8 {
	if r >= 0 && r < rune(len(latin)) {
		return latin[r]
	}
	return classOf(r)
}

// latin holds unicode.IsLetter, IsNumber, IsUpper and IsSpace for the
// code points below U+0300, where Danish text is (and no mark is): the
// tokenizer looks every character up, and unicode's own tables need a
// search for many of them.
var latin = func() (t [0x300]uint8) {
	for r := range t {
		t[r] = classOf(rune(r))
	}
	return t
}()

// classOf returns what package unicode says r is, as latin holds it.
func classOf(r rune) uint8 {
	var c uint8
	if unicode.IsLetter(r) {
		c |= isLetter
	}
	if unicode.IsNumber(r) {
		c |= isNumber
	}
	if unicode.IsUpper(r) {
		c |= isUpper
	}
	if unicode.IsSpace(r) {
		c |= isSpace
	}
	return c
}

const (
	isLetter = 1 << iota
	isNumber
	isUpper
	isSpace
)

// tokenize finds the words of s (see the package comment).
func tokenize(s string) []token { return tokenizeInto(nil, s) }

// tokenizeInto appends the words of s to toks (which may be a reused buffer).
func tokenizeInto(toks []token, s string) []token {
	i := 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if class(r)&(isLetter|isNumber) == 0 { // isWordStart, inlined
			i += size
			continue
		}
		t := token{start: i}
		prev := r
		for i < len(s) {
			if r, size = rune(s[i]), 1; r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			// One class look-up for both questions: this loop sees every
			// character of the text.
			if c := class(r); isWordClass(r, c) {
				if c&isLetter != 0 {
					t.letters++
				}
				prev = r
				i += size
				continue
			}
			next, nsize := utf8.DecodeRuneInString(s[i+size:])
			if nsize == 0 || !joins(prev, r, next) {
				break
			}
			i += size
		}
		t.end = i
		toks = append(toks, t)
	}
	return toks
}

// joins says whether c, between the word runes prev and next, is inside a word.
func joins(prev, c, next rune) bool {
	switch c {
	case '-', '‐', '‑', '\'', '’', '/', '.':
		return isWordStart(next)
	case ',', ':':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

// span is one sentence: its trimmed byte range and its words toks[from:to].
type span struct {
	start, end int
	from, to   int
}

// neverEnds are abbreviations that something always follows in the sentence:
// a full stop after them never ends a sentence.
var neverEnds = set(
	"bl.a.", "bl.", "f.eks.", "f.", "eks.", "fx.", "tlf.", "nr.", "ca.", "dvs.", "d.v.s.",
	"jf.", "jvf.", "pga.", "p.g.a.", "evt.", "inkl.", "ekskl.", "kl.", "stk.", "pkt.",
	"mht.", "m.h.t.", "vedr.", "hhv.", "ift.", "i.f.t.", "iht.", "i.h.t.", "vha.", "v.h.a.",
	"ang.", "iflg.", "s.", "hr.", "fr.", "dr.", "sdr.", "gl.",
)

// mayEnd are abbreviations that often close a sentence: their full stop ends
// it when the next word starts with a capital letter.
var mayEnd = set(
	"mv.", "m.v.", "osv.", "o.s.v.", "m.fl.", "mfl.", "o.l.", "ol.", "m.m.", "mm.", "etc.",
	"kr.", "pct.", "mio.", "mia.", "mdr.", "md.", "min.", "sek.", "ff.", "st.",
	"jan.", "feb.", "aug.", "sept.", "okt.", "nov.", "dec.", "lign.",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == ':' || r == '…'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '«', '›', '‹', ')', ']', '}':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '„', '‘', '»', '«', '›', '‹', '(', '[', '{':
		return true
	}
	return false
}

// sentenceSpans splits text, whose words are toks, into sentences with at
// least one word each.
func sentenceSpans(text string, toks []token) []span {
	return sentenceSpansInto(nil, text, toks)
}

// sentenceSpansInto appends the sentences of text to out (which may be a
// reused buffer).
func sentenceSpansInto(out []span, text string, toks []token) []span {
	ti := 0 // first token not yet in a sentence
	cut := func(start, end int) {
		from := ti
		for ti < len(toks) && toks[ti].start < end {
			ti++
		}
		if ti == from {
			return
		}
		for start < end {
			r, size := utf8.DecodeRuneInString(text[start:])
			if !unicode.IsSpace(r) {
				break
			}
			start += size
		}
		for end > start {
			r, size := utf8.DecodeLastRuneInString(text[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= size
		}
		out = append(out, span{start: start, end: end, from: from, to: ti})
	}
	start := 0
	for i := 0; i < len(text); {
		// Most characters are not terminators: an ASCII one is told by
		// its byte, and of the others only "…" is one.
		if c := text[i]; c < utf8.RuneSelf {
			if c != '.' && c != '!' && c != '?' && c != ':' {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); r != '…' {
			i += size
			continue
		}
		j, strong := i, false
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isTerminator(r) {
				break
			}
			if r == '!' || r == '?' || r == ':' {
				strong = true
			}
			j += size
		}
		k := j
		for k < len(text) {
			r, size := utf8.DecodeRuneInString(text[k:])
			if !isCloser(r) {
				break
			}
			k += size
		}
		if r, _ := utf8.DecodeRuneInString(text[k:]); k < len(text) && !unicode.IsSpace(r) {
			i = j // inside a word ("1.000", "10:30") or odd punctuation
			continue
		}
		if strong || dotEnds(text, i, j, k, toks) {
			cut(start, k)
			start = k
		}
		i = k
	}
	cut(start, len(text))
	return out
}

// dotEnds says whether the full stops text[i:j] (closers up to k) end a
// sentence.
func dotEnds(text string, i, j, k int, toks []token) bool {
	next := nextWordRune(text[k:])
	if unicode.IsLower(next) {
		return false
	}
	if j-i != 1 || text[i] != '.' {
		return true
	}
	t, ok := tokenEndingAt(toks, i)
	if !ok {
		return true
	}
	if w, ok := abbreviationKey(text[t.start:t.end]); ok {
		switch {
		case neverEnds[string(w)]:
			return false
		case mayEnd[string(w)]:
			return next == 0 || unicode.IsUpper(next)
		}
	}
	last := text[t.start:t.end]
	if d := strings.LastIndexByte(last, '.'); d >= 0 {
		last = last[d+1:]
	}
	if r, size := utf8.DecodeRuneInString(last); size == len(last) && unicode.IsUpper(r) && r != 'I' {
		return false // an initial: "H. C. Andersen"; "I" is the pronoun: "Det bestemmer I."
	}
	return true
}

// abbreviationKey is word lowercased with its full stop, the spelling
// neverEnds and mayEnd use; ok is false for a word that cannot be one of
// them: longer than the longest, or with a letter outside ASCII (they are
// all ASCII, TestAbbreviationListsFitKey). Inlined in dotEnds, its buffer
// stays on the stack (go build -gcflags=-m).
func abbreviationKey(word string) (key []byte, ok bool) {
	var buf [maxAbbreviation]byte
	if len(word)+1 > len(buf) {
		return nil, false
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	buf[len(word)] = '.'
	return buf[:len(word)+1], true
}

// maxAbbreviation is the length of the longest word in neverEnds and
// mayEnd, with its full stop ("f.eks.", "ekskl.").
const maxAbbreviation = 6

// nextWordRune is the first letter or digit of s after white space and
// opening quotes or brackets, or 0 if none comes first.
func nextWordRune(s string) rune {
	for _, r := range s {
		if unicode.IsSpace(r) || isOpener(r) {
			continue
		}
		if isWordStart(r) {
			return r
		}
		return 0
	}
	return 0
}

// tokenEndingAt finds the word that ends right at byte i.
func tokenEndingAt(toks []token, i int) (token, bool) {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].end < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(toks) && toks[lo].end == i {
		return toks[lo], true
	}
	return token{}, false
}
