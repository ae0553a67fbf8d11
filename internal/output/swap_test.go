package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// renamingOps is the swap Windows makes: no exchange, two renames. The
// tests run it on any system.
func renamingOps(rename func(from, to string) error) fsOps {
	return fsOps{rename: rename, exchange: func(a, b string) error { return errNoExchange }}
}

// errKilled stands for the process ending in the middle of a swap: swapIn
// gets no chance to clean up.
type errKilled struct{}

// killAfter renames n times, then "kills" the build (a panic the test
// recovers, so no line of swapIn after the call runs).
func killAfter(n int) func(from, to string) error {
	return func(from, to string) error {
		if n == 0 {
			panic(errKilled{})
		}
		n--
		return os.Rename(from, to)
	}
}

// stage opens a build of out with ops holding one page with body.
func stage(t *testing.T, out, body string, ops fsOps) *Writer {
	t.Helper()
	w, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w.ops = ops
	if err := w.Write("index.html", []byte("<p>"+body+"</p>")); err != nil {
		t.Fatal(err)
	}
	return w
}

func page(t *testing.T, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatalf("the live output has no page: %v", err)
	}
	return string(b)
}

// leftovers lists what a finished build must not leave beside out.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	sibs, _ := os.ReadDir(filepath.Dir(out))
	var left []string
	for _, e := range sibs {
		n := e.Name()
		if strings.HasPrefix(n, "public.staging-") || strings.HasPrefix(n, "public.old-") || n == "public.swap" {
			left = append(left, n)
		}
	}
	return left
}

func TestRenamingSwap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for _, body := range []string{"første", "anden", "tredje"} {
		if err := stage(t, out, body, renamingOps(os.Rename)).Commit(); err != nil {
			t.Fatal(err)
		}
		if got := page(t, out); got != "<p>"+body+"</p>" {
			t.Fatalf("live page %q after building %q", got, body)
		}
		if l := leftovers(t, out); l != nil {
			t.Fatalf("left beside the output: %v", l)
		}
	}
}

// TestRenamingSwapKilled stops the renaming swap at each step, as a killed
// build would, and checks that the next build finds a whole site (the
// staged one, which was finished, once the old one was moved aside) and
// cleans up, and that building then works as before.
func TestRenamingSwapKilled(t *testing.T) {
	for _, c := range []struct {
		renames int
		want    string // the page the next Open must find live
	}{
		{0, "gammel"}, // killed after the journal, before any rename
		{1, "ny"},     // killed with the old build aside and out missing
	} {
		out := filepath.Join(t.TempDir(), "public")
		if err := stage(t, out, "gammel", renamingOps(os.Rename)).Commit(); err != nil {
			t.Fatal(err)
		}
		w := stage(t, out, "ny", renamingOps(killAfter(c.renames)))
		func() {
			defer func() {
				if _, ok := recover().(errKilled); !ok {
					t.Fatalf("after %d renames: the swap was not stopped", c.renames)
				}
			}()
			w.Commit()
		}()
		w.release() // the process ended: the system drops its lock
		if _, err := os.Stat(journalPath(out)); err != nil {
			t.Fatalf("after %d renames: no journal: %v", c.renames, err)
		}
		w2, err := Open(out)
		if err != nil {
			t.Fatalf("after %d renames: the next build cannot open: %v", c.renames, err)
		}
		if got := page(t, out); got != "<p>"+c.want+"</p>" {
			t.Errorf("after %d renames: live page %q, want %q", c.renames, got, c.want)
		}
		w2.Abort()
		if l := leftovers(t, out); l != nil {
			t.Errorf("after %d renames: left beside the output: %v", c.renames, l)
		}
		if err := stage(t, out, "igen", renamingOps(os.Rename)).Commit(); err != nil || page(t, out) != "<p>igen</p>" {
			t.Errorf("after %d renames: the build after the repair: %v", c.renames, err)
		}
	}
}

// TestRenamingSwapFails: when the staged build cannot be moved in (on
// Windows, a file held open), the old build is put back and the error
// returned.
func TestRenamingSwapFails(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := stage(t, out, "gammel", renamingOps(os.Rename)).Commit(); err != nil {
		t.Fatal(err)
	}
	busy := errors.New("the file is in use")
	calls := 0
	ops := renamingOps(func(from, to string) error {
		calls++
		if strings.Contains(from, ".staging-") {
			return busy
		}
		return os.Rename(from, to)
	})
	if err := stage(t, out, "ny", ops).Commit(); !errors.Is(err, busy) {
		t.Fatalf("Commit: %v, want the rename's error", err)
	}
	if got := page(t, out); got != "<p>gammel</p>" {
		t.Errorf("live page %q after a failed swap, want the old one", got)
	}
	if _, err := os.Stat(journalPath(out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the journal is left after the old build was put back: %v", err)
	}
	if calls < 3 {
		t.Errorf("the busy rename was tried %d times in all, want it tried again", calls)
	}
}

// TestRepairPutsOldBack: with out and the staged build both gone, the old
// build named in the journal goes back.
func TestRepairPutsOldBack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	os.MkdirAll(filepath.Join(dir, "public.old-7"), 0o755)
	os.WriteFile(filepath.Join(dir, "public.old-7", "index.html"), []byte("gammel"), 0o644)
	if err := writeJournal(out, out+".old-7", out+".staging-7"); err != nil {
		t.Fatal(err)
	}
	w, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if got := page(t, out); got != "gammel" {
		t.Errorf("live page %q, want the old build back", got)
	}
}

// TestRepairIgnoresPaths: a journal naming a path outside the output's
// folder moves nothing.
func TestRepairIgnoresPaths(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site", "public")
	os.MkdirAll(filepath.Join(dir, "site"), 0o755)
	os.MkdirAll(filepath.Join(dir, "andet"), 0o755)
	os.WriteFile(journalPath(out), []byte("stage ../andet\nold ..\n"), 0o644)
	if err := repairSwap(osOps, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "andet")); err != nil {
		t.Errorf("a folder outside was moved: %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("out was made from a path outside: %v", err)
	}
}
