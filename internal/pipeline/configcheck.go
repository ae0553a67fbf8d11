package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/site"
)

// checkFolders reports the folders site.yaml names that are not there: the
// layouts, the assets, and the content sections kinds and page-based
// taxonomies name. Each is one error at site.yaml's line of the key (not
// one per page it would touch), naming the folder looked for as site.yaml
// writes it (relative to the site root), never a temporary path.
func checkFolders(cfg *config.Config, layoutsDir, assetsDir, contentDir, prefix string) *diag.List {
	var l diag.List
	for _, d := range []struct{ key, dir, name, what string }{
		{"layouts", layoutsDir, cfg.Layouts, "skabelonerne (layouts)"},
		{"assets", assetsDir, cfg.Assets, "sitets filer (assets)"},
	} {
		if !isDir(d.dir) {
			l.Add(cfg.Finding(diag.Error, d.key, fmt.Sprintf("ret %s: i site.yaml til mappen med %s; uden nøglen bruges %q", d.key, d.what, d.key),
				"mappen %q findes ikke (ledt efter fra sitets rod, hvor site.yaml ligger)", filepath.ToSlash(d.name)))
		}
	}
	if !isDir(contentDir) {
		return &l // content.Load reports it
	}
	sections := topFolders(contentDir)
	missing := func(key, section string) {
		if section == "" || isDir(filepath.Join(contentDir, section)) {
			return
		}
		hint := "opret mappen, eller brug en af: " + strings.Join(sections, ", ")
		if s := diag.Suggest(section, sections); s != "" {
			hint = fmt.Sprintf("mente du %q?", s)
		}
		l.Add(cfg.Finding(diag.Error, key, hint, "mappen %s/%s findes ikke", prefix, section))
	}
	for _, k := range cfg.SortedKinds() {
		missing("kinds."+k.Name+".section", k.Section)
	}
	for _, n := range sortedKeys(cfg.Taxonomies) {
		missing("taxonomies."+n+".pages", cfg.Taxonomies[n].Pages)
	}
	return &l
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// topFolders lists the folders directly under dir, sorted.
func topFolders(dir string) []string {
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkTargetShows reports a target that shows no page: its audiences
// match no page's audience (a misspelt audience, or content not yet there).
func checkTargetShows(cfg *config.Config, t *config.Target, s *site.Site, view *site.View) *diag.List {
	var l diag.List
	seen := map[string]bool{}
	for _, p := range s.Pages {
		if view.Has(p) {
			return &l
		}
		seen[p.Audience] = true
	}
	var have []string
	for a := range seen {
		have = append(have, a)
	}
	sort.Strings(have)
	hint := "der er ingen sider i indholdet endnu"
	if len(have) > 0 {
		hint = "siderne har målgrupperne: " + strings.Join(have, ", ")
		for _, a := range t.Audiences {
			if s := diag.Suggest(a, have); s != "" && s != a {
				hint = fmt.Sprintf("mente du %q? ", s) + hint
				break
			}
		}
	}
	l.Add(cfg.Finding(diag.Error, "targets."+t.Name+".audiences", hint,
		"målet %q viser ingen sider: ingen side har en af målgrupperne %s", t.Name, strings.Join(t.Audiences, ", ")))
	return &l
}

// checkKindLayouts reports a kind whose layout is not among the layouts,
// once at site.yaml's line, instead of once for every page of the kind.
func checkKindLayouts(cfg *config.Config, layouts []string) *diag.List {
	var l diag.List
	for _, k := range cfg.SortedKinds() {
		if k.Layout == "" || slices.Contains(layouts, k.Layout) {
			continue
		}
		hint := "brug en af: " + strings.Join(layouts, ", ")
		if s := diag.Suggest(k.Layout, layouts); s != "" {
			hint = fmt.Sprintf("mente du %q?", s)
		}
		l.Add(cfg.Finding(diag.Error, "kinds."+k.Name+".layout", hint,
			"kinds.%s: skabelonen %q findes ikke (ingen %s.html i layouts-mappen)", k.Name, k.Layout, k.Layout))
	}
	return &l
}

// checkThemePages reports an address under theme: (the menu, the front
// page's links, the footer's pages …) that no page of the site has, in any
// target, drafts included: the layouts would leave it out without a word.
// One error at the key's place, with the nearest address as a hint; a
// warning when the build reads another content tree than the config's
// (--content, e.g. the benchmark corpus): the config was written for its
// own pages, and the layouts leave the missing ones out.
func checkThemePages(cfg *config.Config, s *site.Site, otherContent bool) *diag.List {
	sev := diag.Error
	if otherContent {
		sev = diag.Warning
	}
	var l diag.List
	var urls []string
	for _, p := range s.Pages {
		urls = append(urls, p.URL)
	}
	for _, tp := range cfg.ThemePaths() {
		if !strings.HasPrefix(tp.URL, "/") || s.PageByURL(tp.URL) != nil {
			continue // a path without / is config's error
		}
		hint := "skriv adressen på en side, der findes (fx /kontakt/ for content/kontakt.md), eller slet den"
		if sug := diag.Suggest(tp.URL, urls); sug != "" {
			hint = fmt.Sprintf("mente du %q?", sug)
		}
		l.Add(cfg.Finding(sev, tp.Key, hint, "%s: ingen side har adressen %s", tp.Key, tp.URL))
	}
	return &l
}

// checkTaxonomyFields warns about a taxonomy no field refers to: a page's
// terms come only from a field with taxonomy:, so no page can ever have
// the taxonomy's terms, and its list never shows. One warning at the
// taxonomy's key.
func checkTaxonomyFields(cfg *config.Config) *diag.List {
	var l diag.List
	used := map[string]bool{}
	mark := func(fs map[string]*config.Field) {
		for _, f := range fs {
			if f != nil {
				used[f.Taxonomy] = true
			}
		}
	}
	mark(cfg.Fields)
	for _, k := range cfg.Kinds {
		mark(k.Fields)
	}
	for _, n := range sortedKeys(cfg.Taxonomies) {
		if used[n] {
			continue
		}
		hint := fmt.Sprintf("skriv fx %s: {type: list, taxonomy: %s} under fields", n, n)
		if f := cfg.Fields[n]; f != nil {
			hint = fmt.Sprintf("tilføj taxonomy: %s til feltet %s under fields", n, n)
		}
		l.Add(cfg.Finding(diag.Warning, "taxonomies."+n, hint,
			"taxonomies.%s: intet felt henviser til taksonomien, så ingen side kan få dens termer", n))
	}
	return &l
}
