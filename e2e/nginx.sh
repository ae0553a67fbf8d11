#!/usr/bin/env bash
# The hosting samples under a real nginx: docs/hosting/nginx.conf serves
# PUBLIC_DIR and docs/hosting/nginx-intranet.conf serves INTRANET_DIR, on
# 127.0.0.1 only, and the answers are checked: status, the security headers,
# the precompressed .gz files (gzip_static: a CSS file and a search shard
# arrive as the built .gz), pages compressed on the fly (gzip on), caching,
# that the intranet answers 401 without a login and 200 with one, that an
# old address in the build's .labyrint-redirects.map gets a 301 to the new
# one (on the intranet only after the login), and that the build's own
# lists (.labyrint-urls) are not served.
#
#   [BROWSER_CHECK=1] bash e2e/nginx.sh PUBLIC_DIR INTRANET_DIR
#
# With BROWSER_CHECK=1 it then runs e2e/check.mjs against the two nginx
# servers (every page in headless Chromium).
#
# Installs Debian's nginx with apt-get when it is missing. The samples are
# used as they are except for what a test on this machine must change (the
# listen lines, TLS, root, the password file); a sample whose lines no
# longer match stops the test. nginx stops when the test ends (and after
# 300 s at the latest; NGINX_TIMEOUT=seconds).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hosting=$here/../docs/hosting
[ $# -eq 2 ] || { echo "usage: e2e/nginx.sh PUBLIC_DIR INTRANET_DIR" >&2; exit 2; }

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "e2e/nginx.sh: installing nginx (apt)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d)
chmod 755 "$tmp"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT
# A copy the workers may read (nginx's workers run as nobody under root).
cp -r "$1" "$tmp/public" && cp -r "$2" "$tmp/intranet"
chmod -R a+rX "$tmp/public" "$tmp/intranet"
mkdir "$tmp/temp"

# moved DIR: the first old address in DIR's redirect map and its new one.
# A site with no aliases gets one line in the copy's map, so that the
# samples' map is tested all the same.
moved() {
  local map=$1/.labyrint-redirects.map
  if ! grep -q '^/' "$map" 2>/dev/null; then
    printf '/e2e-gammel-adresse/ /;\n' >> "$map"
  fi
  grep -m1 '^/' "$map" | sed 's/;$//'
}
read -r PUB_OLD PUB_NEW < <(moved "$tmp/public")
read -r INT_OLD INT_NEW < <(moved "$tmp/intranet")

read -r PUB PUB80 INT INT80 < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')

printf 'redaktoer:%s\n' "$(openssl passwd -apr1 'rigtigt-kodeord')" > "$tmp/htpasswd"

# sample SRC DEST PORT PORT80 ROOT: the sample with this machine's lines.
sample() {
  sed -e "s|^    listen 443 ssl http2;|    listen 127.0.0.1:$3;|" \
      -e "s|^    listen 80;|    listen 127.0.0.1:$4;|" \
      -e '/^    listen \[::\]/d' -e '/^    ssl_certificate/d' \
      -e "s|^    root  /srv/labyrint/[a-z-]*;|    root  $5;|" \
      -e "s|^    auth_basic_user_file .*;|    auth_basic_user_file $tmp/htpasswd;|" \
      -e "s|^    include /srv/labyrint/[a-z-]*/\.labyrint-redirects|    include $5/.labyrint-redirects|" "$1" > "$2"
  if grep -v '^ *#' "$2" | grep -qE 'listen 443|/srv/labyrint|ssl_certificate|\[::\]|/etc/nginx/labyrint'; then
    echo "e2e/nginx.sh: $(basename "$1") no longer has the lines this test replaces:" >&2
    grep -nE 'listen 443|/srv/labyrint|ssl_certificate|\[::\]|/etc/nginx/labyrint' "$2" >&2
    exit 1
  fi
}
sample "$hosting/nginx.conf" "$tmp/public.conf" "$PUB" "$PUB80" "$tmp/public"
sample "$hosting/nginx-intranet.conf" "$tmp/intranet.conf" "$INT" "$INT80" "$tmp/intranet"

cat > "$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $tmp/temp/body;
    proxy_temp_path $tmp/temp/proxy;
    fastcgi_temp_path $tmp/temp/fastcgi;
    uwsgi_temp_path $tmp/temp/uwsgi;
    scgi_temp_path $tmp/temp/scgi;
    include $tmp/public.conf;
    include $tmp/intranet.conf;
}
CONF
"$NGINX" -t -q -p "$tmp" -c "$tmp/nginx.conf"
timeout "${NGINX_TIMEOUT:-300}" "$NGINX" -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' &
pid=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PUB/" && break
  sleep 0.1
done

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# get NAME URL [curl args]: headers to $tmp/NAME.h, body to $tmp/NAME.b;
# prints the status.
get() {
  local name=$1 url=$2; shift 2
  curl -s -o "$tmp/$name.b" -D "$tmp/$name.h" -w '%{http_code}' "$@" "$url"
}
# header NAME FIELD: the value of one header of answer NAME.
header() { grep -i "^$2:" "$tmp/$1.h" | head -1 | cut -d: -f2- | sed 's/^ *//; s/\r$//'; }
expect() { # expect WHAT GOT WANT
  if [ "$2" != "$3" ]; then fail "$1: got '$2', want '$3'"; fi
}

