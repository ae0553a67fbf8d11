package preview

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guldborgsund/labyrint/internal/pipeline"
)

// site writes a tiny site using the real layouts and returns its root.
func site(t *testing.T) string {
	root := t.TempDir()
	abs, _ := filepath.Abs("../..")
	files := map[string]string{
		"site.yaml":           "title: Prøve\nowner: Prøve Kommune\nlayouts: " + abs + "/layouts\nassets: " + abs + "/assets\nfields:\n  title: {type: string, required: true}\n  summary: {type: string}\n",
		"content/_index.md":   "---\ntitle: Forside\n---\nHej.\n",
		"content/side.md":     "---\ntitle: Første udgave\n---\nTekst.\n",
		"content/kladde.md":   "---\ntitle: Kladde\ndraft: true\n---\n",
		"content/ordliste.md": "---\ntitle: Ordliste\n---\n",
	}
	files["site.yaml"] += "  draft: {type: bool}\n"
	for name, body := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func get(t *testing.T, url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestLastGoodBuildKeepsServing(t *testing.T) {
	root := site(t)
	s := built(t, root)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	if code, body := get(t, ts.URL+"/side/"); code != 200 || !strings.Contains(body, "Første udgave") || !strings.Contains(body, "/_labyrint/events") {
		t.Fatalf("first build: %d %q", code, body)
	}
	if code, _ := get(t, ts.URL+"/kladde/"); code != 200 {
		t.Errorf("the preview does not show drafts: %d", code)
	}

	// Listen for events before breaking the page.
	resp, err := http.Get(ts.URL + "/_labyrint/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if l := sc.Text(); strings.HasPrefix(l, "event: ") || strings.HasPrefix(l, "data: ") {
				events <- l
			}
		}
	}()
	time.Sleep(50 * time.Millisecond)

	page := filepath.Join(root, "content/side.md")
	os.WriteFile(page, []byte("---\ntitle: Anden udgave\ntitel: x\n---\n"), 0o644)
	if err := s.Rebuild(context.Background()); err == nil {
		t.Fatal("a broken page built")
	}
	if code, body := get(t, ts.URL+"/side/"); code != 200 || !strings.Contains(body, "Første udgave") {
		t.Errorf("after a failed build the preview serves %d %q; want the last good page", code, body)
	}
	// A page that connects is first told the warnings it already has
	// (here the front page's LIX): skip those, the error comes next.
	ev, data := <-events, <-events
	for ev == "event: problems" && strings.Contains(data, `"errors":[]`) {
		ev, data = <-events, <-events
	}
	if ev != "event: problems" || !strings.Contains(data, "content/side.md") || !strings.Contains(data, `"Line":3`) || !strings.Contains(data, "mente du") {
		t.Errorf("overlay event %q %q", ev, data)
	}

	os.WriteFile(page, []byte("---\ntitle: Anden udgave\n---\n"), 0o644)
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ev := <-events; ev != "event: reload" {
		t.Errorf("after the fix: %q, want a reload", ev)
	}
	if _, body := get(t, ts.URL+"/side/"); !strings.Contains(body, "Anden udgave") {
		t.Error("the fixed page is not served")
	}
}

func TestBadPaths(t *testing.T) {
	s, err := New(pipeline.Options{Source: site(t)}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Rebuild(context.Background())
	h := s.Handler()
	for _, p := range []string{"/../../etc/passwd", "/a/" + strings.Repeat("x", 3000), "/%2e%2e/%2e%2e/etc/passwd"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = "127.0.0.1:8080"
		req.URL.Path = p
		h.ServeHTTP(rec, req)
		if rec.Code != 400 && rec.Code != 404 {
			t.Errorf("%s: status %d", p, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "root:") {
			t.Errorf("%s: served a file outside the output", p)
		}
	}
}

func TestListenRefusesOtherAddresses(t *testing.T) {
	if _, err := Listen("0.0.0.0:0", false); err == nil {
		t.Error("listening on all interfaces was allowed without --public")
	}
	ln, err := Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
}

// built makes a preview of the site at root and builds it once.
func built(t *testing.T, root string) *Server {
	t.Helper()
	s, err := New(pipeline.Options{Source: root}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// watched makes a built preview of root that watches its sources until the
// test ends, served over HTTP.
func watched(t *testing.T, root string) (*Server, *httptest.Server) {
	t.Helper()
	s := built(t, root)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	dirs, err := pipeline.SourceDirs(s.Opts)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go s.watch(ctx, dirs[1:], dirs[:1], ready)
	<-ready
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}
