// Package flat reads the flat binary files a build keeps for the next one
// (the incremental build's cache, the search index's kept documents):
// numbers as encoding/binary's varints, a string as its length and bytes.
// Writers append with encoding/binary (AppendUvarint, AppendVarint) and
// AppendString. A Reader that runs out, or meets a number that cannot be,
// fails: every later read gives zero and Err says so, so a decoder reads
// on and checks once.
package flat

import (
	"encoding/binary"
	"errors"
)

// ErrDamaged: the data is cut short or is not what the writer wrote.
var ErrDamaged = errors.New("cut short or damaged")

// AppendString appends s as its length and its bytes.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Reader reads data from the start. Its strings share data's memory.
type Reader struct {
	s   string
	i   int
	err error
}

// NewReader reads data.
func NewReader(data string) *Reader { return &Reader{s: data} }

// Fail marks the data damaged (a value read does not fit) and stops.
func (r *Reader) Fail() {
	r.err = ErrDamaged
	r.i = len(r.s)
}

// Err is ErrDamaged after a failed read, else nil.
func (r *Reader) Err() error { return r.err }

// Done reports whether every byte was read without a failure.
func (r *Reader) Done() bool { return r.err == nil && r.i == len(r.s) }

// Rest returns what is left to read, and reads it.
func (r *Reader) Rest() string {
	s := r.s[r.i:]
	r.i = len(r.s)
	return s
}

// Uint reads what binary.AppendUvarint wrote.
func (r *Reader) Uint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.i >= len(r.s) {
			break
		}
		c := r.s[r.i]
		r.i++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.Fail()
	return 0
}

// Int reads what binary.AppendVarint wrote (zig-zag).
func (r *Reader) Int() int { return int(r.Int64()) }

// Int64 reads what binary.AppendVarint wrote, on every platform whole.
func (r *Reader) Int64() int64 {
	u := r.Uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// Count reads a number of items of at least a byte each, so no more than
// the bytes left: a damaged count cannot make a decoder allocate much.
func (r *Reader) Count() int {
	n := r.Uint()
	if n > uint64(len(r.s)-r.i) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Take reads n bytes.
func (r *Reader) Take(n int) string {
	if n < 0 || n > len(r.s)-r.i {
		r.Fail()
		return ""
	}
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

// Str reads what AppendString wrote.
func (r *Reader) Str() string { return r.Take(r.Count()) }
