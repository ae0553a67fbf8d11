package content

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzStaticPolicy loads a content folder whose file names (one a line,
// a leading "|" making the file a named pipe and "@" a device) come from
// the fuzzer. Nothing may panic; every file is either read (a source, a
// data file or an allowed static file) or refused with a Danish finding at
// its own path; no static file is of a type outside the allowlist, and no
// path kept has a Windows device name in it.
func FuzzStaticPolicy(f *testing.F) {
	for _, s := range []string{
		"index.html.gz\nhack.html\na/b.js\na/t.svg\na/r.pdf",
		"CON.md\na/aux.pdf\ncom1/x.md\nLPT9.tar.gz\nnul.",
		"|pipe.md\n@dev.pdf\n|synonymer.txt\na/ok.png",
		"a/UPPER.JPG\na/x.\na/.hidden.js\nThumbs.db\n~$lock.docx\na/b.txt\nsynonymer.txt",
	} {
		f.Add(s)
	}
	cfg := testConfig(f)
	f.Fuzz(func(t *testing.T, names string) {
		fsys := fstest.MapFS{}
		for _, n := range strings.Split(names, "\n") {
			var mode fs.FileMode
			switch {
			case strings.HasPrefix(n, "|"):
				n, mode = n[1:], fs.ModeNamedPipe
			case strings.HasPrefix(n, "@"):
				n, mode = n[1:], fs.ModeDevice
			}
			if !fs.ValidPath(n) || n == "." || !utf8.ValidString(n) {
				continue
			}
			if _, clash := fsys[n]; !clash && !parentIsFile(fsys, n) {
				fsys[n] = &fstest.MapFile{Mode: mode}
			}
		}
		tree, l := Load(fsys, "content", cfg)
		if tree == nil {
			t.Fatalf("no tree for %q", names)
		}
		refused := map[string]bool{}
		for _, fd := range l.Items() {
			if !strings.HasPrefix(fd.File, "content/") || fd.Msg == "" {
				t.Fatalf("finding without a content path or message: %#v", fd)
			}
			refused[strings.TrimPrefix(fd.File, "content/")] = true
		}
		for _, p := range tree.Static {
			if !cfg.Static.Allows(path.Base(p)) || refused[p] {
				t.Errorf("static %q published (refused: %v)", p, refused[p])
			}
			if fsys[p].Mode.Type() != 0 {
				t.Errorf("static %q is not a regular file", p)
			}
		}
		kept := append([]string{}, tree.Static...)
		for _, s := range tree.Sources {
			kept = append(kept, s.Path)
		}
		for _, p := range kept {
			for _, part := range strings.Split(p, "/") {
				if reservedName(part) {
					t.Errorf("%q kept with a reserved name", p)
				}
			}
		}
	})
}

// parentIsFile reports whether a folder of p is already a file in fsys.
func parentIsFile(fsys fstest.MapFS, p string) bool {
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if _, ok := fsys[d]; ok {
			return true
		}
	}
	for k := range fsys {
		if strings.HasPrefix(k, p+"/") {
			return true
		}
	}
	return false
}
