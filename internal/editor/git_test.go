package editor

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitFixture is a fixture whose site is a Git work tree with one commit,
// and whose editor is made with o (Source set here).
func gitFixture(t *testing.T, o Options, repo bool) *fixture {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	f := &fixture{t: t, root: testSite(t)}
	if repo {
		f.git("init", "-q")
		f.git("add", "-A")
		f.git("commit", "-q", "-m", "start")
	}
	o.Source, o.Hosts, o.Log = f.root, []string{host}, &f.log
	ed, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ed.Close() })
	f.ed, f.h = ed, ed.Handler()
	return f
}

func (f *fixture) git(args ...string) string {
	cmd := exec.Command("git", args...)
	cmd.Dir = f.root
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Start", "GIT_AUTHOR_EMAIL=start@example.org", "GIT_COMMITTER_NAME=Start", "GIT_COMMITTER_EMAIL=start@example.org")
	out, err := cmd.CombinedOutput()
	if err != nil {
		f.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (f *fixture) savedLog() string {
	b, _ := os.ReadFile(filepath.Join(f.root, LogName))
	return string(b)
}

// With Commit, a save commits that one file as the editor, with a Danish
// message; other changes in the work tree, staged or not, stay out of it.
// A rename commits the old file's removal and the new file together.
func TestSaveCommitsTheFile(t *testing.T) {
	f := gitFixture(t, Options{Commit: true, Name: "Anne Redaktør"}, true)
	os.WriteFile(filepath.Join(f.root, "content", "_index.md"), []byte("---\ntitle: Forside\n---\nÆndret.\n"), 0o644)
	f.git("add", "content/_index.md")
	os.WriteFile(filepath.Join(f.root, "noter.txt"), []byte("ikke med\n"), 0o644)
	if w := f.do("POST", Prefix+"gem", f.saveForm("Anden udgave", "Ny tekst.\n"), nil); w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	if got := f.git("log", "-1", "--format=%an|%cn|%s"); got != "Anne Redaktør|Anne Redaktør|Rediger: Anden udgave" {
		t.Errorf("commit: %q", got)
	}
	if got := f.git("show", "--name-status", "--format=", "HEAD"); got != "M\tcontent/side.md" {
		t.Errorf("committed files: %q", got)
	}
	if got := f.git("status", "--porcelain"); !strings.Contains(got, "M  content/_index.md") || !strings.Contains(got, "?? noter.txt") {
		t.Errorf("other changes: %q", got)
	}
	if l := f.savedLog(); !strings.Contains(l, "redigering: gemte content/side.md af Anne Redaktør (Git: ") {
		t.Errorf("%s: %q", LogName, l)
	}
	hash := hashOf([]byte(f.read("side.md")))
	if w := f.do("POST", Prefix+"omdoeb", url.Values{"token": {f.ed.token}, "fil": {"side.md"}, "hash": {hash}, "navn": {"ny-side"}}, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("rename: %d %s", w.Code, w.Body)
	}
	if got := f.git("show", "--name-status", "--no-renames", "--format=%s", "HEAD"); got != "Omdøb: Anden udgave\n\nA\tcontent/ny-side.md\nD\tcontent/side.md" {
		t.Errorf("rename commit: %q", got)
	}
}

// The proxy's user name is the author; an e-mail address as the name is
// also the author's address.
func TestCommitNamesTheProxyUser(t *testing.T) {
	f := gitFixture(t, Options{Commit: true, Proxy: "10.0.0.5"}, true)
	w := f.do("POST", Prefix+"gem", f.saveForm("Fra proxyen", "Tekst.\n"), func(r *http.Request) {
		r.RemoteAddr = "10.0.0.5:4000"
		r.Header.Set("X-Remote-User", "anne@kommune.dk")
	})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	if got := f.git("log", "-1", "--format=%an <%ae>|%s"); got != "anne@kommune.dk <anne@kommune.dk>|Rediger: Fra proxyen" {
		t.Errorf("commit: %q", got)
	}
}

// A commit that fails leaves the file saved and says so in Danish on the
// form; a site that is no Git work tree likewise.
func TestFailedCommitStillSaves(t *testing.T) {
	for _, tc := range []struct {
		name string
		repo bool
		want string
	}{
		{"hook refuses", true, "Gemt, men ikke lagt i Git: git commit fejlede: nej tak fra krogen"},
		{"no repository", false, "Gemt, men ikke lagt i Git: indholdsmappen ligger ikke i et Git-arkiv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := gitFixture(t, Options{Commit: true, Name: "Anne"}, tc.repo)
			if tc.repo {
				hook := filepath.Join(f.root, ".git", "hooks", "pre-commit")
				os.WriteFile(hook, []byte("#!/bin/sh\necho 'nej tak fra krogen' >&2\nexit 1\n"), 0o755)
			}
			w := f.do("POST", Prefix+"gem", f.saveForm("Gemt alligevel", "Tekst.\n"), nil)
			if w.Code != http.StatusSeeOther {
				t.Fatalf("save: %d %s", w.Code, w.Body)
			}
			if !strings.Contains(f.read("side.md"), `title: "Gemt alligevel"`) {
				t.Error("the file is not saved")
			}
			form := f.do("GET", w.Header().Get("Location"), nil, nil).Body.String()
			if !strings.Contains(form, tc.want) || !strings.Contains(form, "Gemt. Forhåndsvisningen") {
				t.Errorf("the form does not say %q:\n%s", tc.want, form)
			}
			if again := f.do("GET", w.Header().Get("Location"), nil, nil).Body.String(); strings.Contains(again, "ikke lagt i Git") {
				t.Error("the note is shown twice")
			}
			if got := f.ed.GitProblem(); (got == "") != tc.repo {
				t.Errorf("GitProblem: %q", got)
			}
			if !strings.Contains(f.savedLog(), "(ikke lagt i Git: ") {
				t.Errorf("%s: %q", LogName, f.savedLog())
			}
		})
	}
}

// Off by default: a save in a Git work tree makes no commit, and is still
// recorded in the log file.
func TestNoCommitByDefault(t *testing.T) {
	f := gitFixture(t, Options{}, true)
	if w := f.do("POST", Prefix+"gem", f.saveForm("Uden Git", "Tekst.\n"), nil); w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	if got := f.git("log", "--format=%s"); got != "start" {
		t.Errorf("commits: %q", got)
	}
	if got := f.git("status", "--porcelain", "content"); got != "M content/side.md" {
		t.Errorf("status: %q", got)
	}
	if l := f.savedLog(); !strings.Contains(l, "redigering: gemte content/side.md af ") || strings.Contains(l, "Git") {
		t.Errorf("%s: %q", LogName, l)
	}
}
