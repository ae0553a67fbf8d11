package flat

import (
	"encoding/binary"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var b []byte
	b = binary.AppendUvarint(b, 1<<40)
	b = binary.AppendVarint(b, -7)
	b = AppendString(b, "bæk")
	b = append(b, "xy"...)
	r := NewReader(string(b))
	if u, i, s, rest := r.Uint(), r.Int(), r.Str(), r.Take(2); u != 1<<40 || i != -7 || s != "bæk" || rest != "xy" {
		t.Fatalf("read %d %d %q %q", u, i, s, rest)
	}
	if !r.Done() || r.Err() != nil {
		t.Error("not done after reading everything")
	}
}

// Every way a damaged file can go wrong fails the reader, and every read
// after gives zero.
func TestDamaged(t *testing.T) {
	for name, data := range map[string]string{
		"cut in a number":       "\x80",
		"a number of 11 bytes":  "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
		"a length past the end": "\x05ab",
	} {
		r := NewReader(data)
		r.Str()
		if r.Err() != ErrDamaged || r.Done() {
			t.Errorf("%s: err %v", name, r.Err())
		}
		if r.Uint() != 0 || r.Str() != "" {
			t.Errorf("%s: a read after the failure gave something", name)
		}
	}
	r := NewReader("ab")
	if r.Take(-1) != "" || r.Err() == nil {
		t.Error("a negative length was read")
	}
}
