package config

import (
	"slices"
	"strings"
)

// DefaultStaticAllow is the static-file allowlist when site.yaml has no
// static key: documents and raster images, types a browser shows or hands
// to another program but never runs as code on the site's origin.
var DefaultStaticAllow = []string{"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "jpg", "jpeg", "png", "webp", "gif", "txt", "csv"}

// activeTypes are file types a browser may run as code, or that could pass
// for another of the site's own files; no allowlist may hold them. SVG is
// among them: it may carry script and is refused rather than sanitised.
var activeTypes = map[string]bool{
	"html": true, "htm": true, "xhtml": true, "xht": true, "shtml": true, "mht": true, "mhtml": true,
	"svg": true, "svgz": true, "js": true, "mjs": true, "cjs": true, "css": true, "wasm": true,
	"xml": true, "xsl": true, "xslt": true, "json": true, "map": true, "swf": true, "php": true,
	"gz": true, "br": true, "zst": true, "appcache": true, "webmanifest": true, "manifest": true,
	"md": true,
}

// Static is the policy for the non-Markdown files of the content folder.
type Static struct {
	Allow []string `yaml:"allow"` // file types (extensions without the dot) published as they are
}

// Allows reports whether a static file named name may be published: its
// extension, in any case, is on the allowlist.
func (s *Static) Allows(name string) bool {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || i == len(name)-1 {
		return false
	}
	return slices.Contains(s.Allow, strings.ToLower(name[i+1:]))
}

// check fills in the default and refuses what may not be allowed; bad
// reports a problem with item i.
func (s *Static) check(bad func(i int, format string, args ...any)) {
	if s.Allow == nil {
		s.Allow = slices.Clone(DefaultStaticAllow)
		return
	}
	for i, ext := range s.Allow {
		e := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(ext), "."))
		switch {
		case e == "" || strings.ContainsAny(e, "./\\ "):
			bad(i, "static.allow: %q er ikke en filtype; skriv endelsen uden punktum, fx pdf", ext)
		case activeTypes[e]:
			bad(i, "static.allow: filtypen %q kan ikke tillades, fordi en browser kan køre den som kode eller forveksle den med sitets egne filer; fjern den fra listen", ext)
		}
		s.Allow[i] = e
	}
}
