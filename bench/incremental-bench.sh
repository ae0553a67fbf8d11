#!/usr/bin/env bash
# Incremental build benchmark: `labyrint build --incremental` after one
# changed file (with the cache beside the output, <out>.labyrint-cache)
# against a full build of the same sources (--incremental --force:
# everything rendered, the cache written again), alternating, REPS times per kind of change; wall time,
# CPU time (user + sys) and peak RSS from /usr/bin/time, medians.
# Each kind's last incremental output is compared with a clean build's
# (diff -r, every file). Writes bench/incremental-results.md. Not part of CI.
#
#   bench/incremental-bench.sh [CASES] [REPS]      default 10000 5
#
# OUT=DIR puts the outputs in DIR (default the work folder, on disk).
# BIN=FILE times that binary instead of one built from the work tree.
# Every run edits a fresh copy of the generated corpus, so runs can follow
# each other (the last one stopped when a change had been made before).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
reps=${2:-5}
shared=${SHARED:-../shared/bench}
work=${BENCH_DIR:-/tmp/labyrint-incremental-bench}
outdir=${OUT:-$work}
mkdir -p "$work" "$outdir"
if [ -n "${BIN:-}" ]; then
  cp "$BIN" "$work/labyrint"
  built_from="the binary $BIN"
else
  go build -o "$work/labyrint" ./cmd/labyrint
  built_from="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- '*.go' || echo ' (with changes not committed)')"
fi
pristine="$work/corpus-$n"
[ -d "$pristine/content" ] || python3 "$shared/gencorpus.py" "$pristine" "$n" >/dev/null
printf -- '---\ntitle: Søg\nlayout: search\n---\n' > "$pristine/content/soeg.md"
corpus="$work/edited-$n"
rm -rf "$corpus"
cp -a "$pristine" "$corpus"
c="$corpus/content"
out="$outdir/out"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# build FILE ARGS...: appends "wall cpu kilobytes" to FILE
build() {
  local f=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$work/labyrint" build --content "$c" --out "${out}" "$@" \
    >"$work/stdout.txt" 2>"$work/err.txt" || { tail -5 "$work/err.txt" >&2; return 1; }
  awk '{printf "%s %.2f %s\n", $1, $2+$3, $4}' "$work/time.txt" >> "$f"
  grep -q " skrevet til " "$work/stdout.txt" || { cat "$work/stdout.txt" >&2; return 1; }
}

# The kinds of change: each makes change number $2 (0-based).
body() { printf '\nEn sætning mere, nummer %d.\n' "$1" >> "$c/inspiration/case-00002.md"; }
title() { sed -i "s/^title: .*/title: \"Ny titel nummer $1\"/" "$c/inspiration/case-00003.md"; }
newcase() {
  printf -- '---\ntitle: "Ny sag %d"\nsummary: "En ny sag."\ndate: "2024-03-03"\nunit: "guldborgsund-handicap"\nvalues: [nysgerrighed]\nfocus: [kvalitet]\ntags: [natur]\naudience: "public"\n---\n\nEn ny sag.\n' "$1" \
    > "$c/inspiration/ny-sag-$1-$(date +%s%N).md" # a new name: the corpus is kept between runs
}
deletecase() { # a published address that goes away must be retired (labyrint build checks)
  local name # every fifth case is internal: not on the public target
  name=$(printf 'case-%05d' $((101 + 5 * $1)))
  rm "$c/inspiration/$name.md"
  echo "/inspiration/$name/" >> "$c/udgaaede-adresser.txt"
}
renamecase() { # the new page keeps the old address as an alias
  local name
  name=$(printf 'case-%05d' $((201 + 5 * $1)))
  sed "0,/^---$/s//---\naliases: [\/inspiration\/$name\/]/" "$c/inspiration/$name.md" > "$c/inspiration/$name-ny.md"
  rm "$c/inspiration/$name.md"
}
synonyms() { printf 'nyord%d, samskabelse\n' "$1" >> "$c/synonymer.txt"; } # the search index's synonyms

kinds="body title newcase deletecase renamecase synonyms"
names=("body of one case" "title of one case" "a new case" "a deleted case (retired)" "a renamed case (alias)" "a synonym group")
rm -rf "$out" "$out".*
build "$work/first.txt" --incremental --force
# What keeping the cache costs a full build: --force (no cache) against
# --incremental --force (everything rendered, the cache written), alternating.
: > "$work/clean.txt"; : > "$work/force.txt"
for r in $(seq 0 $((reps - 1))); do
  echo "run $r: clean, force" >&2
  out="$outdir/out-clean" build "$work/clean.txt" --force
  build "$work/force.txt" --incremental --force
