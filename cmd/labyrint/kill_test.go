package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/pipeline"
)

// labyrintBinary builds the command once into a temporary folder.
func labyrintBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "labyrint")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// killCorpus makes a content tree for the real site: the benchmark corpus
// of n cases when ../shared/bench/gencorpus.py is there, else a copy of the
// site's own content with n extra pages.
func killCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	gen, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if py, err := exec.LookPath("python3"); err == nil {
		if _, err := os.Stat(gen); err == nil {
			if out, err := exec.Command(py, gen, dir, fmt.Sprint(n)).CombinedOutput(); err != nil {
				t.Fatalf("gencorpus: %v\n%s", err, out)
			}
			return filepath.Join(dir, "content")
		}
	}
	content := filepath.Join(dir, "content")
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../content", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(content, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(content, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(content, "ekstra"), 0o755)
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("---\ntitle: Ekstra side %d\nsummary: En side til prøven.\n---\n\n## Afsnit\n\n%s\n", i,
			strings.Repeat("Vi hjælper dig med bolig, job og hverdag. ", 40))
		os.WriteFile(filepath.Join(content, "ekstra", fmt.Sprintf("side-%04d.md", i)), []byte(body), 0o644)
	}
	return content
}

// hashDir hashes every name and byte below dir, and counts the files.
func hashDir(t *testing.T, dir string) (string, int) {
	t.Helper()
	var names []string
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			names = append(names, rel+"/")
			return nil
		}
		b, err := os.ReadFile(p)
		files[rel] = b
		names = append(names, rel)
		return err
	})
	if err != nil {
		t.Fatalf("hash %s: %v", dir, err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil)), len(files)
}

// besideOut lists the folder around out, leaving out what a build may
// leave there: out itself, its lock, the previous build's tree kept for
// the next (out.spare) and (after a kill) its staging and old folders.
func besideOut(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(out)
	var other []string
	for _, e := range entries {
		n := e.Name()
		if n == base || n == base+".lock" || n == base+".spare" || n == base+pipeline.CacheSuffix || n == base+pipeline.CacheSuffix+".tmp" || strings.HasPrefix(n, base+".staging-") || strings.HasPrefix(n, base+".old-") {
			continue
		}
		other = append(other, n)
	}
	return other
}

func leftovers(t *testing.T, out string) []string {
	t.Helper()
	var l []string
	for _, pat := range []string{".staging-*", ".old-*"} {
		m, _ := filepath.Glob(out + pat)
		l = append(l, m...)
	}
	return l
}

// TestKillBuild kills `labyrint build` with SIGKILL at random moments while
// it rebuilds into an output that holds a good build. After every kill the
// output must be byte for byte the good build (the build writes beside it
// and swaps it in whole; the same sources give the same bytes, so a kill
// after the swap leaves the same tree too), nothing beside it may change,
// and the next build must succeed and leave no staging folder behind.
func TestKillBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds for some seconds; left out with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the binary")
	}
	start := time.Now()
	bin := labyrintBinary(t)
	content := killCorpus(t, 60)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	sentinel := filepath.Join(dir, "sentinel.txt")
	os.WriteFile(sentinel, []byte("ved siden af"), 0o644)
	// --force: a build of unchanged sources would otherwise see that nothing
	// changed and write nothing.
	args := []string{"build", "--force", "--source", "../..", "--content", content, "--out", out}
	build := func() time.Duration {
		t.Helper()
		s := time.Now()
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("build: %v\n%s", err, tail(stderr.String()))
		}
		return time.Since(s)
	}
	build()
	typical := build()
	want, files := hashDir(t, out)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("corpus %s: %d files, a build takes %v; seed %d", content, files, typical, seed)
	const kills = 24
	withLeftovers := 0
	for i := 0; i < kills; i++ {
		delay := time.Duration(rng.Int64N(int64(typical) + 1))
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if got, _ := hashDir(t, out); got != want {
			t.Fatalf("kill %d after %v: the output is not the previous build", i+1, delay)
		}
		if other := besideOut(t, out); len(other) != 1 || other[0] != "sentinel.txt" {
			t.Fatalf("kill %d after %v: beside the output: %q", i+1, delay, other)
		}
		if len(leftovers(t, out)) > 0 {
			withLeftovers++
		}
		build()
		if got, _ := hashDir(t, out); got != want {
			t.Fatalf("kill %d: the build after the kill wrote a different output", i+1)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Fatalf("kill %d: a good build left %q", i+1, l)
		}
		if time.Since(start) > 60*time.Second {
			t.Logf("stopped after %d kills: the machine is slow", i+1)
			break
		}
	}
	if b, _ := os.ReadFile(sentinel); string(b) != "ved siden af" {
		t.Error("the file beside the output changed")
	}
	t.Logf("%d kills, %d of them mid-build (staging left behind), in %v", kills, withLeftovers, time.Since(start).Round(time.Millisecond))
}

// TestConcurrentBuilds starts builds into the same output at the same
// moment, several times. Each one succeeds or refuses with the lock's
// Danish message (output.ErrBusy); at least one succeeds each round; and
// the output is always exactly the good build.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs many builds; left out with -short")
	}
	bin := labyrintBinary(t)
	content := killCorpus(t, 30)
	out := filepath.Join(t.TempDir(), "public")
	args := []string{"build", "--force", "--source", "../..", "--content", content, "--out", out}
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, tail(string(b)))
	}
	want, _ := hashDir(t, out)
	busy := 0
	for round := 0; round < 5; round++ {
		var wg sync.WaitGroup
		type result struct {
			err    error
			stderr string
		}
		results := make([]result, 3)
		gate := make(chan struct{})
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(bin, args...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				<-gate
				results[i].err = cmd.Run()
				results[i].stderr = stderr.String()
			}()
		}
		close(gate)
		wg.Wait()
		ok := 0
		for i, r := range results {
			switch {
			case r.err == nil:
				ok++
			case strings.Contains(r.stderr, "fejl: en anden bygning skriver til samme mappe lige nu") &&
				strings.Contains(r.stderr, "bygningen stoppede med 1 fejl; det udgivne site er ikke ændret"):
				busy++
			default:
				t.Errorf("round %d, build %d: %v\n%s", round, i, r.err, tail(r.stderr))
			}
		}
		if ok == 0 {
			t.Errorf("round %d: no build succeeded", round)
		}
		if got, _ := hashDir(t, out); got != want {
			t.Fatalf("round %d: the output is not the good build", round)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Errorf("round %d: left behind %q", round, l)
		}
	}
	t.Logf("%d of 15 builds were refused as busy", busy)
}

// An --out that is a file is refused before anything is written: before
// the check, `labyrint build --out site.yaml` swapped the file out and
// deleted it (see internal/output's TestRobustOutputIsAFile).
func TestBuildOutIsAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "site.yaml")
	os.WriteFile(file, []byte("title: Mit site\n"), 0o644)
	_, stderr, err := runCmd(t, "build", "--source", "../..", "--out", file)
	if err == nil || !strings.Contains(stderr, "outputmappen "+file+" er en fil, ikke en mappe") {
		t.Errorf("err=%v stderr=%q", err, stderr)
	}
	if b, _ := os.ReadFile(file); string(b) != "title: Mit site\n" {
		t.Errorf("the file was changed: %q", b)
	}
	if m, _ := filepath.Glob(file + ".*"); len(m) > 0 {
		t.Errorf("left beside it: %q", m)
	}
}

// tail returns the last lines of a long output.
func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return strings.Join(lines, "\n")
}
