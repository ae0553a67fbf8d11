package search

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Synonyms are groups of words that mean the same. A query word that is
// (an inflection of) one word of a group also finds the others.
type Synonyms [][]string

// ParseSynonyms reads a synonym file: one group per line, words separated
// by commas, "#" starts a comment, blank lines are ignored. Each word must
// be a single word of letters or digits, and a group needs two words or
// more. name is used in error messages, which are in Danish and name the
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
			case len(ws) > 1:
				fail(line, "»%s« er flere ord; søgningen kan kun bruge enkelte ord som synonymer", f)
				ok = false
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
	of     map[string][]string
	groups [][]string // stems of each group, sorted, for the meta shard
}

func buildSynonyms(syn Synonyms) synonymTable {
	st := newStemmer()
	sets := map[string]map[string]bool{}
	var groups [][]string
	seenGroup := map[string]bool{}
	for _, g := range syn {
		var stems []string
		seen := map[string]bool{}
		for _, w := range g {
			ws := words(w)
			if len(ws) != 1 || stopWords[ws[0]] {
				continue
			}
			s := st.stem(ws[0])
			if !seen[s] {
				seen[s] = true
				stems = append(stems, s)
			}
		}
		if len(stems) < 2 {
			continue
		}
		sort.Strings(stems)
		key := strings.Join(stems, " ")
		if seenGroup[key] {
			continue
		}
		seenGroup[key] = true
		groups = append(groups, stems)
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
	of := map[string][]string{}
	for a, set := range sets {
		for b := range set {
			of[a] = append(of[a], b)
		}
		sort.Strings(of[a])
	}
	return synonymTable{of: of, groups: groups}
}
