package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCache reads and writes the build cache named by
// LABYRINT_CACHE (made by labyrint build --incremental, e.g. of the
// 10,000-case corpus); skipped without it.
func BenchmarkCache(b *testing.B) {
	name := os.Getenv("LABYRINT_CACHE")
	if name == "" {
		b.Skip("LABYRINT_CACHE names no cache")
	}
	c := loadCache(name)
	if c == nil {
		b.Fatal("the cache cannot be read")
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			loadCache(name)
		}
	})
	out := filepath.Join(b.TempDir(), "cache")
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			if err := c.save(out); err != nil {
				b.Fatal(err)
			}
		}
	})
	// An incremental build's next cache, nothing changed: every part of
	// the large sections is written as read.
	kept := *c
	kept.from = c
	b.Run("save-kept", func(b *testing.B) {
		for b.Loop() {
			if err := kept.save(out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
