package content

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

func (d dirFS) readFileLimit(name string, limit int64) ([]byte, int64, error) {
	if !fs.ValidPath(name) {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var fd int
	var err error
	for {
		fd, err = unix.Open(d.dir+"/"+name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, 0, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Size > limit {
		return nil, st.Size, nil
	}
	b := make([]byte, 0, st.Size+1) // +1: room to read EOF without growing
	for {
		n, err := unix.Read(fd, b[len(b):cap(b)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return b, int64(len(b)), nil
		}
		b = b[:len(b)+n]
		if int64(len(b)) == st.Size && len(b) < cap(b) {
			// A short read that ends at the size fstat gave: the end of
			// a regular file, without one more read to see it.
			return b, int64(len(b)), nil
		}
		if len(b) == cap(b) {
			if int64(len(b)) > limit {
				return nil, int64(len(b)), nil // grew while being read
			}
			b = append(b, 0)[:len(b)]
		}
	}
}
