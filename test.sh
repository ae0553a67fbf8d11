#!/usr/bin/env bash
# The project's one test command: Go checks and tests, then both targets
# built and checked in a real browser. Installs what the browser checks need
# (Debian's chromium, the npm packages pinned in e2e/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"

echo "== gofmt and go vet"
unformatted=$(gofmt -l cmd internal)
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted"; exit 1; fi
go vet ./...

# staticcheck, pinned: a new release may add checks, and the version that
# runs here must be the one that passed. Its first run downloads and builds
# it (a few minutes); later runs use Go's build cache.
echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== go test (with -race)"
go test -race -count=1 -timeout 30m ./...
# The hostile-layout test renders some 100,000 small templates: it skips
# itself with -race (minutes, and nothing to find) and runs here without.
go test -count=1 -run 'TestHostileLayouts' ./internal/pipeline

if [ "${SKIP_BROWSER:-}" = 1 ]; then
  echo "SKIP_BROWSER=1: browser checks left out"
  exit 0
fi
echo "== build both targets"
out=$(mktemp -d)
go run ./cmd/labyrint build --target public --out "$out/public"
go run ./cmd/labyrint build --target intranet --out "$out/intranet"

echo "== browser checks (axe-core, html-validate, keyboard, reflow, network, weight)"
bash e2e/install.sh
node --test e2e/selftest.mjs
node e2e/check.mjs "$out/public" "$out/intranet"

echo "== a new site from labyrint init, and the Glostrup example: built and checked in the browser"
go run ./cmd/labyrint init "$out/nyt-site" >/dev/null
go run ./cmd/labyrint build --source "$out/nyt-site" --out "$out/nyt-public"
go run ./cmd/labyrint build --source examples/glostrup --out "$out/glostrup"
node e2e/check.mjs "$out/nyt-public" "$out/glostrup"

echo "== a site of made-up names (internal/pipeline's TestMadeUpSite): both targets in the browser"
LABYRINT_MADEUP_OUT="$out/madeup" go test -count=1 -run '^TestMadeUpSite$' ./internal/pipeline
node e2e/check.mjs "$out/madeup/public" "$out/madeup/intranet"

echo "== keyboard at 375 px: Tab presses to an offer's phone, and via Find hjælp"
node e2e/keyboard-path.mjs "$out/public" /find-hjaelp/ /enheder/marie-grubbe/botilbud/

echo "== the Lyt button (only with a Danish voice)"
node e2e/listen.mjs "$out/public" /enheder/marie-grubbe/botilbud/

echo "== visual regression (UPDATE_SCREENSHOTS=1 ./test.sh writes new baselines)"
node e2e/visual.mjs "$out/public" "$out/intranet"

echo "== portable output: intranet from file:// (links, search), public under a sub-path"
node e2e/portable.mjs "$out/public" "$out/intranet"

echo "== the search index: no other origin can read it; search works on http and file://"
node e2e/origins.mjs "$out/public" "$out/intranet"

echo "== the hosting samples under Debian's nginx (status, headers, gzip, intranet login)"
bash e2e/nginx.sh "$out/public" "$out/intranet"

echo "== the public site under the hosting CSP (docs/hosting/nginx.conf)"
node e2e/csp.mjs "$out/public"

echo "== the preview's overlay: warnings, errors, a stopped server"
node e2e/overlay.mjs

echo "== the browser editor as a new editor tries it (draft, Word paste, photo, rename, Git)"
node e2e/editor-trial.mjs "$out/editor-trial"
rm -rf "$out"
