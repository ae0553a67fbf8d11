// Package output writes a build to disk so that the live folder only ever
// changes whole: files go to a staging folder beside it (minified, and
// precompressed as .gz), and only a build that finished is swapped in, by an
// atomic exchange of the two folders where the system has one, else by two
// renames with a journal that the next build uses to finish a swap that was
// stopped midway (swap.go). A lock file keeps two builds from writing the
// same output at once (flock on Linux and macOS, LockFileEx on Windows). The
// tree swapped out is kept as out.spare for the next full build to write
// over (reuse.go). Nothing is written or removed outside the output folder
// and its staging and spare siblings.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/parse/v2/buffer"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Writer stages one build of one target.
type Writer struct {
	Out     string // the live output folder
	stage   string // where this build writes
	lock    *os.File
	ops     fsOps // the swap's file system calls (tests replace them)
	min     *minify.M
	gzPool  sync.Pool
	mu      sync.Mutex
	written map[string]bool // files written and their .gz twins, see claim
	folders map[string]bool // folders holding a written file
	dirs    sync.Map        // folders already made in the staging folder
	inPlace bool            // OpenInPlace: writes go straight to Out, each file replaced whole
	old     spare           // ReuseSpare: what the reused staging folder held
	// Compress makes a .gz beside every text file over 256 bytes but the
	// pages (.html): the assets, the search index and the sitemap.
	Compress bool
	// CompressPages makes a .gz beside the pages too (with Compress; the
	// target's gzip_pages in site.yaml). A page is fetched once a visit,
	// and a web server compresses HTML on the fly at little cost.
	CompressPages bool
	// Minify minifies HTML, CSS, JS, SVG, XML and JSON written with Write
	// (pages come minified and are written with WritePage).
	Minify bool
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".svg": "image/svg+xml", ".xml": "text/xml", ".json": "application/json",
}

var compressible = map[string]bool{".html": true, ".css": true, ".js": true, ".svg": true, ".xml": true, ".json": true, ".txt": true}

// gzipLevel is klauspost/compress's level for the .gz files, 3 rather
// than the default 5 (the README's "Tuning" has the measurement).
const gzipLevel = 3

// ErrBusy means another build holds the output's lock.
var ErrBusy = errors.New("en anden bygning skriver til samme mappe lige nu")

// Open locks the output folder out and prepares a staging folder beside it.
// srcRoots are the site root and then its source folders (content, layouts,
// assets): out may not be any of them nor contain one, and may lie inside
// only the first.
func Open(out string, srcRoots ...string) (*Writer, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if filepath.Dir(abs) == abs {
		return nil, fmt.Errorf("outputmappen %s kan ikke være roden af filsystemet", out)
	}
	for i, r := range srcRoots {
		ra, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		// The output may sit inside the site root (public/), but never be a
		// source folder, a folder above one, or inside content or layouts.
		if ra == abs || within(abs, ra) || (i > 0 && within(ra, abs)) {
			return nil, fmt.Errorf("outputmappen %s må ikke være kildemappen %s, ligge over den eller inde i den", out, r)
		}
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, fmt.Errorf("outputmappen %s er et symbolsk link; angiv den rigtige mappe", out)
	} else if err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("outputmappen %s er en fil, ikke en mappe; angiv den mappe, sitet skal bygges i", out)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockOut(abs)
	if err != nil {
		return nil, err
	}
	if err := repairSwap(osOps, abs); err != nil {
		unlockFile(lock)
		lock.Close()
		return nil, err
	}
	// Leftovers of killed builds: stale staging and old folders. Found by
	// comparing names, not by a glob, so no character in the output's name
	// can match another folder.
	if sibs, err := os.ReadDir(parent); err == nil {
		base := filepath.Base(abs)
		for _, e := range sibs {
			n := e.Name()
			switch {
			case strings.HasPrefix(n, base+".staging-"):
				keepSpare(abs, filepath.Join(parent, n)) // any tree will do as a spare
			case strings.HasPrefix(n, base+".old-"):
				removeTree(filepath.Join(parent, n))
			}
		}
	}
	stage, err := os.MkdirTemp(parent, filepath.Base(abs)+".staging-")
	if err != nil {
		unlockFile(lock)
		lock.Close()
		return nil, err
	}
	os.Chmod(stage, 0o755)
	w := &Writer{Out: abs, stage: stage, lock: lock, ops: osOps, written: map[string]bool{}, folders: map[string]bool{}, Compress: true, Minify: true}
	w.init()
	return w, nil
}

