package markdown

// Hostile and broken bodies: no panic, no stack overflow, no markup or
// script from the text in the HTML, and the known weak spots written down
// as skipped tests (t.Skip("BUG: …")) for whoever fixes them.

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/racetest"
)

// safeTags are the elements a rendered body may hold: what goldmark and
// its table and strikethrough extensions write, and what the glossary adds.
// A new element must be added here on purpose, after a look at what it can do.
var safeTags = map[string]bool{
	"p": true, "a": true, "img": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "em": true, "strong": true, "code": true, "pre": true,
	"hr": true, "br": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"del": true, "abbr": true, "dfn": true, "span": true, "sup": true, "sub": true,
}

// safeAttrs are the attributes a rendered body may hold.
var safeAttrs = map[string]bool{"href": true, "src": true, "alt": true, "title": true, "id": true, "class": true, "start": true, "style": true}

var (
	attrRE  = regexp.MustCompile(`^\s+([^\s=/>]+)(?:="([^"]*)")?`)
	styleOK = regexp.MustCompile(`^text-align:(left|center|right)$`)
)

// htmlHazard returns what in out could run code or inject markup, or "".
// It reads goldmark's output: every < starts a tag or a comment, attribute
// values are in double quotes with <, >, & and " escaped.
func htmlHazard(out []byte) string {
	s := string(out)
	if i := strings.Index(strings.ToLower(s), "<script"); i >= 0 {
		return "<script at byte " + fmt.Sprint(i)
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		rest := s[i:]
		if strings.HasPrefix(rest, "<!--") {
			end := strings.Index(rest, "-->")
			if end < 0 || rest[:end+3] != "<!-- raw HTML omitted -->" {
				return "a comment: " + clip40(rest)
			}
			i += end + 2
			continue
		}
		j := 1
		if j < len(rest) && rest[j] == '/' {
			j++
		}
		k := j
		for k < len(rest) && (rest[k] >= 'a' && rest[k] <= 'z' || rest[k] >= '0' && rest[k] <= '9') {
			k++
		}
		name := rest[j:k]
		if !safeTags[name] {
			return "element <" + name + ">: " + clip40(rest)
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return "an unclosed tag: " + clip40(rest)
		}
		attrs := strings.TrimSuffix(rest[k:end], "/")
		for strings.TrimSpace(attrs) != "" {
			m := attrRE.FindStringSubmatch(attrs)
			if m == nil {
				return "unreadable attributes: " + clip40(rest)
			}
			attrs = attrs[len(m[0]):]
			an, av := strings.ToLower(m[1]), html.UnescapeString(m[2])
			switch {
			case strings.HasPrefix(an, "aria-") || strings.HasPrefix(an, "data-"):
			case !safeAttrs[an]:
				return "attribute " + an + ": " + clip40(rest)
			case an == "style" && !styleOK.MatchString(av):
				return "style " + av
			case (an == "href" || an == "src") && badScheme(av) != "":
				return an + " with " + badScheme(av) + ": " + clip40(rest)
			}
		}
		i += end
	}
	return ""
}

// badScheme returns the scheme of u if a browser would run or open it as
// code or local content: it drops tabs and line breaks anywhere and leading
// control characters and spaces, as the URL parser does.
func badScheme(u string) string {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.ToLower(strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(u, s) {
			return s
		}
	}
	return ""
}

