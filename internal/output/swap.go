package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// errNoExchange means the system has no atomic exchange of two folders.
var errNoExchange = errors.New("ingen atomisk ombytning af mapper")

// fsOps are the file system calls a swap makes. Commit uses osOps; the
// tests replace them to use the renaming path on any system and to stop a
// swap midway, as a killed build or a power cut would.
type fsOps struct {
	rename   func(from, to string) error
	exchange func(a, b string) error // errNoExchange where there is none
}

var osOps = fsOps{rename: os.Rename, exchange: exchange}

// swapIn makes the finished staging folder stage the live folder out.
// Where the system can exchange two folders atomically (Linux renameat2,
// macOS renamex_np) a reader sees the old build or the new one, never
// neither. Elsewhere (Windows, or a file system without the exchange) it is
// two renames, out to out.old-X and stage to out, with a journal written
// before the first: for the moment between them out is missing, and a build
// stopped in that moment is put right by the next one (repairSwap).
func swapIn(ops fsOps, out, stage string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return ops.rename(stage, out)
	}
	if err := ops.exchange(stage, out); err == nil {
		return keepSpare(out, stage) // now holds the previous build
	}
	old := out + ".old-" + strings.TrimPrefix(filepath.Ext(stage), ".")
	if err := writeJournal(out, old, stage); err != nil {
		return err
	}
	if err := renamePatiently(ops, out, old); err != nil {
		os.Remove(journalPath(out))
		return fmt.Errorf("kunne ikke flytte den gamle udgave af %s til side: %w – er en fil i mappen åben i et andet program?", filepath.Base(out), err)
	}
	if err := renamePatiently(ops, stage, out); err != nil {
		if ops.rename(old, out) == nil {
			os.Remove(journalPath(out))
		} // else the journal stays, and the next build puts old back
		return err
	}
	os.Remove(journalPath(out))
	// The new build is live. On Windows the old one may not go yet (a file
	// in it still open in the web server): the next build's Open sweeps it.
	removeTree(old)
	return nil
}

// renamePatiently renames, trying again for about 1.5 s: on Windows a
// folder cannot be renamed while a virus scanner or an indexer holds one of
// its files open, which lasts moments.
func renamePatiently(ops fsOps, from, to string) error {
	var err error
	for wait := 50 * time.Millisecond; ; wait *= 2 {
		if err = ops.rename(from, to); err == nil || wait > 800*time.Millisecond || errors.Is(err, os.ErrNotExist) {
			return err
		}
		time.Sleep(wait)
	}
}

// journalPath is the swap journal of output folder out: it exists only
// between a renaming swap's first rename and its last.
func journalPath(out string) string { return out + ".swap" }

// writeJournal records, by their names beside out, the two folders a
// renaming swap moves, and syncs it to disk before any rename.
func writeJournal(out, old, stage string) error {
	f, err := os.OpenFile(journalPath(out), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "old %s\nstage %s\n", filepath.Base(old), filepath.Base(stage))
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// repairSwap finishes or undoes a renaming swap that was stopped midway,
// as told by its journal; the caller holds the output's lock. When out is
// missing, the staged build (written whole before the journal) is moved in;
// if that is gone too, the old build goes back. The folders left over are
// removed by Open's sweep of old and staging folders.
func repairSwap(ops fsOps, out string) error {
	data, err := os.ReadFile(journalPath(out))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	var old, stage string
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, " "); ok && filepath.Base(v) == v && v != "." && v != ".." {
			switch k {
			case "old":
				old = v
			case "stage":
				stage = v
			}
		}
	}
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		parent := filepath.Dir(out)
		for _, from := range []string{stage, old} {
			if from == "" {
				continue
			}
			if err := ops.rename(filepath.Join(parent, from), out); err == nil {
				break
			} else if !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("en afbrudt ombytning af %s kunne ikke gøres færdig: %w", filepath.Base(out), err)
			}
		}
	}
	return os.Remove(journalPath(out))
}
