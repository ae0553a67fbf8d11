package editor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/guldborgsund/labyrint/internal/markdown"
)

// maxUpload is the largest photo taken (a phone's photo is 3–12 MB).
const maxUpload = 25 << 20

// upload saves a photo in the page's folder and adds it at the end of the
// page's text with its alt text, which is required.
func (e *Editor) upload(w http.ResponseWriter, r *http.Request) {
	p, err := pagePath(r.FormValue("fil"))
	if err != nil {
		e.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	alt := strings.Join(strings.Fields(strings.NewReplacer("[", "", "]", "").Replace(r.FormValue("alt"))), " ")
	if alt == "" {
		e.fail(w, http.StatusUnprocessableEntity, "Billedet er ikke lagt op: skriv, hvad billedet viser (alt-teksten). Den læses op for dem, der ikke kan se billedet.")
		return
	}
	f, hdr, err := r.FormFile("billede")
	if err != nil {
		e.fail(w, http.StatusUnprocessableEntity, "Vælg et billede (JPEG eller PNG).")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil || len(data) > maxUpload {
		e.fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Billedet er for stort; det må højst fylde %d MB.", maxUpload>>20))
		return
	}
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}[http.DetectContentType(data)]
	if ext == "" {
		e.fail(w, http.StatusUnsupportedMediaType, "Filen er ikke et JPEG- eller PNG-billede.")
		return
	}
	cur, err := e.root.ReadFile(p)
	if err != nil || hashOf(cur) != r.FormValue("hash") {
		e.fail(w, http.StatusConflict, "Billedet er ikke lagt op: siden er ændret, siden du åbnede den. Åbn den igen.")
		return
	}
	base := markdown.Slug(strings.TrimSuffix(path.Base(hdr.Filename), path.Ext(hdr.Filename)))
	if base == "" {
		base = "billede"
	}
	name, err := e.saveNew(path.Dir(p), base, ext, data)
	if err != nil {
		e.fail(w, http.StatusInternalServerError, "Billedet kunne ikke gemmes: "+danishErr(err))
		return
	}
	out := append(bytes.TrimRight(cur, "\n"), []byte("\n\n!["+alt+"]("+name+")\n")...)
	if err := writeAtomic(e.root, p, out); err != nil {
		e.fail(w, http.StatusInternalServerError, "Siden kunne ikke gemmes: "+danishErr(err))
		return
	}
	e.logSave(r, "lagde billede op "+path.Join(e.prefix, path.Dir(p), name)+" på "+path.Join(e.prefix, p), "Rediger: "+titleOf(cur)+" (billede: "+alt+")", p, path.Join(path.Dir(p), name))
	http.Redirect(w, r, Prefix+"?fil="+url.QueryEscape(p)+"&gemt=1", http.StatusSeeOther)
}

// saveNew writes data as a new file in dir named base+ext, or base-2+ext
// and so on when the name is taken; it returns the name.
func (e *Editor) saveNew(dir, base, ext string, data []byte) (string, error) {
	for i := 1; i < 100; i++ {
		name := base + ext
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		f, err := e.root.OpenFile(path.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr != nil || cerr != nil {
			e.root.Remove(path.Join(dir, name))
			return "", errors.Join(werr, cerr)
		}
		return name, nil
	}
	return "", fmt.Errorf("for mange billeder med navnet %s", base)
}

// titleOf returns the title in a page's front matter, or "".
func titleOf(src []byte) string {
	vals, _, _ := readValues(src)
	return first(vals["title"])
}