# page_gzipped NAME FILE WHAT: answer NAME is page FILE gzipped: the built
# FILE.gz where the build wrote one (gzip_pages: true), else compressed by
# nginx on the fly (gzip on), which must unpack to the page as built.
page_gzipped() {
  if [ -f "$2.gz" ]; then
    cmp -s "$tmp/$1.b" "$2.gz" || fail "$3: not the built $(basename "$2").gz"
  elif ! gzip -dc "$tmp/$1.b" 2>/dev/null | cmp -s - "$2"; then
    fail "$3: does not unpack to $(basename "$2") as built"
  fi
}

csp=$(sed -n 's/^ *add_header Content-Security-Policy "\([^"]*\)".*/\1/p' "$hosting/nginx.conf")
security_headers() { # security_headers NAME
  expect "$1 Content-Security-Policy" "$(header "$1" Content-Security-Policy)" "$csp"
  expect "$1 X-Content-Type-Options" "$(header "$1" X-Content-Type-Options)" nosniff
  expect "$1 X-Frame-Options" "$(header "$1" X-Frame-Options)" DENY
  expect "$1 Referrer-Policy" "$(header "$1" Referrer-Policy)" strict-origin-when-cross-origin
  expect "$1 Cross-Origin-Resource-Policy" "$(header "$1" Cross-Origin-Resource-Policy)" same-origin
  expect "$1 Cross-Origin-Opener-Policy" "$(header "$1" Cross-Origin-Opener-Policy)" same-origin
  expect "$1 Strict-Transport-Security" "$(header "$1" Strict-Transport-Security)" max-age=31536000
  [ -n "$(header "$1" Permissions-Policy)" ] || fail "$1: no Permissions-Policy"
  [ -z "$(header "$1" Server | tr -d 'a-z/ ')" ] || fail "$1: Server header names a version: $(header "$1" Server)"
}

echo "== web.config (IIS): well-formed, the same CSP and headers"
python3 - "$hosting/web.config" "$csp" <<'PY' || fail "web.config"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
got = {a.get("name"): a.get("value") for a in root.iter("add") if a.get("name")}
want = {"Content-Security-Policy": sys.argv[2], "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
        "Cross-Origin-Resource-Policy": "same-origin", "Cross-Origin-Opener-Policy": "same-origin",
        "Referrer-Policy": "strict-origin-when-cross-origin", "Vary": "Accept-Encoding"}
