package pipeline

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// cachedSource is a Markdown file as content.Parse read it, kept so that
// an unchanged file (the same bytes) is not parsed again: parsing is most
// of the content stage. Its body is taken from the file's bytes, which
// are read anyway (the build's digest hashes them).
type cachedSource struct {
	Sum      [32]byte // SHA-256 of the file's bytes
	Fields   map[string]any
	Lines    map[string]int
	BodyLine int
	BodyLen  int // the body is the last BodyLen bytes of the normalised file
	Warnings []diag.Finding
}

// parseKey names what a parse depends on besides the file: the
// generator (its path, size and time), the config and the folder's name.
func parseKey(st *state) string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	b, _ := os.ReadFile(filepath.Join(st.o.Source, config.FileName))
	h.Write(b)
	fmt.Fprintf(h, "\x00%s", st.dirs.prefix)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// parses is what the content stage of a cached build read: each file's
// sum, and the last build's parses it may use.
type parses struct {
	mu   sync.Mutex
	sums map[string][32]byte
	hits map[string]bool          // the files whose kept parse was taken
	old  map[string]*cachedSource // nil: parse every file
	cfg  *config.Config
	dir  string // how messages name the content folder
}

// known is content.Reader.Known: the kept parse of file p if its bytes
// are the same.
func (ps *parses) known(p string, sum [32]byte, norm []byte, l *diag.List) *content.Source {
	ps.mu.Lock()
	ps.sums[p] = sum
	ps.mu.Unlock()
	cs := ps.old[p]
	if cs == nil || cs.Sum != sum {
		return nil
	}
	if cs.BodyLen > len(norm) {
		return nil
	}
	for _, f := range cs.Warnings {
		l.Add(f)
	}
	ps.mu.Lock()
	ps.hits[p] = true
	ps.mu.Unlock()
	return &content.Source{Path: p, File: path.Join(ps.dir, p), Kind: ps.cfg.KindFor(p), Fields: cs.Fields,
		Lines: cs.Lines, Body: norm[len(norm)-cs.BodyLen:], BodyLine: cs.BodyLine}
}

// reused reports whether the source at p is the kept parse of the same
// bytes.
func (ps *parses) reused(p string) bool { return ps.hits[p] }

// keep returns the parses of this build's sources for the next build,
// with the content stage's warnings about each.
func (ps *parses) keep(tree *content.Tree, found []diag.Finding) map[string]*cachedSource {
	warn := map[string][]diag.Finding{}
	for _, f := range found {
		warn[f.File] = append(warn[f.File], f)
	}
	out := make(map[string]*cachedSource, len(tree.Sources))
	for _, src := range tree.Sources {
		sum, ok := ps.sums[src.Path]
		if !ok {
			continue
		}
		if ps.hits[src.Path] {
			out[src.Path] = ps.old[src.Path] // the same parse: its part of the cache file is written as read
			continue
		}
		out[src.Path] = &cachedSource{Sum: sum, Fields: src.Fields, Lines: src.Lines, BodyLine: src.BodyLine,
			BodyLen: len(src.Body), Warnings: warn[src.File]}
	}
	return out
}
