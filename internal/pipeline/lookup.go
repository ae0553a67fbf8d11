package pipeline

import "strings"

// SourceOf returns the source file (as messages name it, e.g.
// "content/side.md") and its path below the content folder of the page
// served at URL path u in the session's last good build; "" for a URL no
// page of the build is at. The preview uses it to show a page's warnings
// and to open the page in the editor.
func (s *Session) SourceOf(u string) (file, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil || s.last.b == nil {
		return "", ""
	}
	u = strings.TrimSuffix(u, "index.html")
	p := s.last.b.site.PageByURL(u)
	if p == nil || p.Src == nil {
		return "", ""
	}
	return p.Src.File, p.Src.Path
}
