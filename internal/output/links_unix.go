//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// canReuse: a spare tree is kept and reused (reuse.go) where the number
// of a file's links can be read.
const canReuse = true

// links returns the number of names file fi has.
func links(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}
