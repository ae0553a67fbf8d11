package check

import (
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

func TestTodoList(t *testing.T) {
	var fs []diag.Finding
	fs = append(fs, Todo("a.md", 2, []Wanted{{"address", "Adresse"}, {"phone", "Telefon"}})...)
	fs = append(fs, diag.Finding{File: "a.md", Line: 9, Severity: diag.Warning, Code: "review", Msg: "ikke på listen"})
	fs = append(fs, Todo("b.md", 2, []Wanted{{"phone", "Telefon"}, {"sources", ""}})...)
	if len(Todo("c.md", 2, nil)) != 0 {
		t.Error("a page that lacks nothing got a to-do")
	}
	if fs[0].Severity != diag.Info || fs[0].Msg != "til kommunens huskeliste: adresse mangler" || !strings.Contains(fs[0].Hint, "address") {
		t.Errorf("first finding: %+v", fs[0])
	}
	pages, counts := TodoList(fs)
	if len(pages) != 2 || pages[0].File != "a.md" || DanishList(pages[0].Missing) != "adresse og telefon" ||
		DanishList(pages[1].Missing) != "telefon og sources" {
		t.Errorf("pages: %+v", pages)
	}
	want := "2 sider mangler telefon|1 side mangler adresse|1 side mangler sources"
	if got := strings.Join(counts, "|"); got != want {
		t.Errorf("counts %q, want %q", got, want)
	}
	if got := DanishList([]string{"a", "b", "c"}); got != "a, b og c" {
		t.Errorf("DanishList: %q", got)
	}
}
