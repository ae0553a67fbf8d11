package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/guldborgsund/labyrint/internal/check"
	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/output"
	"github.com/guldborgsund/labyrint/internal/plainlang"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// Run builds one target. The error (nil on success) joins every error
// finding; Result.Findings holds warnings too. A build is a list of
// stages over one state (state): each stage reads what the ones before it
// made and adds its own; the first that fails ends the build.
func Run(ctx context.Context, o Options) (*Result, error) {
	cached := o.cached()
	if cached {
		o.rec = newRecorder(false) // what each file asked for, kept in the cache
	}
	st := newState(ctx, o)
	defer st.abort()
	config, load, model, render := st.config, st.load, st.model, st.render
	last := stage{"swap", st.commit}
	if o.Check {
		last = stage{"check", st.check}
	}
	if cached {
		// The same stages; the render stage renders only what changed
		// since the build the cache describes, and the files made are
		// moved into the live output (cache.go).
		c := &cachedBuild{st: st, loaded: make(chan *buildCache, 1)}
		config, load, model, render, last = c.config, c.load, c.model, c.render, stage{"swap", c.commit}
	}
	return st.result(st.run(
		stage{"config", config},
		stage{"content", load},
		stage{"site+select", model},
		stage{"open+assets", st.open},
		stage{"render+write+index", render},
		stage{"sitemap", st.sitemap},
		stage{"static", st.static},
		last,
	))
}

// stage is one named step of a build.
type stage struct {
	name string
	do   func() error
}

// errFindings ends a build whose findings hold an error; errUnchanged
// ends one whose output is already what it would write.
var (
	errFindings  = errors.New("findings hold errors")
	errUnchanged = errors.New("unchanged")
)

// state is what one build knows, stage by stage.
type state struct {
	ctx   context.Context
	o     Options
	res   *Result
	all   diag.List // findings so far
	start time.Time

	// config
	cfg    *config.Config
	target *config.Target
	dirs   sourceDirs
	// content (the layouts are parsed meanwhile)
	layouts chan parsedLayouts
	tree    *content.Tree
	// model
	site  *site.Site
	view  *site.View
	gl    *glossary
	terms termCache         // an incremental build's: the entries of the glossary each page uses
	keys  map[string]string // an incremental build's: titles' collation keys kept (site.BuildKnown)
	// open
	digest    string
	w         *output.Writer
	committed bool
	b         *builder
}

// sourceDirs are the folders a build reads.
type sourceDirs struct {
	content, layouts, assets string
	prefix                   string // how messages name the content folder
}

type parsedLayouts struct {
	tpl *render.Templates
	err error
}

func newState(ctx context.Context, o Options) *state {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Target == "" {
		o.Target = "public"
	}
	return &state{ctx: ctx, o: o, res: &Result{Target: o.Target}, start: time.Now()}
}

// run runs the stages in order, timing each, until one fails.
func (st *state) run(stages ...stage) error {
	last := st.start
	for _, s := range stages {
		err := s.do()
		if err != nil {
			return err
		}
		now := time.Now()
		st.res.Stages = append(st.res.Stages, Stage{s.name, now.Sub(last)})
		last = now
	}
	return nil
}

// result is what Run returns after the stages ended with err.
func (st *state) result(err error) (*Result, error) {
	switch {
	case err == nil, errors.Is(err, errUnchanged):
		st.res.Findings = st.all.Items()
		st.res.Duration = time.Since(st.start)
		return st.res, nil
	case errors.Is(err, errFindings):
		st.res.Findings = st.all.Items()
		st.res.Duration = time.Since(st.start)
		return st.res, st.all.Err()
	}
	return st.res, err
}

// merge adds l's findings; errFindings if it holds an error.
func (st *state) merge(l *diag.List) error {
	st.all.Merge(l)
	if errs, _ := l.Count(); errs > 0 {
		return errFindings
	}
	return nil
}

// abort throws the staging folder away unless the build was committed.
func (st *state) abort() {
	if st.w != nil && !st.committed {
		st.w.Abort()
	}
}

