#!/usr/bin/env bash
# Preview benchmark: time from saving a content file until the preview
# serves the new page, `labyrint serve` against `hugo server` over the same
# generated corpus, median of EDITS edits per kind; and each server's peak
# memory. Writes bench/edit-results.md. Not part of CI.
#
#   bench/edit-bench.sh [CASES] [EDITS]      default 10000 20
#
# NO_PEER=1 measures labyrint serve alone (no hugo server).
#
# Needs ../shared/bench (gencorpus.py; peer-hugo, the peer's Hugo site; the
# peer's hugo is installed by peer-build.sh on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
edits=${2:-20}
shared=${SHARED:-../shared/bench}
work=${BENCH_DIR:-/tmp/labyrint-edit-bench}
mkdir -p "$work"
go build -o "$work/labyrint" ./cmd/labyrint
go build -o "$work/editbench" ./bench/editbench
corpus="$work/corpus-$n"
[ -d "$corpus/content" ] || python3 "$shared/gencorpus.py" "$corpus" "$n" >/dev/null
printf -- '---\ntitle: Søg\nlayout: search\n---\n' > "$corpus/content/soeg.md"
# The site's glossary (with its page) and synonyms: the glossary and synonym edits.
cp content/ordliste.yaml content/ordliste.md content/synonymer.txt "$corpus/content/"
peer="$shared/peer-hugo"
if [ -n "${NO_PEER:-}" ]; then
  peer=""
else
  command -v hugo >/dev/null || bash "$shared/peer-build.sh" "$corpus" "$work/peer-out" >/dev/null
fi
load=$(cut -d' ' -f1-3 /proc/loadavg)
"$work/editbench" -labyrint "$work/labyrint" -corpus "$corpus" -hugo-site "$peer" -edits "$edits" -md "$work/table.md"
{
  echo "# Preview benchmark: edit to served page"
  echo
  echo "Made by \`bench/edit-bench.sh $n $edits\` on $(date -u +%Y-%m-%d), $(nproc) cores; load average at the start: $load, at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Corpus: gencorpus.py with $n cases, and the site's ordliste.yaml, ordliste.md and synonymer.txt. Each figure: from just before writing the file until an HTTP GET of the page (polled every 1 ms) returns the new text; edits 300 ms apart. A row \"…: the page of its value, which lists it\" is the time from the same write until the page of the case's first value (a list of about 2,000 cases' cards) shows the change too (polled after the edited page): an update renders the edited page first and the other files it changes in the background, or when they are asked for."
  echo "labyrint serve: public target, drafts shown, incremental (pipeline.Session). hugo server: the peer's layouts, rendering to memory (its default), no live reload script$([ -n "$peer" ] || echo "; not run this time (NO_PEER=1)")."
  echo
  cat "$work/table.md"
} > bench/edit-results.md
cat bench/edit-results.md
