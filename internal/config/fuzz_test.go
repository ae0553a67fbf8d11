package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// FuzzParse reads any bytes as site.yaml. Nothing may panic; an error
// holds only findings at site.yaml with a message; a config that passes has
// its defaults filled in and a static allowlist of plain, lower-case,
// passive file types.
func FuzzParse(f *testing.F) {
	f.Add([]byte(testYAML))
	f.Add([]byte(staticBase + "static: {allow: [PDF, .mp4]}\n"))
	f.Add([]byte(staticBase + "static: {allow: [svg]}\n"))
	f.Add([]byte(staticBase + "static:\n  allow:\n    - html\n    - ''\n"))
	f.Add([]byte("title: T\nfields: {title: {type: string}}\ntargets: {a: {audiences: [x]}}\ntaxonomies: {t: {free: true}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			if c != nil {
				t.Fatal("a config came back with an error")
			}
			for _, fd := range diag.Findings(err) {
				var x diag.Finding
				if !errors.As(fd, &x) || fd.File != FileName || fd.Msg == "" || fd.Line < 0 {
					t.Fatalf("finding %#v", fd)
				}
			}
			return
		}
		if c.Layouts == "" || c.Assets == "" || c.Content == "" || len(c.Targets) == 0 || c.Static.Allow == nil {
			t.Fatalf("defaults missing: %+v", c)
		}
		for _, e := range c.Static.Allow {
			if e == "" || activeTypes[e] || e != strings.ToLower(e) || strings.ContainsAny(e, "./\\ ") {
				t.Fatalf("allowlist holds %q", e)
			}
		}
		for n, tg := range c.Targets {
			if tg == nil || tg.Name != n || !strings.HasSuffix(tg.Base, "/") {
				t.Fatalf("target %q: %+v", n, tg)
			}
		}
	})
}
