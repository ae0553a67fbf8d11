// Package preview is the editors' live preview: it builds the site with the
// same pipeline as labyrint build (drafts included) into a private folder,
// serves it on the loopback address, watches the sources with fsnotify and
// rebuilds on every change, rendering only the files a change shows (a
// pipeline.Session). Open pages reload through server-sent events;
// a build that fails leaves the last good build served and shows an overlay
// with file:line and the message in Danish until the next good build.
// The reload script is added to HTML responses by the server only: it is
// never part of a built site.
package preview

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/pipeline"
)

// Server is one preview.
type Server struct {
	Opts  pipeline.Options // what to build; Out is set by the server
	Log   io.Writer
	Hosts []string // host names besides the loopback ones a request may name (labyrint serve --host)

	sess     *pipeline.Session
	mu       sync.Mutex
	findings []diag.Finding            // errors of the last failed build; nil after a good one
	warnings map[string][]diag.Finding // the last good builds' warnings by file (overlay.go)
	version  int                       // counts builds that changed what is shown
	subs     map[chan string]string    // subscriber → the URL path of its page
	mounts   map[string]http.Handler   // mount.go
	editAt   string                    // the editor's path, for the "Rediger" link
	dir      string
}

// New makes a server that builds o into a private temporary folder.
func New(o pipeline.Options, log io.Writer) (*Server, error) {
	dir, err := os.MkdirTemp("", "labyrint-preview-")
	if err != nil {
		return nil, err
	}
	o.Out = filepath.Join(dir, "site")
	o.Drafts, o.Preview = true, true
	return &Server{Opts: o, Log: log, subs: map[chan string]string{}, dir: dir, sess: pipeline.NewSession(o)}, nil
}

// Close stops the background rendering and removes the preview's folder.
func (s *Server) Close() error {
	s.sess.Close()
	return os.RemoveAll(s.dir)
}

// Rebuild builds everything and tells open pages.
func (s *Server) Rebuild(ctx context.Context) error { return s.Update(ctx, nil) }

// Update brings the preview up to date after changes to the named files
// (everything when there are none) and tells open pages.
func (s *Server) Update(ctx context.Context, changed []string) error {
	res, err := s.sess.Build(ctx, changed)
	s.mu.Lock()
	if err != nil {
		s.findings = diag.Findings(err)
	} else {
		s.findings = nil
		s.version++
		s.keepWarnings(res.Findings, changed)
	}
	for c, side := range s.subs {
		msg := "reload"
		if err != nil {
			msg = problems{Errors: s.findings, Warnings: s.warningsFor(side)}.message()
		}
		select {
		case c <- msg:
		default:
		}
	}
	s.mu.Unlock()
	if err != nil {
		for _, f := range diag.Findings(err) {
			fmt.Fprintln(s.Log, f.Error())
		}
		fmt.Fprintln(s.Log, "bygningen fejlede; forhåndsvisningen viser den sidste gode udgave")
		return err
	}
	if len(changed) > 0 { // a full build's warnings would flood the log
		for _, f := range res.Findings {
			fmt.Fprintln(s.Log, f.Error())
		}
	}
	fmt.Fprintf(s.Log, "bygget: %d sider på %s\n", res.Pages, res.Duration.Round(time.Millisecond))
	return nil
}