bad = [f"{k}: {got.get(k)!r}, want {v!r}" for k, v in want.items() if got.get(k) != v]
for b in bad: print("web.config", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

P=http://127.0.0.1:$PUB
echo "== public (docs/hosting/nginx.conf)"
expect "GET / status" "$(get home "$P/")" 200
security_headers home
expect "GET / Cache-Control" "$(header home Cache-Control)" no-cache
cmp -s "$tmp/home.b" "$tmp/public/index.html" || fail "GET / without gzip: not index.html as built"
[ -z "$(header home Content-Encoding)" ] || fail "GET / without Accept-Encoding came encoded"
expect "GET / gzip status" "$(get homegz "$P/" -H 'Accept-Encoding: gzip')" 200
expect "GET / gzip Content-Encoding" "$(header homegz Content-Encoding)" gzip
expect "GET / gzip Vary" "$(header homegz Vary)" Accept-Encoding
page_gzipped homegz "$tmp/public/index.html" "GET / with gzip"
css=$(cd "$tmp/public" && ls assets/css/*.css 2>/dev/null | grep -E '\.[0-9a-f]{8}\.css$' | head -1)
if [ -n "$css" ]; then
  expect "GET /$css status" "$(get css "$P/$css" -H 'Accept-Encoding: gzip')" 200
  expect "GET /$css Cache-Control" "$(header css Cache-Control)" max-age=31536000
  expect "GET /$css Content-Type" "$(header css Content-Type)" text/css
  expect "GET /$css Content-Encoding" "$(header css Content-Encoding)" gzip
  cmp -s "$tmp/css.b" "$tmp/public/$css.gz" || fail "GET /$css with gzip: not the built .gz"
  security_headers css
else
  fail "no fingerprinted CSS in the build"
fi
shard=$(cd "$tmp/public" && find . -path '*/idx/*.txt.gz' | sort | head -1); shard=${shard#./}; shard=${shard%.gz}
if [ -n "$shard" ]; then
  expect "GET /$shard status" "$(get shard "$P/$shard" -H 'Accept-Encoding: gzip')" 200
  expect "GET /$shard Content-Encoding" "$(header shard Content-Encoding)" gzip
  expect "GET /$shard Cache-Control" "$(header shard Cache-Control)" no-cache
  cmp -s "$tmp/shard.b" "$tmp/public/$shard.gz" || fail "GET /$shard with gzip: not the built .gz (compressed on the fly?)"
else
  fail "no search shard with a .gz in the build"
fi
expect "GET /findes-ikke/ status" "$(get nf "$P/findes-ikke/")" 404
security_headers nf
grep -q '<html' "$tmp/nf.b" || fail "404 answer is not the site's 404.html"
expect "GET /.labyrint-digest status" "$(get dot "$P/.labyrint-digest")" 404
[ -f "$tmp/public/.labyrint-urls" ] || fail "the build wrote no .labyrint-urls"
expect "GET /.labyrint-urls status" "$(get urls "$P/.labyrint-urls")" 404
expect "GET /.labyrint-redirects.map status" "$(get map "$P/.labyrint-redirects.map")" 404
expect "GET $PUB_OLD (an alias) status" "$(get alias "$P$PUB_OLD")" 301
expect "GET $PUB_OLD Location" "$(header alias Location)" "$PUB_NEW"
security_headers alias
dir=$(cd "$tmp/public" && ls -d */ | grep -v '^assets/' | head -1); dir=${dir%/}
expect "GET /$dir status" "$(get slash "$P/$dir")" 301
expect "GET /$dir Location (relative)" "$(header slash Location)" "/$dir/"
expect "GET /sitemap.xml status" "$(get sm "$P/sitemap.xml")" 200
expect "GET /robots.txt status" "$(get rb "$P/robots.txt")" 200
expect "port 80 redirect status" "$(get redir "http://127.0.0.1:$PUB80/x/?a=1")" 301
expect "port 80 redirect Location" "$(header redir Location)" "https://127.0.0.1/x/?a=1"

I=http://127.0.0.1:$INT
echo "== intranet (docs/hosting/nginx-intranet.conf)"
expect "intranet GET / without login" "$(get i401 "$I/")" 401
case "$(header i401 WWW-Authenticate)" in Basic*) ;; *) fail "intranet 401 without WWW-Authenticate: Basic";; esac
security_headers i401
expect "intranet GET / wrong password" "$(get ibad "$I/" -u redaktoer:forkert)" 401
expect "intranet CSS without login" "$(get icss "$I/$css")" 401
expect "intranet GET / with login" "$(get iok "$I/" -u redaktoer:rigtigt-kodeord)" 200
expect "intranet alias without login" "$(get ialias401 "$I$INT_OLD")" 401
[ -z "$(header ialias401 Location)" ] || fail "intranet alias without login names the new address: $(header ialias401 Location)"
expect "intranet alias with login" "$(get ialias "$I$INT_OLD" -u redaktoer:rigtigt-kodeord)" 301
expect "intranet alias Location" "$(header ialias Location)" "$INT_NEW"
expect "intranet missing page with login" "$(get inf "$I/findes-ikke/" -u redaktoer:rigtigt-kodeord)" 404
grep -q '<html' "$tmp/inf.b" || fail "intranet 404 answer is not the site's 404.html"
expect "intranet /.labyrint-urls with login" "$(get iurls "$I/.labyrint-urls" -u redaktoer:rigtigt-kodeord)" 404
security_headers iok
expect "intranet X-Robots-Tag" "$(header iok X-Robots-Tag)" "noindex, nofollow"
cmp -s "$tmp/iok.b" "$tmp/intranet/index.html" || fail "intranet GET /: not index.html as built"
expect "intranet gzip with login" "$(get iokgz "$I/" -u redaktoer:rigtigt-kodeord -H 'Accept-Encoding: gzip')" 200
expect "intranet gzip Content-Encoding" "$(header iokgz Content-Encoding)" gzip
page_gzipped iokgz "$tmp/intranet/index.html" "intranet GET / with gzip"
ishard=$(cd "$tmp/intranet" && find . -path '*/idx/*.txt.gz' | sort | head -1); ishard=${ishard#./}; ishard=${ishard%.gz}
if [ -n "$ishard" ]; then
  expect "intranet shard without login" "$(get ishard401 "$I/$ishard" -H 'Accept-Encoding: gzip')" 401
  expect "intranet shard with login" "$(get ishard "$I/$ishard" -u redaktoer:rigtigt-kodeord -H 'Accept-Encoding: gzip')" 200
  cmp -s "$tmp/ishard.b" "$tmp/intranet/$ishard.gz" || fail "intranet GET /$ishard with gzip: not the built .gz"
else
  fail "no search shard with a .gz in the intranet build"
fi

if [ "$fails" -gt 0 ]; then
  echo "e2e/nginx.sh: $fails checks failed" >&2
  exit 1
fi
# BROWSER_CHECK=1: every page of both sites, as nginx serves them (the
# intranet with the login), through e2e/check.mjs.
if [ "${BROWSER_CHECK:-}" = 1 ]; then
  echo "== browser check through nginx"
  bash "$here/install.sh"
  node "$here/check.mjs" --origin "$P" "$tmp/public" --origin "$I" --user redaktoer:rigtigt-kodeord "$tmp/intranet"
fi
echo "e2e/nginx.sh: all checks passed (public on :$PUB, intranet on :$INT)"
