#!/usr/bin/env bash
# Installs the Debian packages Tillflow needs to build, run and test.
# Idempotent: installs only what is missing. Usage: scripts/system-packages.sh [build|test]
set -euo pipefail
want=(build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
      libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libssl-dev libxdo-dev
      libayatana-appindicator3-dev patchelf xvfb xauth)
if [ "${1:-build}" = test ]; then
  want+=(webkit2gtk-driver poppler-utils cups printer-driver-cups-pdf imagemagick python3-aiosmtpd)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v node >/dev/null || { echo "Node.js (>= 20) and npm are required" >&2; exit 1; }
