package editor

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const host = "127.0.0.1:8080"

// testSite writes a small site and returns its root.
func testSite(t *testing.T) string {
	root := t.TempDir()
	files := map[string]string{
		"site.yaml": "title: Prøve\nowner: Prøve Kommune\nfields:\n  title: {type: string, required: true, label: Titel}\n" +
			"  summary: {type: string, label: Resumé}\n  draft: {type: bool, label: Kladde}\n  date: {type: date, label: Dato}\n" +
			"  tags: {type: list, label: Emneord}\n  aliases: {type: list, label: Gamle adresser}\n" +
			"  access: {type: string, enum: [direct, visitation], label: Adgang}\n",
		"content/_index.md":  "---\ntitle: Forside\n---\nHej.\n",
		"content/side.md":    "---\n# En kommentar, som skal blive\ntitle: Første udgave\nsummary: Kort # og en kommentar\ntags:\n  - en\n  - to\n---\n\nTekst.\n",
		"hemmelig.md":        "---\ntitle: Uden for content\n---\n",
		"archetypes/page.md": "---\ntitle: \"{{.Title}}\"\nsummary: \"UDFYLD: Skriv kort\"\ndraft: true\n---\n\nUDFYLD: Skriv her.\n",
	}
	for name, body := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

type fixture struct {
	t    *testing.T
	root string
	ed   *Editor
	h    http.Handler
	log  bytes.Buffer
}

func newFixture(t *testing.T, proxy string) *fixture {
	f := &fixture{t: t, root: testSite(t)}
	ed, err := New(Options{Source: f.root, Hosts: []string{host}, Proxy: proxy, Log: &f.log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ed.Close() })
	f.ed, f.h = ed, ed.Handler()
	return f
}

// do sends a request as a browser on the preview's page would, changed by mod.
func (f *fixture) do(method, target string, form url.Values, mod func(*http.Request)) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, "http://"+host+target, body)
	r.RemoteAddr = "127.0.0.1:50000"
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "http://"+host)
	}
	if mod != nil {
		mod(r)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

func (f *fixture) read(name string) string {
	b, err := os.ReadFile(filepath.Join(f.root, "content", name))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// saveForm is the form as the edit page sends it for side.md.
func (f *fixture) saveForm(title, body string) url.Values {
	return url.Values{"token": {f.ed.token}, "fil": {"side.md"}, "hash": {hashOf([]byte(f.read("side.md")))},
		"f.title": {title}, "f.summary": {"Kort"}, "f.tags": {"en\nto"}, "body": {body}}
}

func TestSaveKeepsTheRestOfTheFile(t *testing.T) {
	f := newFixture(t, "")
	w := f.do("GET", Prefix+"?fil=side.md", nil, nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `value="Første udgave"`) || !strings.Contains(w.Body.String(), "Titel <span class=\"req\">* skal udfyldes") {
		t.Fatalf("form: %d %s", w.Code, w.Body)
	}
	w = f.do("POST", Prefix+"gem", f.saveForm("Anden udgave", "Ny tekst.\n"), nil)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	want := "---\n# En kommentar, som skal blive\ntitle: \"Anden udgave\"\nsummary: Kort # og en kommentar\ntags:\n  - en\n  - to\n---\n\nNy tekst.\n"
	if got := f.read("side.md"); got != want {
		t.Errorf("saved file:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(f.log.String(), "redigering: gemte content/side.md af ") {
		t.Errorf("the save is not logged: %q", f.log.String())
	}
	// Unchanged fields stay as written; a new field is added; clearing a
	// field removes its lines.
	form := f.saveForm("Anden udgave", "Ny tekst.\n")
	form.Set("f.tags", "")
	form.Set("f.access", "direct")
	if w := f.do("POST", Prefix+"gem", form, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("save 2: %d", w.Code)
	}
	want = "---\n# En kommentar, som skal blive\ntitle: \"Anden udgave\"\nsummary: Kort # og en kommentar\naccess: \"direct\"\n---\n\nNy tekst.\n"
	if got := f.read("side.md"); got != want {
		t.Errorf("second save:\n%s\nwant:\n%s", got, want)
	}
}

func TestSaveRefusesAChangedFile(t *testing.T) {
	f := newFixture(t, "")
	form := f.saveForm("Min titel", "Min tekst.\n")
	os.WriteFile(filepath.Join(f.root, "content", "side.md"), []byte("---\ntitle: En andens\n---\n"), 0o644)
	w := f.do("POST", Prefix+"gem", form, nil)
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "filen er blevet ændret, siden du åbnede den") || !strings.Contains(w.Body.String(), "Min tekst.") {
		t.Errorf("%d %s", w.Code, w.Body)
	}
	if f.read("side.md") != "---\ntitle: En andens\n---\n" {
		t.Error("the other's change was overwritten")
	}
}

func TestSaveRefusesErrorsAtTheField(t *testing.T) {
	f := newFixture(t, "")
	before := f.read("side.md")
	at := func(b, key string) string {
		b = b[strings.Index(b, `id="p-`+key+`"`):]
		return b[:strings.Index(b, "</ul>")]
	}
	form := f.saveForm("", "Tekst.\n")
	w := f.do("POST", Prefix+"gem", form, nil)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Siden er ikke gemt") ||
		!strings.Contains(at(w.Body.String(), "title"), "feltet title (Titel) mangler") {
		t.Errorf("the missing title is not at its field: %d %s", w.Code, w.Body)
	}
	form = f.saveForm("Titel", "Tekst.\n")
	form.Set("f.summary", "”Citat”")
	w = f.do("POST", Prefix+"gem", form, nil)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(at(w.Body.String(), "summary"), "typografiske anførselstegn") {
		t.Errorf("the smart quotes are not at their field: %d %s", w.Code, w.Body)
	}
	if f.read("side.md") != before {
		t.Error("a page with errors was saved")
	}
}

// Every refusal: the token, the Origin, the Host, paths outside content/,
// and a user-name header from anywhere but the proxy.
func TestRefusals(t *testing.T) {
	f := newFixture(t, "")
	before := f.read("side.md")
	for name, c := range map[string]struct {
		method, target string
		form           url.Values
		mod            func(*http.Request)
		code           int
		msg            string
	}{
		"no token":             {"POST", Prefix + "gem", url.Values{"fil": {"side.md"}}, nil, 403, "nøgle mangler"},
		"wrong token":          {"POST", Prefix + "gem", url.Values{"token": {"gæt"}, "fil": {"side.md"}}, nil, 403, "nøgle mangler"},
		"no Origin":            {"POST", Prefix + "gem", f.saveForm("X", ""), func(r *http.Request) { r.Header.Del("Origin") }, 403, "Origin"},
		"other Origin":         {"POST", Prefix + "gem", f.saveForm("X", ""), func(r *http.Request) { r.Header.Set("Origin", "http://ond.example") }, 403, "Origin"},
		"other Host":           {"POST", Prefix + "gem", f.saveForm("X", ""), func(r *http.Request) { r.Host = "ond.example:8080"; r.Header.Set("Origin", "http://ond.example:8080") }, 403, "ikke forhåndsvisningens"},
		"rebinding GET":        {"GET", Prefix + "?fil=side.md", nil, func(r *http.Request) { r.Host = "ond.example:8080" }, 403, "ikke forhåndsvisningens"},
		"header without proxy": {"GET", Prefix + "?fil=side.md", nil, func(r *http.Request) { r.Header.Set("X-Remote-User", "anna") }, 403, "kun fra den opsatte proxy"},
		"remote address":       {"GET", Prefix + "?fil=side.md", nil, func(r *http.Request) { r.RemoteAddr = "10.0.0.9:4000" }, 403, "kun imod anmodninger fra denne computer"},
		"read ../":             {"GET", Prefix + "?fil=../hemmelig.md", nil, nil, 400, "ikke en side i indholdsmappen"},
		"read absolute":        {"GET", Prefix + "?fil=" + url.QueryEscape(filepath.Join(f.root, "hemmelig.md")), nil, nil, 400, "ikke en side i indholdsmappen"},
		"write ../":            {"POST", Prefix + "gem", url.Values{"token": {f.ed.token}, "fil": {"../hemmelig.md"}}, nil, 400, "ikke en side i indholdsmappen"},
		"write not markdown":   {"POST", Prefix + "gem", url.Values{"token": {f.ed.token}, "fil": {"side.sh"}}, nil, 400, "ikke en side i indholdsmappen"},
	} {
		t.Run(name, func(t *testing.T) {
			w := f.do(c.method, c.target, c.form, c.mod)
			if w.Code != c.code || !strings.Contains(w.Body.String(), c.msg) {
				t.Errorf("%d %s", w.Code, w.Body)
			}
		})
	}
	if f.read("side.md") != before {
		t.Error("a refused request changed the page")
	}
	if b, _ := os.ReadFile(filepath.Join(f.root, "hemmelig.md")); string(b) != "---\ntitle: Uden for content\n---\n" {
		t.Error("a file outside content/ was changed")
	}
}

// A symbolic link inside content/ that points outside is not followed.
func TestRootStopsSymlinks(t *testing.T) {
	f := newFixture(t, "")
	if err := os.Symlink(filepath.Join(f.root, "hemmelig.md"), filepath.Join(f.root, "content", "link.md")); err != nil {
		t.Skip(err)
	}
	w := f.do("GET", Prefix+"?fil=link.md", nil, nil)
	if w.Code == 200 || strings.Contains(w.Body.String(), "Uden for content") {
		t.Errorf("the link out of content/ was followed: %d %s", w.Code, w.Body)
	}
}

func TestProxyUser(t *testing.T) {
	f := newFixture(t, "10.0.0.5")
	fromProxy := func(r *http.Request) { r.RemoteAddr = "10.0.0.5:3000"; r.Header.Set("X-Remote-User", "anna") }
	if w := f.do("POST", Prefix+"gem", f.saveForm("Fra proxyen", "Tekst.\n"), fromProxy); w.Code != http.StatusSeeOther {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if !strings.Contains(f.log.String(), "gemte content/side.md af anna\n") {
		t.Errorf("log: %q", f.log.String())
	}
	w := f.do("GET", Prefix+"?fil=side.md", nil, func(r *http.Request) { r.RemoteAddr = "10.0.0.6:3000"; r.Header.Set("X-Remote-User", "anna") })
	if w.Code != 403 || !strings.Contains(w.Body.String(), "kun fra den opsatte proxy; denne anmodning kom fra 10.0.0.6") {
		t.Errorf("header from another address: %d %s", w.Code, w.Body)
	}
	w = f.do("GET", Prefix+"?fil=side.md", nil, func(r *http.Request) { r.RemoteAddr = "10.0.0.5:3000" })
	if w.Code != 403 || !strings.Contains(w.Body.String(), "intet brugernavn") {
		t.Errorf("the proxy without a user: %d %s", w.Code, w.Body)
	}
}

func TestNewPageAndRename(t *testing.T) {
	f := newFixture(t, "")
	w := f.do("POST", Prefix+"ny", url.Values{"token": {f.ed.token}, "type": {"page"}, "titel": {"Åbent hus"}, "mappe": {""}}, nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != Prefix+"?fil=aabent-hus.md" {
		t.Fatalf("%d %s %v", w.Code, w.Body, w.Header())
	}
	if !strings.Contains(f.read("aabent-hus.md"), `title: "Åbent hus"`) {
		t.Error(f.read("aabent-hus.md"))
	}
	w = f.do("POST", Prefix+"ny", url.Values{"token": {f.ed.token}, "type": {"page"}, "titel": {"X"}, "mappe": {"findesikke"}}, nil)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "mappen content/findesikke findes ikke") {
		t.Errorf("a missing folder: %d %s", w.Code, w.Body)
	}
	hash := hashOf([]byte(f.read("side.md")))
	w = f.do("POST", Prefix+"omdoeb", url.Values{"token": {f.ed.token}, "fil": {"side.md"}, "hash": {hash}, "navn": {"ny-side"}}, nil)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("rename: %d %s", w.Code, w.Body)
	}
	if _, err := os.Stat(filepath.Join(f.root, "content", "side.md")); err == nil {
		t.Error("the old file is still there")
	}
	if got := f.read("ny-side.md"); !strings.Contains(got, "aliases: [\"/side/\"]\n---\n\nTekst.\n") || !strings.Contains(got, "# En kommentar") {
		t.Errorf("renamed:\n%s", got)
	}
}

func TestUploadNeedsAltText(t *testing.T) {
	f := newFixture(t, "")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	send := func(alt string) *httptest.ResponseRecorder {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("token", f.ed.token)
		mw.WriteField("fil", "side.md")
		mw.WriteField("hash", hashOf([]byte(f.read("side.md"))))
		mw.WriteField("alt", alt)
		fw, _ := mw.CreateFormFile("billede", "Mit Foto.png")
		fw.Write(png)
		mw.Close()
		r := httptest.NewRequest("POST", "http://"+host+Prefix+"billede", &buf)
		r.RemoteAddr = "127.0.0.1:5000"
		r.Header.Set("Content-Type", mw.FormDataContentType())
		r.Header.Set("Origin", "http://"+host)
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, r)
		return w
	}
	if w := send("  "); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "skriv, hvad billedet viser") {
		t.Errorf("no alt text: %d %s", w.Code, w.Body)
	}
	if w := send("Huset set udefra"); w.Code != http.StatusSeeOther {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if !strings.HasSuffix(f.read("side.md"), "Tekst.\n\n![Huset set udefra](mit-foto.png)\n") {
		t.Errorf("page:\n%s", f.read("side.md"))
	}
	if _, err := os.Stat(filepath.Join(f.root, "content", "mit-foto.png")); err != nil {
		t.Error(err)
	}
}

// The checks as the editor types: at the field, with the text's draft.
func TestCheckAsYouType(t *testing.T) {
	f := newFixture(t, "")
	form := f.saveForm("Titel", "# Forkert overskrift\n\nTekst med **fed**.\n")
	form.Set("f.summary", "Kort\u00a0og godt")
	w := f.do("POST", Prefix+"tjek", form, nil)
	var res map[string][]string
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if len(res["summary"]) != 1 || !strings.Contains(res["summary"][0], "hårdt mellemrum") {
		t.Errorf("summary: %q", res["summary"])
	}
	if len(res["title"]) != 0 {
		t.Errorf("title: %q", res["title"])
	}
	form.Set("f.summary", "Kort")
	w = f.do("POST", Prefix+"tjek", form, nil)
	json.Unmarshal(w.Body.Bytes(), &res)
	if len(res["body"]) != 1 || !strings.Contains(res["body"][0], "overskrift 1 (#) må ikke bruges") || !strings.Contains(res["_html"][0], "<strong>fed</strong>") {
		t.Errorf("body: %q html: %q", res["body"], res["_html"])
	}
	if f.read("side.md") != "---\n# En kommentar, som skal blive\ntitle: Første udgave\nsummary: Kort # og en kommentar\ntags:\n  - en\n  - to\n---\n\nTekst.\n" {
		t.Error("checking wrote the file")
	}
}
