package search

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Synonyms are groups of words that mean the same. A query word that is
// (an inflection of) one word of a group also finds the others. An entry
// may be a phrase of several words ("gøre rent", "ikke noget sted at
// bo"): a query that holds it (its words in a row, each in any
// inflection, stop words included) searches for the group's single words
// in place of the phrase's words.
type Synonyms [][]string

// ParseSynonyms reads a synonym file: one group per line, entries
// separated by commas, "#" starts a comment, blank lines are ignored. An
// entry is a word, or a phrase of several words; a group needs two
// entries or more, one of them a single word. name is used in error messages, which are in Danish and name the
// line ("content/synonymer.txt:3: ..."); all bad lines are reported.
func ParseSynonyms(name string, data []byte) (Synonyms, error) {
	var syn Synonyms
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if !utf8.ValidString(text) {
			fail(line, "linjen er ikke gyldig UTF-8; gem filen som UTF-8")
			continue
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		var group []string
		ok := true
		for _, f := range strings.Split(text, ",") {
			f = strings.TrimSpace(f)
			ws := words(f)
			switch {
			case f == "":
				fail(line, "tomt ord mellem kommaer")
				ok = false
			case len(ws) == 0:
				fail(line, "»%s« indeholder ingen bogstaver eller tal", f)
				ok = false
			case len(ws) > 1 && !slices.ContainsFunc(ws, func(w string) bool { return !stopWords[w] }):
				fail(line, "»%s« er kun fyldord; en sætning skal have mindst ét ord, søgningen bruger", f)
				ok = false
			case len(ws) > 1:
				group = append(group, f) // a phrase
			case stopWords[ws[0]]:
				fail(line, "»%s« er et fyldord, som søgningen ser bort fra", f)
				ok = false
			default:
				group = append(group, f)
			}
		}
		if !ok {
			continue
		}
		if len(group) < 2 {
			fail(line, "en gruppe skal have mindst to ord adskilt af komma")
			continue
		}
		if !slices.ContainsFunc(group, func(f string) bool { return len(words(f)) == 1 }) {
			fail(line, "en gruppe skal have mindst ét enkelt ord; en sætning finder gruppens enkelte ord")
			continue
		}
		syn = append(syn, group)
	}
	if err := sc.Err(); err != nil {
		fail(line+1, "kunne ikke læses: %v", err)
	}
	return syn, errors.Join(errs...)
}

// synonymTable maps a stem to the other stems of its groups. A stem in two
// groups gets both; groups are not chained further.
type synonymTable struct {
	of      map[string][]string
	phrases map[string][]string // a phrase's stems joined by "+" -> the single stems of its groups
	longest int                 // words of the longest phrase
	groups  [][]string          // stems of each group (a phrase's joined by "+"), sorted, for the meta shard
}

func buildSynonyms(syn Synonyms) synonymTable {
	st := newStemmer()
	sets := map[string]map[string]bool{}
	phrases := map[string]map[string]bool{}
	var groups [][]string
	seenGroup := map[string]bool{}
	tab := synonymTable{}
	for _, g := range syn {
		singles, phr := groupStems(g, st)
		if len(singles) == 0 || len(singles)+len(phr) < 2 {
			continue
		}
		key := strings.Join(append(slices.Clone(singles), phr...), " ")
		if seenGroup[key] {
			continue
		}
		seenGroup[key] = true
		groups = append(groups, slices.Sorted(slices.Values(append(slices.Clone(singles), phr...))))
		for _, p := range phr {
			if phrases[p] == nil {
				phrases[p] = map[string]bool{}
			}
			for _, s := range singles {
				phrases[p][s] = true
			}
			tab.longest = max(tab.longest, strings.Count(p, "+")+1)
		}
		stems := singles
		for _, a := range stems {
			if sets[a] == nil {
				sets[a] = map[string]bool{}
			}
			for _, b := range stems {
				if a != b {
					sets[a][b] = true
				}
			}
		}
	}
	sort.Slice(groups, func(i, j int) bool {
		return strings.Join(groups[i], " ") < strings.Join(groups[j], " ")
	})
	tab.of = map[string][]string{}
	for a, set := range sets {
		tab.of[a] = slices.Sorted(maps.Keys(set))
	}
	tab.phrases = map[string][]string{}
	for p, set := range phrases {
		tab.phrases[p] = slices.Sorted(maps.Keys(set))
	}
	tab.groups = groups
	return tab
}

// groupStems returns the stems of a group's single words (not stop words)
// and of its phrases (each joined by "+", stop words kept), each once and
// sorted.
func groupStems(g []string, st *stemmer) (singles, phrases []string) {
	for _, e := range g {
		ws := words(e)
		switch {
		case len(ws) == 1 && !stopWords[ws[0]]:
			singles = append(singles, st.stem(ws[0]))
		case len(ws) > 1:
			var ss []string
			for _, w := range ws {
				ss = append(ss, st.stem(w))
			}
			phrases = append(phrases, strings.Join(ss, "+"))
		}
	}
	slices.Sort(singles)
	slices.Sort(phrases)
	return slices.Compact(singles), slices.Compact(phrases)
}
