package frontmatter

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/racetest"
)

// BUG: front matter that is YAML but not a mapping (a list, or one line of
// text) gives go-yaml's message over several lines with Go type names:
// "unmarshal errors:\n  : cannot unmarshal !!str `a` into yaml.MapItem".
// It should say in Danish that the fields must be written as "navn: værdi"
// lines, at the first line of the front matter.
func TestRobustFrontMatterNotAMapping(t *testing.T) {
	for _, src := range []string{"---\n- a\n- b\n---\n", "---\nbare en tekst\n---\n", "---\n42\n---\n"} {
		_, err := FrontMatter(split(t, src))
		var se *SplitError
		if !errors.As(err, &se) {
			t.Fatalf("FrontMatter(%q) error = %#v, want a *SplitError", src, err)
		}
		if se.Line != 2 || strings.Contains(se.Msg, "\n") || strings.Contains(se.Msg, "unmarshal") || strings.Contains(se.Msg, "yaml.Map") {
			t.Errorf("FrontMatter(%q): line %d %q", src, se.Line, se.Msg)
		}
	}
}

// A top-level key that YAML reads as something other than text ("null:",
// "~:", "1:", "true:", "? [a, b]") keeps its line and is named as the file
// writes it, not under fmt.Sprint's spelling ("<nil>", "[a b]") at line 0;
// so is a key with a blank in it.
func TestRobustFrontMatterOddKeysHaveLines(t *testing.T) {
	src := "---\ntitle: a\nnull: b\n~: c\n1: d\ntrue: e\nyes: f\n? [a, b]\n: g\n[tags]: h\nmy key: i\n\"1\": j\nNULL: k\n.nan: l\n---\n"
	fields, err := FrontMatter(split(t, src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{
		{"title", "a", 2}, {"null", "b", 3}, {"~", "c", 4}, {"1", "d", 5}, {"true", "e", 6}, {"yes", "f", 7},
		{"[a, b]", "g", 8}, {"[tags]", "h", 10}, {"my key", "i", 11}, {"1", "j", 12}, {"NULL", "k", 13}, {".nan", "l", 14},
	}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("FrontMatter =\n%#v\nwant\n%#v", fields, want)
	}
}

// billionLaughs is front matter whose aliases would expand to 9^9 strings.
func billionLaughs() string {
	bomb := "---\ntitle: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n"
		prev = n
	}
	return bomb + "---\n"
}

