// Package content reads the content folder: every Markdown file becomes a
// Source with its front matter checked against the site config (known keys,
// types, enums, required fields), and every other file is either data for the
// build (text and YAML files at the top of the folder, e.g. synonymer.txt) or
// a static file published as it is (images, PDF). Problems are collected for
// all files at once, each with file:line.
package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// MaxFileSize is the largest content file read; larger ones are refused.
// A real page is a few KB. The costliest Markdown per byte is a list
// nested as deep as markdown.MaxNesting allows, written "- - - … x" (two
// AST nodes per two bytes): 1 MB of it took 1.4 s of CPU, 8 MB over 6 s,
// so a page may have 512 KB (TestLargestPageParsesInASecond).
const MaxFileSize = 512 << 10

// Source is one Markdown file, read and checked.
type Source struct {
	Path     string                 // slash path below the content folder, e.g. "hjertesager/respekt.md"
	File     string                 // path for messages, e.g. "content/hjertesager/respekt.md"
	Kind     *config.Kind           // nil for plain pages
	Fields   map[string]interface{} // front matter, checked: string, int, bool, time.Time or []string
	Lines    map[string]int         // front matter key → line
	Body     []byte                 // Markdown after the front matter
	BodyLine int                    // line of Body's first line
}

// String returns a string field, or "".
func (s *Source) String(k string) string { v, _ := s.Fields[k].(string); return v }

// Int returns an int field, or 0.
func (s *Source) Int(k string) int { v, _ := s.Fields[k].(int); return v }

// Bool returns a bool field, or false.
func (s *Source) Bool(k string) bool { v, _ := s.Fields[k].(bool); return v }

// List returns a list field, or nil.
func (s *Source) List(k string) []string { v, _ := s.Fields[k].([]string); return v }

// Date returns a date field, or the zero time.
func (s *Source) Date(k string) time.Time { v, _ := s.Fields[k].(time.Time); return v }

// Line returns the line of key k, or the first line of the front matter.
func (s *Source) Line(k string) int {
	if l := s.Lines[k]; l > 0 {
		return l
	}
	return 1
}

// Tree is the whole content folder.
type Tree struct {
	Sources []*Source         // Markdown files, sorted by path
	Static  []string          // other files to publish as they are, sorted
	Data    map[string][]byte // data files at the top of the folder, by name
	Digest  []byte            // hash of every file's path and bytes: equal trees, equal digests
}

// Load reads every file under fsys with the plain Reader. prefix is how
// messages name the folder (e.g. "content"). The returned list holds errors
// and warnings; the tree is nil only when the folder cannot be walked at
// all.
func Load(fsys fs.FS, prefix string, cfg *config.Config) (*Tree, *diag.List) {
	return Reader{}.Load(fsys, prefix, cfg)
}

// Reader reads the content folder with one goroutine per processor. Its
// hooks let the command tune the process around the reads (the garbage
// collector, GOMAXPROCS): content changes no process-wide setting itself.
// The zero Reader has no hooks.
type Reader struct {
	// Reading, if set, is called as the reads start, and the function it
	// returns once they are done.
	Reading func() (done func())
	// SlowDisk, if set, is called once, when the reads wait on the disk: a
	// quarter of them (and at least slowReads) took over slowRead. It
	// returns how many more readers to start, and a function called once
	// every read is done.
	SlowDisk func() (readers int, done func())
	// Known, if set, is called with each Markdown file's path, the SHA-256
	// of its bytes and the bytes as Parse reads them (without a byte order
	// mark, with \n line ends), from the readers: a source it returns
	// (with its findings added to l) is used instead of parsing the file
	// again. An incremental build keeps the last build's parses (the
	// pipeline's build cache). Nil: parse the file.
	Known func(p string, sum [32]byte, raw []byte, l *diag.List) *Source
	// Unchanged, if set, is called from the readers with each Markdown
	// file's path and stamp (StampOf) before the file is read: a source it
	// returns with ok (its findings added to l), with the SHA-256 the file
	// had, is used and the file is not read at all. That source's Body is
	// nil; whoever needs the text reads it. An incremental build takes a
	// file whose stamp is the one it last read as unchanged.
	Unchanged func(p string, s Stamp, l *diag.List) (src *Source, sum [32]byte, ok bool)
}

