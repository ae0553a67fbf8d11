package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// The previous build's tree is kept beside the output after a swap, as
// out.spare, and a full build takes it as its staging folder (ReuseSpare):
// it writes each file over the file of the same name and makes only the
// folders the spare lacks, and before the swap removes what the build did
// not write. On a disk this saves creating and deleting a file and a
// folder per page on every build (the README's "Tuning").

// spareSuffix names the kept tree beside the output.
const spareSuffix = ".spare"

// spareRest is how long a spare must have been kept before a build writes
// over it. The spare was the live site until the last swap, and a web
// server may still be sending one of its files to a slow client: a file is
// written over in place (same inode), which would cut such a download
// short, where removing it (the old way) would not. A build sooner after
// the last makes a new tree, as without a spare.
var spareRest = 10 * time.Minute

// spare is what a reused staging folder held when it was taken: slash path
// → whether it is a folder. Read-only once the writer has it.
type spare map[string]bool

// ReuseSpare makes the tree kept beside the output by the last build the
// staging folder, in place of the empty one Open made, if there is one.
// Call it before the first write. Files in it that are not regular files,
// or have another name elsewhere (a hard link: writing over it would change
// that too), are removed first, so every file written over is the spare's
// own. Merge is refused afterwards: the staging folder holds more than this
// build wrote.
func (w *Writer) ReuseSpare() error {
	if err := w.reuseSpare(); err != nil {
		return fmt.Errorf("kan ikke genbruge den forrige udgave ved siden af %s: %s", w.Out, diag.OSError(err))
	}
	return nil
}

func (w *Writer) reuseSpare() error {
	if !canReuse {
		return nil
	}
	if w.inPlace || w.old != nil {
		return errors.New("reuse: the writer writes in place or reuses already")
	}
	sp := w.Out + spareSuffix
	fi, err := os.Lstat(sp)
	if err != nil || !fi.IsDir() {
		return nil // none (a file of that name is not ours to remove)
	}
	if time.Since(fi.ModTime()) < spareRest {
		return nil // it may still be serving a download
	}
	if err := os.Remove(w.stage); err != nil {
		return err
	}
	if err := os.Rename(sp, w.stage); err != nil {
		return os.Mkdir(w.stage, 0o755)
	}
	old, err := survey(w.stage)
	if err != nil {
		// Not worth the trouble: start from an empty folder as Open did.
		if err := removeTree(w.stage); err != nil {
			return err
		}
		return os.Mkdir(w.stage, 0o755)
	}
	w.old = old
	for rel, dir := range old {
		if dir {
			w.dirs.Store(filepath.Join(w.stage, filepath.FromSlash(rel)), true)
		}
	}
	return nil
}

// survey lists the tree at root, removing every entry that is neither a
// folder nor a regular file with a single link.
func survey(root string) (spare, error) {
	old := spare{}
	err := filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if err != nil || full == root {
			return err
		}
		rel, err := filepath.Rel(root, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			old[rel] = true
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() || links(fi) != 1 {
			return os.Remove(full)
		}
		old[rel] = false
		return nil
	})
	return old, err
}

// fixMu serialises the rare repairs of a reused tree where a file of the
// spare stands where a folder is needed.
var fixMu sync.Mutex

// mkdirReused makes folder dir (full path; rel its slash path) in a reused
// staging folder, removing a file of the spare that stands in its way.
func (w *Writer) mkdirReused(dir, rel string) error {
	if isDir, ok := w.old[rel]; ok && !isDir {
		fixMu.Lock()
		defer fixMu.Unlock()
		if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
			if err := os.Remove(dir); err != nil {
				return err
			}
		}
	}
	if p := path.Dir(rel); p != "." {
		if _, done := w.dirs.Load(filepath.Dir(dir)); !done {
			if err := w.mkdirReused(filepath.Dir(dir), p); err != nil {
				return err
			}
			w.dirs.Store(filepath.Dir(dir), true)
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// clearReused makes the place of file rel (full path) in a reused staging
// folder ready: a folder of the spare there goes, and a .gz of the spare
// beside it goes when this build makes none.
func (w *Writer) clearReused(full, rel string, gz bool) error {
	if w.old[rel] {
		if err := os.RemoveAll(full); err != nil {
			return err
		}
	}
	if _, ok := w.old[rel+".gz"]; ok && !gz {
		if err := os.RemoveAll(full + ".gz"); err != nil {
			return err
		}
	}
	return nil
}

// sweep removes from a reused staging folder what this build did not
// write: the spare's folders it needs no more (whole), then its files.
func (w *Writer) sweep() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var dirs, files []string
	gone := map[string]bool{} // folders of the spare that are no more
	for rel, dir := range w.old {
		switch {
		case w.written[rel]:
			// written over (a folder of the spare there was removed, and a
			// .gz twin a file no longer has, when the file was written)
			gone[rel] = dir
		case w.folders[rel]:
			// a folder now (a file of the spare there was removed)
		case dir:
			dirs = append(dirs, rel)
		default:
			files = append(files, rel)
		}
	}
	sort.Strings(dirs) // a folder before the folders inside it
	for _, rel := range dirs {
		if gone[path.Dir(rel)] {
			gone[rel] = true
			continue
		}
		if err := removeTree(filepath.Join(w.stage, filepath.FromSlash(rel))); err != nil {
			return writeErr(rel, err)
		}
		gone[rel] = true
	}
	for _, rel := range files {
		if gone[path.Dir(rel)] {
			continue
		}
		if err := os.Remove(filepath.Join(w.stage, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return writeErr(rel, err)
		}
	}
	return nil
}

// keepSpare keeps tree (the previous build, just swapped out) as the next
// build's spare, or removes it if a spare is there already. The spare's
// folder's modification time says when it was kept (spareRest).
func keepSpare(out, tree string) error {
	if canReuse && os.Rename(tree, out+spareSuffix) == nil {
		now := time.Now()
		if os.Chtimes(out+spareSuffix, now, now) == nil {
			return nil
		}
		tree = out + spareSuffix // no time, no reuse
	}
	return removeTree(tree)
}
