package main

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/guldborgsund/labyrint/"

// layers says which of the module's packages each package may import: the
// pipeline's stages in order (config → content → site → render → build),
// each seeing only the stages before it. A package not listed here (a new
// one) may import any package, but no listed package may import it until
// it is added here.
var layers = map[string][]string{
	"internal/typo":        nil,
	"internal/flat":        nil,
	"internal/racetest":    nil,
	"internal/diag":        {"internal/typo"},
	"internal/config":      {"internal/diag"},
	"internal/markdown":    nil,
	"internal/frontmatter": nil,
	"internal/glossary":    {"internal/frontmatter", "internal/markdown"},
	"internal/content":     {"internal/config", "internal/diag", "internal/frontmatter"},
	"internal/site":        {"internal/config", "internal/content", "internal/diag", "internal/markdown"},
	"internal/plainlang":   {"internal/diag", "internal/markdown"},
	"internal/search":      {"internal/flat", "internal/typo"},
	"internal/render":      {"internal/markdown", "internal/site"},
	"internal/output":      {"internal/diag"},
	"internal/images":      nil,
	"internal/archetype":   {"internal/config", "internal/content", "internal/diag", "internal/markdown"},
	"internal/check":       {"internal/diag"},
	"internal/pipeline": {"internal/check", "internal/config", "internal/content", "internal/diag", "internal/glossary",
		"internal/flat", "internal/frontmatter", "internal/markdown", "internal/images", "internal/output", "internal/plainlang", "internal/render", "internal/search", "internal/site"},
	"internal/preview": {"internal/pipeline", "internal/config", "internal/diag"},
	"internal/editor": {"internal/archetype", "internal/config", "internal/content", "internal/diag",
		"internal/frontmatter", "internal/markdown", "internal/site"},
}

// owners are the only packages that may import a library: goldmark is
// the Markdown stage's, the YAML reader the config's, front matter's and glossary's,
// minify and gzip the output's, the file watcher the preview's.
var owners = map[string][]string{
	"github.com/yuin/goldmark":            {"internal/markdown"},
	"go.yaml.in/yaml":                     {"internal/config", "internal/frontmatter", "internal/glossary"},
	"github.com/tdewolff/minify":          {"internal/output"},
	"github.com/klauspost/compress":       {"internal/output"},
	"github.com/fsnotify/fsnotify":        {"internal/preview"},
	"github.com/blevesearch/snowballstem": {"internal/search"},
	"golang.org/x/image":                  {"internal/images"},
}

// TestLayers fails when a package imports a stage it must not (render
// importing build, site importing render …) or a library another stage
// owns. It reads the imports with go list.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		seen[pkg] = true
		allowed, listed := layers[pkg]
		if !listed && strings.HasPrefix(pkg, "internal/") {
			t.Logf("%s is not in the layers table: it may import anything; add it", pkg)
		}
		for _, imp := range fields[1:] {
			if rel, ok := strings.CutPrefix(imp, module); ok {
				if rel == "cmd/labyrint" || strings.HasPrefix(rel, "cmd/") {
					t.Errorf("%s imports the command %s", pkg, rel)
				}
				if listed && !contains(allowed, rel) {
					t.Errorf("%s imports %s, which its layer may not (allowed: %s)", pkg, rel, strings.Join(allowed, ", "))
				}
				continue
			}
			for lib, pkgs := range owners {
				if (imp == lib || strings.HasPrefix(imp, lib+"/")) && !contains(pkgs, pkg) {
					t.Errorf("%s imports %s, which only %s may", pkg, imp, strings.Join(pkgs, ", "))
				}
			}
		}
	}
	var gone []string
	for pkg := range layers {
		if !seen[pkg] {
			gone = append(gone, pkg)
		}
	}
	sort.Strings(gone)
	if len(gone) > 0 {
		t.Errorf("the layers table lists packages that no longer exist: %v", gone)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
