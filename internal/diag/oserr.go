package diag

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
)

// osReasons says in Danish what the system errors an editor may meet mean.
var osReasons = []struct {
	err error
	msg string
}{
	{fs.ErrNotExist, "findes ikke"},
	{fs.ErrPermission, "ingen adgang (tjek filens rettigheder)"},
	{fs.ErrExist, "findes allerede"},
	{syscall.ENOTDIR, "en del af stien er en fil, ikke en mappe"},
	{syscall.EISDIR, "er en mappe, ikke en fil"},
	{syscall.ENOSPC, "der er ikke mere plads på disken"},
	{syscall.EROFS, "drevet er skrivebeskyttet"},
	{syscall.EMFILE, "for mange åbne filer"},
	{syscall.ENAMETOOLONG, "navnet er for langt"},
	{syscall.EIO, "drevet kunne ikke læses eller skrives (I/O-fejl)"},
	{syscall.EADDRINUSE, "porten er optaget af et andet program; vælg en anden med --port"},
}

// OSError says in Danish why a file operation failed, without the path
// (the finding's File names the file): "findes ikke", "ingen adgang …".
// An error it does not know keeps its text, its path left out.
func OSError(err error) string {
	for _, r := range osReasons {
		if errors.Is(err, r.err) {
			return r.msg
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le interface{ Unwrap() error }
	if errors.As(err, &le) && le.Unwrap() != nil {
		return le.Unwrap().Error()
	}
	return err.Error()
}

// HidePath replaces every occurrence of path abs in msg by name: a
// message must name a folder as the editor gave it, never a temporary
// staging folder's absolute path.
func HidePath(msg, abs, name string) string {
	if abs == "" || abs == name {
		return msg
	}
	return strings.ReplaceAll(msg, abs, name)
}
