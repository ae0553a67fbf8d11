package editor

import (
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/guldborgsund/labyrint/internal/archetype"
)

type newForm struct {
	Token, Prefix, Error, Title, Kind, In string
	Kinds, Folders                        []string
}

// newForm shows "Ny side": the archetype, the title and the folder.
func (e *Editor) newForm(w http.ResponseWriter, r *http.Request) {
	e.showNew(w, http.StatusOK, newForm{Kind: r.URL.Query().Get("type"), In: r.URL.Query().Get("mappe")})
}

func (e *Editor) showNew(w http.ResponseWriter, status int, nf newForm) {
	nf.Token, nf.Prefix, nf.Kinds = e.token, Prefix, archetype.Kinds(e.o.Source)
	fs.WalkDir(e.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			if p == "." {
				p = ""
			}
			nf.Folders = append(nf.Folders, p)
		}
		return nil
	})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	templates.ExecuteTemplate(w, "new.html", nf)
}

// create writes the new page from its archetype and opens it in the form.
func (e *Editor) create(w http.ResponseWriter, r *http.Request) {
	nf := newForm{Title: strings.TrimSpace(r.PostForm.Get("titel")), Kind: r.PostForm.Get("type"), In: r.PostForm.Get("mappe")}
	if nf.Title == "" {
		nf.Error = "Skriv sidens titel."
		e.showNew(w, http.StatusUnprocessableEntity, nf)
		return
	}
	if strings.Contains(nf.In, "..") {
		nf.Error = "Mappen skal ligge i indholdsmappen."
		e.showNew(w, http.StatusBadRequest, nf)
		return
	}
	file, err := archetype.New(e.o.Source, nf.Kind, nf.Title, nf.In, time.Now())
	if err != nil {
		nf.Error = "Siden blev ikke oprettet: " + err.Error()
		e.showNew(w, http.StatusUnprocessableEntity, nf)
		return
	}
	rel := strings.TrimPrefix(filepath.ToSlash(file), e.prefix+"/")
	e.logSave(r, "oprettede "+path.Join(e.prefix, rel), "Ny side: "+nf.Title, rel)
	http.Redirect(w, r, Prefix+"?fil="+url.QueryEscape(rel), http.StatusSeeOther)
}
