//go:build !linux && !darwin

package output

// exchange: no atomic exchange of folders here; swapIn renames twice,
// with a journal.
func exchange(a, b string) error { return errNoExchange }
