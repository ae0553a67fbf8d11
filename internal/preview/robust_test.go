package preview

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/pipeline"
)

// rawGet sends target as the request line exactly as written (no client
// cleaning or encoding) and returns the status, the Location header and
// the body.
func rawGet(t *testing.T, addr, target string) (int, string, string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%.80s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// TestRobustPathsOverTheWire sends hostile request lines to a real server.
// Each answer is 400, 404, 414 or 431, or a redirect to a path on the same
// host; and no answer, nor any page a redirect leads to, shows a file
// outside the output: a marker file lies in the preview's own folder (the
// output's parent) and one in the folder above that.
func TestRobustPathsOverTheWire(t *testing.T) {
	s, err := New(pipeline.Options{Source: site(t)}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	const marker = "zqxhemmelig"
	parent := filepath.Dir(s.Opts.Out)
	for _, p := range []string{filepath.Join(parent, "hemmelig.html"), filepath.Join(parent, "hemmelig.txt")} {
		if err := os.WriteFile(p, []byte(marker), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	above := filepath.Join(filepath.Dir(parent), filepath.Base(parent)+"-nabo.html")
	os.WriteFile(above, []byte(marker), 0o644)
	defer os.Remove(above)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	base := filepath.Base(parent)
	targets := []string{
		"/../hemmelig.html", "/../hemmelig.txt", "/../../etc/passwd", "/side/../../hemmelig.html",
		"/%2e%2e/hemmelig.html", "/%2E%2E/hemmelig.txt", "/%2e%2e%2fhemmelig.html", "/..%2fhemmelig.html",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/.%2e/hemmelig.html", "/side/%2e%2e/%2e%2e/hemmelig.html",
		"/..%5chemmelig.html", "/..\\hemmelig.html", "/%252e%252e/hemmelig.html", "/%c0%ae%c0%ae/hemmelig.html",
		"//etc/passwd", "///etc/passwd", "/etc/passwd", "//" + addr + "/../hemmelig.html",
		"/" + parent + "/hemmelig.html", "/../" + base + "-nabo.html", "/%2e%2e/" + base + "-nabo.html",
		"http://" + addr + "/../hemmelig.html", "/hemmelig.html%00.html", "/%00", "/side/index.html/..",
		"/./../hemmelig.html", "/side/./../../hemmelig.txt", "/index.html/../../hemmelig.html",
		"/a/" + strings.Repeat("x", 3000), "/" + strings.Repeat("../", 2000) + "etc/passwd",
		"/" + strings.Repeat("a/", 500_000), "/" + strings.Repeat("%2e%2e/", 100) + "hemmelig.html",
	}
	for _, target := range targets {
		code, loc, body := rawGet(t, addr, target)
		name := target
		if len(name) > 60 {
			name = name[:60] + "…"
		}
		if strings.Contains(body, marker) || strings.Contains(body, "root:") {
			t.Errorf("%s: %d served a file outside the output", name, code)
		}
		switch {
		case code == 400 || code == 404 || code == 414 || code == 431:
		case code >= 300 && code < 400 && strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//"):
			// Follow the redirect once: it must not lead outside either.
			code2, _, body2 := rawGet(t, addr, loc)
			if strings.Contains(body2, marker) || strings.Contains(body2, "root:") {
				t.Errorf("%s → %s: %d served a file outside the output", name, loc, code2)
			}
		default:
			t.Errorf("%s: status %d (Location %q)", name, code, loc)
		}
	}
	// The good pages still answer.
	if code, _, body := rawGet(t, addr, "/side/"); code != 200 || !strings.Contains(body, "Første udgave") {
		t.Errorf("/side/: %d", code)
	}
}

// Requests other than GET for pages do not write anything, and a HEAD of
// a page outside gets no body either.
func TestRobustMethods(t *testing.T) {
	s, err := New(pipeline.Options{Source: site(t)}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Rebuild(context.Background())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	before := listing(t, s.dir)
	for _, m := range []string{"PUT", "POST", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(m, ts.URL+"/side/index.html", strings.NewReader("<p>ondt</p>"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if after := listing(t, s.dir); after != before {
		t.Errorf("the preview's folder changed:\n%s\nwas\n%s", after, before)
	}
	if _, body := get(t, ts.URL+"/side/"); strings.Contains(body, "ondt") {
		t.Error("a request changed a page")
	}
}

func listing(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil {
			b.WriteString(p + " " + fi.ModTime().String() + "\n")
		}
		return nil
	})
	return b.String()
}
