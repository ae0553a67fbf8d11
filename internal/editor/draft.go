package editor

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"os"
	"regexp"
	"slices"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// DraftPolicy is the Content-Security-Policy of a draft in the editor's
// preview frame: the hosting samples' policy (docs/hosting/nginx.conf),
// with no scripts at all, since the frame is sandboxed without them.
const DraftPolicy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; form-action 'none'; base-uri 'self'"

// check answers the form's checks as the editor types: the page the form
// would write, rendered as the next build would make it (Options.Draft),
// and the findings for it by field (keys starting with _ are not fields).
func (e *Editor) check(w http.ResponseWriter, r *http.Request) {
	p, err := pagePath(r.PostForm.Get("fil"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	cfg, err := config.Load(os.DirFS(e.o.Source))
	cur, rerr := e.root.ReadFile(p)
	if err != nil || rerr != nil {
		http.Error(w, "siden kan ikke tjekkes", http.StatusInternalServerError)
		return
	}
	out, pf, err := e.compose(cfg, r, p, cur)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	page, kind, fs := e.draft(r, cfg, pf, out)
	e.place(&pf, out, fs)
	res := map[string][]string{"_html": {page}, "_kind": {kind}, "_other": {}}
	for _, f := range append(pf.Fields, pf.More...) {
		res[f.Key] = []string{}
		for _, x := range f.Problems {
			res[f.Key] = append(res[f.Key], message(x))
		}
	}
	for _, x := range pf.BodyProblems {
		res["body"] = append(res["body"], message(x))
	}
	for _, x := range pf.Other {
		res["_other"] = append(res["_other"], message(x))
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(res)
}

// draft renders out, the file the form would write: the whole page as the
// preview's next build would make it ("page"), or, with no preview's
// build to render it from, the text alone by the build's Markdown stage
// ("text"). Either is framed for the sandboxed frame (never put into the
// form's own page). It returns the HTML ("" when errors stop a build) and
// the findings: the content stage's and the render's, each once.
func (e *Editor) draft(r *http.Request, cfg *config.Config, pf pageForm, out []byte) (string, string, []diag.Finding) {
	var l diag.List
	content.Parse(pf.File, pf.Path, out, cfg, &l)
	fs := l.Items()
	add := func(more []diag.Finding) {
		for _, f := range more {
			if !slices.ContainsFunc(fs, func(g diag.Finding) bool { return g.Line == f.Line && g.Msg == f.Msg }) {
				fs = append(fs, f)
			}
		}
	}
	if e.o.Draft != nil {
		page, more, err := e.o.Draft(r.Context(), pf.Path, out)
		if err == nil {
			add(more)
			if page == nil {
				return "", "page", fs
			}
			return string(framed(page, pf.URL)), "page", fs
		}
	}
	src, err := splitSrc(out)
	if err != nil {
		return "", "text", fs
	}
	res := e.md.Render(src.Body, src.BodyLine, nil)
	var more []diag.Finding
	for _, pr := range res.Problems {
		sev := diag.Warning
		if pr.Error {
			sev = diag.Error
		}
		more = append(more, diag.Finding{File: pf.File, Line: pr.Line, Severity: sev, Code: pr.Code, Msg: pr.Msg})
	}
	add(more)
	page := "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Udkast</title></head><body>" + string(res.HTML) + "</body></html>"
	return string(framed([]byte(page), pf.URL)), "text", fs
}

// pageScript matches a page's script files: the frame runs none, and a
// script it blocks is a message in the browser's console.
var pageScript = regexp.MustCompile(`<script\b[^>]*\bsrc=[^>]*>\s*</script>`)

// framed makes a rendered page fit for the preview frame's srcdoc: its
// relative links resolve against the page's address, DraftPolicy holds
// from the first element on, and its script files are left out.
func framed(page []byte, url string) []byte {
	page = pageScript.ReplaceAll(page, nil)
	head := []byte(`<base href="` + html.EscapeString(url) + `"><meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(DraftPolicy) + `">`)
	i := bytes.Index(page, []byte("<head>"))
	if i < 0 {
		return append(head, page...)
	}
	i += len("<head>")
	return slices.Concat(page[:i], head, page[i:])
}
