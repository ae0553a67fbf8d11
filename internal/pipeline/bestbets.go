package pipeline

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/search"
	"github.com/guldborgsund/labyrint/internal/site"
)

// BestBetFile is the editors' best bets at the top of content/: words or
// phrases and the pages the search shows first for them.
const BestBetFile = "bedste-svar.txt"

// parseBestBets reads the best bets file of s (none if there is no file).
// One bet a line: words or phrases separated by commas, a colon, and the
// addresses of one or more pages separated by spaces:
//
//	selvmord, selvmordstanker, tanker om selvmord: /akut-hjaelp/
//
// "#" starts a comment. Every page must exist (in some target: the index
// leaves out the pages its target does not show). All bad lines are
// reported, each as file:line, in Danish.
func parseBestBets(s *site.Site, prefix string) ([]search.BestBet, error) {
	data, ok := s.Data[BestBetFile]
	if !ok {
		return nil, nil
	}
	name := path.Join(prefix, BestBetFile)
	var l diag.List
	bad := func(line int, msg, hint string) {
		l.Add(diag.Finding{File: name, Line: line, Severity: diag.Error, Code: "best-bet", Msg: msg, Hint: hint})
	}
	var bets []search.BestBet
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		words, pages, ok := strings.Cut(text, ":")
		if !ok {
			bad(line, "linjen mangler et kolon mellem ordene og siden", "skriv fx »selvmord, tanker om selvmord: /akut-hjaelp/«")
			continue
		}
		urls, ok := bestBetPages(s, line, strings.Fields(pages), bad)
		if !ok {
			continue
		}
		for _, w := range strings.Split(words, ",") {
			w = strings.TrimSpace(w)
			if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
				bad(line, fmt.Sprintf("»%s« er ikke et ord eller en sætning", w), "skriv ordene adskilt med komma før kolonet")
				continue
			}
			bets = append(bets, search.BestBet{Phrase: w, URLs: urls})
		}
	}
	return bets, l.Err()
}

// bestBetPages returns the site-absolute URLs of the pages a best bet
// names, reporting those that are not pages of the site.
func bestBetPages(s *site.Site, line int, pages []string, bad func(int, string, string)) ([]string, bool) {
	if len(pages) == 0 {
		bad(line, "der står ingen side efter kolonet", "skriv sidens adresse, fx /akut-hjaelp/")
		return nil, false
	}
	var urls []string
	ok := true
	for _, u := range pages {
		p := s.PageByURL(u)
		if !strings.HasPrefix(u, "/") || p == nil {
			hint := "skriv sidens adresse fra roden, fx /kontakt/"
			if sug := diag.Suggest(u, siteURLs(s)); sug != "" {
				hint = "mente du " + sug + "?"
			}
			bad(line, fmt.Sprintf("siden %s findes ikke", u), hint)
			ok = false
			continue
		}
		urls = append(urls, p.URL)
	}
	return urls, ok
}

func siteURLs(s *site.Site) []string {
	out := make([]string, len(s.Pages))
	for i, p := range s.Pages {
		out[i] = p.URL
	}
	return out
}
