#!/usr/bin/env bash
# UI checks and end-to-end tests of the real Tillflow window (called by .ci/run
# through scripts/test-all.sh). Works on a fresh Debian machine: installs what
# is missing, and is quick when everything is already there.
#
#   TILLFLOW_SHOTS=docs/screenshots bash .ci/e2e.sh   # also saves screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

echo "==> e2e: system packages, tauri-driver, npm packages"
bash scripts/system-packages.sh test
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked
stamp=ui/node_modules/.tillflow-lock-sha
want=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

echo "==> e2e: TypeScript bindings match the Rust types, capability lists every command"
cargo test -p tillflow-app --lib --locked -q

echo "==> e2e: svelte-check and vitest"
npm --prefix ui run --silent check
npm --prefix ui run --silent test

echo "==> e2e: build the UI and the app (embedded assets)"
npm --prefix ui run --silent build >/dev/null
cargo build -p tillflow-app --features custom-protocol --locked

echo "==> e2e: WebDriver tests of the real window under Xvfb"
if [ -n "${TILLFLOW_SHOTS:-}" ]; then
  mkdir -p "$TILLFLOW_SHOTS"
  TILLFLOW_SHOTS=$(cd "$TILLFLOW_SHOTS" && pwd)
  export TILLFLOW_SHOTS
fi
xvfb-run -a -s '-screen 0 1280x800x24' \
  cargo test -p tillflow-e2e --locked -- --ignored --test-threads=1
echo "==> e2e: passed"
