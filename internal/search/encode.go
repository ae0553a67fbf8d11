package search

import (
	"strings"
	"unicode/utf8"
)

// Numbers in shards are written in base 32, most significant digit first,
// with two alphabets so no separators are needed: the last digit of a
// number comes from numDigits[:32], the others from numDigits[32:].
// Small numbers (< 32), the common case, take one character.
const numDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func appendNum(b []byte, n uint32) []byte {
	var tmp [7]byte
	i := len(tmp) - 1
	tmp[i] = numDigits[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		tmp[i] = numDigits[32+n&31]
	}
	return append(b, tmp[i:]...)
}

func numLen(n uint32) int {
	l := 1
	for n >>= 5; n > 0; n >>= 5 {
		l++
	}
	return l
}

// appendPostings writes a posting list as pairs (gap, impact-1), where gap
// is the distance to the previous document minus one (the first: its id).
func appendPostings(b []byte, ps []posting) []byte {
	prev := int32(-1)
	for _, p := range ps {
		b = appendNum(b, uint32(p.doc-prev-1))
		b = appendNum(b, uint32(p.imp-1))
		prev = p.doc
	}
	return b
}

func postingsLen(ps []posting) int {
	n, prev := 0, int32(-1)
	for _, p := range ps {
		n += numLen(uint32(p.doc-prev-1)) + numLen(uint32(p.imp-1))
		prev = p.doc
	}
	return n
}

// appendDocList writes ascending document ids as runs: pairs (gap, length-1)
// where gap is the distance from the end of the previous run.
func appendDocList(b []byte, docs []int32) []byte {
	end := int32(0)
	for i := 0; i < len(docs); {
		j := i + 1
		for j < len(docs) && docs[j] == docs[j-1]+1 {
			j++
		}
		b = appendNum(b, uint32(docs[i]-end))
		b = appendNum(b, uint32(j-i-1))
		end = docs[j-1] + 1
		i = j
	}
	return b
}

// jsSpecial marks bytes appendJSString must look at: quotes, backslash,
// control characters, '<', DEL and 0xE2 (the first byte of U+2028/U+2029).
var jsSpecial = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	for _, c := range []byte{'"', '\\', '<', 0x7f, 0xe2} {
		t[c] = true
	}
	return t
}()

// appendJSString writes s as a JSON/JS string literal. Non-ASCII is written
// as UTF-8 except the line separators JS once disallowed in strings; '<' is
// escaped so a shard can be inlined in HTML. Invalid UTF-8 becomes U+FFFD.
func appendJSString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	b = append(b, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !jsSpecial[c] {
			continue
		}
		if c == 0xe2 && !(i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9)) {
			continue
		}
		b = append(b, s[last:i]...)
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == 0xe2:
			b = append(b, "\\u202"...)
			b = append(b, "89"[s[i+2]-0xa8])
			i += 2
		default:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		}
		last = i + 1
	}
	b = append(b, s[last:]...)
	return append(b, '"')
}
