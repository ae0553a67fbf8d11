package editor

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/guldborgsund/labyrint/internal/frontmatter"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"message": message,
}).ParseFS(templateFS, "templates/*.html"))

func splitSrc(src []byte) (frontmatter.Source, error) {
	return frontmatter.Split(frontmatter.Normalize(src))
}

// render shows the edit page.
func (e *Editor) render(w http.ResponseWriter, status int, pf pageForm) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	templates.ExecuteTemplate(w, "edit.html", pf)
}

// fail shows a page with a Danish message and a way back.
func (e *Editor) fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	templates.ExecuteTemplate(w, "fail.html", map[string]string{"Msg": msg, "Prefix": Prefix})
}
