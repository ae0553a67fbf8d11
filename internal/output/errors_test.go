package output

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Issue #21, finding 6: errors named the absolute staging folder and were
// in English. A failed write names the file inside the output, in Danish.
func TestWriteErrorsNameNoStagingFolder(t *testing.T) {
	w, err := Open(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	// A file where a folder must go: the system refuses to make the folder.
	if err := os.WriteFile(filepath.Join(w.stage, "a"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = w.WriteRaw("a/b/index.html", []byte("<p>x</p>"))
	if err == nil {
		t.Fatal("the write passed")
	}
	msg := err.Error()
	if strings.Contains(msg, w.stage) || strings.Contains(msg, "staging") || !strings.HasPrefix(msg, "kan ikke skrive a/b i outputmappen: ") {
		t.Errorf("message %q", msg)
	}
	if strings.Contains(msg, "not a directory") {
		t.Errorf("English in %q", msg)
	}
}

func TestOSErrorDanish(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "findes-ikke.md"))
	if got := diag.OSError(err); got != "findes ikke" {
		t.Errorf("OSError = %q", got)
	}
}

func TestOSErrorPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = net.Listen("tcp", ln.Addr().String())
	if got := diag.OSError(err); !strings.HasPrefix(got, "porten er optaget") {
		t.Errorf("OSError = %q", got)
	}
}
