package content

import (
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Word-paste mistakes: each is found at its line with a Danish fix.
func TestWordPasteHygiene(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
		sev       diag.Severity
		code      string
		msg, hint string
	}{
		{"hard space after the colon", "---\ntitle: Side\nsummary:\u00a0Kort\n---\n", 3, diag.Error, "odd-space",
			"hårdt mellemrum (U+00A0)", "almindeligt mellemrum"},
		{"hard space before the colon", "---\ntitle: Side\nsummary\u00a0: Kort\n---\n", 3, diag.Error, "odd-space",
			"hårdt mellemrum", "almindeligt mellemrum"},
		{"zero-width space in a key", "---\ntitle: Side\nsum\u200bmary: Kort\n---\n", 3, diag.Error, "invisible",
			"U+200B", "slet tegnet"},
		{"smart quotes around a title", "---\ntitle: ”Åbent hus”\n---\n", 2, diag.Error, "smart-quotes",
			"typografiske anførselstegn (”…)", `almindelige anførselstegn: "…"`},
		{"smart quotes inside quotes", "---\ntitle: \"”Åbent hus”\"\n---\n", 2, diag.Error, "smart-quotes", "anførselstegn", ""},
		{"smart quotes in a list", "---\ntitle: Side\ntags:\n  - „hjælp“\n---\n", 4, diag.Error, "smart-quotes",
			"anførselstegn", ""},
		{"word bullet with a tab", "---\ntitle: Side\n---\nDu får:\n\n•\tmad\n•\tdrikke\n", 6, diag.Warning, "word-bullet",
			"punkttegnet • fra Word", "skriv - og et mellemrum"},
		{"word dash bullet", "---\ntitle: Side\n---\n– en ting\n", 4, diag.Warning, "word-bullet", "punkttegnet –", ""},
		{"zero-width in the body", "---\ntitle: Side\n---\nHej\u200b med dig\n", 4, diag.Warning, "invisible", "U+200B", ""},
		{"placeholder in a draft", "---\ntitle: Side\ndraft: true\nsummary: \"UDFYLD: Skriv kort\"\n---\n", 4, diag.Warning, "placeholder",
			"pladsholdertekst", "UDFYLD"},
		{"placeholder published", "---\ntitle: Side\n---\n\nUDFYLD: Skriv siden her.\n", 5, diag.Error, "placeholder",
			"ville blive udgivet", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, fs := parse(t, "side.md", c.src)
			var got *diag.Finding
			for i := range fs {
				if fs[i].Code == c.code && got == nil {
					got = &fs[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s finding: %v", c.code, fs)
			}
			if got.Line != c.line || got.Severity != c.sev || !strings.Contains(got.Msg, c.msg) || !strings.Contains(got.Hint, c.hint) || got.File != "content/side.md" {
				t.Errorf("got %s: %s (%s) severity %v", got.Pos(), got.Msg, got.Hint, got.Severity)
			}
			if c.sev == diag.Error {
				for _, f := range fs {
					if strings.Contains(f.Msg, "kolon") {
						t.Errorf("the odd character is also reported as YAML trouble: %s", f.Msg)
					}
				}
			}
		})
	}
}

// What is not a mistake stays quiet: Markdown lists, a quoted title with
// ordinary quotes, a hard space in running text, a bullet in a code block.
func TestHygieneLeavesGoodTextAlone(t *testing.T) {
	src := "---\ntitle: \"Tid: 10-12\"\nsummary: Han sagde ”ja”\ntags: [\"”ja” og ”nej” er svar\"]\n---\n- en\n- to\n\nPris 10\u00a0kr.\n\n```\n• kode\n```\n"
	s, fs := parse(t, "side.md", src)
	if s == nil || len(fs) != 0 {
		t.Errorf("good text gave findings: %v", fs)
	}
}

// TestHygieneShortcuts holds the two shortcuts of the hygiene checks to
// the characters they look for: a file without any of oddLeads' bytes has
// none of them, and bodyHygiene's loop skips only characters below every
// invisible one but the soft hyphen.
func TestHygieneShortcuts(t *testing.T) {
	var all []rune
	for r := range oddSpace {
		all = append(all, r)
	}
	for r := range invisible {
		all = append(all, r)
		if r != '\u00ad' && r < '\u200b' {
			t.Errorf("invisible has %U, which bodyHygiene skips without a lookup", r)
		}
	}
	all = append(append(all, []rune(quotesOpen)...), []rune(wordBullets)...)
	for _, r := range all {
		if !mayHaveOdd([]byte("tekst med " + string(r) + " i")) {
			t.Errorf("mayHaveOdd misses %U", r)
		}
	}
	if mayHaveOdd([]byte("Æbler, øl og ål - med \"citat\" og 'citat'; é, ü")) {
		t.Error("mayHaveOdd finds an odd character in plain Danish text")
	}
}
