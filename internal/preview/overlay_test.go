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
)

// firstEvent opens the event stream as the page at side would and returns
// the first event's name and data lines.
func firstEvent(t *testing.T, base, side string) (string, string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_labyrint/events?side="+side, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var ev string
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "event: ") {
			ev = l
		}
		if strings.HasPrefix(l, "data: ") {
			return ev, l
		}
	}
	return ev, ""
}

func TestOverlayGetsThePagesWarnings(t *testing.T) {
	root := site(t)
	long := strings.Repeat("ord ", 40) + "slut.\n"
	if err := os.WriteFile(filepath.Join(root, "content", "lang.md"), []byte("---\ntitle: Lang\n---\n"+long), 0o644); err != nil {
		t.Fatal(err)
	}
	s := built(t, root)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	ev, data := firstEvent(t, ts.URL, "/lang/")
	if ev != "event: "+ProblemsEvent || !strings.Contains(data, `"warnings":[{"File":"content/lang.md"`) || !strings.Contains(data, `"errors":[]`) {
		t.Errorf("the page with a long sentence: %q %q", ev, data)
	}
	// Another page's warnings are not shown on this one.
	s.mu.Lock()
	w := s.warningsFor("/side/")
	s.mu.Unlock()
	if len(w) != 0 {
		t.Errorf("/side/ got warnings of other pages: %v", w)
	}
	// Fixing the page clears its warning after a partial build.
	if err := os.WriteFile(filepath.Join(root, "content", "lang.md"), []byte("---\ntitle: Lang\n---\nKort.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(context.Background(), []string{filepath.Join(root, "content", "lang.md")}); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	w = s.warningsFor("/lang/")
	s.mu.Unlock()
	if len(w) != 0 {
		t.Errorf("a fixed page keeps its warnings: %v", w)
	}
}

// The "Rediger" link is in the preview's answers once an editor is
// mounted, and never in the built files.
func TestEditLinkOnlyInThePreview(t *testing.T) {
	root := site(t)
	s := built(t, root)
	ts := httptest.NewServer(s.Handler())
	if _, body := get(t, ts.URL+"/side/"); strings.Contains(body, "labyrint-rediger") {
		t.Error("a link to edit without an editor")
	}
	ts.Close()
	s.Mount("/_labyrint/rediger/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "redigering") }))
	ts = httptest.NewServer(s.Handler())
	defer ts.Close()
	if _, body := get(t, ts.URL+"/side/"); !strings.Contains(body, `<a id="labyrint-rediger" href="/_labyrint/rediger/?side=%2Fside%2F"`) {
		t.Errorf("no link to edit: %s", body)
	}
	if _, body := get(t, ts.URL+"/_labyrint/rediger/?side=/side/"); body != "redigering" {
		t.Errorf("the editor is not mounted: %q", body)
	}
	built, _ := os.ReadFile(filepath.Join(s.Opts.Out, "side", "index.html"))
	if len(built) == 0 || strings.Contains(string(built), "labyrint-rediger") {
		t.Errorf("the built page holds the link (%d bytes)", len(built))
	}
}

// A page served before a build that opens its event stream after it is
// told to reload at once.
func TestPageOlderThanTheBuildReloads(t *testing.T) {
	root := site(t)
	s := built(t, root)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	_, body := get(t, ts.URL+"/side/")
	if !strings.Contains(body, "/_labyrint/events?v=1&side=") {
		t.Fatalf("the page does not say which build it came from: %s", body)
	}
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ev, _ := firstEvent(t, ts.URL, "/side/&v=1"); ev != "event: reload" {
		t.Errorf("a page of build 1 after build 2: %q", ev)
	}
}
