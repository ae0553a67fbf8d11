package content

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
)

// refuse checks one entry of the content folder before anything reads it:
// only regular files and folders, no name a Windows share cannot hold, and
// (for files that are neither Markdown nor data) only the types the config
// allows. It reports what is wrong and whether the entry must be skipped.
func refuse(file string, d fs.DirEntry, static bool, pol *config.Static, l *diag.List) bool {
	name := d.Name()
	if d.Type()&fs.ModeType&^fs.ModeDir != 0 {
		l.Add(diag.Finding{File: file, Severity: diag.Error, Code: "not-regular",
			Msg:  "er ikke en almindelig fil (men fx en navngivet pipe eller en enhed), så den kan ikke læses som indhold",
			Hint: "slet den fra indholdsmappen"})
		return true
	}
	if reservedName(name) {
		l.Add(diag.Finding{File: file, Severity: diag.Error, Code: "reserved-name",
			Msg:  fmt.Sprintf("navnet %q er reserveret i Windows, så filen eller mappen kan ikke ligge på et Windows-drev", name),
			Hint: fmt.Sprintf("omdøb den, fx til %q", "side-"+name)})
		return true
	}
	if static && !d.IsDir() && !pol.Allows(name) {
		l.Add(diag.Finding{File: file, Severity: diag.Error, Code: "static-type",
			Msg:  fmt.Sprintf("filtypen %q må ikke udgives fra indholdsmappen; kun dokumenter og billeder (%s) kopieres med", strings.ToLower(path.Ext(name)), strings.Join(pol.Allow, ", ")),
			Hint: "slet filen, gem den i en af de tilladte typer, eller tilføj typen under static: allow i site.yaml, hvis den er ufarlig"})
		return true
	}
	return false
}

// reservedName reports whether name (a file or folder, with any extension,
// in any case) is one of the device names Windows will not let a file be
// called: CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9.
func reservedName(name string) bool {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	n := strings.ToUpper(strings.TrimRight(name, " "))
	switch n {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(n) == 4 && (strings.HasPrefix(n, "COM") || strings.HasPrefix(n, "LPT")) && n[3] >= '1' && n[3] <= '9'
}