done
# The honest denominator: a plain full build (--force, no cache).
pw=$(cut -d' ' -f1 "$work/clean.txt" | median); pc=$(cut -d' ' -f2 "$work/clean.txt" | median)
rows=()
i=0
for k in $kinds; do
  : > "$work/full-$k.txt"; : > "$work/incr-$k.txt"
  for r in $(seq 0 $((reps - 1))); do
    echo "$k, run $r: full" >&2
    build "$work/full-$k.txt" --incremental --force
    "$k" "$r"
    echo "$k, run $r: incremental" >&2
    build "$work/incr-$k.txt" --incremental
  done
  fw=$(cut -d' ' -f1 "$work/full-$k.txt" | median); fc=$(cut -d' ' -f2 "$work/full-$k.txt" | median)
  iw=$(cut -d' ' -f1 "$work/incr-$k.txt" | median); ic=$(cut -d' ' -f2 "$work/incr-$k.txt" | median)
  im=$(cut -d' ' -f3 "$work/incr-$k.txt" | median)
  # The last incremental output against a clean build of the same sources.
  rm -rf "$work/clean"
  "$work/labyrint" build --force --content "$c" --out "$work/clean" >/dev/null 2>&1
  same=yes
  diff -r "$out" "$work/clean" >/dev/null || { same=NO; diff -rq "$out" "$work/clean" | head -3 >&2; }
  rows+=("$(awk -v k="${names[$i]}" -v fw="$fw" -v fc="$fc" -v iw="$iw" -v ic="$ic" -v im="$im" -v pw="$pw" -v pc="$pc" -v same="$same" 'BEGIN {
    printf "| %s | %.2f s | %.2f s | %.2f s | %.2f s | %.3f | %.3f | %.3f | %.3f | %.0f MB | %s |", k, fw, fc, iw, ic, iw/pw, ic/pc, iw/fw, ic/fc, im/1024, same }')")
  i=$((i + 1))
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
fstype=$(df --output=fstype "$outdir" | tail -1)
{
  echo "# Incremental build benchmark"
  echo
  echo "Made by \`bench/incremental-bench.sh $n $reps\` at commit $built_from on $(date -u +%Y-%m-%d), $(nproc) cores;"
  echo "load average at the start: $load_start, at the end: $load_end. Outputs on $fstype."
  echo "Corpus: gencorpus.py with $n cases and a search page. For each kind of change, $reps rounds of: a full build"
  echo "(\`labyrint build --incremental --force\`: every file rendered, the cache written) and then the change and an incremental build"
  echo "(\`labyrint build --incremental\`), each timed by /usr/bin/time; medians. CPU is user + sys. The last column says whether"
  echo "the output after the kind's last change is byte for byte a clean build's (\`labyrint build --force\` into a new folder, diff -r)."
  echo "The ratios \"/ plain\" are against a plain full build (\`labyrint build --force\`, no cache: $(printf '%.2f' "$pw") s wall, $(printf '%.2f' "$pc") s CPU,"
  echo "the median of the table below), the honest denominator; \"/ full\" against the full build that writes the cache."
  echo
  echo "| change | full wall | full CPU | incremental wall | incremental CPU | wall / plain | CPU / plain | wall / full | CPU / full | incremental peak RSS | same as clean |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "What keeping the cache costs a full build ($reps alternating pairs, medians):"
  echo
  echo "| full build | wall | CPU | peak RSS |"
  echo "|---|---:|---:|---:|"
  for k in clean force; do
    awk -v k="$([ $k = clean ] && echo "force (no cache)" || echo "incremental --force")" -v w="$(cut -d' ' -f1 "$work/$k.txt" | median)" -v c="$(cut -d' ' -f2 "$work/$k.txt" | median)" \
      -v m="$(cut -d' ' -f3 "$work/$k.txt" | median)" 'BEGIN { printf "| --%s | %.2f s | %.2f s | %.0f MB |\n", k, w, c, m/1024 }'
  done
} > bench/incremental-results.md
cat bench/incremental-results.md
