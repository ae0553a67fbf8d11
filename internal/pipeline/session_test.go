package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/render"
)

// TestSessionMatchesFullBuild edits the real site's content one change at
// a time through a Session, as the preview does, and after each change
// compares the whole output with a full build of the same sources: every
// file must be byte for byte the same. It also checks which changes were
// rendered in part (the point of a session) and which took a full build.
func TestSessionMatchesFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site many times")
	}
	for _, target := range []string{"public", "intranet"} {
		t.Run(target, func(t *testing.T) { testSession(t, target) })
	}
}

func testSession(t *testing.T, target string) {
	ctx := context.Background()
	content := copyDir(t, "../../content")
	dir := t.TempDir()
	o := Options{Source: "../..", Content: content, Target: target, Drafts: true, Preview: true}
	so := o
	so.Out = filepath.Join(dir, "live")
	sess := NewSession(so)
	sess.lazyOnly = true // the pending list pages wait for Fresh or Flush
	if _, err := sess.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	file := func(rel string) string { return filepath.Join(content, filepath.FromSlash(rel)) }
	offer := "enheder/guldborgsund-handicap/botilbud.md"
	steps := []struct {
		name    string
		file    string
		edit    func(f string)
		partial bool   // rendered in part, not a full build
		max     int    // at most this many files rendered (partial only)
		errText string // the update must fail with this; the output stays
		also    string // a second changed file (a rename's old name)
	}{
		{"body of a value page", "hjertesager/respekt.md", func(f string) { appendTo(t, f, "\nEn ny sætning om respekt.\n") }, true, 1, "", ""},
		{"body of an offer", offer, func(f string) { appendTo(t, f, "\nDu kan også ringe til os.\n") }, true, 1, "", ""},
		// LIX stands only on intranet pages: the public glossary page lists it
		// once a public page uses it, and not after (issue #21).
		{"a public page uses an intranet word", "hjertesager/respekt.md", func(f string) { appendTo(t, f, "\nSiden har en LIX på 30.\n") }, true, 2, "", ""},
		{"and stops using it", "hjertesager/respekt.md", func(f string) { rewrite(t, f, "\nSiden har en LIX på 30.\n", "\n") }, true, 2, "", ""},
		{"title of an offer", offer, func(f string) {
			rewrite(t, f, `title: "Botilbud for voksne med handicap"`, `title: "Bosted med støtte"`)
		}, true, 20, "", ""},
		{"summary of a value page", "hjertesager/respekt.md", func(f string) { rewriteLine(t, f, "summary:", `summary: "Vi møder hinanden med respekt."`) }, true, 60, "", ""},
		{"a field uses an intranet word", "hjertesager/respekt.md", func(f string) { rewriteLine(t, f, "summary:", `summary: "Vi måler LIX på respekt."`) }, true, 60, "", ""},
		{"and stops again", "hjertesager/respekt.md", func(f string) { rewriteLine(t, f, "summary:", `summary: "Vi møder hinanden med respekt."`) }, true, 60, "", ""},
		{"situations of an offer", offer, func(f string) { rewrite(t, f, "situations: [bolig, handicap]", "situations: [handicap, bolig]") }, true, 20, "", ""},
		// The only offer for pårørende: its filter page goes, and comes back
		// (the section's filter pages list them: filtersChanged).
		{"the last page of a filter's term", "enheder/myndighed/visitation.md", func(f string) { rewrite(t, f, ", job, paaroerende]", ", job]") }, true, 40, "", ""},
		{"and the term back", "enheder/myndighed/visitation.md", func(f string) { rewrite(t, f, ", job]", ", job, paaroerende]") }, true, 40, "", ""},
		{"values of an offer", offer, func(f string) { rewrite(t, f, "weight: 1\n", "weight: 1\nvalues: [respekt]\n") }, true, 30, "", ""},
		{"broken front matter", offer, func(f string) { rewrite(t, f, "weight: 1\n", "weight: [1\n") }, true, 0, offer, ""},
		{"fixed again", offer, func(f string) { rewrite(t, f, "weight: [1\n", "weight: 1\n") }, true, 20, "", ""},
		{"a temporary file that came and went", "enheder/.tmp-123.md", func(f string) {}, true, 0, "", ""},
		{"new page", "enheder/guldborgsund-handicap/ny.md", func(f string) {
			write(t, f, "---\ntitle: Nyt tilbud\nsummary: Et nyt tilbud.\nunit: guldborgsund-handicap\nsituations: [bolig]\nfor: [Alle]\nget: [Hjælp]\naccess: direct\nnext: Ring til os.\nphone: \"5473 1000\"\n---\n\nEt nyt tilbud.\n")
		}, true, 40, "", ""},
		// The pending list pages of the new page are made by the next update.
		{"its title", "enheder/guldborgsund-handicap/ny.md", func(f string) { rewrite(t, f, "title: Nyt tilbud", "title: Aller nyeste tilbud") }, true, 40, "", ""},
		{"its body", "enheder/guldborgsund-handicap/ny.md", func(f string) { appendTo(t, f, "\nMere om tilbuddet.\n") }, true, 1, "", ""},
		{"page renamed", "enheder/guldborgsund-handicap/nyt.md", func(f string) {
			if err := os.Rename(file("enheder/guldborgsund-handicap/ny.md"), f); err != nil {
				t.Fatal(err)
			}
		}, true, 40, "", "enheder/guldborgsund-handicap/ny.md"},
		{"page deleted", "enheder/guldborgsund-handicap/nyt.md", func(f string) { os.Remove(f) }, true, 40, "", ""},
		{"synonyms", "synonymer.txt", func(f string) { appendTo(t, f, "\nbotilbud, bosted, bolig med støtte\n") }, true, 0, "", ""},
		{"best bets", "bedste-svar.txt", func(f string) { appendTo(t, f, "\n") }, true, 0, "", ""},
		{"a best bet", "bedste-svar.txt", func(f string) { appendTo(t, f, "\nrespekt for andre: /hjertesager/respekt/\n") }, true, 0, "", ""},
		// The glossary: an explanation is on the glossary page alone; a
		// term's expansion, a new entry or one taken out reach the pages
		// that use it (and a page whose abbreviation it explains).
		{"glossary: nothing changed", "ordliste.yaml", func(f string) { appendTo(t, f, "\n") }, true, 0, "", ""},
		{"glossary: an explanation", "ordliste.yaml", func(f string) {
			rewrite(t, f, "CFA hjælper voksne, som har et misbrug.", "CFA hjælper voksne med et misbrug.")
		}, true, 1, "", ""},
		{"glossary: an expansion", "ordliste.yaml", func(f string) {
			rewrite(t, f, "expansion: Center for Afhængighed", "expansion: Center for Afhængighed i Guldborgsund")
		}, true, 12, "", ""},
		{"glossary: a new entry", "ordliste.yaml", func(f string) {
			appendTo(t, f, "\n- term: respekt\n  explanation: Respekt er at tage andre alvorligt.\n")
		}, true, 12, "", ""},
		{"glossary: a new abbreviation", "ordliste.yaml", func(f string) {
			appendTo(t, f, "\n- term: ABC\n  expansion: Alle Bor Centralt\n  explanation: ABC er et navn.\n")
		}, true, 1, "", ""},
		{"glossary: an entry taken out", "ordliste.yaml", func(f string) {
			rewrite(t, f, "\n- term: respekt\n  explanation: Respekt er at tage andre alvorligt.\n", "\n")
		}, true, 12, "", ""},
		{"glossary: broken", "ordliste.yaml", func(f string) { appendTo(t, f, "\n- term: [\n") }, true, 0, "ordliste.yaml", ""},
		{"glossary: fixed again", "ordliste.yaml", func(f string) { rewrite(t, f, "\n- term: [\n", "\n") }, true, 1, "", ""},
		{"a page uses the new abbreviation", "hjertesager/respekt.md", func(f string) { appendTo(t, f, "\nVi bruger ABC og SFT.\n") }, true, 2, "", ""},
		{"glossary: the abbreviation taken out", "ordliste.yaml", func(f string) {
			rewrite(t, f, "\n- term: ABC\n  expansion: Alle Bor Centralt\n  explanation: ABC er et navn.\n", "\n")
		}, true, 2, "", ""},
		{"glossary: a longer term explains the abbreviation", "ordliste.yaml", func(f string) {
			appendTo(t, f, "\n- term: ABC Hus\n  explanation: ABC Hus er et navn.\n")
		}, true, 2, "", ""},
		{"glossary: a form", "ordliste.yaml", func(f string) { rewrite(t, f, "forms: [botilbuddet, botilbuddene]", "forms: [botilbuddet]") }, true, 40, "", ""},
	}
	// Steps whose pending list pages are left to the next update: the
	// output is compared after that.
	carry := map[string]bool{"new page": true, "its title": true}
	for _, st := range steps {
		before := hashTree(t, so.Out)
		st.edit(file(st.file))
		changed := []string{file(st.file)}
		if st.also != "" {
			changed = append(changed, file(st.also))
		}
		res, err := sess.Build(ctx, changed)
		if st.errText != "" {
			if err == nil || !strings.Contains(err.Error(), st.errText) {
				t.Fatalf("%s: want an error naming %s, got %v", st.name, st.errText, err)
			}
			if after := hashTree(t, so.Out); after != before {
				t.Fatalf("%s: a failed update changed the output", st.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if res.Partial != st.partial && !(st.partial && res.Unchanged) {
			t.Errorf("%s: partial = %v, want %v", st.name, res.Partial, st.partial)
		}
		if st.partial && res.Pages > st.max {
			t.Errorf("%s: rendered %d files, want at most %d", st.name, res.Pages, st.max)
		}
		if carry[st.name] {
			continue
		}
		sameAsFullBuild(ctx, t, st.name, sess, o, filepath.Join(dir, "full"), so.Out)
		t.Logf("%s: %d files rendered in %v (partial %v)", st.name, res.Pages, res.Duration, res.Partial)
	}
}

// sameAsFullBuild builds o into full from scratch and checks that the
// session's output (out) is the same, after the files an update left
// pending are asked for one by one and after a Refresh.
func sameAsFullBuild(ctx context.Context, t *testing.T, name string, sess *Session, o Options, full, out string) {
	t.Helper()
	o.Out, o.Force = full, true
	if _, err := Run(ctx, o); err != nil {
		t.Fatalf("%s: full build: %v", name, err)
	}
	freshOnRequest(t, name, sess, full, out)
	if err := sess.Refresh(ctx); err != nil {
		t.Fatalf("%s: refresh: %v", name, err)
	}
	compareTrees(t, name, tree(t, full), tree(t, out))
}

// freshOnRequest asks the session for each file an update left pending,
// as the preview does before it serves one, and compares it with the full
// build's (in full): a pending list page must never be served stale.
func freshOnRequest(t *testing.T, step string, sess *Session, full, out string) {
	t.Helper()
	var urls []string
	if sess.pend != nil {
		urls = slices.Clone(sess.pend.order)
	}
	for i, u := range urls {
		req := u + "index.html"
		if i%2 == 1 {
			req = u // the preview is asked for the folder too
		}
		if err := sess.Fresh(req); err != nil {
			t.Fatalf("%s: Fresh(%s): %v", step, req, err)
		}
		f := filepath.FromSlash(strings.TrimPrefix(render.FileFor(u), "/"))
		want, _ := os.ReadFile(filepath.Join(full, f))
		got, _ := os.ReadFile(filepath.Join(out, f))
		if !bytes.Equal(want, got) {
			t.Errorf("%s: %s was served stale after Fresh", step, u)
		}
	}
	if sess.pend != nil {
		t.Errorf("%s: %d files pending after every one was asked for", step, len(sess.pend.jobs))
	}
	t.Logf("%s: %d files pending, each made on request", step, len(urls))
}

// compareTrees reports files that differ between a full build and a
// session's output (the digest file aside: only full builds write it).
func compareTrees(t *testing.T, step string, want, got map[string][]byte) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	bad := 0
	for _, n := range names {
		if n == DigestFile {
			continue
		}
		w, wok := want[n]
		g, gok := got[n]
		switch {
		case !wok:
			t.Errorf("%s: %s is in the session's output only", step, n)
		case !gok:
			t.Errorf("%s: %s is missing from the session's output", step, n)
		case !bytes.Equal(w, g):
			i := firstDiff(w, g)
			t.Errorf("%s: %s differs at byte %d:\nfull:    %s\nsession: %s", step, n, i, clip(w, i), clip(g, i))
		default:
			continue
		}
		if bad++; bad > 5 {
			t.Fatalf("%s: and more", step)
		}
	}
}

func appendTo(t *testing.T, file, s string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	write(t, file, string(b)+s)
}

func write(t *testing.T, file, s string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// rewriteLine replaces the line of file that starts with prefix (and any
// indented lines that continue it).
func rewriteLine(t *testing.T, file, prefix, line string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(prefix) + `.*\n(?:[ \t]+.*\n)*`)
	if !re.Match(b) {
		t.Fatalf("%s has no line starting %q", file, prefix)
	}
	write(t, file, re.ReplaceAllString(string(b), line+"\n"))
}

// TestLayoutsReachPagesThroughData guards the rule the session's
// dependency tracking rests on (render/deps.go): layouts reach other pages
// only through render.Data's methods, never through the View itself.
func TestLayoutsReachPagesThroughData(t *testing.T) {
	err := filepath.WalkDir("../../layouts", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(".View")) {
			t.Errorf("%s uses .View: go through Data's methods so the preview knows what the page shows", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDerivedDoesNotWait checks that after an update the search index and
// the language report are reported as lagging until Refresh, and that the
// question is answered while an update holds the session (the preview
// serves the files an update wrote while it writes the rest).
func TestDerivedDoesNotWait(t *testing.T) {
	ctx := context.Background()
	content := copyDir(t, "../../content")
	sess := NewSession(Options{Source: "../..", Content: content, Target: "intranet", Drafts: true, Preview: true, Out: filepath.Join(t.TempDir(), "out")})
	t.Cleanup(sess.Close)
	if _, err := sess.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	const idx, report = "/soeg/idx/meta.txt", "/sprograpport/index.html" // the report is the intranet's
	if sess.Derived(idx) {
		t.Fatalf("%s lags after a full build", idx)
	}
	f := filepath.Join(content, "hjertesager", "respekt.md")
	appendTo(t, f, "\nEn ny sætning.\n")
	if _, err := sess.Build(ctx, []string{f}); err != nil {
		t.Fatal(err)
	}
	sess.mu.Lock() // as an update under way does
	answer := make(chan [3]bool)
	go func() {
		answer <- [3]bool{sess.Derived(idx), sess.Derived(report), sess.Derived("/hjertesager/respekt/index.html")}
	}()
	select {
	case got := <-answer:
		if got != [3]bool{true, true, false} {
			t.Errorf("Derived(index, report, page) = %v after an update, want [true true false]", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Derived waits for the session's lock")
	}
	sess.mu.Unlock()
	if err := sess.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if sess.Derived(idx) || sess.Derived(report) {
		t.Error("the index or report lags after Refresh")
	}
}

// TestSessionBackground lets the background render an update's pending
// list pages while they are asked for (Fresh) and a second update comes,
// as in the preview; the output must then be a full build's (run it with
// -race).
func TestSessionBackground(t *testing.T) {
	ctx := context.Background()
	content := copyDir(t, "../../content")
	dir := t.TempDir()
	o := Options{Source: "../..", Content: content, Target: "public", Drafts: true, Preview: true}
	so := o
	so.Out = filepath.Join(dir, "live")
	sess := NewSession(so)
	sess.idle = 0         // the background runs beside Fresh and the next update
	t.Cleanup(sess.Close) // before the folder is removed
	if _, err := sess.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(content, "enheder", "guldborgsund-handicap", "botilbud.md")
	for i, title := range []string{"Bosted med støtte", "Allerførste botilbud"} {
		rewriteLine(t, f, "title:", `title: "`+title+`"`)
		if _, err := sess.Build(ctx, []string{f}); err != nil {
			t.Fatal(err)
		}
		sess.mu.Lock()
		var urls []string
		if sess.pend != nil {
			urls = slices.Clone(sess.pend.order)
		}
		sess.mu.Unlock()
		if i == 0 && len(urls) == 0 {
			t.Fatal("a title edit left no list page pending")
		}
		done := make(chan error, len(urls))
		for _, u := range urls {
			go func() { done <- sess.Fresh(u) }()
		}
		for range urls {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := sess.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	fo := o
	fo.Out = filepath.Join(dir, "full")
	fo.Force = true
	if _, err := Run(ctx, fo); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, "two titles", tree(t, fo.Out), tree(t, so.Out))
}

// TestSessionLongList edits cases of a list longer than one list page
// (render.ListSize): a title that moves a case from the first part to the
// last shifts the items of the parts between, whose own fields did not
// change; a new and a deleted case shift them too (the intranet: the
// cases are internal). After each edit the
// output (every pending file asked for) must be a full build's.
func TestSessionLongList(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site with 3 list pages of cases several times")
	}
	ctx := context.Background()
	content := copyDir(t, "../../content")
	caseFile := func(i int) string { return filepath.Join(content, "inspiration", fmt.Sprintf("lang-%03d.md", i)) }
	caseText := func(title string) string {
		return "---\ntitle: \"" + title + "\"\nsummary: \"En sag.\"\ndate: \"2024-03-03\"\nunit: \"guldborgsund-handicap\"\nvalues: [respekt]\nfocus: [kvalitet]\naudience: \"public\"\n---\n\nEn sag.\n"
	}
	n := 2*render.ListSize + 20
	for i := range n {
		write(t, caseFile(i), caseText(fmt.Sprintf("Lang sag %03d", i)))
	}
	dir := t.TempDir()
	o := Options{Source: "../..", Content: content, Target: "intranet", Drafts: true, Preview: true}
	so := o
	so.Out = filepath.Join(dir, "live")
	sess := NewSession(so)
	sess.lazyOnly = true
	if _, err := sess.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		edit func() []string
	}{
		{"a title moves a case to the last part", func() []string {
			write(t, caseFile(3), caseText("Lang sag 999"))
			return []string{caseFile(3)}
		}},
		{"and back", func() []string {
			write(t, caseFile(3), caseText("Lang sag 003"))
			return []string{caseFile(3)}
		}},
		{"a new case at the front", func() []string {
			write(t, caseFile(n), caseText("Lang sag 000 a"))
			return []string{caseFile(n)}
		}},
		{"a deleted case", func() []string {
			os.Remove(caseFile(1))
			return []string{caseFile(1)}
		}},
		// A filter page comes and goes: the pages that show the section's
		// filters change (render.FilterKey).
		{"a case takes a theme no case had", func() []string {
			write(t, caseFile(5), strings.Replace(caseText("Lang sag 005"), "focus: [kvalitet]", "focus: [kvalitet]\nthemes: [haab-og-mening]", 1))
			return []string{caseFile(5)}
		}},
		{"and leaves it", func() []string {
			write(t, caseFile(5), caseText("Lang sag 005"))
			return []string{caseFile(5)}
		}},
	}
	for _, st := range steps {
		res, err := sess.Build(ctx, st.edit())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !res.Partial {
			t.Errorf("%s: a full build", st.name)
		}
		sameAsFullBuild(ctx, t, st.name, sess, o, filepath.Join(dir, "full"), so.Out)
	}
}
