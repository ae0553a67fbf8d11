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
# Ours is built as the README says to build it for the build server: for
# x86-64-v3 (GOAMD64=v3) when this CPU has it. The default build (v1) is
# run too, after the peer in each round, and reported beside it, so the
# table shows what the compiler target is worth. GOAMD64 in the environment
# chooses the level instead (GOAMD64=v1 measures the default build alone).
#
# On a disk (not tmpfs) each run writes into a folder of its own, and a
# size's outputs are deleted only when all its runs are done, followed by a
# pause of SETTLE seconds (default 35) before the next size: ext4 without a
# journal (this machine's disk) will not reuse an inode deleted in the last
# 30 s (the kernel's recently_deleted(), dirty_expire_centisecs), and skips
# past each such free inode again for every new file, so a build started
# right after the previous run's output was deleted spent about two thirds
# of its CPU time in that scan (perf record, 10,000 cases). The deletion
# then measured the benchmark, not the build. KEEP=0 deletes before every
# run as before (on tmpfs that is the default: it has no such scan).
#
# REPORT_ONLY=1 writes the results file again from the last run's kept
# figures (in BENCH_DIR) without measuring, e.g. after a change to the
# report's format.
#
# Needs ../shared/bench (gencorpus.py, peer-build.sh; the peer installs Hugo
# and Pagefind on first use; SHARED=DIR names it elsewhere, e.g. from a
# git worktree). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 10000"}
reps=${2:-3}
shared=${SHARED:-../shared/bench}
work=${BENCH_DIR:-/tmp/labyrint-bench}
outdir=${OUT:-$work}
results=${RESULTS:-bench/results.md}
mkdir -p "$work" "$outdir"
keep=${KEEP:-1}
[ "$(df --output=fstype "$outdir" | tail -1)" = tmpfs ] && keep=${KEEP:-0}
settle=${SETTLE:-35}
# x86-64-v3 is v2 (cx16, lahf_lm, popcnt, pni = SSE3, ssse3, sse4_1,
# sse4_2) and avx, avx2, bmi1, bmi2, f16c, fma, abm (LZCNT) and movbe, as
# /proc/cpuinfo names them; a v3 binary refuses to start without them.
has_v3() {
  [ "$(uname -m)" = x86_64 ] || return 1
  local f
  for f in cx16 lahf_lm popcnt pni ssse3 sse4_1 sse4_2 avx avx2 bmi1 bmi2 f16c fma abm movbe; do
    grep -qw "$f" /proc/cpuinfo || return 1
  done
}
measure=true
if [ -n "${REPORT_ONLY:-}" ]; then
  measure=false
  # shellcheck source=/dev/null
  . "$work/last-run.env"
fi
level=${level:-${GOAMD64:-}}
if [ -z "$level" ]; then
  level=v1
  has_v3 && level=v3
fi
default_too=false
[ "$level" != v1 ] && default_too=true
if $measure; then
  GOAMD64=$level go build -o "$work/labyrint" ./cmd/labyrint
  $default_too && GOAMD64=v1 go build -o "$work/labyrint-v1" ./cmd/labyrint
  # What was measured: the commit the binary (and the site it builds) came from.
  built_from="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- '*.go' go.mod go.sum site.yaml layouts assets || echo ' (with changes to the code or site not committed)')"
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  day=$(date -u +%Y-%m-%d)
  reps_env=$(env | grep '^REPS_' | sort | tr '\n' ' ' || true)
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run LABEL OUTFILE CMD...: appends "seconds kilobytes" to OUTFILE
run() {
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; return 1; }
  cat "$work/time.txt" >> "$out"
}