// lockOut takes the lock of output folder abs (the file abs.lock beside
// it), or fails with ErrBusy if another build holds it.
func lockOut(abs string) (*os.File, error) {
	lock, err := os.OpenFile(abs+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		return nil, ErrBusy
	}
	return lock, nil
}

func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// clean checks that name is a plain relative slash path inside the output.
func clean(name string) (string, error) {
	c := path.Clean("/" + name)
	if c == "/" || c != "/"+strings.TrimPrefix(name, "/") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("ugyldigt filnavn i output: %q", name)
	}
	return c[1:], nil
}

// OpenInPlace locks the output folder out, which must exist, for a build
// that replaces some of its files: each file is written beside its place
// and renamed over it, so a reader sees the old file or the new one, never
// a part. Only the preview uses it, on its private folder; nothing can be
// undone, so write only what is finished. Commit releases the lock.
func OpenInPlace(out string) (*Writer, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(abs); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("outputmappen %s findes ikke", out)
	}
	lock, err := lockOut(abs)
	if err != nil {
		return nil, err
	}
	w := &Writer{Out: abs, stage: abs, lock: lock, written: map[string]bool{}, folders: map[string]bool{}, Compress: true, Minify: true, inPlace: true}
	w.init()
	return w, nil
}

func (w *Writer) init() {
	w.min = htmlMinifier
	w.gzPool.New = func() any { z, _ := gzip.NewWriterLevel(io.Discard, gzipLevel); return z }
}

// Minified returns data minified by its file type (unchanged for others).
func (w *Writer) Minified(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !w.Minify || !ok {
		return data, nil
	}
	out, err := w.min.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// Write minifies data by its type and writes it (and its .gz) as name,
// a slash path relative to the output. Safe for concurrent use; data is
// not kept.
func (w *Writer) Write(name string, data []byte) error {
	rel, err := clean(name)
	if err != nil {
		return err
	}
	mt, ok := mediaTypes[path.Ext(rel)]
	if !w.Minify || !ok {
		return w.WriteRaw(rel, data)
	}
	b := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(b)
	b.Reset()
	if err := w.min.Minify(mt, b, buffer.NewReader(data)); err != nil {
		return fmt.Errorf("minify %s: %w", rel, err)
	}
	return w.WriteRaw(rel, b.Bytes())
}

// WritePage writes an HTML page made from layouts minified by MinifyLayout
// and Markdown minified by MinifyHTML (see minify.go): it is not minified
// again.
func (w *Writer) WritePage(name string, html []byte) error { return w.WriteRaw(name, html) }

// bufPool holds buffers for minified pages and their .gz, which are
// written and dropped: a large build would otherwise allocate each anew.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteRaw writes data as it is (and its .gz).
func (w *Writer) WriteRaw(name string, data []byte) error {
	rel, err := clean(name)
	if err != nil {
		return err
	}
	if err := w.claim(rel); err != nil {
		return err
	}
	full := filepath.Join(w.stage, filepath.FromSlash(rel))
	if err := w.mkdir(full, rel); err != nil {
		return err
	}
	gz := w.compress(rel, data)
	if w.old != nil {
		if err := w.clearReused(full, rel, gz); err != nil {
			return writeErr(rel, err)
		}
	}
	if err := w.writeFile(full, data); err != nil {
		return writeErr(rel, err)
	}
	if gz {
		b := bufPool.Get().(*bytes.Buffer)
		defer bufPool.Put(b)
		b.Reset()
		z := w.gzPool.Get().(*gzip.Writer)
		z.Reset(b)
		z.Write(data)
		z.Close()
		w.gzPool.Put(z)
		if err := w.writeFile(full+".gz", b.Bytes()); err != nil {
			return writeErr(rel+".gz", err)
		}
	} else if w.inPlace {
		os.Remove(full + ".gz") // a .gz from before would be stale
	}
	return nil
}

// mkdir makes the folder of file full (rel: its slash path) if this build
// has not made it yet.
func (w *Writer) mkdir(full, rel string) error {
	dir := filepath.Dir(full)
	if dir == w.stage {
		return nil
	}
	if _, done := w.dirs.Load(dir); done {
		return nil
	}
	if w.old != nil {
		if err := w.mkdirReused(dir, path.Dir(rel)); err != nil {
			return writeErr(path.Dir(rel), err)
		}
	} else if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		// Most folders are new and their parent is made already: one
		// mkdir, not MkdirAll's stat of the folder and its parent first.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return writeErr(path.Dir(rel), err)
		}
	}
	w.dirs.Store(dir, true)
	return nil
}