// config reads site.yaml and finds the target and the folders.
func (st *state) config() error {
	cfg, err := config.Load(os.DirFS(st.o.Source))
	if err != nil {
		return err
	}
	t := cfg.Targets[st.o.Target]
	if t == nil {
		var names []string
		for _, x := range cfg.SortedTargets() {
			names = append(names, x.Name)
		}
		return fmt.Errorf("ukendt mål %q; sitet har: %s", st.o.Target, strings.Join(names, ", "))
	}
	st.cfg, st.target = cfg, t
	if l := checkTargetURL(st.o, cfg, t); l != nil {
		if err := st.merge(l); err != nil {
			return err
		}
	}
	st.dirs = sourceDirs{content: st.o.Content, prefix: cfg.Content,
		layouts: under(st.o.Source, cfg.Layouts), assets: under(st.o.Source, cfg.Assets)}
	if st.o.Content == "" {
		st.dirs.content = under(st.o.Source, cfg.Content)
	} else {
		st.dirs.prefix = filepath.ToSlash(st.o.Content)
	}
	if err := st.merge(checkTaxonomyFields(cfg)); err != nil {
		return err
	}
	return st.merge(checkFolders(cfg, st.dirs.layouts, st.dirs.assets, st.dirs.content, st.dirs.prefix))
}

// load reads and checks the content, parsing the layouts meanwhile.
func (st *state) load() error {
	st.layouts = make(chan parsedLayouts, 1)
	go func() {
		tpl, err := render.Parse(os.DirFS(st.dirs.layouts), output.MinifyLayout)
		st.layouts <- parsedLayouts{tpl, err}
	}()
	tree, l := st.o.Reader.Load(content.DirFS(st.dirs.content), st.dirs.prefix, st.cfg)
	if tree == nil {
		st.all.Merge(l)
		return errFindings
	}
	st.tree = tree
	return st.merge(l)
}

// model builds the site model, selects the target's view and reads the
// glossary.
func (st *state) model() error {
	s, l := site.BuildKnown(st.cfg, withDefaultPages(st.cfg, st.tree), st.keys)
	if err := st.merge(l); err != nil {
		return err
	}
	st.site = s
	st.view = s.Select(st.target, site.Options{Drafts: st.o.Drafts})
	if err := st.merge(checkTargetShows(st.cfg, st.target, s, st.view)); err != nil {
		return err
	}
	if err := st.merge(checkThemePages(st.cfg, s, st.o.Content != "")); err != nil {
		return err
	}
	gl, l := loadGlossary(st.dirs.prefix, st.tree.Data, st.view)
	gl.terms = st.terms
	gl.list(s, st.view) // before the text goes: it reads every page
	gl.terms = nil
	st.gl = gl
	if st.o.dropsText() {
		// Pages this target does not show are never rendered: let their
		// text go (a large intranet-only section is most of a site's bytes).
		for _, p := range s.Pages {
			if !st.view.Has(p) {
				p.Src.Body = nil
			}
		}
	}
	return st.merge(l)
}

// open waits for the layouts, stops if the output is already what this
// build would write, opens the staging folder, writes the assets and
// prepares the search index.
func (st *state) open() error {
	lay := <-st.layouts
	if lay.err != nil {
		return lay.err
	}
	if err := st.merge(checkKindLayouts(st.cfg, lay.tpl.Names())); err != nil {
		return err
	}
	out := st.o.Out
	if out == "" {
		out = st.target.Out
	}
	st.res.Out = out
	st.digest = buildDigest(st.o, st.target.Name, st.tree.Digest, st.dirs.layouts, st.dirs.assets)
	if !st.o.Check && !st.o.Preview && !st.o.Force {
		if old, err := os.ReadFile(filepath.Join(out, DigestFile)); err == nil && string(old) == st.digest {
			// Same generator, same sources, same options: the output is
			// already what this build would write. Write nothing.
			st.res.Unchanged = true
			return errUnchanged
		}
	}
	w, err := output.Open(out, st.o.Source, st.dirs.content, st.dirs.layouts, st.dirs.assets)
	if err != nil {
		return err
	}
	w.CompressPages = st.target.GzipPages
	st.w = w
	if !st.o.Incremental {
		// A full build writes over the previous build's tree (an
		// incremental one may move its few files in instead).
		if err := w.ReuseSpare(); err != nil {
			return err
		}
	}
	st.b = st.newBuilder(lay.tpl)
	if err := st.b.assets(os.DirFS(st.dirs.assets)); err != nil {
		return err
	}
	return st.searchIndex()
}

