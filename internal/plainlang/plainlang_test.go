package plainlang

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// letters counts the letters of a word independently of the package, so the
// long-word counts below check tokenize's own count.
func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func longWords(text string) int {
	n := 0
	for _, w := range Words(text) {
		if letters(w) > 6 {
			n++
		}
	}
	return n
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestLix checks LIX against values worked out by hand. Each comment lists
// the words, marks the long ones (more than six letters) with their letter
// count, and shows LIX = words/sentences + 100 × long/words.
func TestLix(t *testing.T) {
	tests := []struct {
		name                   string
		text                   string
		words, sentences, long int
		want                   float64
	}{
		{
			// Very easy (kerneopgaven.md).
			// S1: Vi gør det sammen(6) med dig = 6 words
			// S2: Ikke hen over hovedet(7 L) på dig = 6 words
			// 12 words, 2 sentences, 1 long: 12/2 + 100×1/12 = 6 + 8.33 = 14.33
			name:  "meget let",
			text:  "Vi gør det sammen med dig. Ikke hen over hovedet på dig.",
			words: 12, sentences: 2, long: 1,
			want: 12.0/2 + 100.0*1/12,
		},
		{
			// Easy (kerneopgaven.md).
			// S1: Et kompas(6) viser, hvilken(7 L) vej man skal gå = 8 words
			// S2: Sådan bruger(6) vi kerneopgaven(12 L) = 4 words
			// S3: Den viser os, hvad der er vigtigst(8 L) = 7 words
			// 19 words, 3 sentences, 3 long: 19/3 + 100×3/19 = 6.33 + 15.79 = 22.12
			name:  "let",
			text:  "Et kompas viser, hvilken vej man skal gå. Sådan bruger vi kerneopgaven. Den viser os, hvad der er vigtigst.",
			words: 19, sentences: 3, long: 3,
			want: 19.0/3 + 100.0*3/19,
		},
		{
			// The policy's own wording of the core task (quoted in kerneopgaven.md).
			// Vi skal styrke(6) borgernes(9 L) muligheder(10 L) for at mestre(6)
			// egen tilværelse(10 L) og i samarbejde(10 L) med borgerne(8 L)
			// sikre, at alle kan indgå i relevante(9 L) fællesskaber(12 L)
			// 23 words, 1 sentence, 7 long: 23/1 + 100×7/23 = 23 + 30.43 = 53.43
			name:  "politikkens kerneopgave",
			text:  "Vi skal styrke borgernes muligheder for at mestre egen tilværelse og i samarbejde med borgerne sikre, at alle kan indgå i relevante fællesskaber.",
			words: 23, sentences: 1, long: 7,
			want: 23 + 100.0*7/23,
		},
		{
			// Officialese in the style of the Social Services Act, § 85.
			// Kommunalbestyrelsen(19 L) skal efter servicelovens(13 L) 85(a number:
			// a word, never long) tilbyde(7 L) hjælp, omsorg(6) eller støtte(6) samt
			// optræning(9 L) og hjælp til udvikling(9 L) af færdigheder(11 L) til
			// personer(8 L), der har behov herfor(6) på grund af betydelig(9 L)
			// nedsat(6) fysisk(6) eller psykisk(7 L) funktionsevne(13 L) eller
			// særlige(7 L) sociale(7 L) problemer(9 L)
			// 37 words, 1 sentence, 13 long: 37 + 100×13/37 = 37 + 35.14 = 72.14
			name: "lovsprog",
			text: "Kommunalbestyrelsen skal efter servicelovens § 85 tilbyde hjælp, omsorg eller støtte samt optræning og hjælp til " +
				"udvikling af færdigheder til personer, der har behov herfor på grund af betydelig nedsat fysisk eller psykisk " +
				"funktionsevne eller særlige sociale problemer.",
			words: 37, sentences: 1, long: 13,
			want: 37 + 100.0*13/37,
		},
		{
			// Abbreviations and numbers.
			// S1: Ring på tlf. 5473 1000, f.eks.(4) kl. 10. = 8 words
			//     ("tlf.", "f.eks." and "kl." do not end it; "10." before "Vi" does)
			// S2: Vi har ca. 1.000 borgere(7 L) i STU-forløb(9 L). = 7 words
			// 15 words, 2 sentences, 2 long: 15/2 + 100×2/15 = 7.5 + 13.33 = 20.83
			name:  "forkortelser og tal",
			text:  "Ring på tlf. 5473 1000, f.eks. kl. 10. Vi har ca. 1.000 borgere i STU-forløb.",
			words: 15, sentences: 2, long: 2,
			want: 15.0/2 + 100.0*2/15,
		},
		{
			// æ, ø and å are one letter each.
			// Søsterens(9 L) pårørende(9 L) får(3) støtte(6)
			// 4 words, 1 sentence, 2 long: 4/1 + 100×2/4 = 4 + 50 = 54
			// (counting bytes would make "støtte" 7 long and give 4 + 75 = 79.)
			name:  "æøå",
			text:  "Søsterens pårørende får støtte.",
			words: 4, sentences: 1, long: 2,
			want: 54,
		},
		{
			// Headings, list items and table cells are sentences, but a plain
			// string has no blocks: without a full stop it is one sentence.
			// Alle har ret til et godt liv = 7 words, 1 sentence, 0 long: 7
			name:  "uden punktum",
			text:  "Alle har ret til et godt liv",
			words: 7, sentences: 1, long: 0,
			want: 7,
		},
		{
			name: "tom", text: " – … ", want: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(Words(tt.text)); got != tt.words {
				t.Errorf("words = %d, want %d: %q", got, tt.words, Words(tt.text))
			}
			if got := len(Sentences(tt.text)); got != tt.sentences {
				t.Errorf("sentences = %d, want %d: %q", got, tt.sentences, Sentences(tt.text))
			}
			if got := longWords(tt.text); got != tt.long {
				t.Errorf("long words = %d, want %d", got, tt.long)
			}
			if got := Lix(tt.text); !near(got, tt.want) {
				t.Errorf("Lix = %.4f, want %.4f", got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"punktum", "Den holder ingen ude. Den bygger på værdier.", []string{"Den holder ingen ude.", "Den bygger på værdier."}},
		{"spørgsmål og udråb", "Hvad nu? Det ved vi ikke! Men vi finder ud af det.", []string{"Hvad nu?", "Det ved vi ikke!", "Men vi finder ud af det."}},
		{"kolon deler", "Det havde tre dele: en forberedelse og et forløb.", []string{"Det havde tre dele:", "en forberedelse og et forløb."}},
		{"kolon i klokkeslæt deler ikke", "Vi mødes 10:30 i salen.", []string{"Vi mødes 10:30 i salen."}},
		{"tlf.", "Ring på tlf. 5473 1000 i dag.", []string{"Ring på tlf. 5473 1000 i dag."}},
		{"tlf. sidst", "Ring på tlf. 5473 1000", []string{"Ring på tlf. 5473 1000"}},
		{"bl.a.", "Det gælder bl.a. børn og unge.", []string{"Det gælder bl.a. børn og unge."}},
		{"f.eks. før stort bogstav", "Spørg f.eks. Borgerservice om hjælp.", []string{"Spørg f.eks. Borgerservice om hjælp."}},
		{"jf. før paragraf", "Det sker jf. § 110 i loven.", []string{"Det sker jf. § 110 i loven."}},
		{"vedr. før navn", "Læs vedr. Housing First her.", []string{"Læs vedr. Housing First her."}},
		{"ca. og nr. og stk.", "Der er ca. 50 på nr. 3 og stk. 2 gælder.", []string{"Der er ca. 50 på nr. 3 og stk. 2 gælder."}},
		{"evt. inkl. ekskl. hhv. mht. pga. dvs.", "Evt. Inkl. moms, ekskl. Gebyr, hhv. Anne og Bo, mht. Tid, pga. Regler, dvs. Nej.",
			[]string{"Evt. Inkl. moms, ekskl. Gebyr, hhv. Anne og Bo, mht. Tid, pga. Regler, dvs. Nej."}},
		{"fx.", "Tag fx. Kim med.", []string{"Tag fx. Kim med."}},
		{"kl. og klokkeslæt", "Mødet er kl. 10.30. Alle er velkomne.", []string{"Mødet er kl. 10.30.", "Alle er velkomne."}},
		{"tal med punktum", "Vi har 1.000 borgere fra 18.03.22 til nu.", []string{"Vi har 1.000 borgere fra 18.03.22 til nu."}},
		{"osv. midt i", "Vi har stole, borde osv. i huset.", []string{"Vi har stole, borde osv. i huset."}},
		{"osv. sidst i sætningen", "Vi har stole, borde osv. Det er godt.", []string{"Vi har stole, borde osv.", "Det er godt."}},
		{"mv. m.fl. o.l.", "Borgere, foreninger mv. og frivillige m.fl. og o.l. deltager.", []string{"Borgere, foreninger mv. og frivillige m.fl. og o.l. deltager."}},
		{"a/s", "Guldborgsund Forsyning a/s leverer vand.", []string{"Guldborgsund Forsyning a/s leverer vand."}},
		{"initialer", "H. C. Andersen skrev eventyr.", []string{"H. C. Andersen skrev eventyr."}},
		{"I er ikke et initial", "Det bestemmer I. Vi hjælper.", []string{"Det bestemmer I.", "Vi hjælper."}},
		{"ordenstal", "Den 5. maj holder vi møde.", []string{"Den 5. maj holder vi møde."}},
		{"paragraf sidst på linjen", "Det står i § 110.\nNæste linje.", []string{"Det står i § 110.", "Næste linje."}},
		{"paragraf sidst", "Det står i § 110.", []string{"Det står i § 110."}},
		{"tal sidst i sætningen", "Den er fra 2023. Vi bruger den.", []string{"Den er fra 2023.", "Vi bruger den."}},
		{"citat", `Han sagde: "Nej." Så gik han.`, []string{"Han sagde:", `"Nej."`, "Så gik han."}},
		{"dansk citat", "Se »Borgernes Stemmer«. Det er godt.", []string{"Se »Borgernes Stemmer«.", "Det er godt."}},
		{"parentes", "Læs mere (side 5.) Tak.", []string{"Læs mere (side 5.)", "Tak."}},
		{"tre punktummer", "Vi venter... og venter. Så kommer de...", []string{"Vi venter... og venter.", "Så kommer de..."}},
		{"udeladelse", "Vi venter… Så kommer de.", []string{"Vi venter…", "Så kommer de."}},
		{"web-adresse", "Se www.guldborgsund.dk for mere.", []string{"Se www.guldborgsund.dk for mere."}},
		{"intet punktum", "Alle har ret til et godt liv", []string{"Alle har ret til et godt liv"}},
		{"kun tegn", "– ... !", nil},
		{"tom", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.text)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Søsterens pårørende får støtte.", []string{"Søsterens", "pårørende", "får", "støtte"}},
		{"Et STU-forløb for 18-årige", []string{"Et", "STU-forløb", "for", "18-årige"}},
		{"STU- og CFA-forløb", []string{"STU", "og", "CFA-forløb"}},
		{"STU'en og SFT’en", []string{"STU'en", "og", "SFT’en"}},
		{"I 2022 kom 1.000 (2,5 %) kl. 10:30.", []string{"I", "2022", "kom", "1.000", "2,5", "kl", "10:30"}},
		{"bl.a. f.eks. o.l. m.fl.", []string{"bl.a", "f.eks", "o.l", "m.fl"}},
		{"a/s og/eller 24/7", []string{"a/s", "og/eller", "24/7"}},
		{"2017–2027 og 5 - 6", []string{"2017", "2027", "og", "5", "6"}},
		{"hej,du", []string{"hej", "du"}},
		{"§ 110, stk. 2", []string{"110", "stk", "2"}},
		{"", []string{}},
	}
	for _, tt := range tests {
		if got := Words(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLongWords checks the length rule through Lix: one word in one sentence
// has LIX 1 + 100 if it is long, else 1.
func TestLongWords(t *testing.T) {
	tests := []struct {
		word string
		long bool
	}{
		{"søsterens", true},  // 9 letters
		{"støtte", false},    // 6 letters, 7 bytes
		{"pårørende", true},  // 9 letters
		{"fællesskab", true}, // 10 letters
		{"Århus", false},     // 5 letters
		{"STU-forløb", true}, // 3 + 6 = 9 letters; the hyphen does not count
		{"10-årige", false},  // 5 letters; digits do not count
		{"2022", false},      // a number is a word, never long
		{"12345678", false},
		{"1.000.000", false},
		{"bl.a", false},  // 3 letters
		{"f.eks", false}, // 4 letters
		{"www.guldborgsund.dk", true},
		{"borgere", true}, // 7 letters: the shortest long word
		{"samtale", true},
		{"tilbud", false},
	}
	for _, tt := range tests {
		want := 1.0
		if tt.long {
			want = 101
		}
		if got := Lix(tt.word); !near(got, want) {
			t.Errorf("Lix(%q) = %v, want %v (long: %v)", tt.word, got, want, tt.long)
		}
	}
}

func TestAbbreviations(t *testing.T) {
	text := "I kan få STU, et CFA-forløb eller SFT'en. Læs § 110 og §§ 83a, 85. " +
		"STU igen. H. C. Andersen A/S og Kommune. Det står i §110."
	want := []string{"STU", "CFA", "SFT", "§ 110", "§§ 83a", "A/S"}
	if got := Abbreviations(text); !reflect.DeepEqual(got, want) {
		t.Errorf("Abbreviations = %q, want %q", got, want)
	}
	if got := Abbreviations("Alle har ret til et godt liv. I skal være med."); len(got) != 0 {
		t.Errorf("Abbreviations of plain text = %q, want none", got)
	}
	if got := Abbreviations("§ ja og § 3x1"); len(got) != 0 {
		t.Errorf("Abbreviations of bad references = %q, want none", got)
	}
}

// page is a small page as the markdown package gives it: a heading, two list
// items (sentences without a full stop) and a paragraph.
//
//	words: "Det betyder(7 L) det" 3 + "borgere(7 L)" 1 + "foreninger(10 L)" 1
//	  + "Politikken(10 L) skal give dig de bedste(6) løsninger(9 L), når du
//	    har brug for en hånd i ryggen(6)" 16 = 21 words
//	sentences: 4 (heading, two list items, the paragraph's one sentence)
//	long: 1 + 1 + 1 + 2 = 5
//	LIX = 21/4 + 100×5/21 = 5.25 + 23.81 = 29.06, shown as 29
var page = []markdown.Block{
	{Kind: markdown.TableCell, Text: "–", Line: 3}, // no words: not the page's first line
	{Kind: markdown.Heading, Level: 2, Text: "Det betyder det", Line: 10},
	{Kind: markdown.ListItem, Text: "borgere", Line: 12},
	{Kind: markdown.ListItem, Text: "foreninger", Line: 13},
	{Kind: markdown.Paragraph, Text: "Politikken skal give dig de bedste løsninger, når du har brug for en hånd i ryggen.", Line: 15},
}

func TestAnalyzeCounts(t *testing.T) {
	rep := Analyze("content/x.md", page, Rules{})
	if rep.Words != 21 || rep.Sentences != 4 || rep.LongWords != 5 {
		t.Errorf("words, sentences, long = %d, %d, %d; want 21, 4, 5", rep.Words, rep.Sentences, rep.LongWords)
	}
	if want := 21.0/4 + 100.0*5/21; !near(rep.Lix, want) {
		t.Errorf("Lix = %.4f, want %.4f", rep.Lix, want)
	}
	want := Sentence{Text: page[4].Text, Words: 16, Line: 15}
	if rep.Longest != want {
		t.Errorf("Longest = %+v, want %+v", rep.Longest, want)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("zero rules gave findings: %v", rep.Findings)
	}
}

func TestAnalyzeFindings(t *testing.T) {
	const file = "content/kerneopgaven.md"
	rep := Analyze(file, page, Rules{LixTarget: 25, SentenceWords: 15, ParagraphWords: 15})
	want := []diag.Finding{
		{File: file, Line: 10, Severity: diag.Warning, Code: CodeLix,
			Msg: "LIX er 29; målet er højst 25 – brug kortere sætninger og kortere ord"},
		{File: file, Line: 15, Severity: diag.Warning, Code: CodeLongSentence,
			Msg:  `sætningen har 16 ord (højst 15): "Politikken skal give dig de bedste løsninger, når…"`,
			Hint: "del den op i kortere sætninger med én pointe hver"},
		{File: file, Line: 15, Severity: diag.Warning, Code: CodeLongParagraph,
			Msg:  "afsnittet har 16 ord (højst 15)",
			Hint: "del teksten op i flere korte afsnit, eventuelt med en overskrift eller en punktliste"},
	}
	if !reflect.DeepEqual(rep.Findings, want) {
		t.Errorf("findings:\n got %#v\nwant %#v", rep.Findings, want)
	}
}

func TestAnalyzeLixThresholds(t *testing.T) {
	// The page's LIX is 29.06, shown as 29.
	tests := []struct {
		name  string
		rules Rules
		want  []diag.Severity // of the LIX finding, if any
	}{
		{"under målet", Rules{LixTarget: 35}, nil},
		{"afrundet lig med målet", Rules{LixTarget: 29}, nil},
		{"over målet", Rules{LixTarget: 28}, []diag.Severity{diag.Warning}},
		{"over målet, under fejlgrænsen", Rules{LixTarget: 20, LixError: 30}, []diag.Severity{diag.Warning}},
		{"over fejlgrænsen", Rules{LixTarget: 20, LixError: 28}, []diag.Severity{diag.Error}},
		{"kun fejlgrænse", Rules{LixError: 28}, []diag.Severity{diag.Error}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []diag.Severity
			for _, f := range Analyze("x.md", page, tt.rules).Findings {
				if f.Code != CodeLix {
					t.Fatalf("unexpected finding %v", f)
				}
				if f.Line != 10 {
					t.Errorf("LIX finding at line %d, want 10", f.Line)
				}
				if f.Severity == diag.Error && f.Hint != "LIX over 28 stopper bygningen" {
					t.Errorf("hint = %q", f.Hint)
				}
				got = append(got, f.Severity)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("severities = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAnalyzeKinds(t *testing.T) {
	long := strings.Repeat("ord ", 12)
	blocks := []markdown.Block{
		{Kind: markdown.Heading, Text: long, Line: 1},
		{Kind: markdown.ListItem, Text: long, Line: 2},
		{Kind: markdown.TableCell, Text: long, Line: 3},
		{Kind: markdown.Quote, Text: long, Line: 4},
		{Kind: markdown.Paragraph, Text: "Kort. Og " + strings.Repeat("ord ", 11), Line: 5},
	}
	rep := Analyze("x.md", blocks, Rules{ParagraphWords: 10})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Msg+" @"+string(rune('0'+f.Line)))
	}
	want := []string{ // headings are not paragraphs; the paragraph has 13 words
		"punktet har 12 ord (højst 10) @2",
		"cellen har 12 ord (højst 10) @3",
		"afsnittet har 12 ord (højst 10) @4",
		"afsnittet har 13 ord (højst 10) @5",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	if rep.Sentences != 6 {
		t.Errorf("sentences = %d, want 6 (one per block, two in the last)", rep.Sentences)
	}
}

func TestAnalyzeShortSentenceExcerpt(t *testing.T) {
	rep := Analyze("x.md", []markdown.Block{{Text: "Vi hjælper  dig\ti dag. Tak.", Line: 7}}, Rules{SentenceWords: 3})
	if len(rep.Findings) != 1 {
		t.Fatalf("findings = %v, want one", rep.Findings)
	}
	if f := rep.Findings[0]; f.Line != 7 || f.Msg != `sætningen har 5 ord (højst 3): "Vi hjælper dig i dag."` {
		t.Errorf("finding = %+v", f)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	rep := Analyze("x.md", nil, Rules{LixTarget: 1, LixError: 1, SentenceWords: 1, ParagraphWords: 1})
	if rep.Lix != 0 || rep.Words != 0 || len(rep.Findings) != 0 {
		t.Errorf("empty page: %+v", rep)
	}
}

// TestAnalyzeRendered runs a page through the markdown package so the lines
// are the ones the editor sees.
func TestAnalyzeRendered(t *testing.T) {
	body := "Kerneopgaven er vores vigtigste opgave.\n" + // line 5
		"Politikken siger det sådan:\n" +
		"\n" +
		"> Vi skal styrke borgernes muligheder for at mestre egen tilværelse og i samarbejde med borgerne sikre, at alle kan indgå i relevante fællesskaber.\n" + // line 8
		"\n" +
		"## Det betyder det\n" + // line 10
		"\n" +
		"- Vi gør det sammen med dig. Ikke hen over hovedet på dig.\n" + // line 12
		"- Alle skal kunne være med\n"
	res := markdown.New().Render([]byte(body), 5, nil)
	rep := Analyze("content/kerneopgaven.md", res.Blocks, Rules{LixTarget: 20, SentenceWords: 20})
	// Words: 5 + 4 (paragraph) + 23 (quote) + 3 (heading) + 12 + 5 (list items) = 52;
	// sentences: 2 + 1 + 1 + 2 + 1 = 7.
	// Long: vigtigste, Kerneopgaven, Politikken + 7 in the quote + betyder
	// + hovedet = 12. LIX = 52/7 + 100×12/52 = 7.43 + 23.08 = 30.51, shown as 31.
	if rep.Words != 52 || rep.Sentences != 7 || rep.LongWords != 12 {
		t.Errorf("words, sentences, long = %d, %d, %d; want 52, 7, 12", rep.Words, rep.Sentences, rep.LongWords)
	}
	type at struct {
		line int
		code string
	}
	var got []at
	for _, f := range rep.Findings {
		got = append(got, at{f.Line, f.Code})
	}
	want := []at{{5, CodeLix}, {8, CodeLongSentence}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings at %v, want %v: %v", got, want, rep.Findings)
	}
	if len(rep.Findings) > 0 && rep.Findings[0].Msg != "LIX er 31; målet er højst 20 – brug kortere sætninger og kortere ord" {
		t.Errorf("LIX message = %q", rep.Findings[0].Msg)
	}
	if rep.Longest.Line != 8 || rep.Longest.Words != 23 {
		t.Errorf("longest = %+v, want 23 words at line 8", rep.Longest)
	}
}

// TestLinearTime guards against inputs that once made Abbreviations
// quadratic (a long run of "§" took 30 s for 200 000 signs).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow input")
	}
	// Not a time limit (the machine may be busy) but a growth rate: 16
	// times the text must take less than 100 times as long; a quadratic
	// pass takes 256 times, a linear one 16 to 40 (the collector and the
	// caches make larger texts dearer per byte). The fastest of three runs.
	run := func(unit string, n int) time.Duration {
		text := strings.Repeat(unit, n)
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			Lix(text)
			Abbreviations(text)
			Analyze("x.md", []markdown.Block{{Text: text, Line: 1}}, Rules{LixTarget: 1, SentenceWords: 1, ParagraphWords: 1})
			best = min(best, time.Since(start))
		}
		return best
	}
	// A busy machine can slow one measurement down: a unit fails only if
	// three pairs in a row grow faster than allowed (a quadratic pass
	// fails every pair).
	for _, unit := range []string{"§", "§ ", "§§ 1x1 ", "A. ", "bl.a. ", "....a", " (", "1,"} {
		var small, large time.Duration
		for range 3 {
			small, large = run(unit, 12500), run(unit, 200000)
			if large <= 100*small+50*time.Millisecond {
				break
			}
		}
		if large > 100*small+50*time.Millisecond {
			t.Errorf("%q: × 12 500 took %v, × 200 000 took %v: more than linear", unit, small, large)
		}
	}
}

// TestLatinTable checks the tokenizer's table of letters and numbers
// against package unicode for every code point it holds.
func TestLatinTable(t *testing.T) {
	for r := rune(0); r < rune(len(latin)); r++ {
		if got, want := isWordStart(r), unicode.IsLetter(r) || unicode.IsNumber(r); got != want {
			t.Errorf("isWordStart(%U) = %v", r, got)
		}
		if got, want := isWordRune(r), unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r); got != want {
			t.Errorf("isWordRune(%U) = %v", r, got)
		}
		if got, want := isLetterRune(r), unicode.IsLetter(r); got != want {
			t.Errorf("isLetterRune(%U) = %v", r, got)
		}
		if got, want := latin[r]&isUpper != 0, unicode.IsUpper(r); got != want {
			t.Errorf("upper(%U) = %v", r, got)
		}
		if got, want := latin[r]&isSpace != 0, unicode.IsSpace(r); got != want {
			t.Errorf("space(%U) = %v", r, got)
		}
	}
	if !isWordRune(0x301) || isWordStart(0x301) { // a combining mark, just above the table
		t.Error("U+0301 is a word rune but does not start a word")
	}
}

// The abbreviation lists are ASCII and no longer than maxAbbreviation, as
// abbreviationKey assumes; a longer or non-ASCII entry would never match.
func TestAbbreviationListsFitKey(t *testing.T) {
	for _, m := range []map[string]bool{neverEnds, mayEnd} {
		for w := range m {
			k, ok := abbreviationKey(strings.TrimSuffix(strings.ToUpper(w), "."))
			if !ok || string(k) != w {
				t.Errorf("%q: abbreviationKey gives %q, %v", w, k, ok)
			}
		}
	}
}

// TestAnalyzeKnownSameReport: counts taken from Known give the report
// Analyze gives, and blocks not in Known are measured as Analyze measures
// them (the rendered page repeats the Markdown's blocks, and adds its own).
func TestAnalyzeKnownSameReport(t *testing.T) {
	md := []markdown.Block{
		{Kind: markdown.Heading, Text: "Hjælp til at bo", Line: 3},
		{Kind: markdown.Paragraph, Text: "Du kan få hjælp. Kommunen vurderer din ansøgning grundigt og hurtigt, når vi har modtaget alle dine oplysninger.", Line: 5},
		{Kind: markdown.ListItem, Text: "Ring til os", Line: 7},
	}
	rendered := append([]markdown.Block{{Text: "Botilbud"}}, md...)
	rendered = append(rendered, markdown.Block{Text: "Kontakt: Borgerservice, mandag til fredag. Længere sætninger forekommer undertiden i kontaktblokke."})
	for i := range rendered {
		rendered[i].Line = 1
	}
	known := &Known{}
	withLines := AnalyzeKnown("a.md", md, Rules{SentenceWords: 5, ParagraphWords: 10}, known)
	if want := Analyze("a.md", md, Rules{SentenceWords: 5, ParagraphWords: 10}); !reflect.DeepEqual(withLines, want) {
		t.Fatalf("recording changed the report:\n%+v\n%+v", withLines, want)
	}
	if len(known.blocks) != len(md) {
		t.Fatalf("known has %d blocks, want %d", len(known.blocks), len(md))
	}
	r := Rules{LixTarget: 10}
	got := AnalyzeKnown("a.md", rendered, r, known)
	want := Analyze("a.md", rendered, r)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with known counts:\n%+v\nwant\n%+v", got, want)
	}
	if got.Words == 0 || len(got.Findings) != 1 {
		t.Errorf("the test measures nothing: %+v", got)
	}
	if known.next != len(md) {
		t.Errorf("%d of the %d known blocks were used", known.next, len(md))
	}
	// A second page shares the short blocks through Common.
	common := &Common{}
	for i := 0; i < 2; i++ {
		k := &Known{Common: common}
		if got := AnalyzeKnown("a.md", rendered, r, k); !reflect.DeepEqual(got, want) {
			t.Errorf("page %d with common counts:\n%+v\nwant\n%+v", i, got, want)
		}
	}
	if _, ok := get(common, "Botilbud"); !ok {
		t.Error("a short block is not in Common")
	}
}
