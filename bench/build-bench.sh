#!/usr/bin/env bash
# Build benchmark, ours against the peer (Hugo + Pagefind), side by side in
# one run on the same machine: wall time and peak RSS (/usr/bin/time), the
# median of REPS alternating runs for each corpus size, and the ratios.
# Writes bench/results.md.
#
#   bench/build-bench.sh [SIZES] [REPS]      e.g. bench/build-bench.sh "1000 10000 100000" 3
#
# REPS_<size>=N runs that size N times instead (REPS_100000=1: the peer needs
# minutes and gigabytes there). OUT=DIR puts both outputs in DIR (default
# the work folder on disk; OUT=/dev/shm measures without the disk). RESULTS
# names the results file (default bench/results.md).
#
# Needs ../shared/bench (gencorpus.py, peer-build.sh; the peer installs Hugo
# and Pagefind on first use). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 10000"}
reps=${2:-3}
shared=../shared/bench
work=${BENCH_DIR:-/tmp/labyrint-bench}
outdir=${OUT:-$work}
results=${RESULTS:-bench/results.md}
mkdir -p "$work" "$outdir"
go build -o "$work/labyrint" ./cmd/labyrint
# What was measured: the commit the binary (and the site it builds) came from.
built_from="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- '*.go' go.mod go.sum site.yaml layouts assets || echo ' (with changes to the code or site not committed)')"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run LABEL OUTFILE CMD...: appends "seconds kilobytes" to OUTFILE
run() {
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; return 1; }
  cat "$work/time.txt" >> "$out"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
runs=()
for n in $sizes; do
  corpus="$work/corpus-$n"
  [ -d "$corpus/content" ] || python3 "$shared/gencorpus.py" "$corpus" "$n"
  # Our search page comes with the site; the corpus has none, so give it one
  # as the real content has, so both pipelines build a search index.
  printf -- '---\ntitle: Søg\nlayout: search\n---\n' > "$corpus/content/soeg.md"
  : > "$work/ours-$n.txt"; : > "$work/peer-$n.txt"
  r_n=REPS_$n
  for r in $(seq "${!r_n:-$reps}"); do
    rm -rf "$outdir/out-ours" "$outdir/out-peer"
    sync
    echo "n=$n run $r: ours" >&2
    run "$work/ours-$n.txt" "$work/labyrint" build --content "$corpus/content" --out "$outdir/out-ours" --target public
    tail -1 "$work/ours-$n.txt" >&2
    rm -rf "$outdir/out-ours"
    sync
    echo "n=$n run $r: peer" >&2
    run "$work/peer-$n.txt" bash "$shared/peer-build.sh" "$corpus" "$outdir/out-peer"
    tail -1 "$work/peer-$n.txt" >&2
  done
  ot=$(cut -d' ' -f1 "$work/ours-$n.txt" | median); om=$(cut -d' ' -f2 "$work/ours-$n.txt" | median)
  pt=$(cut -d' ' -f1 "$work/peer-$n.txt" | median); pm=$(cut -d' ' -f2 "$work/peer-$n.txt" | median)
  runs+=("| $n | $(cut -d' ' -f1 "$work/ours-$n.txt" | tr '\n' ' ')| $(cut -d' ' -f1 "$work/peer-$n.txt" | tr '\n' ' ')|")
  rows+=("$(awk -v n="$n" -v ot="$ot" -v om="$om" -v pt="$pt" -v pm="$pm" 'BEGIN {
    printf "| %d | %.2f s | %.0f MB | %.2f s | %.0f MB | %.2f | %.2f |", n, ot, om/1024, pt, pm/1024, ot/pt, om/pm }')")
done

{
  echo "# Build benchmark: Labyrint against Hugo + Pagefind"
  echo
  echo "Made by \`bench/build-bench.sh \"$sizes\" $reps\` at commit $built_from on $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)."
  echo "Load average (1, 5, 15 min) at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Times are only comparable on an otherwise idle machine."
  echo "Median of $reps alternating runs (or REPS_<size>: $(env | grep '^REPS_' | tr '\n' ' ')); outputs written to $outdir ($(df --output=fstype "$outdir" | tail -1)), each run into an empty folder after \`sync\`; the corpus is ../shared/bench/gencorpus.py (every fifth case internal);"
  echo "ours builds the public target with search index, link checks, plain-language analysis, minify and .gz;"
  echo "the peer is ../shared/bench/peer-build.sh (Hugo --minify, then Pagefind). Fresh output folder each run."
  echo
  echo "| cases | ours wall | ours peak RSS | peer wall | peer peak RSS | wall ratio | RSS ratio |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Every run's wall time (seconds), in the order run:"
  echo
  echo "| cases | ours | peer |"
  echo "|---|---|---|"
  printf '%s\n' "${runs[@]}"
} > "$results"
cat "$results"
