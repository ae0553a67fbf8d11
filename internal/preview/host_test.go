package preview

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// Issue #21, finding 3: a request with Host: attacker.example got 200, so
// a page of another site could read drafts by DNS rebinding. Only loopback
// names, and the names given with --host, are answered; others get 421 and
// a Danish answer.
func TestHostHeaderChecked(t *testing.T) {
	s := built(t, site(t))
	s.Hosts = []string{"preview.kommune.dk"}
	h := s.Handler()
	for host, want := range map[string]int{
		"127.0.0.1:8080": 200, "localhost:8080": 200, "LOCALHOST": 200, "[::1]:8080": 200, "127.0.0.1": 200,
		"localhost.:8080": 200, "preview.kommune.dk:8080": 200, "Preview.Kommune.DK": 200,
		"attacker.example": 421, "attacker.example:8080": 421, "localhost.attacker.example": 421,
		"127.0.0.1.nip.io:8080": 421, "": 421, "192.168.1.10:8080": 421, "evil.preview.kommune.dk": 421,
		"[::1]x": 421,
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/side/", nil)
		req.Host = host
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, rec.Code, want)
		}
		body := rec.Body.String()
		if want == 421 && (!strings.Contains(body, "svarer kun på sin egen adresse") || strings.Contains(body, "Første")) {
			t.Errorf("Host %q: answer %q", host, body)
		}
		if want == 200 && rec.Header().Get("Cross-Origin-Resource-Policy") != "same-origin" {
			t.Errorf("Host %q: no Cross-Origin-Resource-Policy", host)
		}
	}
}