// Load reads every file under fsys; see the package function Load.
func (r Reader) Load(fsys fs.FS, prefix string, cfg *config.Config) (*Tree, *diag.List) {
	var l diag.List
	t := &Tree{Data: map[string][]byte{}}
	var mdPaths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.Errorf(path.Join(prefix, p), 0, "read", "kan ikke læse: %s", diag.OSError(err))
			return nil
		}
		name := d.Name()
		if p != "." && junk(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // editors' temporary and hidden files
		}
		if d.Type()&fs.ModeSymlink != 0 {
			l.Errorf(path.Join(prefix, p), 0, "symlink", "symbolske links er ikke tilladt i indholdsmappen; kopiér filen ind i stedet")
			return nil
		}
		ext := strings.ToLower(path.Ext(name))
		data := !strings.Contains(p, "/") && (ext == ".txt" || ext == ".yaml" || ext == ".yml" || ext == ".json")
		if p != "." && refuse(path.Join(prefix, p), d, ext != ".md" && !data, &cfg.Static, &l) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch {
		case ext == ".md":
			mdPaths = append(mdPaths, p)
		case data:
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				l.Errorf(path.Join(prefix, p), 0, "read", "kan ikke læse: %s", diag.OSError(err))
				return nil
			}
			t.Data[name] = b
		default:
			t.Static = append(t.Static, p)
		}
		return nil
	})
	if err != nil {
		l.Errorf(prefix, 0, "read", "kan ikke læse indholdsmappen: %s", diag.OSError(err))
		return nil, &l
	}
	sort.Strings(mdPaths)
	sort.Strings(t.Static)
	sources, sums := r.readAll(fsys, prefix, mdPaths, cfg, &l)
	t.Sources = sources[:0]
	for _, src := range sources {
		if src != nil {
			t.Sources = append(t.Sources, src)
		}
	}
	t.Digest = digest(fsys, mdPaths, sums, t)
	return t, &l
}

// readAll reads and checks the Markdown files mdPaths with one reader per
// processor, and as many more as SlowDisk asks for. A file that cannot be
// used has a nil source; its problems are in l.
func (r Reader) readAll(fsys fs.FS, prefix string, mdPaths []string, cfg *config.Config, l *diag.List) ([]*Source, [][32]byte) {
	sources := make([]*Source, len(mdPaths))
	sums := make([][32]byte, len(mdPaths))
	lists := make([]diag.List, len(mdPaths))
	var wg sync.WaitGroup
	work := make(chan int, 256)
	if r.Reading != nil {
		defer r.Reading()()
	}
	disk := diskWait{slowDisk: r.SlowDisk}
	defer disk.done()
	reader := func() {
		defer wg.Done()
		for i := range work {
			if r.Unchanged != nil {
				if st, err := StampOf(fsys, mdPaths[i]); err == nil {
					var ok bool
					if sources[i], sums[i], ok = r.Unchanged(mdPaths[i], st, &lists[i]); ok {
						continue
					}
				}
			}
			sources[i], sums[i] = read(fsys, prefix, mdPaths[i], cfg, &lists[i], &disk, r.Known)
		}
	}
	disk.more = func(n int) {
		wg.Add(n) // from a reader, so the group is not yet done
		for range n {
			go reader()
		}
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go reader()
	}
	for i := range mdPaths {
		work <- i
	}
	close(work)
	wg.Wait()
	for i := range lists {
		l.Merge(&lists[i])
	}
	return sources, sums
}

// digest hashes every file's path and bytes (the Markdown files by their
// sums), so a repeated build can tell that nothing changed without
// rendering anything.
func digest(fsys fs.FS, mdPaths []string, sums [][32]byte, t *Tree) []byte {
	h := sha256.New()
	for i, p := range mdPaths {
		h.Write([]byte(p + "\x00"))
		h.Write(sums[i][:])
	}
	for _, p := range t.Static {
		b, _ := fs.ReadFile(fsys, p)
		h.Write([]byte(p + "\x00"))
		h.Write(b)
	}
	names := make([]string, 0, len(t.Data))
	for n := range t.Data {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte(n + "\x00"))
		h.Write(t.Data[n])
	}
	return h.Sum(nil)
}