// Handler serves the last good build, the event stream and the overlay.
func (s *Server) Handler() http.Handler {
	files := http.FileServer(http.Dir(s.Opts.Out))
	mux := http.NewServeMux()
	mux.HandleFunc("/_labyrint/events", s.events)
	for p, h := range s.mounts {
		mux.Handle(p, h)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if s.sess.Derived(p) {
			if err := s.sess.Refresh(r.Context()); err != nil {
				fmt.Fprintln(s.Log, "søgeindeks og sprograpport:", err)
			}
		}
		if strings.HasSuffix(p, ".html") {
			if err := s.sess.Fresh(p); err != nil { // a list page an update left to render
				fmt.Fprintln(s.Log, "listeside:", err)
			}
			s.mu.Lock()
			v := s.version // before the file: a build in between gives a reload too many, never one too few
			s.mu.Unlock()
			b, err := os.ReadFile(filepath.Join(s.Opts.Out, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
			if err != nil {
				if b, err = os.ReadFile(filepath.Join(s.Opts.Out, "404.html")); err != nil {
					b = []byte("<!doctype html><html lang=\"da\"><title>Labyrint</title><body><p>Siden findes ikke (endnu).</p></body></html>")
				}
				w.WriteHeader(http.StatusNotFound)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.Write(inject(b, s.editLink(r.URL.Path)+served(v)))
			return
		}
		files.ServeHTTP(w, r)
	})
	// Refuse other host names, ".." and overlong paths before anything
	// cleans or redirects them.
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, s.Hosts) {
			misdirected(w, r)
			return
		}
		// Drafts are for this site's own pages: no other origin may embed
		// or sniff them (the search shards are text, fetched same-origin).
		w.Header().Set("Cross-Origin-Resource-Policy", "same-origin")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if len(r.URL.Path) > 2048 || strings.Contains(r.URL.Path, "..") || strings.ContainsRune(r.URL.Path, 0) {
			http.Error(w, "ugyldig adresse", http.StatusBadRequest)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan string, 4)
	s.mu.Lock()
	side := r.URL.Query().Get("side")
	s.subs[c] = side
	if s.stale(r.URL.Query().Get("v")) {
		c <- "reload" // a build finished between serving the page and this request
	}
	if p := (problems{Errors: s.findings, Warnings: s.warningsFor(side)}); p.Errors != nil || p.Warnings != nil {
		c <- p.message()
	}
	s.mu.Unlock()
	defer func() { s.mu.Lock(); delete(s.subs, c); s.mu.Unlock() }()
	fmt.Fprint(w, ": forbundet\n\n")
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case m := <-c:
			kind, data, _ := strings.Cut(m, " ")
			if data == "" {
				data = "{}"
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", kind, data)
			fl.Flush()
		}
	}
}

func inject(b []byte, extra string) []byte {
	i := bytes.LastIndex(b, []byte("</body>"))
	if i < 0 {
		return append(b, extra...)
	}
	out := make([]byte, 0, len(b)+len(extra))
	out = append(out, b[:i]...)
	out = append(out, extra...)
	return append(out, b[i:]...)
}

// Watch rebuilds on every change below the folders in trees, or directly in
// the folders in flat (the site root, for site.yaml), until ctx ends. Bursts
// of events (an editor's save-by-rename) give one build.
func (s *Server) Watch(ctx context.Context, trees, flat []string) error {
	return s.watch(ctx, trees, flat, nil)
}

// watch is Watch; it closes ready (if not nil) once every folder is watched.
func (s *Server) watch(ctx context.Context, trees, flat []string, ready chan struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		if ready != nil {
			close(ready)
		}
		return err
	}
	defer w.Close()
	add := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				w.Add(p)
			}
			return nil
		})
	}
	for _, d := range trees {
		add(d)
	}
	for _, d := range flat {
		w.Add(d)
	}
	// A watched folder that is deleted or moved away loses its watch; its
	// parent is watched too, so that putting it back is seen.
	roots := rootEvents(trees)
	for parent := range roots.parents {
		w.Add(parent)
	}
	if ready != nil {
		close(ready)
	}
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	changed := map[string]bool{} // since the last build
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-w.Events:
			if roots.trees[filepath.Clean(ev.Name)] {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					add(ev.Name) // put back: watch it again, with all in it
				}
			} else if roots.parentOnly(ev.Name, flat) || ignored(ev.Name, flat) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					add(ev.Name) // a new folder: watch it and what is in it
				}
			}
			changed[ev.Name] = true
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(Settle, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case <-fire:
			names := make([]string, 0, len(changed))
			for n := range changed {
				names = append(names, n)
			}
			clear(changed)
			s.Update(ctx, names)
		case err := <-w.Errors:
			fmt.Fprintln(s.Log, "overvågning:", err)
		}
	}
}

// Settle is how long the watcher waits after an event for more before it
// builds: an editor's save is often a burst (write a temporary file, rename
// it over the page), and the burst should give one build, not several.
const Settle = 25 * time.Millisecond

// Listen opens the address, refusing anything but loopback unless public is set.
func Listen(addr string, public bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); !public && (ip == nil || !ip.IsLoopback()) && host != "localhost" {
		return nil, fmt.Errorf("forhåndsvisningen lytter kun på 127.0.0.1; brug --public for at lytte på %s", host)
	}
	return net.Listen("tcp", addr)
}

// ignored tells events the preview does not rebuild for: editors' temporary
// files, and anything but the config in the flat (site root) folders.
func ignored(name string, flat []string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, ".swp") {
		return true
	}
	dir := filepath.Dir(name)
	for _, f := range flat {
		if filepath.Clean(f) == dir {
			return base != config.FileName
		}
	}
	return false
}
