package preview

import (
	"html"
	"net/http"
	"net/url"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Mount serves h below the path prefix (which ends in "/") and adds a link
// to edit on every page that has a source file: the editor
// (internal/editor) is served this way, and the link is only ever in the
// preview's answers, never in a built site.
func (s *Server) Mount(prefix string, h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mounts == nil {
		s.mounts = map[string]http.Handler{}
	}
	s.mounts[prefix] = h
	s.editAt = prefix
}

// SourceOf returns the source file and content path of the page at URL
// path u in the last good build.
func (s *Server) SourceOf(u string) (file, path string) { return s.sess.SourceOf(u) }

// FindingsFor returns the last build's errors (when it failed) and the last
// good build's warnings for a source file.
func (s *Server) FindingsFor(file string) []diag.Finding {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []diag.Finding
	for _, f := range s.findings {
		if f.File == file {
			out = append(out, f)
		}
	}
	return append(out, s.warnings[file]...)
}

// editLink is the "Rediger" link for the page at URL path u, or "".
func (s *Server) editLink(u string) string {
	s.mu.Lock()
	at := s.editAt
	s.mu.Unlock()
	if at == "" {
		return ""
	}
	if f, _ := s.sess.SourceOf(u); f == "" {
		return ""
	}
	return `<a id="labyrint-rediger" href="` + html.EscapeString(at+"?side="+url.QueryEscape(u)) + `" style="position:fixed;bottom:.5rem;right:.5rem;z-index:100000;background:#0d3d5c;color:#fff;padding:.4rem .9rem;font:600 16px/1.5 system-ui,sans-serif;border:2px solid #fff">Rediger</a>`
}
