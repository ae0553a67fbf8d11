#!/usr/bin/env bash
# Installs what e2e/check.mjs needs: Debian's Chromium (only when
# /usr/bin/chromium is missing) and the pinned npm packages (npm ci).
# Idempotent: a second run does nothing unless package-lock.json changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "e2e/install.sh: installing chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Fonts are named so text metrics (contrast, reflow) do not depend on
  # whether apt installs recommended packages.
  $SUDO apt-get install -y -qq chromium fonts-liberation fonts-dejavu-core >/dev/null
fi

command -v node >/dev/null || { echo "e2e/install.sh: node is missing" >&2; exit 1; }
node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  if (a < 20 || (a === 20 && b < 19)) { console.error("e2e/install.sh: need Node >= 20.19, have " + process.version); process.exit(1); }'

stamp=node_modules/.labyrint-lock.sha256
want="$(sha256sum package-lock.json | cut -d" " -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
