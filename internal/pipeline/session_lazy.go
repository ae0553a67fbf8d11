package pipeline

import (
	"context"
	"runtime"
	"strings"
	"time"

	"github.com/guldborgsund/labyrint/internal/output"
	"github.com/guldborgsund/labyrint/internal/render"
)

// Lazy files. A title, a value, a new, deleted or renamed case moves items
// between the parts of long lists and changes a card on the pages that
// show it (at 10,000 cases an edit made 150–315 files again, a value's page
// with 2,000 cards among them). An update that made the model again
// renders and writes the edited pages' own files, and every file whose
// text links to a page that came or went (their errors must stop the
// update), and leaves the others pending: their text is as before, so
// rendering them again finds nothing the update must stop for but a
// layout's error. They are rendered in the background, a few at a time,
// and one that is asked for first is rendered then (Fresh), so the preview
// never serves a stale file. The next update renders the pending files
// with its own model, Refresh renders them all first.
//
// All of it runs under the session's lock, which the background takes
// for one small batch at a time.

// pending is the files an update left to render, with the model to
// render them with (the last good build's).
type pending struct {
	b     *builder
	jobs  map[string]job // by file URL
	order []string       // the background's order
}

// backgroundIdle is how long the background waits after an update
// before it renders the first pending file. Saves often come in a row (an
// editor saving again, a tool writing several files, the browser editor's
// "Gem" after a draft); the next update should find the processors free,
// not busy with list pages of a model it replaces. A pending file asked
// for meanwhile is rendered at once (Fresh).
const backgroundIdle = 500 * time.Millisecond

// lazyBatch is how many pending files the background renders under one
// hold of the session's lock: a request waits for at most one batch.
func lazyBatch() int { return 2 * runtime.GOMAXPROCS(0) }

// deferrable reports whether the update may leave job j pending: neither
// an edited page's own file nor one whose links changed.
func (u *partialBuild) deferrable(j job, own map[string]bool) bool {
	return !own[j.url] && !u.relinked[j.url]
}

// split divides the planned files into those rendered now and those left
// pending. Only an update that made the model again leaves files pending.
func (u *partialBuild) split(edits []edit) (now, later []job) {
	if u.bodyOnly || len(edits) == 0 {
		return u.todo, nil
	}
	own := map[string]bool{}
	for _, e := range edits {
		if np := u.next.site.PageByPath(e.path()); np != nil {
			own[np.URL] = true
		}
	}
	for _, j := range u.todo {
		if u.deferrable(j, own) {
			later = append(later, j)
		} else {
			now = append(now, j)
		}
	}
	return now, later
}

// leave makes later, and the files the last update left pending that this
// one did not render (rec holds what it rendered), the session's pending
// files, to render with the new model, and starts the background.
func (s *Session) leave(later []job, rec *recorder) {
	old := s.pend
	p := &pending{b: s.last.b, jobs: map[string]job{}}
	add := func(j job) {
		if _, ok := p.jobs[j.url]; !ok {
			p.jobs[j.url] = j
			p.order = append(p.order, j.url)
		}
	}
	for _, j := range later {
		add(j)
	}
	if old != nil {
		for _, url := range old.order {
			_, left := old.jobs[url]
			_, made := rec.html[url]
			if j, ok := s.last.jobs[url]; ok && left && !made {
				add(j) // the new model's job: gone files are not in it
			}
		}
	}
	s.setPending(p)
	if s.pend != nil && !s.lazyOnly {
		go s.drain(s.pend)
	}
}

// setPending makes p (nil or empty: none) the pending files.
func (s *Session) setPending(p *pending) {
	if p != nil && len(p.jobs) == 0 {
		p = nil
	}
	if p != s.pend {
		var urls map[string]bool
		if p != nil {
			urls = make(map[string]bool, len(p.jobs))
			for url := range p.jobs {
				urls[url] = true
			}
		}
		s.pendURLs.Store(&urls)
	}
	s.pend = p
}

// mayPend reports whether the file at URL url may be pending: the files
// left pending when the pending list was made (none once every one is
// rendered: setPending drops an empty list), without the lock, so that a
// request for any other file does not wait for the background.
func (s *Session) mayPend(url string) bool {
	urls := s.pendURLs.Load()
	return urls != nil && (*urls)[url]
}

// drain renders p's files in the background, a batch at a time, until
// none is left or p is no longer the session's.
func (s *Session) drain(p *pending) {
	time.Sleep(s.idle)
	for {
		s.mu.Lock()
		if s.pend != p {
			s.mu.Unlock()
			return
		}
		var batch []job
		for len(p.order) > 0 && len(batch) < lazyBatch() {
			if j, ok := p.jobs[p.order[0]]; ok {
				batch = append(batch, j)
			}
			p.order = p.order[1:]
		}
		if len(batch) == 0 { // each was asked for (Fresh)
			s.mu.Unlock()
			return
		}
		err := s.renderPending(batch)
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// Fresh renders the file at URL path u (as the preview is asked for it)
// if an update left it pending, so that it is not served stale. It waits
// for an update under way.
func (s *Session) Fresh(u string) error {
	url := strings.TrimSuffix(u, "index.html")
	if !s.mayPend(url) {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pend == nil {
		return nil
	}
	j, ok := s.pend.jobs[url]
	if !ok {
		return nil
	}
	return s.renderPending([]job{j})
}

// Close stops the background: the files left pending stay as they are.
// A session's output folder may be removed once it returns.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setPending(nil)
}

// Flush renders every file an update left pending.
func (s *Session) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flush()
}

func (s *Session) flush() error {
	if s.pend == nil {
		return nil
	}
	jobs := make([]job, 0, len(s.pend.jobs))
	for _, url := range s.pend.order {
		if j, ok := s.pend.jobs[url]; ok {
			jobs = append(jobs, j)
		}
	}
	return s.renderPending(jobs)
}

// renderPending renders and writes jobs, pending files, and takes them
// off the pending list. An error (which the update that left them could
// not see) gives up the session's state: the next Build is a full one,
// and says what is wrong.
func (s *Session) renderPending(jobs []job) (err error) {
	p, r := s.pend, s.last
	defer func() {
		if err != nil {
			s.setPending(nil)
			s.last = nil
		}
	}()
	rec := newRecorder(true)
	b := p.b
	b.rec, b.ctx = rec, context.Background()
	l := b.run(jobs)
	b.rec = nil
	if err := l.Err(); err != nil {
		return err
	}
	w, err := output.OpenInPlace(s.o.Out)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if err := w.WritePage(render.FileFor(j.url), rec.html[j.url]); err != nil {
			w.Commit()
			return err
		}
	}
	if err := w.Commit(); err != nil {
		return err
	}
	r.merge(rec)
	for _, j := range jobs {
		delete(p.jobs, j.url)
	}
	s.setPending(p)
	return nil
}
