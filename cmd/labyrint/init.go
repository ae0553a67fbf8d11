package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/guldborgsund/labyrint"
)

// cmdInit writes a new site into a folder: site.yaml with Danish comments,
// a small content tree, archetypes for its kind, and copies of the default
// layouts and assets. The site builds, passes the browser checks and
// searches as it is.
func cmdInit(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	fl.SetOutput(stderr)
	title := fl.String("title", "Vores politik", "sitets titel")
	owner := fl.String("owner", "Vores Kommune", "hvem der udgiver sitet")
	dirs, err := parseInterspersed(fl, args)
	if err != nil {
		return errReported
	}
	if len(dirs) != 1 {
		fmt.Fprintln(stderr, "labyrint init: fejl: skriv én mappe – fx labyrint init mit-site")
		return errReported
	}
	dir := dirs[0]
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err == nil {
		fmt.Fprintf(stderr, "%s: fejl: der er allerede et site her – vælg en ny mappe\n", filepath.Join(dir, "site.yaml"))
		return errReported
	}
	n, err := writeSite(dir, *title, *owner)
	if err != nil {
		fmt.Fprintf(stderr, "labyrint init: fejl: %v\n", err)
		return errReported
	}
	fmt.Fprintf(stdout, "%d filer skrevet i %s.\n", n, dir)
	fmt.Fprintf(stdout, "Se sitet, mens du skriver: cd %s, så labyrint serve, og åbn http://127.0.0.1:8080/\n", dir)
	fmt.Fprintf(stdout, "Byg det færdige site: cd %s, så labyrint build (det skrives i %s)\n", dir, filepath.Join(dir, "public"))
	fmt.Fprintln(stdout, "Hver nøgle i site.yaml er forklaret i docs/konfiguration.md i Labyrints kildekode.")
	return nil
}

// writeSite writes the skeleton and the theme into dir and returns how many
// files it wrote.
func writeSite(dir, title, owner string) (int, error) {
	r := strings.NewReplacer("{{TITLE}}", title, "{{OWNER}}", owner)
	n := 0
	for name, body := range skeleton {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(name)), []byte(r.Replace(body))); err != nil {
			return n, err
		}
		n++
	}
	err := fs.WalkDir(labyrint.Theme, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := labyrint.Theme.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		return writeNew(filepath.Join(dir, filepath.FromSlash(p)), b)
	})
	return n, err
}

// writeNew writes a file that must not exist yet, making its folder.
func writeNew(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s findes allerede", path.Clean(filepath.ToSlash(name)))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
