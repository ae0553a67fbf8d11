package pipeline

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/guldborgsund/labyrint/internal/config"
	"github.com/guldborgsund/labyrint/internal/images"
	"github.com/guldborgsund/labyrint/internal/markdown"
	"github.com/guldborgsund/labyrint/internal/site"
)

// ImageSizes is the sizes attribute of a page's photos: the full screen on
// a phone, the text column (about 48rem) on wider screens.
const ImageSizes = "(max-width: 48rem) 100vw, 48rem"

// defaultMaxKB is the original size over which a photo gets a warning.
const defaultMaxKB = 2000

// pictures makes and writes the copies of the photos pages show; one per
// builder (a Session's update gets its own, sharing the processor).
type pictures struct {
	proc       *images.Processor
	maxBytes   int
	contentDir string

	mu      sync.Mutex
	written map[string]bool // copies written by this builder's writer
}

func newPictures(cfg *config.Config, contentDir, cache string) *pictures {
	widths := cfg.Images.Widths
	if len(widths) == 0 {
		widths = images.DefaultWidths
	}
	if cache == "" {
		cache = images.DefaultCache()
	}
	maxKB := cfg.Images.MaxKB
	if maxKB <= 0 {
		maxKB = defaultMaxKB
	}
	return &pictures{proc: &images.Processor{Widths: widths, Cache: cache}, maxBytes: maxKB << 10,
		contentDir: contentDir, written: map[string]bool{}}
}

// fresh returns pictures for another writer.
func (pc *pictures) fresh() *pictures {
	if pc == nil {
		return nil
	}
	return &pictures{proc: pc.proc, maxBytes: pc.maxBytes, contentDir: pc.contentDir, written: map[string]bool{}}
}

// imageFunc describes p's photos: copies in a few widths (srcset), the
// size (width, height), and loading="lazy" for all but the first image.
func (b *builder) imageFunc(p *site.Page) markdown.ImageFunc {
	return func(dest, href string, first bool) (string, []markdown.Attr, string) {
		var attrs []markdown.Attr
		if !first {
			attrs = append(attrs, markdown.Attr{Name: "loading", Value: "lazy"})
		}
		attrs = append(attrs, markdown.Attr{Name: "decoding", Value: "async"})
		cp := contentPathOf(p, dest)
		if b.pics == nil || cp == "" || !images.Supported(cp) || !b.view.HasStatic(cp) {
			return "", attrs, ""
		}
		data, err := os.ReadFile(filepath.Join(b.pics.contentDir, filepath.FromSlash(cp)))
		if err != nil {
			return "", attrs, ""
		}
		var warning string
		if len(data) > b.pics.maxBytes {
			warning = fmt.Sprintf("billedet %s fylder %s; originaler bør fylde under %d KB – gem det mindre (fx 2000 pixel bredt) før du lægger det op",
				dest, sizeText(len(data)), b.pics.maxBytes>>10)
		}
		img, err := b.pics.proc.Process(cp, data)
		if err != nil {
			return "", attrs, fmt.Sprintf("billedet %s: %v", dest, err)
		}
		if err := b.writeCopies(img); err != nil {
			return "", attrs, fmt.Sprintf("billedet %s: %v", dest, err)
		}
		dir := escapePath(href[:strings.LastIndexByte(href, '/')+1])
		w, h, src := img.Width, img.Height, ""
		if n := len(img.Variants); n > 0 {
			var set []string
			for _, v := range img.Variants {
				set = append(set, dir+url.PathEscape(path.Base(v.Path))+" "+strconv.Itoa(v.Width)+"w")
			}
			last := img.Variants[n-1]
			w, h, src = last.Width, last.Height, dir+url.PathEscape(path.Base(last.Path))
			attrs = append(attrs, markdown.Attr{Name: "srcset", Value: strings.Join(set, ", ")},
				markdown.Attr{Name: "sizes", Value: ImageSizes})
		}
		attrs = append(attrs, markdown.Attr{Name: "width", Value: strconv.Itoa(w)}, markdown.Attr{Name: "height", Value: strconv.Itoa(h)})
		return src, attrs, warning
	}
}

// writeCopies writes a photo's copies once per writer.
func (b *builder) writeCopies(img *images.Image) error {
	for _, v := range img.Variants {
		b.pics.mu.Lock()
		done := b.pics.written[v.Path]
		b.pics.written[v.Path] = true
		b.pics.mu.Unlock()
		if done {
			continue
		}
		if b.w == nil {
			// A Session's update holds its pages until all are made, and
			// has no writer meanwhile: a copy is written into the output
			// at once (a photo is never half there: renamed into place).
			if err := writeInto(b.o.Out, v.Path, v.Data); err != nil {
				return err
			}
			continue
		}
		if err := b.w.WriteRaw(v.Path, v.Data); err != nil {
			return err
		}
		b.mu.Lock()
		b.files++
		b.mu.Unlock()
	}
	return nil
}

// writeInto writes data as the file rel below out, through a temporary
// file renamed into place.
func writeInto(out, rel string, data []byte) error {
	full := filepath.Join(out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	tmp := full + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, full)
}

// contentPathOf returns the content path a link or image in p points to,
// or "" for an external or site-absolute page address.
func contentPathOf(p *site.Page, dest string) string {
	u := dest
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if u == "" || isExternal(u) {
		return ""
	}
	if strings.HasPrefix(u, "/") {
		return strings.TrimPrefix(path.Clean(u), "/")
	}
	joined := path.Join(path.Dir(p.Src.Path), u)
	if strings.HasPrefix(joined, "../") || joined == ".." {
		return ""
	}
	return joined
}

// escapePath escapes each segment of a relative path (a srcset entry ends
// at a space, so "stort foto.jpg" must be written "stort%20foto.jpg").
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func sizeText(n int) string {
	if n >= 1<<20 {
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return fmt.Sprintf("%d KB", n>>10)
}
