package content

import (
	"errors"
	"io"
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
		fd, err = unix.Open(d.dir+"/"+name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
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
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		// Replaced by a pipe or a device since the folder was read: opened
		// without blocking, and never read.
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	if st.Size > limit {
		return nil, st.Size, nil
	}
	b, n, err := readSized(fdReader(fd), st.Size, limit)
	if err != nil {
		return nil, 0, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, n, nil
}

// fdReader reads a file descriptor directly.
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(int(fd), p)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

var errNotRegular = errors.New("ikke en almindelig fil")
