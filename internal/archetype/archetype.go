// Package archetype makes new pages from the site's archetypes/KIND.md:
// the file name from the Danish title, the folder below content/ (which
// must exist), the archetype's fields filled in (title, date, unit), and
// the page checked before it is written. labyrint new and the editor's
// "Ny side" use it.
package archetype

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// Kinds lists the archetypes of the site at source, by name.
func Kinds(source string) []string {
	names, _ := filepath.Glob(filepath.Join(source, "archetypes", "*.md"))
	for i, n := range names {
		names[i] = strings.TrimSuffix(filepath.Base(n), ".md")
	}
	return names
}

// New writes a drafted page of kind with title from archetypes/KIND.md
// below the site at source, in folder in below content/ (default: the
// kind's section), and returns its path from the site root. It refuses to
// overwrite and to make folders.
func New(source, kind, title, in string, now time.Time) (string, error) {
	cfg, err := config.Load(os.DirFS(source))
	if err != nil {
		return "", err
	}
	arch, err := os.ReadFile(filepath.Join(source, "archetypes", kind+".md"))
	generated := errors.Is(err, fs.ErrNotExist) && (kind == PageKind || cfg.Kinds[kind] != nil)
	if generated {
		arch, err = Default(cfg, cfg.Kinds[kind]), nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "", unknownKind(cfg, source, kind)
	}
	if err != nil {
		return "", err
	}
	slug := markdown.Slug(title)
	if slug == "" {
		return "", fmt.Errorf("titlen %q giver ingen adresse; brug bogstaver eller tal", title)
	}
	dir := in
	if k := cfg.Kinds[kind]; k != nil && dir == "" {
		if k.Depth > 1 {
			return "", fmt.Errorf("en side af typen %s skal ligge i en undermappe af %s/; brug --in %s/<mappe>", kind, k.Section, k.Section)
		}
		dir = k.Section
	}
	dir = filepath.ToSlash(filepath.Clean("/" + dir))[1:] // no way out of content/
	if err := folderExists(filepath.Join(source, cfg.Content), dir); err != nil {
		return "", err
	}
	unit := ""
	if parts := strings.Split(dir, "/"); len(parts) == 2 {
		unit = parts[1]
	}
	var b bytes.Buffer
	t, err := template.New(kind).Parse(string(arch))
	if err != nil {
		return "", fmt.Errorf("archetypes/%s.md: %w", kind, err)
	}
	quoted := strings.ReplaceAll(title, `"`, `\"`)
	if err := t.Execute(&b, map[string]string{"Title": quoted, "Date": now.Format("2006-01-02"), "Unit": unit}); err != nil {
		return "", fmt.Errorf("archetypes/%s.md: %w", kind, err)
	}
	rel := filepath.ToSlash(filepath.Join(dir, slug+".md"))
	// The new page must be valid before it is written.
	var l diag.List
	content.Parse(filepath.ToSlash(filepath.Join(cfg.Content, rel)), rel, b.Bytes(), cfg, &l)
	if err := l.Err(); err != nil && generated {
		return "", fmt.Errorf("der er ingen skabelon archetypes/%s.md, og en side lavet ud fra site.yaml alene har fejl – skriv skabelonen: %w", kind, err)
	}
	if err := l.Err(); err != nil {
		return "", fmt.Errorf("skabelonen giver en side med fejl: %w", err)
	}
	full := filepath.Join(source, cfg.Content, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s findes allerede; den bliver ikke overskrevet – vælg en anden titel", filepath.Join(cfg.Content, rel))
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return "", err
	}
	return filepath.Join(cfg.Content, rel), f.Close()
}

// folderExists refuses a folder below content/ that is not there (a typo in
// --in would otherwise make a new unit), naming the folders beside it.
func folderExists(contentDir, dir string) error {
	if fi, err := os.Stat(filepath.Join(contentDir, filepath.FromSlash(dir))); err == nil && fi.IsDir() {
		return nil
	}
	parent := path.Dir(dir)
	entries, _ := os.ReadDir(filepath.Join(contentDir, filepath.FromSlash(parent)))
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, path.Join(parent, e.Name()))
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("mappen content/%s findes ikke; opret den først, hvis den skal være der", dir)
	}
	return fmt.Errorf("mappen content/%s findes ikke; der findes: %s – vælg en af dem med --in, eller opret mappen først", dir, strings.Join(names, ", "))
}

// PageKind is the kind name of a plain page, which belongs to no kind of
// site.yaml.
const PageKind = "page"

// Default is the archetype of kind k (nil: a plain page) when the site has
// no archetypes/KIND.md: the title, a draft mark and, for each field the
// page must or should carry that site.yaml declares as text, a line that
// marks what to fill in (UDFYLD:, which a published page may not keep). A
// required term of a taxonomy whose terms are the pages of the folder the
// page is made in is that folder ({{.Unit}}); other required terms are the
// editor's to choose, so the page made from it is refused, naming them.
func Default(cfg *config.Config, k *config.Kind) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: \"{{.Title}}\"\n")
	for _, n := range append(cfg.RequiredFields(k), cfg.WantedFields(k)...) {
		f := cfg.FieldFor(k, n)
		if n == "title" || f == nil || strings.Contains(b.String(), "\n"+n+":") {
			continue
		}
		switch {
		case f.Taxonomy != "":
			if tx := cfg.Taxonomies[f.Taxonomy]; tx != nil && tx.Pages != "" && k != nil && tx.Pages == k.Section {
				fmt.Fprintf(&b, "%s: {{.Unit}}\n", n)
			}
		case f.Type == "string":
			fmt.Fprintf(&b, "%s: \"%s skriv %s her\"\n", n, content.Placeholder, label(n, f))
		case f.Type == "list":
			fmt.Fprintf(&b, "%s:\n  - \"%s skriv %s her\"\n", n, content.Placeholder, label(n, f))
		}
	}
	if f := cfg.FieldFor(k, "date"); f != nil && f.Type == "date" {
		b.WriteString("date: {{.Date}}\n")
	}
	if f := cfg.FieldFor(k, "draft"); f != nil && f.Type == "bool" {
		b.WriteString("draft: true # slet denne linje, når siden er klar til at blive vist\n")
	}
	fmt.Fprintf(&b, "---\n\n%s Skriv siden her. Brug korte sætninger og almindelige ord.\n", content.Placeholder)
	return []byte(b.String())
}

// label is a field's name for the editor, in lower case.
func label(name string, f *config.Field) string {
	if f.Label != "" {
		return strings.ToLower(f.Label)
	}
	return name
}

// unknownKind says that kind is neither an archetype nor a kind of
// site.yaml, and which there are.
func unknownKind(cfg *config.Config, source, kind string) error {
	names := Kinds(source)
	for _, k := range cfg.SortedKinds() {
		if !slices.Contains(names, k.Name) {
			names = append(names, k.Name)
		}
	}
	if !slices.Contains(names, PageKind) {
		names = append(names, PageKind)
	}
	sort.Strings(names)
	hint := "brug en af: " + strings.Join(names, ", ")
	if s := diag.Suggest(kind, names); s != "" {
		hint = fmt.Sprintf("mente du %q?", s)
	}
	return fmt.Errorf("der er ingen slags side, der hedder %q, hverken i archetypes/ eller under kinds i site.yaml – %s", kind, hint)
}
