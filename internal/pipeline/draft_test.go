package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// previewOfRealSite builds the preview's session over a copy of the real
// content, public target, drafts shown, and returns it with the content
// copy and the output folder. Skipped with -short.
func previewOfRealSite(t *testing.T) (sess *Session, dir, out string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the real site")
	}
	dir = copyDir(t, "../../content")
	out = filepath.Join(t.TempDir(), "live")
	sess = NewSession(Options{Source: "../..", Content: dir, Target: "public", Drafts: true, Preview: true, Out: out})
	t.Cleanup(sess.Close) // before TempDir's removal: the background may still write
	if _, err := sess.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return sess, dir, out
}

// TestDraftIsTheNextBuild renders drafts of an offer of the real site
// through Session.Draft, as the browser editor does while an editor types,
// and checks that each is byte for byte the page the session writes once
// the same text is saved, that the findings are the build's, and that a
// draft changes nothing in the output or the session.
func TestDraftIsTheNextBuild(t *testing.T) {
	ctx := context.Background()
	sess, dir, out := previewOfRealSite(t)
	rel := "enheder/guldborgsund-handicap/botilbud.md"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	served := filepath.Join(out, "enheder", "guldborgsund-handicap", "botilbud", "index.html")
	steps := []struct {
		name, raw, want, warn string
	}{
		{"text", string(orig) + "\nEn helt ny sætning i udkastet.\n", "En helt ny sætning i udkastet.", ""},
		{"title", strings.Replace(string(orig), `title: "Botilbud for voksne med handicap"`, `title: "Bosted med støtte"`, 1), "Bosted med støtte", ""},
		{"word bullet", string(orig) + "\n•\tFørste punkt fra Word\n", "Første punkt fra Word", "punkt"},
	}
	for _, st := range steps {
		before, _ := os.ReadFile(served)
		html, fs, err := sess.Draft(ctx, rel, []byte(st.raw))
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !bytes.Contains(html, []byte(st.want)) || !bytes.Contains(html, []byte(`<main id="main"`)) {
			t.Fatalf("%s: the draft lacks %q or the layout:\n%.400s", st.name, st.want, html)
		}
		if now, _ := os.ReadFile(served); !bytes.Equal(now, before) {
			t.Fatalf("%s: the draft changed the served page", st.name)
		}
		if st.warn != "" && !hasFinding(fs, diag.Warning, st.warn) {
			t.Errorf("%s: no warning about %q in %v", st.name, st.warn, fs)
		}
		// Saved, the session's update writes the same page with the same findings.
		if err := os.WriteFile(file, []byte(st.raw), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := sess.Build(ctx, []string{file})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got, _ := os.ReadFile(served); !bytes.Equal(got, html) {
			t.Errorf("%s: the draft is not the page the build writes", st.name)
		}
		for _, f := range forFile(res.Findings, "content/"+rel) {
			if !hasFinding(fs, f.Severity, f.Msg) {
				t.Errorf("%s: the build says %q, the draft does not", st.name, f.Msg)
			}
		}
	}
	// Errors that stop a build give no page, and the messages.
	html, fs, err := sess.Draft(ctx, rel, []byte(strings.Replace(string(orig), "weight: 1\n", "weight: [1\n", 1)))
	if err != nil || html != nil || !hasFinding(fs, diag.Error, "") {
		t.Errorf("broken front matter: html %d bytes, findings %v, err %v", len(html), fs, err)
	}
	if _, _, err := sess.Draft(ctx, "findes/ikke.md", orig); err != ErrNoDraft {
		t.Errorf("a file with no page: %v, want ErrNoDraft", err)
	}
	staff := "inspiration/baeredygtig-arbejdsstyrke.md" // an intranet page
	raw, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(staff)))
	if sess.last.b.site.PageByPath(staff) == nil {
		t.Fatal("the model has no " + staff)
	}
	if _, _, err := sess.Draft(ctx, staff, append(raw, "\nNy sætning.\n"...)); err != ErrNoDraft {
		t.Errorf("a page the target does not show: %v, want ErrNoDraft", err)
	}
}

func hasFinding(fs []diag.Finding, sev diag.Severity, text string) bool {
	for _, f := range fs {
		if f.Severity == sev && strings.Contains(f.Msg, text) {
			return true
		}
	}
	return false
}

// BenchmarkDraft renders drafts of one page as the browser editor does
// while an editor types: a text edit and a front-matter edit. By default
// an offer of the real site; a large corpus with
//
//	LABYRINT_DRAFT_CONTENT=/tmp/c10k/content LABYRINT_DRAFT_PAGE=inspiration/case-07356.md \
//	LABYRINT_DRAFT_TARGET=intranet go test ./internal/pipeline -run '^$' -bench Draft -benchtime 20x
func BenchmarkDraft(b *testing.B) {
	dir, rel, target := os.Getenv("LABYRINT_DRAFT_CONTENT"), os.Getenv("LABYRINT_DRAFT_PAGE"), os.Getenv("LABYRINT_DRAFT_TARGET")
	if dir == "" {
		dir, rel, target = "../../content", "enheder/guldborgsund-handicap/botilbud.md", "public"
	}
	ctx := context.Background()
	sess := NewSession(Options{Source: "../..", Content: dir, Target: target, Drafts: true, Preview: true, Out: filepath.Join(b.TempDir(), "live")})
	if _, err := sess.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	orig, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		edit func(i int) []byte
	}{
		{"text", func(i int) []byte { return append(bytes.Clone(orig), fmt.Sprintf("\nNy sætning %d.\n", i)...) }},
		{"summary", func(i int) []byte {
			return bytes.Replace(orig, []byte("summary: \""), fmt.Appendf(nil, "summary: \"Ord %d ", i), 1)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if html, _, err := sess.Draft(ctx, rel, bc.edit(i)); err != nil || html == nil {
					b.Fatalf("draft: %v, %d bytes", err, len(html))
				}
			}
		})
	}
}