// newBuilder makes the renderer of this build's pages.
func (st *state) newBuilder(tpl *render.Templates) *builder {
	cfg, t := st.cfg, st.target
	return &builder{ctx: st.ctx, o: st.o, cfg: cfg, site: st.site, view: st.view, tpl: tpl, w: st.w, lixCommon: &plainlang.Common{},
		md: st.gl.renderer(layoutIDs(st.dirs.layouts)), gl: st.gl, rec: st.o.rec,
		pics: newPictures(cfg, st.dirs.content, st.o.ImageCache),
		rules: plainlang.Rules{LixTarget: cfg.Plain.LixTarget, LixError: cfg.Plain.LixError,
			SentenceWords: cfg.Plain.SentenceWords, ParagraphWords: cfg.Plain.ParagraphWords},
		info: render.SiteInfo{Title: cfg.Title, Owner: cfg.Owner, Language: cfg.Language, Label: t.Label,
			Target: t.Name, Preview: st.o.Preview, Year: time.Now().Year(), Params: cfg.Params}}
}

// searchIndex starts the search index, if the site has a search page.
func (st *state) searchIndex() error {
	if st.b.searchPage() == nil {
		return nil
	}
	ix, err := NewSearchIndex(st.site, st.dirs.prefix)
	st.b.index = ix
	return err
}

// render renders and writes every page, and writes the search index.
func (st *state) render() error {
	l, err := st.b.pages()
	st.all.Merge(l)
	if errs, _ := st.all.Count(); errs > 0 {
		return errFindings
	}
	return err
}

// static copies the static files of content/ that the target publishes.
// They come last, once every generated file has its place: one that wants
// a generated file's place (or its .gz twin's) is the editor's to fix and
// is named.
func (st *state) static() error {
	l, err := st.b.static(os.DirFS(st.dirs.content), st.dirs.prefix)
	if err != nil {
		return err
	}
	if errs, _ := l.Count(); errs > 0 {
		st.all.Merge(l)
		return errFindings
	}
	st.res.Language = st.b.language
	return nil
}

// sitemap writes the retired addresses' redirects, the sitemap, robots.txt
// and the digest.
func (st *state) sitemap() error {
	if l, err := st.b.addresses(st.res.Out, st.tree.Data[RetiredFile], st.dirs.prefix); err != nil || l != nil {
		if l != nil {
			st.all.Merge(l)
			return errFindings
		}
		return err
	}
	if err := st.b.sitemap(); err != nil {
		return err
	}
	if err := st.ctx.Err(); err != nil {
		return err
	}
	return st.w.WriteRaw(DigestFile, []byte(st.digest))
}

// check runs labyrint check's link checks; the staging folder is thrown
// away (abort).
func (st *state) check() error {
	for _, f := range check.Run(st.b.checked, "/") {
		st.all.Add(f)
	}
	st.res.Pages, st.res.Files = st.b.pagesWritten, st.b.files
	return errFindings
}

// commit swaps the finished output in.
func (st *state) commit() error {
	if err := st.w.Commit(); err != nil {
		return err
	}
	st.committed = true
	if st.o.rec != nil {
		st.o.rec.done(st.b, st.tree, st.dirs.prefix, st.dirs.content)
	}
	st.res.Pages, st.res.Files = st.b.pagesWritten, st.b.files
	return nil
}
