package preview

import (
	"net"
	"net/http"
	"strings"
)

// hostAllowed reports whether a request's Host header names this preview:
// a loopback name (localhost, 127.0.0.1 and the rest of 127/8, [::1]), with
// or without a port, or one of names (the --host names of a public
// preview). A page of another site that points its own name at 127.0.0.1
// (DNS rebinding) sends that name, and is refused.
func hostAllowed(host string, names []string) bool {
	h := host
	if hp, _, err := net.SplitHostPort(host); err == nil {
		h = hp
	} else if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "localhost" {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, n := range names {
		if h != "" && strings.EqualFold(h, strings.TrimSuffix(n, ".")) {
			return true
		}
	}
	return false
}

// misdirected answers a request for another host name: 421, in Danish.
func misdirected(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusMisdirectedRequest)
	w.Write([]byte("Forhåndsvisningen svarer kun på sin egen adresse (127.0.0.1 eller localhost), " +
		"ikke på " + sanitizeHost(r.Host) + ".\nSkal andre maskiner se den, så start den med " +
		"labyrint serve --public --host MASKINENS-NAVN.\n"))
}

// sanitizeHost keeps a Host header printable and short for the answer.
func sanitizeHost(h string) string {
	if len(h) > 100 {
		h = h[:100]
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, h)
}
