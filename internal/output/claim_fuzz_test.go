package output

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzClaim writes files named by the fuzzer (one a line) to a staging
// folder. Nothing may panic; of the files written, none is another's .gz
// twin or lies inside another, and every refusal is a *Clash or a refused
// name, never an error from the file system.
func FuzzClaim(f *testing.F) {
	f.Add("index.html\nindex.html.gz\na/b.pdf\na/b.pdf/index.html")
	f.Add("x.gz\nx\nx.gz.gz\na\na/b\n../c\n/d\na//e")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, names string) {
		w, err := Open(filepath.Join(dir, "public"))
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		var ok []string
		for _, n := range strings.Split(names, "\n") {
			if len(n) > 200 || strings.Count(n, "/") > 8 {
				continue // beyond what a file system holds
			}
			err := w.WriteRaw(n, []byte("x"))
			if err == nil {
				ok = append(ok, n)
				continue
			}
			if _, cerr := clean(n); cerr == nil && !isClash(err) {
				t.Fatalf("%q: %v", n, err)
			}
		}
		for _, a := range ok {
			for _, b := range ok {
				if a != b && (b == a+".gz" || strings.HasPrefix(b, a+"/")) {
					t.Errorf("both %q and %q written", a, b)
				}
			}
			if path.Clean(a) != a {
				t.Errorf("unclean name %q written", a)
			}
		}
	})
}

func isClash(err error) bool { _, ok := err.(*Clash); return ok }
