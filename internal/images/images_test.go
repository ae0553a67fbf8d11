package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func photo(t testing.TB, w, h int, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y += 7 {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWidthsNeverUpscale(t *testing.T) {
	pr := &Processor{Widths: DefaultWidths}
	img, err := pr.Process("billeder/foto.jpg", photo(t, 1200, 900, "jpeg"))
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 1200 || img.Height != 900 || len(img.Variants) != 2 {
		t.Fatalf("%d×%d with %d copies", img.Width, img.Height, len(img.Variants))
	}
	for i, want := range []struct {
		path string
		w, h int
	}{{"billeder/foto-480w.jpg", 480, 360}, {"billeder/foto-960w.jpg", 960, 720}} {
		v := img.Variants[i]
		got, format, err := image.DecodeConfig(bytes.NewReader(v.Data))
		if err != nil || format != "jpeg" || got.Width != want.w || got.Height != want.h || v.Path != want.path || v.Width != want.w || v.Height != want.h {
			t.Errorf("copy %d: %s %d×%d (file %s %d×%d, %v)", i, v.Path, v.Width, v.Height, format, got.Width, got.Height, err)
		}
	}
	small, _ := pr.Process("lille.png", photo(t, 300, 200, "png"))
	if len(small.Variants) != 0 {
		t.Errorf("a 300-pixel photo got copies: %v", small.Variants)
	}
	wide, _ := pr.Process("logo.png", photo(t, 2000, 100, "png"))
	if len(wide.Variants) != 3 || wide.Variants[0].Path != "logo-480w.png" || wide.Variants[0].Height != 24 {
		t.Errorf("a PNG keeps its format and aspect: %+v", wide.Variants[0])
	}
}

func TestRefusesHugeAndBroken(t *testing.T) {
	pr := &Processor{Widths: DefaultWidths}
	if _, err := pr.Process("x.jpg", []byte("ikke et billede")); err == nil {
		t.Error("a broken file was accepted")
	}
	// A PNG header claiming 100000×100000 pixels is refused before decoding.
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	b := buf.Bytes()
	copy(b[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	if _, err := pr.Process("stor.png", b); err == nil {
		t.Error("a 10-gigapixel header was accepted")
	}
}

// An unchanged photo is read from the cache, never decoded again.
func TestCacheSkipsTheWork(t *testing.T) {
	dir := t.TempDir()
	data := photo(t, 4000, 3000, "jpeg")
	start := time.Now()
	cold, err := (&Processor{Widths: DefaultWidths, Cache: dir}).Process("foto.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	coldTook := time.Since(start)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(files) != 3 {
		t.Fatalf("cache holds %v", files)
	}
	// Spoil the cached copies: a second processor must hand them out as
	// they are, which proves it did not make them again.
	for _, f := range files {
		os.WriteFile(f, []byte("fra cachen"), 0o644)
	}
	start = time.Now()
	warm, err := (&Processor{Widths: DefaultWidths, Cache: dir}).Process("andet-navn.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("4000×3000 JPEG: cold %v, cached %v", coldTook, time.Since(start))
	for i, v := range warm.Variants {
		if string(v.Data) != "fra cachen" || v.Width != cold.Variants[i].Width {
			t.Errorf("copy %d was made again", i)
		}
	}
	if warm.Variants[0].Path != "andet-navn-480w.jpg" {
		t.Errorf("the cached copy is named after the page's file: %s", warm.Variants[0].Path)
	}
}

func BenchmarkProcess4000x3000(b *testing.B) {
	data := photo(b, 4000, 3000, "jpeg")
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := (&Processor{Widths: DefaultWidths}).Process("foto.jpg", data); err != nil {
				b.Fatal(err)
			}
		}
	})
	dir := b.TempDir()
	(&Processor{Widths: DefaultWidths, Cache: dir}).Process("foto.jpg", data)
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			if _, err := (&Processor{Widths: DefaultWidths, Cache: dir}).Process("foto.jpg", data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
