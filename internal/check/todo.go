package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// CodeTodo marks the findings that make up the owner's to-do list: a public
// page that leaves a wanted field empty (site.yaml `wanted`, for every page
// and per kind). There is one finding per page and field, so the JSON output
// can be filtered and counted; the text output groups them (TodoList).
const CodeTodo = "todo"

const (
	todoPrefix = "til kommunens huskeliste: "
	todoSuffix = " mangler"
)

// Wanted is a field a page should carry, with the editor's name for it.
type Wanted struct {
	Key   string // the front matter key, e.g. "phone"
	Label string // its label in site.yaml, e.g. "Telefon"
}

// Todo returns one to-do finding for each wanted field a page leaves empty;
// line is the line the findings point at (the page's title).
func Todo(file string, line int, missing []Wanted) []diag.Finding {
	out := make([]diag.Finding, 0, len(missing))
	for _, w := range missing {
		label := w.Label
		if label == "" {
			label = w.Key
		}
		out = append(out, diag.Finding{File: file, Line: line, Severity: diag.Info, Code: CodeTodo,
			Msg:  todoPrefix + strings.ToLower(label) + todoSuffix,
			Hint: fmt.Sprintf("udfyld feltet %s i sidens forside (front matter)", w.Key)})
	}
	return out
}

// TodoPage is one line of the grouped to-do list: a page and what it lacks.
type TodoPage struct {
	File    string
	Missing []string // the fields' labels, in lower case
}

// TodoList groups the to-do findings by page (in the order given) and
// counts each missing field over all pages, most first, as Danish lines
// ("20 sider mangler telefon").
func TodoList(fs []diag.Finding) (pages []TodoPage, counts []string) {
	at := map[string]int{}
	count := map[string]int{}
	for _, f := range fs {
		if f.Code != CodeTodo {
			continue
		}
		label := strings.TrimSuffix(strings.TrimPrefix(f.Msg, todoPrefix), todoSuffix)
		i, ok := at[f.File]
		if !ok {
			i = len(pages)
			at[f.File] = i
			pages = append(pages, TodoPage{File: f.File})
		}
		pages[i].Missing = append(pages[i].Missing, label)
		count[label]++
	}
	labels := make([]string, 0, len(count))
	for l := range count {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool {
		if count[labels[i]] != count[labels[j]] {
			return count[labels[i]] > count[labels[j]]
		}
		return labels[i] < labels[j]
	})
	for _, l := range labels {
		counts = append(counts, fmt.Sprintf("%s mangler %s", Pages(count[l]), l))
	}
	return pages, counts
}

// Pages says "1 side" or "n sider".
func Pages(n int) string {
	if n == 1 {
		return "1 side"
	}
	return fmt.Sprintf("%d sider", n)
}

// DanishList joins items as Danish prose: "a", "a og b", "a, b og c".
func DanishList(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " og " + items[len(items)-1]
}