// sizeText writes a file size for an editor: "700 KB", "20 MB".
func sizeText(n int64) string {
	if n >= 10<<20 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt((n+1023)>>10, 10) + " KB"
}

// junk reports whether a file or folder is left out unread: hidden files,
// editors' backups and locks, and the files Windows and Office leave behind.
func junk(name string) bool {
	switch strings.ToLower(name) {
	case "thumbs.db", "desktop.ini":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") || strings.HasPrefix(name, "~$")
}

func read(fsys fs.FS, prefix, p string, cfg *config.Config, l *diag.List, disk *diskWait,
	known func(string, [32]byte, []byte, *diag.List) *Source) (*Source, [32]byte) {
	file := path.Join(prefix, p)
	start := time.Now()
	raw, size, err := readFile(fsys, p)
	disk.read(time.Since(start))
	switch {
	case size > MaxFileSize:
		l.Errorf(file, 0, "too-large", "filen er for stor (%s); en side må højst fylde %s – del den op i flere sider", sizeText(size), sizeText(MaxFileSize))
		return nil, [32]byte{}
	case err != nil:
		l.Errorf(file, 0, "read", "kan ikke læse: %s", diag.OSError(err))
		return nil, [32]byte{}
	}
	sum := sha256.Sum256(raw)
	if known != nil {
		if src := known(p, sum, frontmatter.Normalize(raw), l); src != nil {
			return src, sum
		}
	}
	return Parse(file, p, raw, cfg, l), sum
}

// readFile reads a file of at most MaxFileSize bytes, opening it once (a
// stat before the read looked the path up twice); a larger one is not read
// and its size is returned.
func readFile(fsys fs.FS, p string) ([]byte, int64, error) {
	if r, ok := fsys.(limitReader); ok {
		return r.readFileLimit(p, MaxFileSize)
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if st.Size() > MaxFileSize {
		return nil, st.Size(), nil
	}
	return readSized(f, st.Size(), MaxFileSize)
}

// readSized reads r to its end, size being what a stat of the file said.
// A read that stops short at that size is the end of the file (a regular
// file reads short only there), so the read that would return EOF is not
// made. A file that grows past limit while it is read is not kept; its size
// so far is returned.
func readSized(r io.Reader, size, limit int64) ([]byte, int64, error) {
	b := make([]byte, 0, size+1) // +1: room to read EOF without growing
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF || err == nil && n > 0 && int64(len(b)) == size && len(b) < cap(b) {
			return b, int64(len(b)), nil
		}
		if err != nil {
			return nil, 0, err
		}
		if len(b) == cap(b) {
			if int64(len(b)) > limit {
				return nil, int64(len(b)), nil // grew while being read
			}
			b = append(b, 0)[:len(b)]
		}
	}
}

// Parse checks one Markdown file's bytes. file names it in messages; p is
// its path below the content folder.
func Parse(file, p string, raw []byte, cfg *config.Config, l *diag.List) *Source {
	src := frontmatter.Normalize(raw)
	if !isText(file, src, l) {
		return nil
	}
	parts, err := frontmatter.Split(src)
	if err != nil {
		se := err.(*frontmatter.SplitError)
		l.Errorf(file, se.Line, "front-matter", "%s", se.Msg)
		return nil
	}
	s := &Source{Path: p, File: file, Kind: cfg.KindFor(p), Body: parts.Body, BodyLine: parts.BodyLine,
		Fields: map[string]interface{}{}, Lines: map[string]int{}}
	if !parts.HasFront {
		l.Add(diag.Finding{File: file, Line: 1, Severity: diag.Error, Code: "front-matter",
			Msg: "siden har ingen felter (front matter)", Hint: "start filen med tre linjer: ---, title: \"Sidens titel\" og ---"})
		return nil
	}
	if frontHygiene(file, parts, l) {
		bodyHygiene(file, parts, l) // all of the paste's mistakes at once
		return nil                  // YAML would report the odd character as something else
	}
	fields, dups, err := frontmatter.ReadFrontMatter(parts)
	if err != nil {
		se := err.(*frontmatter.SplitError)
		l.Add(diag.Finding{File: file, Line: se.Line, Col: se.Col, Severity: diag.Error, Code: "yaml", Msg: se.Msg})
		return nil
	}
	before, _ := l.Count()
	for _, d := range dups {
		l.Errorf(file, d.Line, "duplicate-key", "feltet %q står der to gange; slet det ene", d.Key)
	}
	failed := s.setFields(fields, cfg, l)
	s.checkRequired(cfg, parts.FrontLine, failed, l)
	bodyHygiene(file, parts, l)
	placeholders(file, src, s.Bool("draft"), l)
	if after, _ := l.Count(); after > before {
		return nil
	}
	return s
}

// isText reports whether src is text: UTF-8 without NUL bytes. If not, it
// says so at the line of the first bad byte.
func isText(file string, src []byte, l *diag.List) bool {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		l.Errorf(file, lineAt(src, i), "nul-byte", "filen indeholder et NUL-tegn; den er måske ikke en tekstfil – gem den igen som UTF-8-tekst")
		return false
	}
	if utf8.Valid(src) {
		return true
	}
	i := 0
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	l.Add(diag.Finding{File: file, Line: lineAt(src, i), Severity: diag.Error, Code: "utf8",
		Msg: "teksten er ikke gemt som UTF-8 (æ, ø og å kan se forkerte ud)", Hint: "gem filen med tegnsættet UTF-8"})
	return false
}

