package config

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Load reads FileName from fsys and checks it.
func Load(fsys fs.FS) (*Config, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		f := diag.Finding{File: FileName, Severity: diag.Error, Code: "config", Msg: "kan ikke læse sitets opsætning: " + diag.OSError(err)}
		if errors.Is(err, fs.ErrNotExist) {
			f.Hint = "kør programmet i sitets mappe (der hvor site.yaml ligger), eller angiv den med --source; labyrint init MAPPE laver et nyt site"
		}
		return nil, f
	}
	return Parse(data)
}

// Parse reads a config from bytes and checks it. Every problem is a
// diag.Finding at site.yaml's line of the key or value at fault, in Danish.
func Parse(data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		if f, ok := tabIndent(data); ok {
			return nil, f
		}
		return nil, syntaxError(data, err)
	}
	var l diag.List
	s := &shape{pos: positions{}, l: &l}
	var doc *yaml.Node
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		doc = root.Content[0]
		s.walk(doc, reflect.TypeOf(Config{}), "")
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	c := Config{pos: s.pos}
	if doc != nil {
		if err := doc.Decode(&c); err != nil {
			return nil, decodeError(err)
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return &c, nil
}

var (
	lineRE   = regexp.MustCompile(`line (\d+)`)
	anchorRE = regexp.MustCompile(`unknown anchor '([^']+)'`)
)

// refLine returns the line and column (from 1) of the first ref in data
// that is not in a comment, or 0, 0.
func refLine(data []byte, ref string) (line, col int) {
	for i, l := range strings.Split(string(data), "\n") {
		code, _, _ := strings.Cut(l, "#")
		if j := strings.Index(code, ref); j >= 0 {
			return i + 1, utf8.RuneCountInString(code[:j]) + 1
		}
	}
	return 0, 0
}

// yamlErrors translate the YAML parser's messages: a fragment of its
// message, then what is wrong and how to fix it, in Danish.
var yamlErrors = []struct{ frag, msg, hint string }{
	{"mapping values are not allowed", "et kolon står, hvor der ikke kan begynde en ny nøgle",
		`sæt en tekst med kolon i anførselstegn, fx owner: "Test: kommune"`},
	{"cannot start any token", "et tegn, der ikke kan stå først i en værdi (fx @ eller `)",
		"sæt teksten i anførselstegn"},
	{"did not find expected key", "indrykningen passer ikke: her ventede en ny nøgle",
		"nøgler på samme niveau skal stå lige langt inde"},
	{"could not find expected ':'", "der mangler et kolon efter en nøgle", "skriv nøgle: værdi"},
	{"did not find expected ',' or '}'", "en { … } er ikke lukket", "luk med } og adskil med komma"},
	{"did not find expected ',' or ']'", "en [ … ] er ikke lukket", "luk med ] og adskil med komma"},
	{"found unexpected end of stream", "filen slutter midt i en værdi", "et anførselstegn eller en parentes er ikke lukket"},
	{"block sequence entries are not allowed", `et "- " står, hvor der ikke kan begynde en liste`,
		"ryk listen ind under sin nøgle"},
	{"did not find expected '-' indicator", "indrykningen i en liste passer ikke", `hvert punkt skal begynde med "- " lige langt inde`},
	{"unknown anchor", "en henvisning (*navn) til et anker, der ikke findes", "skriv ankeret (&navn) før henvisningen"},
	{"already defined", "en nøgle står to gange", "slet den ene"},
}

// tabIndent finds the first line indented with a tab, which YAML refuses
// and reports at a line near it, not always its own.
func tabIndent(data []byte) (diag.Finding, bool) {
	for i, line := range strings.Split(string(data), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if strings.Contains(indent, "\t") {
			return diag.Finding{File: FileName, Line: i + 1, Col: strings.Index(indent, "\t") + 1, Severity: diag.Error, Code: "config",
				Msg: "linjen er rykket ind med tabulator", Hint: "ryk ind med mellemrum; YAML tillader ikke tabulator i indrykningen"}, true
		}
	}
	return diag.Finding{}, false
}

// syntaxError turns a YAML parse error into a Danish finding at its line.
func syntaxError(data []byte, err error) error {
	f := diag.Finding{File: FileName, Severity: diag.Error, Code: "config",
		Msg:  "opsætningen er ikke gyldig YAML",
		Hint: "tjek indrykning, kolon og anførselstegn på linjen og linjen før"}
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		f.Line, _ = strconv.Atoi(m[1])
	}
	if m := anchorRE.FindStringSubmatch(err.Error()); m != nil && f.Line == 0 {
		// YAML names no line for an unknown anchor: the first reference's.
		f.Line, f.Col = refLine(data, "*"+m[1])
	}
	for _, e := range yamlErrors {
		if strings.Contains(err.Error(), e.frag) {
			f.Msg, f.Hint = e.msg, e.hint
			break
		}
	}
	return f
}

// decodeError reports what shape did not foresee: a value the decoder
// still refuses, at its line.
func decodeError(err error) error {
	var l diag.List
	lines := []string{err.Error()}
	if te, ok := err.(*yaml.TypeError); ok {
		lines = te.Errors
	}
	for _, e := range lines {
		line := 0
		if m := lineRE.FindStringSubmatch(e); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		l.Add(diag.Finding{File: FileName, Line: line, Severity: diag.Error, Code: "config",
			Msg: "værdien kan ikke læses", Hint: fmt.Sprintf("tjek at værdien har den type, %s beskriver", "docs/konfiguration.md")})
	}
	return l.Err()
}
