package editor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// LogName is the file in the site root where every save is recorded (who,
// when, which file), one line each, kept when the preview stops.
const LogName = ".labyrint-editor.log"

// gitTimeout is how long one git command may take before a save gives up
// committing (the file stays saved).
const gitTimeout = 30 * time.Second

// record notes a change (what, e.g. "gemte content/side.md") in the
// preview's log and the site's LogName, and, with Options.Commit, commits
// exactly the files it touched (content paths) with the editor's name and
// the Danish message msg. It returns a Danish note when the commit failed
// ("" when it worked or is off): the files are saved either way.
func (e *Editor) record(who, what, msg string, paths ...string) string {
	line := fmt.Sprintf("%s redigering: %s af %s", time.Now().UTC().Format(time.RFC3339), what, who)
	e.mu.Lock()
	defer e.mu.Unlock()
	note := ""
	if e.o.Commit {
		if id, err := e.commit(who, msg, paths); err != nil {
			note = "Gemt, men ikke lagt i Git: " + err.Error()
			line += " (ikke lagt i Git: " + err.Error() + ")"
		} else {
			line += " (Git: " + id + ")"
		}
	}
	fmt.Fprintln(e.o.Log, line)
	if f, err := os.OpenFile(filepath.Join(e.o.Source, LogName), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644); err == nil {
		fmt.Fprintln(f, line)
		f.Close()
	} else {
		fmt.Fprintln(e.o.Log, "redigering: kan ikke skrive i "+LogName+": "+danishErr(err))
	}
	return note
}

// commit commits the content files at paths (and nothing else: other
// changes, staged or not, stay as they were) as who, with message msg. It
// returns the new commit's short id, or why it failed in Danish.
func (e *Editor) commit(who, msg string, paths []string) (string, error) {
	name, email := strings.TrimSuffix(who, " (lokal)"), ""
	if strings.Contains(name, "@") {
		email = name // a login proxy's user name is often the e-mail address
	}
	env := []string{"GIT_AUTHOR_NAME=" + name, "GIT_COMMITTER_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_COMMITTER_EMAIL=" + email}
	top, err := git(e.dir, env, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", errors.New("indholdsmappen ligger ikke i et Git-arkiv")
	}
	var rels []string
	for _, p := range paths {
		abs, err := filepath.Abs(filepath.Join(e.dir, filepath.FromSlash(p)))
		if err != nil {
			return "", err
		}
		rel, err := filepath.Rel(top, abs)
		if err != nil {
			return "", err
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	var add []string // what exists now; a renamed page's old file is only committed
	for _, r := range rels {
		if _, err := os.Lstat(filepath.Join(top, filepath.FromSlash(r))); err == nil {
			add = append(add, r)
		}
	}
	if len(add) > 0 {
		if _, err := git(top, env, append([]string{"add", "--"}, add...)...); err != nil {
			return "", fmt.Errorf("git add fejlede: %w", err)
		}
	}
	if _, err := git(top, env, append([]string{"commit", "--quiet", "-m", msg, "--"}, rels...)...); err != nil {
		return "", fmt.Errorf("git commit fejlede: %w", err)
	}
	return git(top, env, "rev-parse", "--short", "HEAD")
}

// git runs git with args in dir and env added to the environment (no
// shell, no prompt); it returns its output, or an error with git's own
// last line.
func git(dir string, env []string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_EDITOR=true"), env...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		lines := strings.Split(strings.TrimSpace(stderr.String()+"\n"+out.String()), "\n")
		last := strings.TrimSpace(lines[len(lines)-1])
		if errors.Is(err, exec.ErrNotFound) {
			last = "programmet git findes ikke på maskinen"
		}
		if last == "" {
			last = err.Error()
		}
		return "", errors.New(last)
	}
	return strings.TrimSpace(out.String()), nil
}

// GitProblem says in Danish why changes cannot be committed (git missing,
// or the content folder not in a Git work tree), or "" when they can; for
// labyrint serve --editor-git to say at once.
func (e *Editor) GitProblem() string {
	if _, err := exec.LookPath("git"); err != nil {
		return "programmet git findes ikke på maskinen"
	}
	if _, err := git(e.dir, nil, "rev-parse", "--show-toplevel"); err != nil {
		return "indholdsmappen ligger ikke i et Git-arkiv"
	}
	return ""
}