func clip40(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// identity is a LinkFunc that keeps every destination, so that only the
// renderer's own checks stand between the text and the HTML.
func identity(dest string, image bool) (string, string, bool) { return dest, "", false }

func TestHTMLHazardCatches(t *testing.T) {
	for _, bad := range []string{
		`<script>alert(1)</script>`, `<SCRIPT src=x>`, `<p onclick="x">a</p>`, `<a href="javascript:alert(1)">a</a>`,
		`<a href="&#106;avascript:alert(1)">a</a>`, `<a href="java&#x09;script:x">a</a>`, `<img src=" data:text/html,x">`,
		`<iframe src="x"></iframe>`, `<p style="background:url(x)">`, `<!-- <script> -->`, `<svg><a>`,
	} {
		if htmlHazard([]byte(bad)) == "" {
			t.Errorf("htmlHazard(%q) found nothing", bad)
		}
	}
	for _, good := range []string{
		`<p>Se <a href="/a/" title="Ti &quot;x&quot;">her</a> og <code>&lt;script&gt;</code></p>`,
		`<ol start="3"><li><img src="kort.png" alt="Kort"></li></ol><!-- raw HTML omitted -->`,
		`<p>Skriv javascript: i feltet</p>`, `<th style="text-align:left">a</th>`, `<hr>`, `<br />`,
	} {
		if h := htmlHazard([]byte(good)); h != "" {
			t.Errorf("htmlHazard(%q) = %q", good, h)
		}
	}
}

// Raw HTML in every place Markdown allows it: dropped, reported with its
// line as a warning, and never in the HTML.
func TestRobustRawHTMLEverywhere(t *testing.T) {
	tests := []struct{ name, body string }{
		{"in a list item", "- punkt\n- <script>alert(1)</script>\n"},
		{"in a nested quote", "> > Hej <script>alert(1)</script>\n"},
		{"in a table cell", "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |\n"},
		{"in a heading", "## Titel <script>alert(1)</script>\n"},
		{"in link text", "[<script>alert(1)</script>](/a/)\n"},
		{"in image alt", "![<img src=x onerror=alert(1)>](kort.png)\n"},
		{"style block", "<style>body{display:none}</style>\n"},
		{"iframe", "<iframe src=\"https://example.org\"></iframe>\n"},
		{"svg onload", "<svg onload=alert(1)>\n"},
		{"comment", "<!-- <script>alert(1)</script> -->\n"},
		{"processing instruction", "<?php echo 1; ?>\n"},
		{"CDATA", "<![CDATA[<script>alert(1)</script>]]>\n"},
		{"declaration", "<!DOCTYPE html>\n"},
		{"upper case", "<SCRIPT>alert(1)</SCRIPT>\n"},
		{"unclosed", "Tekst <script\n"},
		{"split over lines", "Tekst <a\nhref=\"javascript:alert(1)\">x</a>\n"},
		{"form", "<form action=\"https://example.org\"><input name=cpr></form>\n"},
		{"meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">\n"},
		{"base", "<base href=\"https://example.org/\">\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := New().Render([]byte(tt.body), 7, identity)
			if h := htmlHazard(res.HTML); h != "" {
				t.Errorf("HTML has %s:\n%s", h, res.HTML)
			}
			for _, bad := range []string{"alert(1)</", "onerror", "onload", "<iframe", "<style", "<form", "<meta", "<base"} {
				if strings.Contains(strings.ToLower(string(res.HTML)), bad) {
					t.Errorf("HTML contains %q:\n%s", bad, res.HTML)
				}
			}
			for _, p := range res.Problems {
				if p.Code == "raw-html" && (p.Line < 7 || p.Line > 9 || p.Error) {
					t.Errorf("raw-html problem %#v", p)
				}
			}
		})
	}
}

// Ways of writing a dangerous scheme that the existing tests do not try.
// Each must be refused (an error at its line) or at least never reach an
// href or src.
func TestRobustUnsafeSchemes(t *testing.T) {
	for _, dest := range []string{
		"  javascript:alert(1)", "<\x01javascript:alert(1)>", "jAvAsCrIpT:alert(1)", "javascript&colon;alert(1)",
		"javascript&#58;alert(1)", "&#x6A;avascript:alert(1)", "java&#x09;script:alert(1)", "java&Tab;script:alert(1)",
		"&#0000106avascript:alert(1)", "<javascript\t:alert(1)>", "DATA:text/html,<script>alert(1)</script>",
		"data&colon;text/html,x", "vbscript&#58;x", "file:///etc/passwd", "%6Aavascript:alert(1)", "javascript%3Aalert(1)",
	} {
		for _, form := range []string{"[klik](%s)", "![Billede](%s)", "[klik][r]\n\n[r]: %s", "[klik](%s \"titel\")"} {
			body := "Tekst\n\n" + fmt.Sprintf(form, dest) + "\n"
			res := New().Render([]byte(body), 1, identity)
			if h := htmlHazard(res.HTML); h != "" {
				t.Errorf("%q: HTML has %s:\n%s", body, h, res.HTML)
			}
		}
	}
}

// 10 000 levels of nested lists and quotes: no stack overflow, and the
// innermost text comes out. The time bound is a safety net for a hang, not
// a speed test.
func TestRobustDeepNesting(t *testing.T) {
	const n = 10000
	var quoteLines, listLines strings.Builder
	for i := 1; i <= 300; i++ {
		quoteLines.WriteString(strings.Repeat(">", i) + " linje\n")
	}
	for i := 0; i < 200; i++ {
		listLines.WriteString(strings.Repeat("  ", i) + "- punkt\n")
	}
	tests := map[string]string{
		"10000 nested bullet lists":  strings.Repeat("- ", n) + "inderst\n",
		"10000 nested ordered lists": strings.Repeat("1. ", n) + "inderst\n",
		"10000 nested quotes":        strings.Repeat("> ", n) + "inderst\n",
		"10000 quotes without space": strings.Repeat(">", n) + "inderst\n",
		"mixed lists and quotes":     strings.Repeat("- > ", n/2) + "inderst\n",
		"300 quote lines deepening":  quoteLines.String() + "inderst\n",
		"200 list lines deepening":   listLines.String() + "\ninderst\n",
		"10000 nested links":         strings.Repeat("[", n) + "inderst" + strings.Repeat("](/a/)", n),
		"10000 nested emphasis":      strings.Repeat("*", n) + "inderst" + strings.Repeat("*", n),
		"10000 nested strikethrough": strings.Repeat("~~a ", n) + "inderst",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			res := New().Render([]byte(body), 1, identity)
			took := time.Since(start)
			t.Logf("%d bytes in %v", len(body), took)
			if took > 10*time.Second*racetest.Slowdown() {
				t.Errorf("took %v", took)
			}
			refused := len(res.Problems) == 1 && res.Problems[0].Code == "emphasis" && res.Problems[0].Error
			if !strings.Contains(string(res.HTML), "inderst") && !refused {
				t.Errorf("the innermost text is lost, and the page was not refused with a message either")
			}
			if h := htmlHazard(res.HTML); h != "" {
				t.Errorf("HTML has %s", h)
			}
		})
	}
}

