package render

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/guldborgsund/labyrint/internal/site"
)

// Shared partials: the pieces every page shows almost the same (the site's
// header with the menu, the footer) are made once per variant, not once per
// page. A layout writes {{.Shared "partials/header.html"}}; the partial is
// executed with a *Shared, not the page's *Data. Shared can reach the site,
// the menu and pages by URL, make links from the page's folder, and ask how
// the page stands to another page (IsCurrent, InSection, IsHome), but it
// cannot reach the page itself. So what a shared partial writes depends on
// nothing but the page's folder depth and the answers to those questions.
// Each variant is kept with the questions it asked and the answers it got;
// a page reuses a variant when its own answers to the same questions are the
// same, and the partial is executed again otherwise. No key to keep right by
// hand: a partial that tries to use the page fails to run.
type Shared struct {
	Site SiteInfo
	d    *Data
	v    *variant
}

// SharedCache holds the variants of shared partials made in one render pass,
// and the memoised pieces (memo.go), which a following pass may keep (Next).
// Safe for concurrent use. A pass that follows a change to the site (the
// preview) takes a new cache.
type SharedCache struct {
	mu   sync.Mutex
	m    map[string][]*variant
	tpl  *Templates // the layouts the pieces are made with
	kept *pieces    // pieces that hold in any pass with tpl, shared by the passes Next makes
	own  *pieces    // pieces of this pass alone
}

// pieces are memoised pieces (memo.go).
type pieces struct {
	mu   sync.Mutex
	memo map[string]template.HTML // memoised partials by name and key
	// cards made for every folder (memo.go) by name and card (Card.spelled
	// with the link below the root): the card before and after the root
	cards     map[string][2]string
	cardCheck map[string]int8 // by partial name: 1 cards are made for every folder, -1 per folder, 0 not yet known
	keeps     map[string]bool // in kept only, by partial name: keepsAcrossPasses
}

func newPieces() *pieces {
	return &pieces{memo: map[string]template.HTML{}, cards: map[string][2]string{}, cardCheck: map[string]int8{}, keeps: map[string]bool{}}
}

// NewSharedCache returns an empty cache.
func NewSharedCache() *SharedCache {
	return &SharedCache{m: map[string][]*variant{}, kept: newPieces(), own: newPieces()}
}

// Next returns the cache for the next render pass with the layouts t: a
// new one, which shares c's kept pieces if c's were made with the same
// layouts. A memoised piece is keyed by all of the value it was made from
// (memoKey), so it holds in any pass; but a partial that reaches the page
// behind a card (.Page), or calls another template, may write what its
// key does not spell, and its pieces are the pass's own
// (keepsAcrossPasses). The preview's updates render a few files each, one
// of them maybe a list of 2,000 cards, which are then made again only
// where a card changed. The shared partials' variants (m) are never kept:
// a pass sees one menu and one set of titles.
func (c *SharedCache) Next(t *Templates) *SharedCache {
	n := NewSharedCache()
	n.tpl = t
	if c != nil && c.tpl == t && t != nil {
		n.kept = c.kept
	}
	return n
}

// piecesOf returns the pieces partial name's belong to: the kept ones if
// the partial keeps across passes (and c knows its layouts), else the
// pass's own.
func (c *SharedCache) piecesOf(name string) *pieces {
	if c.tpl == nil {
		return c.own
	}
	k := c.kept
	k.mu.Lock()
	keep, ok := k.keeps[name]
	if !ok {
		keep = c.tpl.keepsAcrossPasses(name)
		k.keeps[name] = keep
	}
	k.mu.Unlock()
	if keep {
		return k
	}
	return c.own
}

type variant struct {
	asks []ask
	keys []string // dependency keys (deps.go) the partial used
	html template.HTML
}

// ask is one question a shared partial asked about the page, and the answer.
type ask struct {
	kind byte // 'c' IsCurrent, 's' InSection, 'h' IsHome
	p    *site.Page
	ans  bool
}

func (a ask) holdsFor(d *Data) bool {
	switch a.kind {
	case 'c':
		return d.IsCurrent(a.p) == a.ans
	case 's':
		return d.InSection(a.p) == a.ans
	default:
		return d.isHome() == a.ans
	}
}

func (v *variant) fits(d *Data) bool {
	for _, a := range v.asks {
		if !a.holdsFor(d) {
			return false
		}
	}
	return true
}

// Shared writes the shared partial name (a file in layouts/, such as
// "partials/header.html") for the page; see Shared.
func (d *Data) Shared(name string) (template.HTML, error) {
	bucket := name + "\x00" + d.root
	if d.portable {
		bucket += "\x00p"
	}
	if c := d.shared; c != nil {
		c.mu.Lock()
		for _, v := range c.m[bucket] {
			if v.fits(d) {
				c.mu.Unlock()
				for _, k := range v.keys {
					d.use(k)
				}
				return v.html, nil
			}
		}
		c.mu.Unlock()
	}
	s := &Shared{Site: d.Site, d: d, v: &variant{}}
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	defer bufPool.Put(b)
	if err := d.set.ExecuteTemplate(b, name, s); err != nil {
		return "", err
	}
	s.v.html = template.HTML(b.String())
	for _, k := range s.v.keys {
		d.use(k)
	}
	if c := d.shared; c != nil {
		c.mu.Lock()
		c.m[bucket] = append(c.m[bucket], s.v)
		c.mu.Unlock()
	}
	return s.v.html, nil
}

// UseShared makes d reuse the shared partials kept in c.
func (d *Data) UseShared(c *SharedCache) { d.shared = c }

func (d *Data) isHome() bool { return d.Page.URL == "/" }

func (s *Shared) asked(kind byte, p *site.Page, ans bool) bool {
	s.v.asks = append(s.v.asks, ask{kind, p, ans})
	return ans
}

// IsCurrent reports whether p is the page being rendered.
func (s *Shared) IsCurrent(p *site.Page) bool { return s.asked('c', p, s.d.IsCurrent(p)) }

// InSection reports whether the page being rendered is p or below it.
func (s *Shared) InSection(p *site.Page) bool { return s.asked('s', p, s.d.InSection(p)) }

// IsHome reports whether the page being rendered is the front page.
func (s *Shared) IsHome() bool { return s.asked('h', nil, s.d.isHome()) }

// Link returns the relative link to a page, a term (its page), or a URL path.
func (s *Shared) Link(x interface{}) string { return s.d.Link(x) }

// Asset returns the relative link to an asset by its name in assets/.
func (s *Shared) Asset(name string) (string, error) { return s.d.Asset(name) }

// Menu returns the main menu's pages.
func (s *Shared) Menu() []*site.Page {
	s.v.keys = append(s.v.keys, menuKey)
	return s.d.view.Menu()
}

// PageAt returns the visible page at URL u, or nil.
func (s *Shared) PageAt(u string) *site.Page {
	p := s.d.view.PageByURL(u)
	if p == nil {
		return nil
	}
	s.v.keys = append(s.v.keys, pageKey(p))
	return p
}

// variants returns how many variants of shared partials c holds.
func (c *SharedCache) variants() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, vs := range c.m {
		n += len(vs)
	}
	return n
}