// Every error path of the YAML parser that an editor can reach, and the
// YAML features the fields do not need (anchors, aliases, tags, merges),
// give a Danish message at the line the problem is on: not at the parser's
// "line N", which is where the construct began (counted from 0 for parser
// errors), and for an unclosed quote or bracket where the text ends. The
// parser's own words may follow in parentheses. (These cases were written
// for gopkg.in/yaml.v2 and pass unchanged on go.yaml.in/yaml/v3.)
func TestRobustFrontMatterYAMLDanish(t *testing.T) {
	bomb := billionLaughs()
	tests := []struct {
		name string
		src  string
		line int
		msg  string // after "ugyldig YAML i felterne: "
	}{
		{"an anchor and an alias", "---\ntitle: a\na: &x [1]\nb: *x\n---\n", 3,
			"\"&x\" er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten"},
		{"an alias to an anchor that does not exist", "---\ntitle: a\nb: *nope\n---\n", 3,
			"\"*nope\" er en YAML-henvisning til et anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis * hører til teksten"},
		{"an anchor alone", "---\ntitle: a\nsummary: &b\n---\n", 3,
			"\"&b\" er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten"},
		{"an anchor that contains itself", "---\ntitle: a\na: &x [*x]\n---\n", 3,
			"\"&x\" er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten"},
		{"excessive aliasing (billion laughs)", bomb, 3,
			"\"&a\" er et YAML-anker, og ankre og henvisninger kan ikke bruges i felterne; skriv værdien helt ud, eller sæt den i anførselstegn, hvis & hører til teksten"},
		{"a tag", "---\ntitle: a\nsummary: !Nyhed Vi åbner\n---\n", 3,
			"\"!Nyhed\" er et YAML-typemærke, og typemærker kan ikke bruges i felterne; sæt værdien i anførselstegn, hvis ! hører til teksten, fx summary: \"!Nyhed Vi åbner\""},
		{"a !!binary tag with bad base64", "---\ntitle: a\nsummary: !!binary xyz\n---\n", 3,
			"\"!!binary\" er et YAML-typemærke, og typemærker kan ikke bruges i felterne; sæt værdien i anførselstegn, hvis ! hører til teksten, fx summary: \"!!binary xyz\""},
		{"a tag YAML cannot read", "---\ntitle: a\nsummary: !Vigtigt! læs\n---\n", 3,
			"! forrest i en værdi er et YAML-tegn; sæt værdien i anførselstegn, fx summary: \"!Vigtigt! læs\" (did not find expected tag URI)"},
		{"a merge key", "---\ntitle: a\n<<: {x: 1}\n---\n", 3,
			"\"<<\" fletter felter ind fra et andet sted og kan ikke bruges i felterne; skriv felterne ud hver for sig"},
		{"a merge key with a number", "---\ntitle: a\n<<: 3\n---\n", 3,
			"\"<<\" fletter felter ind fra et andet sted og kan ikke bruges i felterne; skriv felterne ud hver for sig"},
		{"10000 unclosed [", "---\ntitle: a\nsummary: " + strings.Repeat("[", 10000) + "\n---\n", 3,
			"en [ eller { bliver ikke lukket, eller der mangler en værdi; sæt værdien i anførselstegn, hvis tegnene hører til teksten (did not find expected node content)"},
		{"10001 nested [ ]", "---\ntitle: a\nsummary: " + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + "\n---\n", 3,
			"værdien har for mange lister eller [ ] og { } inden i hinanden; skriv den enklere (exceeded max depth of 10000)"},
		{"20000 nested { }", "---\ntitle: " + strings.Repeat("{a: ", 20000) + "b" + strings.Repeat("}", 20000) + "\n---\n", 2,
			"værdien har for mange lister eller [ ] og { } inden i hinanden; skriv den enklere (exceeded max depth of 10000)"},
		{"a tab before a key", "---\ntitle: a\n\tsummary: b\n---\n", 3,
			"der står et tabulatortegn; brug mellemrum til at rykke ind (found a tab character that violates indentation)"},
		{"a tab before a list item", "---\ntitle: a\ntags:\n\t- a\n---\n", 4,
			"der står et tabulatortegn; brug mellemrum til at rykke ind (found character that cannot start any token)"},
		{"a tab in a block scalar", "---\ntitle: a\nsummary: >\n\tKort\n---\n", 4,
			"der står et tabulatortegn; brug mellemrum til at rykke ind (found a tab character where an indentation space is expected)"},
		{"a colon in a value", "---\ntitle: a\nsummary: Tid: 10-12\n---\n", 3,
			"et kolon midt i en værdi; sæt værdien i anførselstegn, fx title: \"Tid: 10-12\" (mapping values are not allowed in this context)"},
		{"a key indented under a value", "---\ntitle: a\nsummary: b\n  weight: 3\n---\n", 4,
			"linjen er rykket ind under et felt, der allerede har en værdi; fjern mellemrummene forrest på linjen, eller sæt værdien i anførselstegn, hvis kolonnet hører til teksten (mapping values are not allowed in this context)"},
		{"text after a closing quote", "---\ntitle: a\nsummary: \"b\" c\n---\n", 3,
			"værdien begynder med et anførselstegn og fortsætter efter det næste; sæt anførselstegn om hele værdien, og brug den anden slags anførselstegn inden i, fx summary: \"STU'en starter\" eller summary: 'Han sagde \"hej\"' (did not find expected key)"},
		{"an apostrophe inside single quotes", "---\ntitle: a\nsummary: 'It's'\n---\n", 3,
			"værdien begynder med et anførselstegn og fortsætter efter det næste; sæt anførselstegn om hele værdien, og brug den anden slags anførselstegn inden i, fx summary: \"STU'en starter\" eller summary: 'Han sagde \"hej\"' (did not find expected key)"},
		{"a value starting with [", "---\ntitle: [Aflyst] Møde\n---\n", 2,
			"en værdi, der begynder med [ eller {, læses som en liste; sæt hele værdien i anførselstegn, fx title: \"[Aflyst] Møde\" (did not find expected key)"},
		{"an indented key after a comment", "---\ntitle: a\nsummary: b\n# kommentar\n  x: y\n---\n", 5,
			"en linje er rykket forkert ind, eller et anførselstegn mangler (did not find expected key)"},
		{"a line starting with a colon", "---\ntitle: a\n: b\n---\n", 3,
			"linjen begynder med et kolon; skriv feltets navn foran, fx title: \"Sidens titel\" (did not find expected key)"},
		{"@ at the start of a value", "---\ntitle: a\nsummary: @b\n---\n", 3,
			"tegnet @ kan ikke stå forrest i en værdi; sæt værdien i anførselstegn, fx summary: \"@b\" (found character that cannot start any token)"},
		{"a backquote at the start of a value", "---\ntitle: a\nsummary: `b`\n---\n", 3,
			"tegnet ` kan ikke stå forrest i en værdi; sæt værdien i anførselstegn, fx summary: \"`b`\" (found character that cannot start any token)"},
		{"% at the start of a value", "---\ntitle: a\nsummary: %b\n---\n", 3,
			"tegnet % kan ikke stå forrest i en værdi; sæt værdien i anførselstegn, fx summary: \"%b\" (found character that cannot start any token)"},
		{"% at the start of a line", "---\ntitle: a\n%x: b\n---\n", 3,
			"en linje, der begynder med %, læses som en YAML-instruks; skriv feltets navn først, eller sæt det i anførselstegn (found unexpected non-alphabetical character)"},
		{"an unclosed double quote", "---\ntitle: \"a\nsummary: b\n---\n", 2,
			"anførselstegnet \" bliver ikke lukket; sæt \" i slutningen af værdien (found unexpected end of stream)"},
		{"an unclosed single quote, two lines before the end", "---\ntitle: a\nsummary: 'b\nweight: 3\ndraft: true\n---\n", 3,
			"anførselstegnet ' bliver ikke lukket; sæt ' i slutningen af værdien (found unexpected end of stream)"},
		{"an unclosed [", "---\ntitle: a\nsummary: [b\n---\n", 3,
			"en liste i [ ] bliver ikke lukket med ], eller der mangler et komma; sæt værdien i anførselstegn, hvis [ ] hører til teksten (did not find expected ',' or ']')"},
		{"an unclosed [ after a closed one over two lines", "---\ntitle: a\ntags: [a,\n  b]\nsummary: [c\n---\n", 5,
			"en liste i [ ] bliver ikke lukket med ], eller der mangler et komma; sæt værdien i anførselstegn, hvis [ ] hører til teksten (did not find expected ',' or ']')"},
		{"an unclosed {", "---\ntitle: a\nsummary: {b\n---\n", 3,
			"en { bliver ikke lukket med }, eller der mangler et komma; sæt værdien i anførselstegn, hvis { } hører til teksten (did not find expected ',' or '}')"},
		{"an unknown escape", "---\ntitle: a\nsummary: \"a\\qb\"\n---\n", 3,
			"en omvendt skråstreg (\\) i dobbelte anførselstegn skal skrives som \\\\; eller sæt enkelte anførselstegn (') om værdien i stedet (found unknown escape character)"},
		{"a short \\u escape", "---\ntitle: a\nsummary: \"\\u12\"\n---\n", 3,
			"en omvendt skråstreg (\\) i dobbelte anførselstegn skal skrives som \\\\; eller sæt enkelte anførselstegn (') om værdien i stedet (did not find expected hexdecimal number)"},
		{"* at the start of a value", "---\ntitle: a\nsummary: *vigtigt* info\n---\n", 3,
			"* og & forrest i en værdi er YAML-tegn; sæt værdien i anførselstegn, fx summary: \"*vigtigt* info\" (did not find expected alphabetic or numeric character)"},
		{"a line without a colon", "---\ntitle: a\nbare tekst\nsummary: b\n---\n", 3,
			"der mangler et kolon efter feltets navn; hver linje skal være navn: værdi, fx title: \"Sidens titel\" (could not find expected ':')"},
		{"> with text after it", "---\ntitle: a\nsummary: > 18 år\n---\n", 3,
			"efter | og > skal teksten stå på linjerne under, rykket ind; sæt ellers værdien i anførselstegn, fx summary: \"> 18 år\" (did not find expected comment or line break)"},
		{"a list item without -", "---\ntitle: a\nsummary:\n  - x\n  y: z\n---\n", 5,
			"linjen står i en liste, men mangler bindestregen (-) forrest, eller den er rykket forkert ind (did not find expected '-' indicator)"},
		{"a list on the key's line", "---\ntitle: a\ntags: - a\n---\n", 3,
			"en bindestreg (- ) forrest i en værdi læses som en liste; skriv listen på linjerne under feltet (fx \"  - bolig\"), eller sæt værdien i anførselstegn, fx tags: \"- a\" (block sequence entries are not allowed in this context)"},
		{"? at the start of a value", "---\ntitle: a\nx: ? b\n---\n", 3,
			"et spørgsmålstegn (? ) forrest i en værdi er et YAML-tegn; sæt værdien i anførselstegn, fx x: \"? b\" (mapping keys are not allowed in this context)"},
		{"a LINE SEPARATOR", "---\ntitle: a\u2028b\n---\n", 2,
			"der står et usynligt linjeskift (U+2028) på linjen; slet det – det kommer tit med, når tekst kopieres fra en hjemmeside eller Word"},
		{"a LINE SEPARATOR hiding a key", "---\ntitle: a\nsummary: b\u2028c: d\n---\n", 3,
			"der står et usynligt linjeskift (U+2028) på linjen; slet det – det kommer tit med, når tekst kopieres fra en hjemmeside eller Word"},
		{"a vertical tab from Word", "---\ntitle: a\nsummary: b\vc\n---\n", 3,
			"der står et usynligt styretegn (U+000B) på linjen; slet det – det kommer tit med, når tekst kopieres fra Word eller en pdf (control characters are not allowed)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := FrontMatter(split(t, tt.src))
			if took := time.Since(start); took > 5*time.Second*racetest.Slowdown() { // a safety net, not a speed test
				t.Errorf("took %v", took)
			}
			var se *SplitError
			if !errors.As(err, &se) {
				t.Fatalf("error = %#v, want a *SplitError", err)
			}
			if want := "ugyldig YAML i felterne: " + tt.msg; se.Line != tt.line || se.Msg != want {
				t.Errorf("got line %d %q\nwant line %d %q", se.Line, se.Msg, tt.line, want)
			}
		})
	}
}