rows=()
runs=()
v1rows=()
for n in $sizes; do
  corpus="$work/corpus-$n"
  r_n=REPS_$n
  if $measure; then
    [ -d "$corpus/content" ] || python3 "$shared/gencorpus.py" "$corpus" "$n"
    # Our search page comes with the site; the corpus has none, so give it one
    # as the real content has, so both pipelines build a search index.
    printf -- '---\ntitle: Søg\nlayout: search\n---\n' > "$corpus/content/soeg.md"
    : > "$work/ours-$n.txt"; : > "$work/peer-$n.txt"; : > "$work/v1-$n.txt"
  fi
  for r in $($measure && seq "${!r_n:-$reps}"); do
    o=out-ours p=out-peer v=out-v1
    if [ "$keep" = 1 ]; then
      o=out-ours-$n-$r p=out-peer-$n-$r v=out-v1-$n-$r
    fi
    rm -rf "$outdir/$o" "$outdir/$p" "$outdir/$v"
    sync
    echo "n=$n run $r: ours" >&2
    run "$work/ours-$n.txt" "$work/labyrint" build --content "$corpus/content" --out "$outdir/$o" --target public
    tail -1 "$work/ours-$n.txt" >&2
    [ "$keep" = 1 ] || rm -rf "$outdir/$o"
    sync
    echo "n=$n run $r: peer" >&2
    run "$work/peer-$n.txt" bash "$shared/peer-build.sh" "$corpus" "$outdir/$p"
    tail -1 "$work/peer-$n.txt" >&2
    if $default_too; then
      [ "$keep" = 1 ] || rm -rf "$outdir/$p"
      sync
      echo "n=$n run $r: ours, default build (GOAMD64=v1)" >&2
      run "$work/v1-$n.txt" "$work/labyrint-v1" build --content "$corpus/content" --out "$outdir/$v" --target public
      tail -1 "$work/v1-$n.txt" >&2
      [ "$keep" = 1 ] || rm -rf "$outdir/$v"
    fi
  done
  if $measure; then
    rm -rf "$outdir"/out-ours* "$outdir"/out-peer* "$outdir"/out-v1*
    if [ "$keep" = 1 ]; then
      sync
      sleep "$settle"
    fi
  fi
  ot=$(cut -d' ' -f1 "$work/ours-$n.txt" | median); om=$(cut -d' ' -f2 "$work/ours-$n.txt" | median)
  pt=$(cut -d' ' -f1 "$work/peer-$n.txt" | median); pm=$(cut -d' ' -f2 "$work/peer-$n.txt" | median)
  runs+=("| $n | $(cut -d' ' -f1 "$work/ours-$n.txt" | tr '\n' ' ')| $(cut -d' ' -f1 "$work/peer-$n.txt" | tr '\n' ' ')| $(cut -d' ' -f1 "$work/v1-$n.txt" | tr '\n' ' ')|")
  if $default_too; then
    vt=$(cut -d' ' -f1 "$work/v1-$n.txt" | median); vm=$(cut -d' ' -f2 "$work/v1-$n.txt" | median)
    v1rows+=("$(awk -v n="$n" -v vt="$vt" -v vm="$vm" -v ot="$ot" -v pt="$pt" -v pm="$pm" 'BEGIN {
      printf "| %d | %.2f s | %.0f MB | %.3f | %.3f | %+.1f%% |", n, vt, vm/1024, vt/pt, vm/pm, (ot/vt-1)*100 }')")
  fi
  rows+=("$(awk -v n="$n" -v ot="$ot" -v om="$om" -v pt="$pt" -v pm="$pm" 'BEGIN {
    printf "| %d | %.2f s | %.0f MB | %.2f s | %.0f MB | %.3f | %.3f |", n, ot, om/1024, pt, pm/1024, ot/pt, om/pm }')")
done
if $measure; then
  load_end=$(cut -d' ' -f1-3 /proc/loadavg)
  fstype=$(df --output=fstype "$outdir" | tail -1)
  # What the report needs to be written again (REPORT_ONLY=1).
  declare -p built_from level load_start load_end day reps_env fstype sizes reps outdir keep > "$work/last-run.env"
fi

{
  echo "# Build benchmark: Labyrint against Hugo + Pagefind"
  echo
  echo "Made by \`bench/build-bench.sh \"$sizes\" $reps\` at commit $built_from on $day, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)."
  echo "Load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end. Times are only comparable on an otherwise idle machine."
  echo "Median of $reps alternating runs (or REPS_<size>: $reps_env); outputs written to $outdir ($fstype), each run into an empty folder after \`sync\`$( [ "${keep:-0}" = 1 ] && echo " (a folder of its own: a size's outputs are deleted only after all its runs, then a pause, see the script's comment on ext4's recently deleted inodes)"); the corpus is ../shared/bench/gencorpus.py (every fifth case internal);"
  echo "ours builds the public target with search index, link checks, plain-language analysis, minify and a .gz beside the search shards, CSS and JS (not the pages: the server gzips HTML on the fly; the peer writes no .gz at all);"
  case $level in
  v1) built_for="the default" ;;
  v3) built_for="x86-64-v3, as the README builds it for the build server; this CPU has it" ;;
  *) built_for="set in the environment" ;;
  esac
  echo "ours is built with GOAMD64=$level ($built_for);"
  echo "the peer is ../shared/bench/peer-build.sh (Hugo --minify, then Pagefind). Fresh output folder each run."
  echo
  echo "| cases | ours wall | ours peak RSS | peer wall | peer peak RSS | wall ratio | RSS ratio |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  if $default_too; then
    echo "The default build (GOAMD64=v1), run after the peer in each round, against the same peer runs; the last column is what GOAMD64=$level changes in ours' median wall time:"
    echo
    echo "| cases | ours v1 wall | ours v1 peak RSS | wall ratio | RSS ratio | $level against v1 |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${v1rows[@]}"
    echo
  fi
  echo "Every run's wall time (seconds), in the order run:"
  echo
  echo "| cases | ours | peer | ours v1 |"
  echo "|---|---|---|---|"
  printf '%s\n' "${runs[@]}"
} > "$results"
cat "$results"
