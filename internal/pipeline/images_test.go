package pipeline

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func jpegOf(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x*h/w, color.RGBA{200, 40, 40, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A photo in Markdown is published in a few widths with srcset, sizes,
// width and height; every image but the first loads lazily; an original
// over the configured size is a warning at the line.
func TestPhotosGetWidths(t *testing.T) {
	site := robustSite(t)
	rewrite(t, filepath.Join(site, "site.yaml"), "kinds:\n", "images: {max_kb: 10}\nkinds:\n")
	dir := filepath.Join(site, "content", "hjertesager")
	os.WriteFile(filepath.Join(dir, "stort foto.jpg"), jpegOf(t, 2000, 1500), 0o644)
	os.WriteFile(filepath.Join(dir, "lille.jpg"), jpegOf(t, 300, 200), 0o644)
	rewrite(t, filepath.Join(dir, "aabenhed.md"), "## Sådan gør vi\n",
		"![Et stort foto](<stort foto.jpg>)\n\n## Sådan gør vi\n\n![Et lille foto](lille.jpg)\n")
	out := filepath.Join(t.TempDir(), "public")
	cache := t.TempDir()
	res, err := Run(context.Background(), Options{Source: site, Out: out, ImageCache: cache})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(out, "hjertesager", "aabenhed", "index.html"))
	imgs := regexp.MustCompile(`<img[^>]*>`).FindAllString(string(page), -1)
	if len(imgs) != 2 {
		t.Fatalf("images: %q", imgs)
	}
	big, small := imgs[0], imgs[1]
	for _, want := range []string{`src="../../hjertesager/stort%20foto-1600w.jpg"`,
		`srcset="../../hjertesager/stort%20foto-480w.jpg 480w, ../../hjertesager/stort%20foto-960w.jpg 960w, ../../hjertesager/stort%20foto-1600w.jpg 1600w"`,
		`sizes="(max-width: 48rem) 100vw, 48rem"`, `width="1600"`, `height="1200"`, `alt="Et stort foto"`} {
		if !strings.Contains(big, want) {
			t.Errorf("the first image lacks %s: %s", want, big)
		}
	}
	if strings.Contains(big, "lazy") {
		t.Errorf("the first image loads lazily: %s", big)
	}
	for _, want := range []string{`src="../../hjertesager/lille.jpg"`, `loading="lazy"`, `width="300"`, `height="200"`} {
		if !strings.Contains(small, want) {
			t.Errorf("the second image lacks %s: %s", want, small)
		}
	}
	if strings.Contains(small, "srcset") {
		t.Errorf("a 300-pixel photo got copies: %s", small)
	}
	for w, h := range map[int]int{480: 360, 960: 720, 1600: 1200} {
		b, err := os.ReadFile(filepath.Join(out, "hjertesager", "stort foto-"+strconv.Itoa(w)+"w.jpg"))
		if err != nil {
			t.Fatal(err)
		}
		if c, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil || c.Width != w || c.Height != h {
			t.Errorf("the %d copy is %d×%d (%v)", w, c.Width, c.Height, err)
		}
	}
	var warned bool
	for _, f := range res.Findings {
		if f.Code == "image" && f.File == "content/hjertesager/aabenhed.md" && f.Line == 6 && strings.Contains(f.Msg, "originaler bør fylde under 10 KB") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no size warning at the line: %v", res.Findings)
	}
}

// A preview session's update that shows a photo for the first time writes
// its copies (it holds its pages, with no writer, until all are made).
func TestSessionWritesPhotoCopies(t *testing.T) {
	site := robustSite(t)
	dir := filepath.Join(site, "content", "hjertesager")
	os.WriteFile(filepath.Join(dir, "foto.jpg"), jpegOf(t, 1000, 500), 0o644)
	out := filepath.Join(t.TempDir(), "preview")
	s := NewSession(Options{Source: site, Out: out, Drafts: true, Preview: true, ImageCache: t.TempDir()})
	t.Cleanup(s.Close)
	ctx := context.Background()
	if _, err := s.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "aabenhed.md")
	rewrite(t, page, "## Sådan gør vi\n", "![Et foto](foto.jpg)\n\n## Sådan gør vi\n")
	res, err := s.Build(ctx, []string{page})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Partial {
		t.Fatal("the edit was not a partial update")
	}
	for _, w := range []string{"480", "960"} {
		if _, err := os.Stat(filepath.Join(out, "hjertesager", "foto-"+w+"w.jpg")); err != nil {
			t.Error(err)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, "hjertesager", "aabenhed", "index.html"))
	if !strings.Contains(string(html), "foto-960w.jpg 960w") {
		t.Errorf("the page lacks the srcset")
	}
}
