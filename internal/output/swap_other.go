//go:build !linux

package output

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.New("no atomic exchange") }

func lockFile(f *os.File) error { return nil }

func unlockFile(f *os.File) {}

func writeNew(full string, data []byte) error { return os.WriteFile(full, data, 0o644) }
