package content

import (
	"io/fs"
	"time"
)

// Stamp is what a stat says of a file: its size, its times and where it
// lies. Like git's index, an incremental build takes a file whose stamp is
// the one it had when it was last read as unchanged, without reading it
// (Reader.Unchanged); a tool that rewrites a file with the same size and
// times in place is not seen.
type Stamp struct {
	Size    int64
	ModTime int64  // nanoseconds since 1970
	Ctime   int64  // the inode's change time in nanoseconds, where the OS has one; else 0
	Ino     uint64 // the file's inode and device, where the OS has them; else 0
	Dev     uint64
}

// Racy reports whether the file may still change without its stamp
// changing: it was changed less than racyWindow before now (a clock's
// tick, a file system's time granularity). Such a stamp is not trusted.
func (s Stamp) Racy(now time.Time) bool {
	return max(s.ModTime, s.Ctime) > now.Add(-racyWindow).UnixNano()
}

// racyWindow covers the coarse clock the kernel stamps files with, and
// the 1-2 s granularity of older file systems (FAT, HFS+, ext3).
const racyWindow = 3 * time.Second

// stamper is an fs.FS that stats a file itself (dirFS on Linux).
type stamper interface {
	stamp(name string) (Stamp, error)
}

// StampOf returns file p's stamp in fsys.
func StampOf(fsys fs.FS, p string) (Stamp, error) {
	if s, ok := fsys.(stamper); ok {
		return s.stamp(p)
	}
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return Stamp{}, err
	}
	st := Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	sysStamp(fi, &st)
	return st, nil
}
