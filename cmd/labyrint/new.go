package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/markdown"
)

// cmdNew writes a new page from the site's archetype for a kind.
func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "sitets mappe")
	in := fs.String("in", "", "mappe under content, fx enheder/myndighed (standard: typens sektion)")
	// Flags may follow the two words: parse them out of the rest.
	var words []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return errReported
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(words) != 2 {
		fmt.Fprintln(stderr, `brug: labyrint new TYPE "Titel" [--in MAPPE]`)
		return errReported
	}
	path, err := newPage(*source, words[0], words[1], *in, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	fmt.Fprintf(stdout, "ny side: %s\nDen er en kladde (draft: true): den vises i labyrint serve, men udgives først, når du sletter den linje.\n", path)
	return nil
}

// newPage makes the file and returns its path. It refuses to overwrite.
func newPage(source, kind, title, in string, now time.Time) (string, error) {
	cfg, err := config.Load(os.DirFS(source))
	if err != nil {
		return "", err
	}
	arch, err := os.ReadFile(filepath.Join(source, "archetypes", kind+".md"))
	if errors.Is(err, fs.ErrNotExist) {
		names, _ := filepath.Glob(filepath.Join(source, "archetypes", "*.md"))
		for i, n := range names {
			names[i] = strings.TrimSuffix(filepath.Base(n), ".md")
		}
		return "", fmt.Errorf("der er ingen skabelon for %q; der findes: %s", kind, strings.Join(names, ", "))
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
