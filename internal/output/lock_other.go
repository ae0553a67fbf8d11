//go:build !unix && !windows

package output

import "os"

// lockFile: no file locks here (plan9, wasm); builds are not kept apart.
func lockFile(f *os.File) error { return nil }

func unlockFile(f *os.File) {}
