package content

import (
	"bytes"
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

// FuzzFrontMatter feeds any bytes through frontmatter.Normalize, Split,
// FrontMatter and Duplicates and through Parse. Nothing may panic; every
// error is a *frontmatter.SplitError at a line of the file; every finding has
// the file, a Danish message and a line inside the file; a file with an
// error gives no source, and a source's fields have the declared Go types.
// The seed corpus is in testdata/fuzz/FuzzFrontMatter.
func FuzzFrontMatter(f *testing.F) {
	for _, c := range robustCases {
		f.Add([]byte(c.src))
	}
	for _, c := range yamlCases {
		f.Add([]byte(c.src))
	}
	f.Add([]byte("---\ntitle: Respekt\nsummary: Kort\ndate: 2026-11-23\nweight: 2\ndraft: true\ntags: [a, b]\n---\n\nTekst\n"))
	f.Add([]byte("---\ntitle: x\nsummary: |\n  a\n  ---\n  b\n---\n"))
	cfg := testConfig(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		src := frontmatter.Normalize(raw)
		if bytes.IndexByte(src, '\r') >= 0 {
			t.Fatalf("Normalize left a CR in %q", src)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		parts, err := frontmatter.Split(src)
		if err != nil {
			var se *frontmatter.SplitError
			if !errors.As(err, &se) || se.Line < 1 || se.Line > lines || se.Msg == "" {
				t.Fatalf("Split error %#v for %d lines", err, lines)
			}
		} else {
			if parts.HasFront && (parts.FrontLine != 2 || parts.BodyLine < 3 || parts.BodyLine > lines+1) {
				t.Fatalf("Split = front line %d, body line %d for %d lines", parts.FrontLine, parts.BodyLine, lines)
			}
			fields, dups, err := frontmatter.ReadFrontMatter(parts)
			if err != nil {
				var se *frontmatter.SplitError
				if !errors.As(err, &se) || se.Line < 1 || se.Line > lines || se.Msg == "" {
					t.Fatalf("FrontMatter error %#v for %d lines", err, lines)
				}
			}
			for _, fd := range fields {
				if fd.Line < 0 || fd.Line > lines {
					t.Fatalf("field %q at line %d of %d", fd.Key, fd.Line, lines)
				}
			}
			for _, d := range dups {
				if d.Line < 2 || d.Line > lines {
					t.Fatalf("duplicate %q at line %d of %d", d.Key, d.Line, lines)
				}
			}
		}
		for _, p := range []string{"kontakt.md", "hjertesager/x.md", "enheder/a/b.md"} {
			var l diag.List
			s := Parse("content/"+p, p, raw, cfg, &l)
			errs, _ := l.Count()
			if s != nil && errs > 0 {
				t.Fatalf("%s: a source and %d errors", p, errs)
			}
			if s == nil && errs == 0 {
				t.Fatalf("%s: no source and no error", p)
			}
			for _, fd := range l.Items() {
				if fd.File != "content/"+p || fd.Msg == "" || fd.Code == "" || fd.Line < 0 || fd.Line > lines {
					t.Fatalf("%s: bad finding %#v (%d lines)", p, fd, lines)
				}
			}
			if s == nil {
				continue
			}
			if !utf8.Valid(s.Body) || bytes.IndexByte(s.Body, 0) >= 0 || s.BodyLine < 1 {
				t.Fatalf("%s: body %q at line %d", p, s.Body, s.BodyLine)
			}
			for k, v := range s.Fields {
				switch v.(type) {
				case string, int, bool, []string, time.Time:
				default:
					t.Fatalf("%s: field %q has type %T", p, k, v)
				}
			}
		}
	})
}
