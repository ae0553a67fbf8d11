package output

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// Issue #21, finding 1: content/index.html.gz silently replaced the front
// page's .gz, because only index.html was recorded. Every file now holds its
// .gz twin's place too, in either order, and a file cannot lie where a
// folder is needed.
func TestClaimRefusesTwinsAndFolders(t *testing.T) {
	cases := []struct{ first, second, taken string }{
		{"index.html", "index.html.gz", "index.html.gz"},
		{"index.html.gz", "index.html", "index.html.gz"},
		{"a/b.txt", "a/b.txt", "a/b.txt"},
		{"a/b.pdf", "a/b.pdf/index.html", "a/b.pdf"},
		{"a/b.pdf/index.html", "a/b.pdf", "a/b.pdf/"},
		{"soeg/index.html", "soeg", "soeg/"},
	}
	for _, c := range cases {
		w, err := Open(filepath.Join(t.TempDir(), "public"))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRaw(c.first, []byte("x")); err != nil {
			t.Fatalf("%s: %v", c.first, err)
		}
		err = w.WriteRaw(c.second, []byte("y"))
		var clash *Clash
		if !errors.As(err, &clash) || !errors.Is(err, ErrClash) || clash.Taken != c.taken || clash.Name != c.second {
			t.Errorf("%s then %s: %v (%+v)", c.first, c.second, err, clash)
		} else if strings.Contains(err.Error(), w.stage) {
			t.Errorf("the message names the staging folder: %v", err)
		}
		w.Abort()
	}
	w, _ := Open(filepath.Join(t.TempDir(), "public"))
	defer w.Abort()
	for _, n := range []string{"a/index.html", "a/b/index.html", "a/c.pdf", "b.txt", "a/index.json"} {
		if err := w.WriteRaw(n, []byte("z")); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}
