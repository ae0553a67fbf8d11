package editor

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// The preview beside the form shows the page the next build would make
// (Options.Draft), framed for srcdoc, with the build's findings at the
// field; with no build to render from, the text alone.
func TestCheckShowsTheDraftPage(t *testing.T) {
	f := newFixture(t, "")
	var gotPath, gotSrc string
	f.ed.o.Draft = func(_ context.Context, p string, src []byte) ([]byte, []diag.Finding, error) {
		gotPath, gotSrc = p, string(src)
		if strings.Contains(gotSrc, "fejl") {
			return nil, []diag.Finding{{File: "content/side.md", Line: 3, Severity: diag.Error, Msg: "titlen er forkert"}}, nil
		}
		if strings.Contains(gotSrc, "ingen bygning") {
			return nil, nil, errors.New("no build")
		}
		return []byte("<!doctype html><html><head><title>x</title><script src=/assets/js/page.js defer></script><script type=application/ld+json>{}</script></head><body><p>Side</p></body></html>"),
			[]diag.Finding{{File: "content/side.md", Line: 10, Severity: diag.Warning, Msg: "ordet LIX er ikke forklaret"}}, nil
	}
	check := func(title, body string) map[string][]string {
		w := f.do("POST", Prefix+"tjek", f.saveForm(title, body), nil)
		var res map[string][]string
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != 200 {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		return res
	}
	res := check("Titel", "Tekst om LIX.\n")
	if gotPath != "side.md" || !strings.Contains(gotSrc, "title: \"Titel\"") || !strings.HasSuffix(gotSrc, "Tekst om LIX.\n") {
		t.Errorf("Draft got %q:\n%s", gotPath, gotSrc)
	}
	want := `<head><base href="/side/"><meta http-equiv="Content-Security-Policy" content="` + strings.ReplaceAll(DraftPolicy, "'", "&#39;") + `"><title>`
	if res["_kind"][0] != "page" || !strings.Contains(res["_html"][0], want) {
		t.Errorf("framed page: %q %q", res["_kind"], res["_html"])
	}
	if strings.Contains(res["_html"][0], "page.js") || !strings.Contains(res["_html"][0], "ld+json") {
		t.Errorf("the frame's scripts: %q", res["_html"])
	}
	if len(res["body"]) != 1 || res["body"][0] != "linje 10: advarsel: ordet LIX er ikke forklaret" {
		t.Errorf("body: %q", res["body"])
	}
	res = check("Titel med fejl", "Tekst.\n")
	if res["_html"][0] != "" || len(res["title"]) != 1 || !strings.Contains(res["title"][0], "titlen er forkert") {
		t.Errorf("an error: html %q, title %q", res["_html"], res["title"])
	}
	res = check("Titel", "# ingen bygning\n")
	if res["_kind"][0] != "text" || !strings.Contains(res["_html"][0], "<h1") || !strings.Contains(res["_html"][0], "Content-Security-Policy") {
		t.Errorf("no build: %q %q", res["_kind"], res["_html"])
	}
}

// Check boxes come in the order of the terms; the file's order is kept, so
// that a form with nothing newly ticked changes no field.
func TestKeepOrder(t *testing.T) {
	for _, tc := range []struct{ old, ticked, want []string }{
		{[]string{"faglighed", "balance"}, []string{"balance", "faglighed"}, []string{"faglighed", "balance"}},
		{[]string{"faglighed", "balance"}, []string{"balance", "respekt"}, []string{"balance", "respekt"}},
		{nil, []string{"b", "a"}, []string{"b", "a"}},
		{[]string{"a"}, nil, nil},
	} {
		if got := keepOrder(tc.old, tc.ticked); !slices.Equal(got, tc.want) {
			t.Errorf("keepOrder(%q, %q) = %q, want %q", tc.old, tc.ticked, got, tc.want)
		}
	}
}
