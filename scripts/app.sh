#!/usr/bin/env bash
# The Tillflow desktop app on this machine. Installs what is missing (Debian
# packages, npm packages), builds the UI and the Tauri shell, then:
#
#   bash scripts/app.sh          # starts the window (database in the platform
#                                # data dir; TILLFLOW_DB=/path/to.db overrides);
#                                # a new database opens on the first-run set-up,
#                                # TILLFLOW_DEMO=1 loads the demo shop instead
#   bash scripts/app.sh deb      # builds target/release/bundle/deb/Tillflow_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-packages.sh build
stamp=ui/node_modules/.tillflow-lock-sha
want=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

case "${1:-run}" in
  run)
    npm --prefix ui run --silent build >/dev/null
    exec cargo run -p tillflow-app --features custom-protocol
    ;;
  deb)
    # The Tauri CLI builds the UI (beforeBuildCommand), the release binary and the package.
    npm exec --prefix ui -- tauri build --bundles deb
    ls -1 target/release/bundle/deb/*.deb
    ;;
  *)
    echo "usage: $0 [run|deb]" >&2
    exit 2
    ;;
esac
