package content

import (
	"io/fs"
	"os"
)

// DirFS is os.DirFS(dir) for Load: a file tree rooted at dir that also
// reads a whole file itself. On Linux it does so with open, fstat, read and
// close alone: a file opened by package os is first offered to Go's network
// poller, which for a regular file costs four fcntl calls and a failing
// epoll_ctl, more system calls than the read itself for a content file.
func DirFS(dir string) fs.FS {
	return dirFS{FS: os.DirFS(dir), dir: dir}
}

type dirFS struct {
	fs.FS // os.DirFS(dir)
	dir   string
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.FS, name) }
func (d dirFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(d.FS, name) }

// limitReader is an fs.FS that reads a whole file of at most limit bytes
// itself; for a larger one it returns no data and the size.
type limitReader interface {
	readFileLimit(name string, limit int64) ([]byte, int64, error)
}
