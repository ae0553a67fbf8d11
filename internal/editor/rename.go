package editor

import (
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/site"
)

// rename gives the page a new file name, and so a new address; the old
// address is added to its aliases, so links to it keep working.
func (e *Editor) rename(w http.ResponseWriter, r *http.Request) {
	p, err := pagePath(r.PostForm.Get("fil"))
	if err != nil {
		e.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	name := strings.TrimSuffix(strings.TrimSpace(r.PostForm.Get("navn")), ".md")
	if name == "" || markdown.Slug(name) != name {
		e.fail(w, http.StatusUnprocessableEntity, "Det nye navn må kun have små bogstaver a-z, tal og bindestreger, fx "+markdown.Slug(name+" side")+".")
		return
	}
	if path.Base(p) == "_index.md" {
		e.fail(w, http.StatusUnprocessableEntity, "En sektions forside (_index.md) får sin adresse fra mappen; den kan ikke omdøbes her.")
		return
	}
	cfg, err := config.Load(os.DirFS(e.o.Source))
	if err != nil {
		e.fail(w, http.StatusInternalServerError, err.Error())
		return
	}
	if cfg.FieldFor(cfg.KindFor(p), "aliases") == nil {
		e.fail(w, http.StatusUnprocessableEntity, "Sitet har ikke feltet aliases i site.yaml, så den gamle adresse kan ikke holdes i live; siden er ikke omdøbt.")
		return
	}
	cur, err := e.root.ReadFile(p)
	if err != nil || hashOf(cur) != r.PostForm.Get("hash") {
		e.fail(w, http.StatusConflict, "Siden er ikke omdøbt: den er ændret, siden du åbnede den. Åbn den igen.")
		return
	}
	vals, _, err := readValues(cur)
	if err != nil {
		e.fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	np := path.Join(path.Dir(p), name+".md")
	if _, err := e.root.Stat(np); !errors.Is(err, fs.ErrNotExist) {
		e.fail(w, http.StatusConflict, "Der findes allerede en side "+path.Join(e.prefix, np)+"; vælg et andet navn.")
		return
	}
	oldURL, newURL := site.URLFor(p, first(vals["slug"])), site.URLFor(np, first(vals["slug"]))
	out := cur
	if oldURL != newURL && !slices.Contains(vals["aliases"], oldURL) {
		out = rewrite(cur, map[string]string{"aliases": yamlOf(&config.Field{Type: "list"}, append(vals["aliases"], oldURL))}, []string{"aliases"}, bodyFrom(cur))
	}
	if err := writeAtomic(e.root, np, out); err != nil {
		e.fail(w, http.StatusInternalServerError, "Siden kunne ikke omdøbes: "+danishErr(err))
		return
	}
	if err := e.root.Remove(p); err != nil {
		e.fail(w, http.StatusInternalServerError, "Den nye fil er skrevet, men den gamle kunne ikke slettes: "+danishErr(err))
		return
	}
	e.logSave(r, "omdøbte "+path.Join(e.prefix, p)+" til "+path.Join(e.prefix, np), "Omdøb: "+first(vals["title"]), np, p)
	http.Redirect(w, r, Prefix+"?fil="+url.QueryEscape(np)+"&gemt=1", http.StatusSeeOther)
}

// bodyFrom returns the body of src as the form holds it.
func bodyFrom(src []byte) string {
	parts, err := splitSrc(src)
	if err != nil {
		return ""
	}
	return bodyOf(parts)
}
