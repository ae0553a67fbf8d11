package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guldborgsund/labyrint/internal/output"
	"github.com/guldborgsund/labyrint/internal/site"
)

// TestErrorsPointIntoTheFile checks that an error in a layout names the
// line in the file even though the build parses the layouts minified
// (where every layout is one or two lines).
func TestErrorsPointIntoTheFile(t *testing.T) {
	base := "<!doctype html>\n<html lang=\"da\">\n<head>\n<title>x</title>\n</head>\n<body>\n{{template \"main\" .}}\n</body>\n</html>\n"
	layouts := fstest.MapFS{
		"_base.html": {Data: []byte(base)},
		"x.html":     {Data: []byte("{{define \"main\"}}\n<main>\n  <p>\n    Tekst.\n  </p>\n  <p>{{.Nope}}</p>\n</main>\n{{end}}\n")},
	}
	tpl, err := Parse(layouts, output.MinifyLayout)
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{Page: &site.Page{Layout: "x", URL: "/x/"}}
	err = tpl.Render(d, func([]byte) { t.Error("a failed page was used") })
	if err == nil || !strings.Contains(err.Error(), "x.html:6:") {
		t.Errorf("Render: %v, want an error at x.html:6", err)
	}

	layouts["x.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<main>\n  <p>\n    {{if}}x{{end}}\n  </p>\n</main>\n{{end}}\n")}
	if _, err := Parse(layouts, output.MinifyLayout); err == nil || !strings.Contains(err.Error(), "x.html:4:") {
		t.Errorf("Parse: %v, want an error at x.html:4", err)
	}
}
