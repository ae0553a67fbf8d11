package pipeline

import (
	"context"
	"errors"
	"reflect"

	"github.com/guldborgsund/labyrint/internal/content"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/render"
	"github.com/guldborgsund/labyrint/internal/site"
)

// ErrNoDraft says that a draft cannot be rendered: the session has no good
// build yet, or the file gives no page of the session's target.
var ErrNoDraft = errors.New("siden er ikke i forhåndsvisningens sidste gode bygning endnu")

// Draft renders the page made from the content file at path rel as it
// would be if the file held raw: the same layout, glossary, photos and
// checks as the session's build, from its last good build. It writes
// nothing (but a photo's resized copies, which the next build writes
// anyway) and changes nothing the session keeps: the browser editor's live
// preview. It returns the page's HTML (nil when raw has errors that stop a
// build) and the findings for the file, as the build reports them.
//
// A change to the text alone renders the one page; a change to the front
// matter makes the model again from the kept sources first (site.Build),
// as a Session update does.
func (s *Session) Draft(ctx context.Context, rel string, raw []byte) ([]byte, []diag.Finding, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil || s.last.b == nil {
		return nil, nil, ErrNoDraft
	}
	r := s.last
	old := r.b.site.PageByPath(rel)
	if old == nil || old.Src == nil {
		return nil, nil, ErrNoDraft
	}
	var l diag.List
	src := content.Parse(old.Src.File, rel, raw, r.b.cfg, &l)
	if src == nil || draftFailed(&l) {
		return nil, l.Items(), nil
	}
	b, j, ok := s.draftJob(r, old, src, &l)
	switch {
	case !ok && draftFailed(&l):
		return nil, forFile(l.Items(), old.Src.File), nil
	case !ok:
		return nil, nil, ErrNoDraft // the page is not in the session's target
	}
	b.rec, b.ctx, b.shared = newRecorder(true), ctx, render.NewSharedCache()
	b.page(j, &l)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return b.rec.html[j.url], forFile(l.Items(), old.Src.File), nil
}

// draftJob returns a builder and the job that renders the page old with
// the new source src: the kept model when only the text changed, else a
// model made again with src in place of old's source.
func (s *Session) draftJob(r *recorder, old *site.Page, src *content.Source, l *diag.List) (*builder, job, bool) {
	o := old.Src
	b := r.b.clone()
	if o.Kind == src.Kind && o.BodyLine == src.BodyLine && reflect.DeepEqual(o.Fields, src.Fields) && reflect.DeepEqual(o.Lines, src.Lines) {
		j, ok := r.jobs[old.URL]
		j.src = src
		return b, j, ok
	}
	tree := *r.tree
	tree.Sources = append([]*content.Source(nil), r.tree.Sources...)
	for i, x := range tree.Sources {
		if x == o {
			tree.Sources[i] = src
		}
	}
	st, sl := site.Build(b.cfg, withDefaultPages(b.cfg, &tree))
	l.Merge(sl)
	if draftFailed(l) {
		return nil, job{}, false
	}
	view := st.Select(r.b.view.Target, site.Options{Drafts: s.o.Drafts})
	gl, gll := loadGlossary(r.prefix, tree.Data, view)
	gl.entries = r.b.gl.entries // a draft does not change which words the pages use
	l.Merge(gll)
	np := st.PageByPath(src.Path)
	if draftFailed(l) || np == nil {
		return nil, job{}, false
	}
	b.site, b.view, b.gl, b.md = st, view, gl, gl.renderer(r.b.md.Reserved())
	b.plan()
	for _, j := range append(b.jobs, b.last...) {
		if j.url == np.URL && j.page == np {
			return b, j, true
		}
	}
	return nil, job{}, false // not in the target (its audience changed)
}

func draftFailed(l *diag.List) bool {
	errs, _ := l.Count()
	return errs > 0
}

// forFile keeps the findings about file (a model made again reports every
// page's).
func forFile(fs []diag.Finding, file string) []diag.Finding {
	var out []diag.Finding
	for _, f := range fs {
		if f.File == file {
			out = append(out, f)
		}
	}
	return out
}
