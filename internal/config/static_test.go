package config

import (
	"reflect"
	"strings"
	"testing"
)

const staticBase = "title: T\nfields: {title: {type: string}}\n"

func TestStaticDefaultAndAllowlist(t *testing.T) {
	c, err := Parse([]byte(staticBase))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Static.Allow, DefaultStaticAllow) {
		t.Errorf("default allow %q", c.Static.Allow)
	}
	for name, want := range map[string]bool{"a.pdf": true, "A.PDF": true, "x.tar.png": true, "x.svg": false, "x.html": false, "x": false, "x.": false, "pdf": false, ".pdf": true} {
		if got := c.Static.Allows(name); got != want {
			t.Errorf("Allows(%q) = %v", name, got)
		}
	}
	c, err = Parse([]byte(staticBase + "static: {allow: [PDF, .mp4]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Static.Allow, []string{"pdf", "mp4"}) {
		t.Errorf("allow %q", c.Static.Allow)
	}
}

// No allowlist may hold a type a browser runs as code; SVG is refused.
func TestStaticRefusesActiveTypes(t *testing.T) {
	for _, ext := range []string{"svg", "HTML", ".js", "gz", "css", "xml", "a/b", ""} {
		_, err := Parse([]byte(staticBase + "static: {allow: [pdf, \"" + ext + "\"]}\n"))
		if err == nil || !strings.Contains(err.Error(), "static.allow") {
			t.Errorf("allow %q: %v", ext, err)
		}
	}
	if _, err := Parse([]byte(staticBase + "static: {alow: [pdf]}\n")); err == nil {
		t.Error("a misspelt key under static passed")
	}
}
