#!/usr/bin/env bash
# callgrind-ab.sh [BASE] [N]: instructions of a public build of an N-case
# generated corpus (default 2000), the commit BASE (default 8f45132) against
# the working tree, under valgrind's callgrind. Instruction counts do not
# depend on the machine's load, unlike wall or CPU time, so this is the
# comparison to decide by on a shared machine (the #23 speed budget).
#
# Each binary builds with its own commit's site.yaml and layouts (an old
# binary cannot read today's site.yaml). GODEBUG: asyncpreemptoff=1, as
# callgrind stops on Go's preemption signals; cpu.rdtscp=off, as valgrind
# 3.19 cannot run the RDTSCP instruction Go's runtime uses for its clock.
#
# Under valgrind, SHA-256 runs on AVX2 instead of the CPU's SHA extensions:
# the hash of the executable in the build's digest (labyrint's own binary,
# ~20 MB) counts 0.8-0.9 G instructions that take ~10 ms on the real CPU.
# The script prints the totals with and without it.
set -euo pipefail
base=${1:-8f45132}
n=${2:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d /tmp/callgrind-ab.XXXXXX)}
out=${OUT:-/dev/shm/callgrind-ab-$$}
mkdir -p "$work" "$out"
trap 'rm -rf "$out"; git -C "$root" worktree remove --force "$work/base" 2>/dev/null || true' EXIT

git -C "$root" worktree add -q --detach "$work/base" "$base" >/dev/null
(cd "$work/base" && go build -o "$work/lab-base" ./cmd/labyrint)
(cd "$root" && go build -o "$work/lab-new" ./cmd/labyrint)
gencorpus=${GENCORPUS:-$root/../shared/bench/gencorpus.py}
[ -f "$gencorpus" ] || gencorpus=/work/shared/bench/gencorpus.py
python3 "$gencorpus" "$work/corpus" "$n" >/dev/null
printf -- '---\ntitle: Søg\nlayout: search\n---\n' >"$work/corpus/content/soeg.md"

run() { # name binary source
	rm -rf "$out/$1"
	GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off valgrind --tool=callgrind \
		--callgrind-out-file="$work/cg-$1.out" "$2" build --source "$3" \
		--content "$work/corpus/content" --out "$out/$1" >"$work/cg-$1.log" 2>&1 || {
		tail -20 "$work/cg-$1.log"
		exit 1
	}
	rm -rf "$out/$1"
}
run base "$work/lab-base" "$work/base"
run new "$work/lab-new" "$root"

python3 - "$work/cg-base.out" "$work/cg-new.out" "$base" "$(git -C "$root" rev-parse --short HEAD)" <<'EOF'
import re, subprocess, sys
def load(f):
    out = subprocess.run(['callgrind_annotate', '--threshold=100', '--inclusive=no', f],
                         capture_output=True, text=True).stdout
    d = {}
    for line in out.splitlines():
        m = re.match(r'\s*([\d,]+)\s+\([^)]*\)\s+(\S+?):(\S+)', line)
        if m:
            fn = m.group(3).replace('github.com/guldborgsund/labyrint/', '').replace("'2", '')
            d[fn] = d.get(fn, 0) + int(m.group(1).replace(',', ''))
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
ta, tb = sum(a.values()), sum(b.values())
sha = lambda d: sum(v for k, v in d.items() if 'sha256' in k)
print(f"instructions  {sys.argv[3]}: {ta/1e9:.3f} G   {sys.argv[4]}+worktree: {tb/1e9:.3f} G   ratio {tb/ta:.3f}")
print(f"without SHA-256 (the executable's hash): {(ta-sha(a))/1e9:.3f} G against {(tb-sha(b))/1e9:.3f} G, ratio {(tb-sha(b))/(ta-sha(a)):.3f}")
print("largest differences by function (exclusive, M instructions): base, new, difference")
for k in sorted(set(a) | set(b), key=lambda k: -abs(b.get(k, 0) - a.get(k, 0)))[:25]:
    print(f"{a.get(k,0)/1e6:9.1f} {b.get(k,0)/1e6:9.1f} {(b.get(k,0)-a.get(k,0))/1e6:+9.1f}  {k[:110]}")
EOF
echo "callgrind files: $work/cg-base.out $work/cg-new.out"
