package search

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// benchStems are Danish stems the generated documents are made of.
var benchStems = strings.Fields(`
bolig støtte misbrug behandling pårørende rådgivning borger kommune hjælp tilbud
handicap psykiatri recovery samtale gruppe forløb indsats medarbejder leder team
hverdag fællesskab arbejde uddannelse økonomi sundhed trivsel familie barn forælder
ung voksen ældre hjem ophold aflastning visitation afgørelse ansøgning lov paragraf
netværk frivillig forening kursus værksted aktivitet køkken have værested herberg
kontakt telefon adresse åbningstid pris betaling transport bus bil cykel vej by
land sted rum hus lejlighed værelse bad seng mad måltid morgen aften nat weekend
uge måned år dag time tid plan mål resultat evaluering kvalitet faglighed respekt
tillid anerkendelse balance nysgerrighed ærlighed overblik samarbejde dialog møde
beslutning ansvar rolle identitet håb mening handlekraft mulighed drøm ønske behov
sygdom medicin læge sygeplejerske psykolog pædagog terapeut socialrådgiver
sagsbehandler koordinator konsulent chef direktør udvalg politik strategi vision
værdi kultur sprog tolk brev mail besked svar spørgsmål klage ret pligt regel
angst depression stress søvn ro glæde sorg vrede skam skyld mod kraft styrke
alkohol stof hash kokain afhængighed abstinens afrusning efterbehandling tilbagefald
skole job praktik løn pension bolignet kontanthjælp ydelse tilskud hjælpemiddel
`)

var benchEndings = []string{"", "", "", "e", "er", "en", "erne", "et", "ens", "s", "es", "ende", "ede", "t"}

// benchDocs generates n documents of about words words each, the same for
// the same arguments.
func benchDocs(n, words int) []Doc {
	r := rand.New(rand.NewPCG(42, uint64(n)))
	// Vocabulary: stems, their inflections and compounds of two stems.
	vocab := make([]string, 0, 30000)
	for _, s := range benchStems {
		for _, e := range benchEndings {
			vocab = append(vocab, s+e)
		}
	}
	for range 20000 {
		a, b := benchStems[r.IntN(len(benchStems))], benchStems[r.IntN(len(benchStems))]
		link := []string{"", "s", "e"}[r.IntN(3)]
		vocab = append(vocab, a+link+b+benchEndings[r.IntN(len(benchEndings))])
	}
	fill := strings.Fields("og i at det en til er som på de med for ikke der du kan vi har")
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(n int) string {
		var sb strings.Builder
		for i := range n {
			if i > 0 {
				sb.WriteByte(' ')
			}
			if r.IntN(4) == 0 {
				sb.WriteString(fill[r.IntN(len(fill))])
			} else {
				sb.WriteString(vocab[zipf.Uint64()])
			}
		}
		return sb.String()
	}
	sections := []string{"Enheder og tilbud", "Hjertesager", "Inspiration", "Nyheder"}
	units := []string{"Myndighed", "Marie Grubbe", "Guldborgsund Handicap", "Saxenhøj og Fjordvang", "Socialpsykiatrien og CFA"}
	docs := make([]Doc, n)
	for i := range docs {
		var body strings.Builder
		for body.Len() < words*7 {
			body.WriteString(strings.ToUpper(sentence(1)[:0]) + sentence(8+r.IntN(12)) + ". ")
		}
		docs[i] = Doc{
			URL:      fmt.Sprintf("/%s/side-%05d/", strings.ToLower(sections[i%len(sections)][:5]), i),
			Title:    sentence(2 + r.IntN(4)),
			Section:  sections[i%len(sections)],
			Summary:  sentence(12 + r.IntN(10)),
			Headings: []string{sentence(3), sentence(2)},
			Body:     body.String(),
			Facets:   map[string][]string{"unit": {units[r.IntN(len(units))]}},
		}
	}
	return docs
}

var (
	benchOnce sync.Once
	benchSet  []Doc
)

func benchCorpus() []Doc {
	benchOnce.Do(func() { benchSet = benchDocs(10000, 400) })
	return benchSet
}

// addAll adds docs from one goroutine per processor, as the render stage does.
func addAll(ix *Index, docs []Doc) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				ix.Add(docs[i])
			}
		}()
	}
	wg.Wait()
}

// BenchmarkIndexAdd adds 10,000 generated documents of ~400 words.
func BenchmarkIndexAdd(b *testing.B) {
	docs := benchCorpus()
	b.ResetTimer()
	for b.Loop() {
		addAll(NewIndex(nil), docs)
	}
	b.ReportMetric(float64(len(docs)), "docs/op")
}

// BenchmarkIndexWrite builds and writes the index of 10,000 documents.
func BenchmarkIndexWrite(b *testing.B) {
	docs := benchCorpus()
	var total, files int
	for b.Loop() {
		b.StopTimer()
		ix := NewIndex(nil)
		addAll(ix, docs)
		total, files = 0, 0
		b.StartTimer()
		ix.Write(func(name string, data []byte) error {
			total += len(data)
			files++
			return nil
		})
	}
	b.ReportMetric(float64(total), "bytes")
	b.ReportMetric(float64(files), "files")
}

// BenchmarkIndexAll adds 10,000 documents, builds and writes the index.
func BenchmarkIndexAll(b *testing.B) {
	docs := benchCorpus()
	for b.Loop() {
		ix := NewIndex(nil)
		addAll(ix, docs)
		ix.Write(func(string, []byte) error { return nil })
	}
}

// BenchmarkSearch runs a few queries on the index of 10,000 documents.
func BenchmarkSearch(b *testing.B) {
	ix := NewIndex(nil)
	addAll(ix, benchCorpus())
	ix.build()
	qs := []string{"behandling", "bolig støtte", "misbrugsbehandling", "paaroerende", "raadgivnig", "sam"}
	for b.Loop() {
		for _, q := range qs {
			ix.Search(q, 10)
		}
	}
}
