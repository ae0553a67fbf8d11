package output

import "golang.org/x/sys/unix"

// exchange swaps two paths atomically (renamex_np RENAME_SWAP, APFS and
// HFS+).
func exchange(a, b string) error { return unix.RenamexNp(a, b, unix.RENAME_SWAP) }
