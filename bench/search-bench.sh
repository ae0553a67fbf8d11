#!/bin/bash
# search-bench.sh [N_CASES]   (default 10000)
#
# Side-by-side search benchmark: Labyrint's compile-time search against the
# pipeline a user would pick instead (Hugo + Pagefind, /work/shared/bench/
# peer-build.sh), over the same generated corpus. Writes the results as a
# markdown table to bench/search-results.md and prints it.
#
#   1. gencorpus.py writes N_CASES inspiration cases (plus the fixed
#      sections) into a temp dir.
#   2. Ours: a copy of that content plus content/soeg.md (title Søg, layout
#      search: the corpus has no search page), built with this repo's
#      site.yaml and layouts: `labyrint build --content COPY --out OUT
#      --target public`. The binary is compiled first (`go build`, the same
#      code `go run ./cmd/labyrint` runs), so the timed build has no compile.
#      Wall time from /usr/bin/time, and the total and stage times the build
#      prints (-v).
#   3. Peer: peer-build.sh over the same corpus, wall time from
#      /usr/bin/time. Its tools (Debian hugo, npm pagefind@1.6.0) are
#      installed on first use, so it runs once untimed on a 5-case corpus
#      first; the install never counts.
#   4. search-bench.mjs serves both outputs on 127.0.0.1 and measures each
#      query in headless Chromium on two paths (see its header): from the
#      front page (navigation start of /soeg/?q=… to five results) and
#      submitted on the loaded search page.
#
# Environment: REPS (3), QUERIES (comma list; default in search-bench.mjs),
# PATHS (nav,submit),
# OURS_TARGET (public; `intranet` indexes the internal cases too, as the
# peer does), PEER_GZIP (on: the peer's text files gzipped by the bench's
# server like ours without a .gz sibling, level 6, once; off: the peer's
# files as on disk), RESULTS (output markdown,
# default bench/search-results.md), KEEP=1 keeps the temp dir.
set -euo pipefail
n=${1:-10000}
[[ $n =~ ^[0-9]+$ ]] || { echo "usage: $0 [N_CASES]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${BENCH_SHARED:-/work/shared/bench}
target=${OURS_TARGET:-public}
results=${RESULTS:-$here/search-results.md}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/search-bench.XXXXXX")
if [[ ${KEEP:-0} != 1 ]]; then trap 'rm -rf "$tmp"' EXIT; else echo "search-bench: keeping $tmp" >&2; fi
builds=$tmp/builds.txt
say() { echo "search-bench: $*" >&2; }
kv() { printf '%s=%s\n' "$1" "$2" >>"$builds"; }

kv corpus_cases "$n"
kv ours_commit "$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- . || echo '+uncommitted changes')"
kv ours_target "$target"

say "corpus: $n cases"
python3 "$shared/gencorpus.py" "$tmp/corpus" "$n"

# ---- ours
mkdir -p "$tmp/ours-src"
cp -r "$tmp/corpus/content" "$tmp/ours-src/content"
[[ ! -e $tmp/ours-src/content/soeg.md ]] || { say "corpus already has soeg.md"; exit 1; }
printf -- '---\ntitle: Søg\nlayout: search\n---\n' >"$tmp/ours-src/content/soeg.md"
say "compiling labyrint"
(cd "$repo" && go build -o "$tmp/labyrint" ./cmd/labyrint)
say "building ours (--target $target)"
(cd "$repo" && /usr/bin/time -f '%e' -o "$tmp/ours.time" \
  "$tmp/labyrint" build -v --content "$tmp/ours-src/content" --out "$tmp/ours-out" --target "$target" \
  >"$tmp/ours.log" 2>"$tmp/ours.err") || { cat "$tmp/ours.log"; tail -20 "$tmp/ours.err"; say "our build failed"; exit 1; }
cat "$tmp/ours.log" >&2
kv ours_wall_s "$(tail -1 "$tmp/ours.time")"
# "public: 10234 sider skrevet til … (… filer), … advarsler, 41.2s"
kv ours_total "$(sed -n "s/^$target: .*, \([^,]*\)\$/\1/p" "$tmp/ours.log" | head -1)"
kv ours_index_stage "$(awk '$1 == "index" { print $2 }' "$tmp/ours.log" | head -1)"

# ---- peer
peer_args=()
say "peer: installing tools if needed (untimed warm-up on 5 cases)"
python3 "$shared/gencorpus.py" "$tmp/warm" 5
if bash "$shared/peer-build.sh" "$tmp/warm" "$tmp/warm-out" >"$tmp/peer-warm.log" 2>&1; then
  say "building peer (Hugo + Pagefind)"
  if /usr/bin/time -f '%e' -o "$tmp/peer.time" bash "$shared/peer-build.sh" "$tmp/corpus" "$tmp/peer-out" >"$tmp/peer.log" 2>&1; then
    kv peer_wall_s "$(tail -1 "$tmp/peer.time")"
    peer_args=(--peer "$tmp/peer-out")
  else
    kv peer_error "peer-build.sh failed on the corpus: $(tail -3 "$tmp/peer.log" | tr '\n' ' ')"
  fi
else
  kv peer_error "peer tools could not be installed/run here: $(tail -3 "$tmp/peer-warm.log" | tr '\n' ' ')"
fi
grep '^peer_error=' "$builds" >&2 || true

# ---- measure
args=(--ours "$tmp/ours-out" "${peer_args[@]}" --builds "$builds" --md "$results" --reps "${REPS:-3}" --peer-gzip "${PEER_GZIP:-on}")
[[ -z ${QUERIES:-} ]] || args+=(--queries "$QUERIES")
[[ -z ${PATHS:-} ]] || args+=(--paths "$PATHS")
[[ -z ${JSON:-} ]] || args+=(--json "$JSON")
node "$here/search-bench.mjs" "${args[@]}"