// setFields checks each front matter field against the page's kind and
// keeps the good ones in s.Fields; it returns the keys whose values were
// reported.
func (s *Source) setFields(fields []frontmatter.Field, cfg *config.Config, l *diag.List) map[string]bool {
	failed := map[string]bool{}
	for _, f := range fields {
		s.Lines[f.Key] = f.Line
		decl := cfg.FieldFor(s.Kind, f.Key)
		if decl == nil {
			names := cfg.FieldNames(s.Kind) // made only for an unknown key
			fd := diag.Finding{File: s.File, Line: f.Line, Severity: diag.Error, Code: "unknown-key",
				Msg: fmt.Sprintf("ukendt felt %q", f.Key)}
			if sug := diag.Suggest(f.Key, names); sug != "" {
				fd.Hint = fmt.Sprintf("mente du %q?", sug)
			} else {
				fd.Hint = "tilladte felter her: " + strings.Join(names, ", ")
			}
			l.Add(fd)
			continue
		}
		v, msg, hint := convert(f.Value, decl)
		if msg != "" {
			failed[f.Key] = true
			l.Add(diag.Finding{File: s.File, Line: f.Line, Severity: diag.Error, Code: "field-type",
				Msg: fmt.Sprintf("feltet %q %s", f.Key, msg), Hint: hint})
			continue
		}
		if len(decl.Enum) > 0 {
			if str, _ := v.(string); !contains(decl.Enum, str) {
				failed[f.Key] = true
				fd := diag.Finding{File: s.File, Line: f.Line, Severity: diag.Error, Code: "field-enum",
					Msg: fmt.Sprintf("feltet %q kan ikke være %q", f.Key, str), Hint: "brug en af: " + strings.Join(decl.Enum, ", ")}
				if sug := diag.Suggest(str, decl.Enum); sug != "" {
					fd.Hint = fmt.Sprintf("mente du %q?", sug)
				}
				l.Add(fd)
				continue
			}
		}
		s.Fields[f.Key] = v
	}
	return failed
}

// checkRequired reports each field the page's kind requires that is empty
// and not reported already (failed), at its line or at the front
// matter's first line.
func (s *Source) checkRequired(cfg *config.Config, frontLine int, failed map[string]bool, l *diag.List) {
	for _, r := range cfg.RequiredFields(s.Kind) {
		if !isEmpty(s.Fields[r]) || failed[r] {
			continue
		}
		label := r
		if d := cfg.FieldFor(s.Kind, r); d != nil && d.Label != "" {
			label = r + " (" + d.Label + ")"
		}
		kind := "siden"
		if s.Kind != nil {
			kind = "en side af typen " + s.Kind.Name
		}
		line := frontLine
		if s.Lines[r] > 0 {
			line = s.Lines[r]
		}
		l.Add(diag.Finding{File: s.File, Line: line, Severity: diag.Error, Code: "missing-field",
			Msg: fmt.Sprintf("feltet %s mangler; %s skal have det", label, kind), Hint: fmt.Sprintf("tilføj en linje %s: … mellem --- linjerne", r)})
	}
}

