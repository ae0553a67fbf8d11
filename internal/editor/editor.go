// Package editor is the editors' browser editor inside labyrint serve: a
// form made from site.yaml for a page's fields, its text beside the live
// preview, the build's checks at the field, "Gem" that writes the Markdown
// file atomically keeping every other line as it was, "Ny side" from the
// archetypes, photo upload with alt text, and renaming a page that keeps
// its old address as an alias.
//
// Safe by default: it is served by the preview on 127.0.0.1; every request
// must name the preview in its Host header (no DNS rebinding); every
// request that changes anything must carry the session's token and come
// from the preview's own origin; files are read and written through an
// os.Root on the content folder, so no path leads outside it. On a shared
// editing server behind the kommune's login, the user name is taken from a
// header only when the request comes from the configured proxy; the header
// from anywhere else is refused. Every save is logged with who and when.
package editor

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// Prefix is where the editor is served in the preview.
const Prefix = "/_labyrint/rediger/"

// Options configure an editor.
type Options struct {
	Source     string   // the site root (site.yaml, archetypes/)
	Content    string   // the content folder; default the config's below Source
	Hosts      []string // host[:port] names the preview answers to (the listen address is added)
	Proxy      string   // IP address of the login proxy of a shared server; "" for none
	UserHeader string   // the proxy's header with the user name; default X-Remote-User
	Name       string   // the editor's name when no proxy names them; default the local user's
	Commit     bool     // commit each change to Git with the editor's name (git.go)
	Log        io.Writer
	// Lookup returns the source file and content path of the page at a URL
	// path in the preview's last good build ("" when none).
	Lookup func(url string) (file, path string)
	// Findings returns the last build's errors and warnings for a file.
	Findings func(file string) []diag.Finding
	// Draft renders the page from the content file at path as the next
	// build would if the file held src, with the build's findings for it
	// (the preview's pipeline.Session.Draft); nil: the form's preview shows
	// the text alone.
	Draft func(ctx context.Context, path string, src []byte) ([]byte, []diag.Finding, error)
}

// Editor serves the editor.
type Editor struct {
	o      Options
	token  string
	root   *os.Root          // the content folder: nothing outside it can be reached
	dir    string            // the content folder's path, for git
	prefix string            // how messages name the content folder, e.g. "content"
	notes  map[string]string // content path → a Danish note for the next form (a failed commit)
	md     *markdown.Renderer
	mu     sync.Mutex
}

// New opens the content folder and makes the session's token.
func New(o Options) (*Editor, error) {
	cfg, err := config.Load(os.DirFS(o.Source))
	if err != nil {
		return nil, err
	}
	dir, prefix := o.Content, filepath.ToSlash(o.Content)
	if dir == "" {
		dir, prefix = filepath.Join(o.Source, cfg.Content), cfg.Content
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	if o.UserHeader == "" {
		o.UserHeader = "X-Remote-User"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	b := make([]byte, 32)
	rand.Read(b)
	return &Editor{o: o, token: hex.EncodeToString(b), root: root, dir: dir, prefix: prefix, md: markdown.New(), notes: map[string]string{}}, nil
}

// AllowHost adds a host[:port] the preview answers to (its listen address).
func (e *Editor) AllowHost(h string) { e.o.Hosts = append(e.o.Hosts, h) }

// Close closes the content folder.
func (e *Editor) Close() error { return e.root.Close() }

// Handler serves the editor's pages below Prefix.
func (e *Editor) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Prefix, e.edit)
	mux.HandleFunc("POST "+Prefix+"gem", e.save)
	mux.HandleFunc("POST "+Prefix+"tjek", e.check)
	mux.HandleFunc("GET "+Prefix+"ny", e.newForm)
	mux.HandleFunc("POST "+Prefix+"ny", e.create)
	mux.HandleFunc("POST "+Prefix+"billede", e.upload)
	mux.HandleFunc("POST "+Prefix+"omdoeb", e.rename)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if msg := e.refuse(r); msg != "" {
			http.Error(w, msg, http.StatusForbidden)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
		w.Header().Set("Content-Security-Policy", "frame-ancestors 'self'")
		mux.ServeHTTP(w, r)
	})
}

// refuse says in Danish why a request is refused, or "".
func (e *Editor) refuse(r *http.Request) string {
	if !e.hostAllowed(r.Host) {
		return "adressen " + r.Host + " er ikke forhåndsvisningens; åbn redigeringen fra forhåndsvisningen"
	}
	if _, msg := e.user(r); msg != "" {
		return msg
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return ""
	}
	if o := r.Header.Get("Origin"); o != "http://"+r.Host && o != "https://"+r.Host {
		return "anmodningen kom ikke fra redigeringens egen side (Origin " + o + "); åbn siden igen og prøv en gang til"
	}
	if r.Header.Get("Content-Type") != "" && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		r.ParseMultipartForm(maxUpload)
	}
	if t := r.FormValue("token"); subtle.ConstantTimeCompare([]byte(t), []byte(e.token)) != 1 {
		return "redigeringens nøgle mangler eller er forældet (forhåndsvisningen er måske startet igen); åbn siden igen"
	}
	return ""
}

func (e *Editor) hostAllowed(h string) bool {
	for _, a := range e.o.Hosts {
		if strings.EqualFold(h, a) {
			return true
		}
	}
	return false
}

// user returns who makes the request, or why it is refused: the proxy's
// header when the request comes from the proxy, else the local user; the
// header from any other address is refused.
func (e *Editor) user(r *http.Request) (string, string) {
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	fromProxy := e.o.Proxy != "" && net.ParseIP(ip).Equal(net.ParseIP(e.o.Proxy))
	name := strings.TrimSpace(r.Header.Get(e.o.UserHeader))
	switch {
	case name != "" && !fromProxy:
		return "", "brugernavnet i " + e.o.UserHeader + " godtages kun fra den opsatte proxy; denne anmodning kom fra " + ip
	case fromProxy && name == "":
		return "", "proxyen sendte intet brugernavn i " + e.o.UserHeader
	case fromProxy:
		return name, ""
	}
	if p := net.ParseIP(ip); p == nil || !p.IsLoopback() {
		return "", "redigeringen tager kun imod anmodninger fra denne computer eller fra den opsatte proxy"
	}
	if e.o.Name != "" {
		return e.o.Name, ""
	}
	if u, err := user.Current(); err == nil {
		return u.Username + " (lokal)", ""
	}
	return "lokal bruger", ""
}

// logSave records a change (git.go) and keeps a failed commit's message
// for the form of the page at content path p.
func (e *Editor) logSave(r *http.Request, what, msg, p string, more ...string) {
	who, _ := e.user(r)
	if note := e.record(who, what, msg, append([]string{p}, more...)...); note != "" {
		e.mu.Lock()
		e.notes[p] = note
		e.mu.Unlock()
	}
}

// note returns and forgets the note for the page at content path p.
func (e *Editor) note(p string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := e.notes[p]
	delete(e.notes, p)
	return n
}
