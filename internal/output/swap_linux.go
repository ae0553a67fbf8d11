//go:build linux

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two paths atomically (renameat2 RENAME_EXCHANGE).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// writeNew writes data to a new file at full, or over the file there (a
// reused spare's, never through a symbolic link). It calls the system directly:
// os.WriteFile would also offer each file to Go's network poller, which
// refuses regular files only after four fcntl calls and an epoll_ctl, and a
// build writes two files per page.
func writeNew(full string, data []byte) error {
	fd, err := retry(func() (int, error) {
		return unix.Open(full, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o644)
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: full, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		if n, err = retry(func() (int, error) { return unix.Write(fd, data) }); err == nil {
			data = data[n:]
		}
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil && cerr != unix.EINTR {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: full, Err: err}
	}
	return nil
}

// retry calls f again while it is interrupted by a signal (Go's runtime
// sends them to preempt goroutines).
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
