#!/usr/bin/env bash
# Builds the release archives of labyrint: one per platform, each with the
# binary, README.md, LICENSE (when there is one), docs/hosting/ and the
# config reference and editors' guide (docs/konfiguration.md, redaktoer.md), plus
# SHA256SUMS over the archives.
#
#   scripts/release.sh [--verify] [OUT]      (OUT defaults to dist/)
#
# PLATFORMS (default: all four), VERSION (default: git describe) and
# SOURCE_DATE_EPOCH (default: the
# commit's time) may be set from outside. The archives are reproducible: the
# same commit and Go version give the same bytes (-trimpath, CGO_ENABLED=0,
# no build id, the version and commit stamped with -ldflags, every file's
# time set to SOURCE_DATE_EPOCH, files in a fixed order, owner 0, gzip
# without name and time). --verify builds everything a second time from a
# copy of the tracked files at another path with an empty Go build cache,
# and fails unless the two SHA256SUMS are identical.
set -euo pipefail
cd "$(dirname "$0")/.."

PLATFORMS=${PLATFORMS:-"linux/amd64 linux/arm64 windows/amd64 darwin/arm64"}

verify=0
if [ "${1:-}" = --verify ]; then verify=1; shift; fi
out=${1:-dist}

commit=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  if [ "${ALLOW_DIRTY:-}" != 1 ]; then
    echo "release.sh: the work tree has changes that are not committed (ALLOW_DIRTY=1 builds anyway)" >&2
    exit 1
  fi
  commit="$commit-dirty"
fi
VERSION=${VERSION:-$(git describe --tags --always --dirty)}
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C

# Go's own VCS stamping (-buildvcs) misses git worktrees (.git is a file
# there) and fails in a source tarball: the commit is stamped by hand.
ldflags="-s -w -buildid= -X main.version=$VERSION -X main.commit=$commit"

# build_all DIR: every platform's archive and SHA256SUMS into DIR.
build_all() {
  local dir=$1 work
  mkdir -p "$dir"
  work=$(mktemp -d)
  for p in $PLATFORMS; do
    local goos=${p%/*} goarch=${p#*/}
    local name="labyrint_${VERSION}_${goos}_${goarch}" exe=labyrint
    [ "$goos" = windows ] && exe=labyrint.exe
    local root="$work/$name"
    mkdir -p "$root/docs"
    CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOAMD64=v1 GOFLAGS= \
      go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$root/$exe" ./cmd/labyrint
    cp README.md "$root/"
    [ -f LICENSE ] && cp LICENSE "$root/"
    cp -r docs/hosting "$root/docs/"
    cp docs/konfiguration.md docs/redaktoer.md "$root/docs/"
    [ "$goos" = windows ] && cp release/start-forhaandsvisning.cmd "$root/"
    find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    find "$root" -type d -exec chmod 755 {} + && find "$root" -type f -exec chmod 644 {} +
    chmod 755 "$root/$exe"
    if [ "$goos" = windows ]; then
      rm -f "$dir/$name.zip"
      (cd "$work" && find "$name" -print | sort | zip -q -X -D "$dir_abs/$name.zip" -@)
    else
      (cd "$work" && tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
        --format=gnu -cf - "$name" | gzip -n -9 > "$dir_abs/$name.tar.gz")
    fi
  done
  rm -rf "$work"
  (cd "$dir" && sha256sum labyrint_"${VERSION}"_* > SHA256SUMS)
}

dir_abs=$(mkdir -p "$out" && cd "$out" && pwd)
build_all "$dir_abs"
cat "$dir_abs/SHA256SUMS"

if [ "$verify" = 1 ]; then
  # The second build: the tracked files copied to another path, an empty
  # Go build cache, another output folder.
  first=$dir_abs
  again=$(mktemp -d)
  git ls-files -z | tar --null -T - -cf - | (mkdir "$again/src" && tar -xf - -C "$again/src")
  dir_abs=$again/dist
  (cd "$again/src" && GOCACHE="$again/cache" build_all "$dir_abs")
  if cmp -s "$first/SHA256SUMS" "$dir_abs/SHA256SUMS"; then
    echo "release.sh: reproducible: a second build (other path, empty Go cache) gave the same $(wc -l < "$first/SHA256SUMS") archives byte for byte"
    chmod -R u+w "$again" && rm -rf "$again"
  else
    echo "release.sh: NOT reproducible:" >&2
    diff "$first/SHA256SUMS" "$dir_abs/SHA256SUMS" >&2 || true
    exit 1
  fi
fi