// compress reports whether file rel gets a .gz beside it.
func (w *Writer) compress(rel string, data []byte) bool {
	ext := path.Ext(rel)
	return w.Compress && compressible[ext] && len(data) > 256 && (w.CompressPages || ext != ".html")
}

func (w *Writer) writeFile(full string, data []byte) error {
	if !w.inPlace {
		return writeNew(full, data)
	}
	tmp := full + ".labyrint-tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, full)
}

// Fingerprint returns name with a short content hash before its extension:
// "site.css" → "site.1a2b3c4d.css".
func Fingerprint(name string, data []byte) string {
	h := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(h[:4]) + ext
}

// writeErr says in Danish that file rel (a path inside the output) could
// not be written, never naming the staging folder.
func writeErr(rel string, err error) error {
	return fmt.Errorf("kan ikke skrive %s i outputmappen: %s", rel, diag.OSError(err))
}

// Commit swaps the staged build in as the live output and releases the lock.
func (w *Writer) Commit() error {
	if err := w.commit(); err != nil {
		return &commitError{out: w.Out, err: err}
	}
	return nil
}

// commitError is a failed swap, said in Danish without the staging
// folder; it unwraps to the system's error.
type commitError struct {
	out string
	err error
}

func (e *commitError) Error() string {
	return fmt.Sprintf("kan ikke skifte den nye udgave ind i %s: %s", e.out, diag.OSError(e.err))
}

func (e *commitError) Unwrap() error { return e.err }

func (w *Writer) commit() error {
	defer w.release()
	if w.inPlace {
		return nil
	}
	if w.old != nil {
		if err := w.sweep(); err != nil {
			return err
		}
	}
	return swapIn(w.ops, w.Out, w.stage)
}

// Abort throws the staged build away (or keeps it as the next build's
// spare); the live output is untouched.
func (w *Writer) Abort() {
	if !w.inPlace {
		keepSpare(w.Out, w.stage)
	}
	w.release()
}

func (w *Writer) release() {
	if w.lock != nil {
		unlockFile(w.lock)
		w.lock.Close()
		w.lock = nil
	}
}

// removeTree deletes a folder tree with several workers: removing a built
// site is one unlink per file, and on network or virtual disks those wait
// on I/O, so a few at once finish much sooner than one after another.
func removeTree(root string) error {
	entries, err := os.ReadDir(root)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	var dirs []string
	for _, e := range entries {
		p := filepath.Join(root, e.Name())
		if e.IsDir() {
			dirs = append(dirs, p)
		} else if err := os.Remove(p); err != nil {
			return err
		}
	}
	// Split large folders one level further so the work spreads evenly.
	var jobs []string
	for _, d := range dirs {
		sub, err := os.ReadDir(d)
		if err != nil || len(sub) < 64 {
			jobs = append(jobs, d)
			continue
		}
		for _, e := range sub {
			jobs = append(jobs, filepath.Join(d, e.Name()))
		}
	}
	ch := make(chan string)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				if err := os.RemoveAll(p); err != nil {
					select {
					case errc <- err:
					default:
					}
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
	}
	return os.RemoveAll(root)
}
