#!/usr/bin/env bash
# Cold start and idle memory of the desktop app against a blank Tauri window
# built with the same tauri features (tests/blank-window), in the same run,
# under Xvfb. Prints, per run: start → data shown (ms) and the idle RSS / PSS
# of each process tree (app + WebKit web + network processes).
#
#   bash scripts/measure-app.sh /path/to/generated.db   # a COPY is made and opened
#
# Env: PROFILE=release|debug (default release), TILLFLOW_RUNS (default 3),
# TILLFLOW_IDLE_SECS (default 10), TILLFLOW_E2E_PORT (tauri-driver's port).
# Needs tauri-driver and WebKitWebDriver (as the e2e tests do).
set -euo pipefail
cd "$(dirname "$0")/.."

src=${1:?usage: $0 /path/to/generated.db}
profile=${PROFILE:-release}
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
flag=(); [ "$profile" = release ] && flag=(--release)

[ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
npm --prefix ui run --silent build >/dev/null
cargo build "${flag[@]}" -p tillflow-app --features custom-protocol
cargo build "${flag[@]}" -p tillflow-blank-window --features custom-protocol

copy=$(mktemp -d)/measure.db
cp "$src" "$copy"
trap 'rm -rf "$(dirname "$copy")"' EXIT

TILLFLOW_SCALE_DB="$copy" \
TILLFLOW_APP="$target/$profile/tillflow-app" \
TILLFLOW_BLANK_APP="$target/$profile/tillflow-blank-window" \
  xvfb-run -a -s '-screen 0 1280x800x24' \
  cargo test -p tillflow-e2e --test start_up -- --ignored --nocapture --test-threads=1
