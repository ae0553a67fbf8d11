// Package images makes the smaller copies of the photos a page shows: for
// a JPEG or PNG referenced from Markdown it writes a few widths (never wider
// than the original), so a phone loads a 480-pixel photo instead of a
// 4000-pixel one, and the page can say each copy's width and the photo's
// height before it loads. Scaling uses golang.org/x/image/draw; copies are
// encoded as JPEG or PNG like their original (WebP would be smaller, but Go
// has no well-kept pure-Go WebP encoder).
//
// Made copies are kept in a cache folder, named by the original's content
// hash and the width, so an unchanged photo costs a hash and a file read on
// the next build, never a decode.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/draw"
)

// DefaultWidths are the widths made when the config names none.
var DefaultWidths = []int{480, 960, 1600}

// MaxPixels is the largest photo decoded (width × height): a phone's
// 50-megapixel photo fits; a file claiming more is refused before it is
// decoded into memory.
const MaxPixels = 60_000_000

// JPEGQuality is the quality of the JPEG copies.
const JPEGQuality = 80

// Variant is one copy of a photo.
type Variant struct {
	Path   string // slash path below the content folder, e.g. "billeder/foto-480w.jpg"
	Width  int
	Height int
	Data   []byte
}

// Image is a processed photo.
type Image struct {
	Width, Height int       // the original's
	Variants      []Variant // narrowest first; empty when the original is no wider than the smallest width
}

// Processor makes and caches copies. It is safe for concurrent use and
// makes each photo once however many pages show it.
type Processor struct {
	Widths []int
	Cache  string // folder for made copies; "" keeps none on disk

	mu   sync.Mutex
	done map[string]*entry // by content path and hash
}

type entry struct {
	once sync.Once
	img  *Image
	err  error
}

// Supported reports whether p is a photo the processor makes copies of.
func Supported(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// DefaultCache returns the folder below the user's cache folder where
// copies are kept, or "" when the system has none.
func DefaultCache() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "labyrint", "images")
}

// Process returns the copies of the photo at content path p with bytes data.
func (pr *Processor) Process(p string, data []byte) (*Image, error) {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	pr.mu.Lock()
	if pr.done == nil {
		pr.done = map[string]*entry{}
	}
	e := pr.done[p+"\x00"+key]
	if e == nil {
		e = &entry{}
		pr.done[p+"\x00"+key] = e
	}
	pr.mu.Unlock()
	e.once.Do(func() { e.img, e.err = pr.process(p, key, data) })
	return e.img, e.err
}

func (pr *Processor) process(p, key string, data []byte) (*Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("billedet kan ikke læses: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return nil, fmt.Errorf("billedet er %d×%d pixel; det største, der kan bruges, er %d megapixel – gem det mindre", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	img := &Image{Width: cfg.Width, Height: cfg.Height}
	ext := ".jpg"
	if format == "png" {
		ext = ".png"
	}
	var src image.Image // decoded only when a copy is not in the cache
	base := strings.TrimSuffix(p, path.Ext(p))
	for _, w := range pr.Widths {
		if w >= cfg.Width {
			break // never upscale: the original serves the widest screens
		}
		h := max(1, (cfg.Height*w+cfg.Width/2)/cfg.Width)
		img.Variants = append(img.Variants, Variant{Path: fmt.Sprintf("%s-%dw%s", base, w, ext), Width: w, Height: h})
	}
	// The widest copy is made from the original, each narrower one from
	// the copy before it: every step starts from as few pixels as it can.
	for i := len(img.Variants) - 1; i >= 0; i-- {
		v := &img.Variants[i]
		cached := pr.cachePath(key, v.Width, ext)
		if b, err := os.ReadFile(cached); cached != "" && err == nil {
			v.Data = b
			continue
		}
		if src == nil {
			if src, _, err = image.Decode(bytes.NewReader(data)); err != nil {
				return nil, fmt.Errorf("billedet kan ikke læses: %v", err)
			}
		}
		small := shrink(src, v.Width, v.Height)
		if v.Data, err = encode(small, format); err != nil {
			return nil, err
		}
		src = small
		if cached != "" {
			writeCache(cached, v.Data)
		}
	}
	return img, nil
}

func (pr *Processor) cachePath(key string, w int, ext string) string {
	if pr.Cache == "" {
		return ""
	}
	return filepath.Join(pr.Cache, key[:2], fmt.Sprintf("%s-%d%s", key, w, ext))
}

// writeCache writes a copy atomically (a temporary file renamed), so a
// build that stops halfway never leaves half a copy to be read later.
func writeCache(name string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr != nil || cerr != nil {
		os.Remove(f.Name())
		return
	}
	if os.Rename(f.Name(), name) != nil {
		os.Remove(f.Name())
	}
}

// shrink scales src down to w×h: halving with ApproxBiLinear (which, at
// exactly half, averages each 2×2 block) while the picture is at least
// twice as wide as wanted, then CatmullRom for the last step, whose cost
// grows with the source's size. CatmullRom straight from a 4000-pixel
// photo took 30 times as long as the approximate halvings.
func shrink(src image.Image, w, h int) *image.RGBA {
	cur := src
	for b := cur.Bounds(); b.Dx() >= 2*w && b.Dy() >= 2; b = cur.Bounds() {
		half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), cur, b, draw.Src, nil)
		cur = half
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), cur, cur.Bounds(), draw.Src, nil)
	return dst
}

// encode writes img like the original: PNG stays PNG, the rest is JPEG.
func encode(img image.Image, format string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: JPEGQuality})
	}
	return buf.Bytes(), err
}
