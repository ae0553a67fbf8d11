//go:build !unix

package output

import "io/fs"

// canReuse: no spare tree where a file's links cannot be read (Windows
// swaps by renaming and removes the old tree, swap.go).
const canReuse = false

func links(fs.FileInfo) uint64 { return 0 }
