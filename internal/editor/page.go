package editor

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/site"
)

// pageForm is what the edit page shows.
type pageForm struct {
	Token, Path, File, Hash, URL, Title, Body string
	Fields, More                              []field
	BodyProblems, Other                       []diag.Finding
	Notice, Error                             string
	Prefix                                    string
}

func hashOf(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// pagePath checks a content path from a request: a Markdown file below the
// content folder (the os.Root refuses anything that leads out of it).
func pagePath(p string) (string, error) {
	if p == "" || !strings.HasSuffix(p, ".md") || strings.Contains(p, "\\") || path.IsAbs(p) || strings.Contains(p, "..") || path.Clean(p) != p {
		return "", fmt.Errorf("%q er ikke en side i indholdsmappen", p)
	}
	return p, nil
}

// edit shows the form for the page at ?side=URL or ?fil=path.
func (e *Editor) edit(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query().Get("fil")
	if u := r.URL.Query().Get("side"); p == "" && u != "" && e.o.Lookup != nil {
		_, p = e.o.Lookup(u)
		if p == "" {
			e.fail(w, http.StatusNotFound, "der er ingen side på adressen "+u+" i forhåndsvisningen (måske er den en liste, som bygningen laver)")
			return
		}
	}
	p, err := pagePath(p)
	if err != nil {
		e.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	src, err := e.root.ReadFile(p)
	if err != nil {
		e.fail(w, http.StatusNotFound, "siden "+path.Join(e.prefix, p)+" kan ikke åbnes: "+danishErr(err))
		return
	}
	cfg, err := config.Load(os.DirFS(e.o.Source))
	if err != nil {
		e.fail(w, http.StatusInternalServerError, err.Error())
		return
	}
	vals, parts, err := readValues(src)
	if err != nil {
		e.fail(w, http.StatusUnprocessableEntity, "siden kan ikke vises som formular: "+err.Error()+" – ret den i en teksteditor")
		return
	}
	pf := e.form(cfg, p, src, vals, bodyOf(parts))
	if r.URL.Query().Get("gemt") != "" {
		pf.Notice = "Gemt. Forhåndsvisningen til højre viser den nye udgave om et øjeblik."
	}
	pf.Error = e.note(p) // a commit that failed after the last change
	e.place(&pf, src, e.problems(cfg, p, src))
	e.render(w, http.StatusOK, pf)
}

// form makes the edit page for the file at content path p.
func (e *Editor) form(cfg *config.Config, p string, src []byte, vals values, body string) pageForm {
	k := cfg.KindFor(p)
	pf := pageForm{Token: e.token, Path: p, File: path.Join(e.prefix, p), Hash: hashOf(src), Body: body,
		URL: site.URLFor(p, first(vals["slug"])), Title: first(vals["title"]), Prefix: Prefix}
	pf.Fields, pf.More = e.fieldsFor(cfg, k, vals)
	return pf
}

func first(vs []string) string {
	if len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// problems checks src as the build does: its fields, Word paste and
// placeholders now, and what the preview's last build said of the file.
func (e *Editor) problems(cfg *config.Config, p string, src []byte) []diag.Finding {
	var l diag.List
	file := path.Join(e.prefix, p)
	content.Parse(file, p, src, cfg, &l)
	out := l.Items()
	if e.o.Findings != nil {
		for _, f := range e.o.Findings(file) {
			if !slices.ContainsFunc(out, func(g diag.Finding) bool { return g.Line == f.Line && g.Msg == f.Msg }) {
				out = append(out, f)
			}
		}
	}
	return out
}

// place puts each finding at its field, at the text, or above the form.
func (e *Editor) place(pf *pageForm, src []byte, fs []diag.Finding) {
	keys := keyLines(src)
	at := map[string]*field{}
	for i := range pf.Fields {
		at[pf.Fields[i].Key] = &pf.Fields[i]
	}
	for i := range pf.More {
		at[pf.More[i].Key] = &pf.More[i]
	}
	bodyLine := 1 << 30
	if parts, err := splitSrc(src); err == nil {
		bodyLine = parts.BodyLine
	}
	for _, f := range fs {
		key := keys[f.Line]
		if f.Code == "missing-field" {
			key = strings.Fields(strings.TrimPrefix(f.Msg, "feltet "))[0]
		}
		switch {
		case at[key] != nil:
			at[key].Problems = append(at[key].Problems, f)
		case f.Line >= bodyLine:
			pf.BodyProblems = append(pf.BodyProblems, f)
		default:
			pf.Other = append(pf.Other, f)
		}
	}
}

// compose makes the new file from the request: the changed fields written
// into the file as it is on disk, every other line kept, and the new text.
func (e *Editor) compose(cfg *config.Config, r *http.Request, p string, cur []byte) ([]byte, pageForm, error) {
	old, _, err := readValues(cur)
	if err != nil {
		return nil, pageForm{}, err
	}
	pf := e.form(cfg, p, cur, old, "")
	all := append(slices.Clone(pf.Fields), pf.More...)
	nv := formValues(r.PostForm, all)
	set := map[string]string{}
	var order []string
	for _, f := range all {
		order = append(order, f.Key)
		if f.Input == "checkboxes" {
			nv[f.Key] = keepOrder(old[f.Key], nv[f.Key])
		}
		if !slices.Equal(old[f.Key], nv[f.Key]) {
			set[f.Key] = yamlOf(cfg.FieldFor(cfg.KindFor(p), f.Key), nv[f.Key])
		}
	}
	body := r.PostForm.Get("body")
	out := rewrite(cur, set, order, body)
	pf = e.form(cfg, p, cur, nv, body)
	return out, pf, nil
}

// keepOrder returns the ticked values in the order the file has them, new
// ones after: the form's check boxes come in the order of the terms, and
// ticking nothing new must change nothing in the file (nor make the live
// preview take an edit of the text for one of the fields).
func keepOrder(old, ticked []string) []string {
	var out []string
	for _, v := range old {
		if slices.Contains(ticked, v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, v := range ticked {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// save writes the page if it did not change on disk since it was opened
// and has no errors; otherwise it shows the form again with the editor's
// text and says why.
func (e *Editor) save(w http.ResponseWriter, r *http.Request) {
	p, err := pagePath(r.PostForm.Get("fil"))
	if err != nil {
		e.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	cfg, err := config.Load(os.DirFS(e.o.Source))
	if err != nil {
		e.fail(w, http.StatusInternalServerError, err.Error())
		return
	}
	cur, err := e.root.ReadFile(p)
	if err != nil {
		e.fail(w, http.StatusNotFound, "siden "+path.Join(e.prefix, p)+" kan ikke åbnes: "+danishErr(err))
		return
	}
	out, pf, err := e.compose(cfg, r, p, cur)
	if err != nil {
		e.fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if hashOf(cur) != r.PostForm.Get("hash") {
		pf.Hash = r.PostForm.Get("hash") // a second Gem is refused too, until the page is opened again
		pf.Error = "Siden er ikke gemt: filen er blevet ændret, siden du åbnede den (af en anden, eller i en anden fane). " +
			"Kopiér din tekst, åbn siden igen, og sæt dine ændringer ind der."
		e.render(w, http.StatusConflict, pf)
		return
	}
	var l diag.List // the new text's own checks: the last build's are of the old
	content.Parse(pf.File, p, out, cfg, &l)
	probs := l.Items()
	e.place(&pf, out, probs)
	if slices.ContainsFunc(probs, func(f diag.Finding) bool { return f.Severity == diag.Error && f.Code != "link" }) {
		pf.Error = "Siden er ikke gemt: ret fejlene, der står ved felterne."
		e.render(w, http.StatusUnprocessableEntity, pf)
		return
	}
	if err := writeAtomic(e.root, p, out); err != nil {
		pf.Error = "Siden kunne ikke gemmes: " + danishErr(err)
		e.render(w, http.StatusInternalServerError, pf)
		return
	}
	e.logSave(r, "gemte "+path.Join(e.prefix, p), "Rediger: "+pf.Title, p)
	http.Redirect(w, r, Prefix+"?fil="+url.QueryEscape(p)+"&gemt=1", http.StatusSeeOther)
}

// message is a finding as the form shows it.
func message(f diag.Finding) string {
	s := f.Severity.String() + ": " + f.Msg
	if f.Line > 0 {
		s = fmt.Sprintf("linje %d: %s", f.Line, s)
	}
	if f.Hint != "" {
		s += " – " + f.Hint
	}
	return s
}

// writeAtomic writes data to name below root through a temporary file in
// the same folder renamed over it: a reader (the preview's watcher) sees
// the old file or the new, never half of one.
func writeAtomic(root *os.Root, name string, data []byte) error {
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".rediger-"+hashOf(data)[:8]+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		root.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		root.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		root.Remove(tmp)
		return err
	}
	return root.Rename(tmp, name)
}

func danishErr(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "filen findes ikke"
	case errors.Is(err, fs.ErrPermission):
		return "ingen adgang"
	case strings.Contains(err.Error(), "path escapes"):
		return "stien fører uden for indholdsmappen"
	}
	return err.Error()
}
