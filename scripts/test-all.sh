#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: system packages, lint,
# core and document tests (with a real CUPS queue), then the UI checks and
# the end-to-end tests of the real app window.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

bash scripts/system-packages.sh test

echo "==> cargo fmt"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

if [ -f .ci/cups.sh ]; then
  echo "==> CUPS test queue"
  bash .ci/cups.sh
  export TILLFLOW_CUPS_TEST=1
fi

echo "==> cargo test"
cargo test --workspace --locked

if [ -f .ci/e2e.sh ]; then
  echo "==> UI checks and end-to-end tests"
  bash .ci/e2e.sh
fi
echo "==> all tests passed"
