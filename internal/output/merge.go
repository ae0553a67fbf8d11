package output

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Written returns the files this build wrote, as slash paths relative to
// the output, sorted; a .gz twin is left out (see Merge).
func (w *Writer) Written() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.written)/2)
	for rel := range w.written {
		if base, ok := strings.CutSuffix(rel, ".gz"); ok && w.written[base] {
			continue // a twin claimed with its file
		}
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

// Merge ends an incremental build: instead of swapping the staged folder
// in whole, it removes the stale files from the live output (each with its
// .gz), moves every staged file into the live output over the file of the
// same name (one rename each: a reader sees the old file or the new one),
// removes a live .gz a staged file no longer has, prunes folders left
// empty and releases the lock. Unlike Commit it is not atomic for the
// folder as a whole: the caller makes sure a build stopped midway is
// followed by a full one (see pipeline's build cache).
func (w *Writer) Merge(stale []string) error {
	defer w.release()
	if w.inPlace || w.old != nil {
		return errors.New("merge: the writer writes in place or reuses a spare")
	}
	emptied := map[string]bool{}
	for _, rel := range stale {
		for _, f := range []string{rel, rel + ".gz"} {
			if err := os.Remove(filepath.Join(w.Out, filepath.FromSlash(f))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return writeErr(f, err)
			}
		}
		emptied[path.Dir(rel)] = true
	}
	err := filepath.WalkDir(w.stage, func(full string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(w.stage, full)
		dst := filepath.Join(w.Out, rel)
		if err := os.Rename(full, dst); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return writeErr(filepath.ToSlash(filepath.Dir(rel)), err)
			}
			err = os.Rename(full, dst)
			if err != nil {
				return writeErr(filepath.ToSlash(rel), err)
			}
		} else if err != nil {
			return writeErr(filepath.ToSlash(rel), err)
		}
		if !strings.HasSuffix(rel, ".gz") {
			if _, err := os.Lstat(full + ".gz"); errors.Is(err, fs.ErrNotExist) {
				os.Remove(dst + ".gz") // a twin the new file no longer has
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	os.RemoveAll(w.stage)
	for dir := range emptied {
		for dir != "." && dir != "/" {
			if os.Remove(filepath.Join(w.Out, filepath.FromSlash(dir))) != nil {
				break // not empty (or gone): its parents are not empty either
			}
			dir = path.Dir(dir)
		}
	}
	return nil
}