// BUG: goldmark's emphasis delimiters are quadratic in the number of
// mixed * and _ runs in a paragraph (goldmark issue #555, closed without a
// fix): 100 KB of "**a__" takes about 10 s, 1 MB about 15 minutes, and a
// page of 8 MB many hours. One pasted text hangs the build
// and the editors' preview. Render should bound the work (e.g. refuse or
// split paragraphs with more than some thousand delimiter runs, with a
// Danish message at the line).
func TestRobustEmphasisNotQuadratic(t *testing.T) {
	for _, pat := range []string{"**a__", "*a_", "~a*", "[*a_"} {
		body := strings.Repeat(pat, 100_000/len(pat))
		start := time.Now()
		res := New().Render([]byte(body), 1, identity)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%q × %d: %v", pat, 100_000/len(pat), took)
		}
		if len(res.Problems) == 0 || res.Problems[0].Line != 1 || !strings.Contains(res.Problems[0].Msg, "del det op med tomme linjer") {
			t.Errorf("%q: want a Danish error at line 1, got %+v", pat, res.Problems)
		}
	}
}

// BUG: a table with aligned columns (|:--|--:|) renders
// style="text-align:…" on every cell. The hosting CSP
// (docs/hosting/nginx.conf: style-src 'self', no 'unsafe-inline') blocks
// those attributes, so the alignment is lost and the browser reports a
// violation on the page; html-validate's no-inline-style (kept on in
// e2e/check.mjs) fails the page too. Render the alignment as a class
// (goldmark: extension.WithTableCellAlignMethod(extension.TableCellAlignNone)
// plus a class from a small renderer, or TableCellAlignAttribute with
// a CSS rule on [align]).
func TestRobustTableAlignNoInlineStyle(t *testing.T) {
	res := New().Render([]byte("| Tilbud | Pris |\n|:--|--:|\n| Botilbud | 0 kr. |\n"), 1, nil)
	if strings.Contains(string(res.HTML), "style=") {
		t.Errorf("inline style in\n%s", res.HTML)
	}
}