var danishDate = regexp.MustCompile(`^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$`)

// convert checks a YAML value against its declared type.
func convert(v interface{}, f *config.Field) (out interface{}, msg, hint string) {
	switch f.Type {
	case "string":
		switch x := v.(type) {
		case string:
			return strings.TrimSpace(x), "", ""
		case int, float64, bool:
			return fmt.Sprint(x), "", ""
		case nil:
			return "", "", ""
		case []interface{}:
			return nil, "skal være én tekst, ikke en liste", "skriv teksten efter kolon uden [ ] og bindestreger"
		}
		return nil, "skal være en tekst", "sæt teksten i anførselstegn"
	case "int":
		if x, ok := v.(int); ok {
			return x, "", ""
		}
		return nil, "skal være et helt tal", "fx weight: 3"
	case "bool":
		if x, ok := v.(bool); ok {
			return x, "", ""
		}
		return nil, "skal være true eller false", ""
	case "date":
		s, ok := v.(string)
		if !ok {
			return nil, "skal være en dato", "skriv datoen som 2026-11-23"
		}
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t, "", ""
		}
		if m := danishDate.FindStringSubmatch(s); m != nil {
			return nil, fmt.Sprintf("har datoen %q i dansk form", s), fmt.Sprintf("skriv den som %s-%02s-%02s (år-måned-dag)", m[3], pad(m[2]), pad(m[1]))
		}
		return nil, fmt.Sprintf("har en ugyldig dato %q", s), "skriv datoen som år-måned-dag, fx 2026-11-23"
	case "list":
		switch x := v.(type) {
		case []interface{}:
			out := make([]string, 0, len(x))
			for _, it := range x {
				switch y := it.(type) {
				case string:
					out = append(out, strings.TrimSpace(y))
				case int, float64, bool:
					out = append(out, fmt.Sprint(y))
				default:
					return nil, "skal være en liste af ord eller tekster", "fx tags: [bolig, hjemløs]"
				}
			}
			return out, "", ""
		case nil:
			return []string(nil), "", ""
		}
		return nil, "skal være en liste", "skriv værdierne i firkantede parenteser, fx [" + fmt.Sprint(v) + "]"
	}
	return nil, "har en ukendt type", ""
}

func pad(s string) string {
	if n, err := strconv.Atoi(s); err == nil {
		return fmt.Sprintf("%02d", n)
	}
	return s
}

func isEmpty(v interface{}) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	}
	return false
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func lineAt(src []byte, off int) int {
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// slowRead is a read that waited on the disk: from a cold cache most
// content files take longer, from a warm one few do (README, "Tuning").
const (
	slowRead  = 100 * time.Microsecond
	slowReads = 32
)

// diskWait counts reads and, once they wait on the disk, asks slowDisk
// for more readers.
type diskWait struct {
	reads, slow atomic.Int32
	asked       atomic.Bool
	slowDisk    func() (readers int, done func())
	more        func(readers int) // starts more readers
	restore     func()            // set by the reader that asked; read by done, after every reader
}

// read counts a read that took d.
func (w *diskWait) read(d time.Duration) {
	n := w.reads.Add(1)
	if d <= slowRead || w.slowDisk == nil {
		return
	}
	s := w.slow.Add(1)
	if s < slowReads || s*4 < n || !w.asked.CompareAndSwap(false, true) {
		return
	}
	readers, done := w.slowDisk()
	w.restore = done
	if readers > 0 {
		w.more(readers)
	}
}

// done ends what slowDisk started, if it was asked; call it once every
// reader has finished (their WaitGroup orders the ask before it).
func (w *diskWait) done() {
	if w.restore != nil {
		w.restore()
		w.restore = nil
	}
}
