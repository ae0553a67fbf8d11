package content

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

func sysStamp(fi fs.FileInfo, st *Stamp) {
	if s, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.Ctime = s.Ctim.Nano()
		st.Ino, st.Dev = uint64(s.Ino), uint64(s.Dev)
	}
}

// stamp stats a file with one system call (os.Stat through os.DirFS
// allocates a FileInfo and joins the path twice).
func (d dirFS) stamp(name string) (Stamp, error) {
	if !fs.ValidPath(name) {
		return Stamp{}, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	var s unix.Stat_t
	for {
		err := unix.Stat(d.dir+"/"+name, &s)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, &fs.PathError{Op: "stat", Path: name, Err: err}
		}
		break
	}
	return Stamp{Size: s.Size, ModTime: s.Mtim.Nano(), Ctime: s.Ctim.Nano(), Ino: uint64(s.Ino), Dev: uint64(s.Dev)}, nil
}
