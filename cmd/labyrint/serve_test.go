package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue #21, finding 6: SIGTERM to labyrint serve left the preview's
// temporary folder, drafts and all; only Ctrl+C (SIGINT) cleaned it. Both
// must now stop the preview and remove the folder.
func TestServeCleansUpOnSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := labyrintBinary(t)
	site := copySite(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			cmd := exec.Command(bin, "serve", "--source", site, "--port", "0")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			line := make(chan string, 1)
			go func() {
				r := bufio.NewReader(stdout)
				s, _ := r.ReadString('\n')
				line <- s
				for {
					if _, err := r.ReadString('\n'); err != nil {
						return
					}
				}
			}()
			select {
			case l := <-line:
				if !strings.HasPrefix(l, "Forhåndsvisning: http://127.0.0.1:") {
					t.Fatalf("serve said %q", l)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("serve did not start")
			}
			left, _ := filepath.Glob(filepath.Join(tmp, "labyrint-preview-*"))
			if len(left) != 1 {
				t.Fatalf("preview folders before the signal: %q", left)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatalf("serve did not stop on %v", sig)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "labyrint-preview-*")); len(left) != 0 {
				t.Errorf("after %v the preview's folder is left: %q", sig, left)
			}
		})
	}
}