// What looks like an anchor, alias or tag but is text is left alone.
func TestRobustFrontMatterPropertyLookalikes(t *testing.T) {
	src := "---\ntitle: \"*Vigtigt*\"\nsummary: Se *vigtigt* & mere! Ring *1234 # &ikke\n" +
		"tags: [\"&a\", '!b', c *d]\nslug: |\n  *e\n  &f !g\nweight: 3\n---\n"
	got, err := FrontMatter(split(t, src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{
		{"title", "*Vigtigt*", 2}, {"summary", "Se *vigtigt* & mere! Ring *1234", 3},
		{"tags", []interface{}{"&a", "!b", "c *d"}, 4}, {"slug", "*e\n&f !g\n", 5}, {"weight", 3, 8},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FrontMatter =\n%#v\nwant\n%#v", got, want)
	}
}

// An anchor, alias, tag or merge is refused at its line and column, as
// the parser placed it (a column counts characters, not bytes).
func TestFrontMatterPropertyColumns(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
	}{
		{"---\ntitle: a\na: &x [1]\n---\n", 3, 4},
		{"---\ntitle: a\ntags: [b, *nope]\n---\n", 3, 11},
		{"---\ntitle: Åbent på søndag\nunit:\n  navn: x\n  tlf: !tlf 1234\n---\n", 5, 8},
		{"---\nsummary: æøå\nunit:\n  <<: {a: 1}\n---\n", 4, 3},
		{"---\nsummary: \"æ\" \nx: [æ, &y ø]\n---\n", 3, 8},
	}
	for _, tt := range tests {
		_, err := FrontMatter(split(t, tt.src))
		var se *SplitError
		if !errors.As(err, &se) || se.Line != tt.line || se.Col != tt.col {
			t.Errorf("FrontMatter(%q) = %#v, want line %d column %d", tt.src, err, tt.line, tt.col)
		}
	}
}

// Many values on one line or many lines cost a pass over the text, not
// one per value: the check for anchors and tags walks forward once.
func TestFrontMatterManyValues(t *testing.T) {
	for name, src := range map[string]string{
		"one line": "---\ntitle: a\ntags: [" + strings.TrimSuffix(strings.Repeat("æ, ", 100000), ", ") + "]\n---\n",
		"lines":    "---\ntitle: a\ntags:\n" + strings.Repeat("  - æ\n", 60000) + "---\n",
	} {
		start := time.Now()
		fields, err := FrontMatter(split(t, src))
		if took := time.Since(start); took > 5*time.Second*racetest.Slowdown() { // a safety net, not a speed test
			t.Errorf("%s: took %v", name, took)
		}
		if err != nil || len(fields) != 2 {
			t.Errorf("%s: %d fields, %v", name, len(fields), err)
		}
	}
}
