package pipeline

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// cachedSource is a Markdown file as content.Parse read it, kept so that
// an unchanged file is not parsed again (parsing is most of the content
// stage), nor even read: a file whose stamp (content.Stamp: size, times,
// inode) is the one kept is taken as unchanged, like git's index does,
// and its body read only if the build renders it (cachedBuild.bodies); a
// file whose stamp changed is read, and its parse kept if the bytes are
// the same.
type cachedSource struct {
	Sum      [32]byte      // SHA-256 of the file's bytes
	Stamp    content.Stamp // the file's stamp as it was read; zero: not trusted (content.Stamp.Racy)
	Fields   map[string]any
	Lines    map[string]int
	BodyLine int
	BodyLen  int // the body is the last BodyLen bytes of the normalised file
	Warnings []diag.Finding
	Terms    []int32 // the glossary's entries the body uses (glossary.bodyTerms) of buildCache.Glossary; nil: not known
	Key      string  // its page's title's collation key (site.Page.TitleKey), for site.BuildKnown
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
	mu     sync.Mutex
	sums   map[string][32]byte
	hits   map[string]bool          // the files whose kept parse was taken
	stamps map[string]content.Stamp // each file's stamp before it was read
	unread map[string]bool          // the files taken by their stamp: their Body is not read yet
	start  time.Time                // before the first stat: a stamp newer than it, less the racy window, is not kept
	old    map[string]*cachedSource // nil: parse every file
	cfg    *config.Config
	dir    string        // how messages name the content folder
	ready  chan struct{} // closed once the cache is read and old and the maps set; nil: they are
}

// wait waits until the cache is read (cachedBuild.load).
func (ps *parses) wait() {
	if ps.ready != nil {
		<-ps.ready
	}
}

// known is content.Reader.Known: the kept parse of file p if its bytes
// are the same.
func (ps *parses) known(p string, sum [32]byte, norm []byte, l *diag.List) *content.Source {
	ps.wait()
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

// unchanged is content.Reader.Unchanged: the kept parse of file p, its
// body not read, if its stamp is the one kept.
func (ps *parses) unchanged(p string, st content.Stamp, l *diag.List) (*content.Source, [32]byte, bool) {
	ps.wait()
	ps.mu.Lock()
	ps.stamps[p] = st
	ps.mu.Unlock()
	cs := ps.old[p]
	if cs == nil || cs.Stamp == (content.Stamp{}) || cs.Stamp != st {
		return nil, [32]byte{}, false
	}
	for _, f := range cs.Warnings {
		l.Add(f)
	}
	ps.mu.Lock()
	ps.sums[p], ps.hits[p], ps.unread[p] = cs.Sum, true, true
	ps.mu.Unlock()
	return &content.Source{Path: p, File: path.Join(ps.dir, p), Kind: ps.cfg.KindFor(p), Fields: cs.Fields,
		Lines: cs.Lines, BodyLine: cs.BodyLine}, cs.Sum, true
}

// stamp is the stamp to keep of file p: none if it is racy.
func (ps *parses) stamp(p string) content.Stamp {
	st := ps.stamps[p]
	if st.Racy(ps.start) {
		return content.Stamp{}
	}
	return st
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
		st := ps.stamp(src.Path)
		if ps.hits[src.Path] {
			old := ps.old[src.Path]
			if old.Stamp != st {
				cp := *old // the same bytes, touched
				cp.Stamp = st
				old = &cp
			}
			out[src.Path] = old // the same parse: its part of the cache file is written as read
			continue
		}
		out[src.Path] = &cachedSource{Sum: sum, Stamp: st, Fields: src.Fields, Lines: src.Lines, BodyLine: src.BodyLine,
			BodyLen: len(src.Body), Warnings: warn[src.File]}
	}
	return out
}

// glossaryTerms is an incremental build's termCache: the entries the
// kept parses' bodies use, if they were found with the same glossary,
// and the ones found now.
type glossaryTerms struct {
	ps    *parses
	valid bool // the kept terms are of this build's glossary
	mu    sync.Mutex
	found map[string][]int32
}

func (t *glossaryTerms) get(src *content.Source) ([]int32, bool) {
	if cs := t.ps.old[src.Path]; t.valid && t.ps.hits[src.Path] && cs.Terms != nil {
		return cs.Terms, true
	}
	return nil, false
}

func (t *glossaryTerms) put(src *content.Source, terms []int32) {
	t.mu.Lock()
	t.found[src.Path] = terms
	t.mu.Unlock()
}

// withTerms gives the parses of the next cache the terms t found, each
// changed parse as a copy (t nil: a build without a glossary, which keeps
// none).
func withTerms(parsed map[string]*cachedSource, t *glossaryTerms) {
	for p, cs := range parsed {
		var ts []int32
		found := false
		if t != nil {
			ts, found = t.found[p]
			if !found && t.valid {
				continue // kept, or not known
			}
		}
		if found && cs.Terms != nil && slices.Equal(ts, cs.Terms) || !found && cs.Terms == nil {
			continue
		}
		cp := *cs
		cp.Terms = ts
		parsed[p] = &cp
	}
}
