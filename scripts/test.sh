#!/usr/bin/env bash
# Lint and run the whole test suite; extra arguments go to pytest (e.g. -k cli, -x).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv
if [ ! -x /usr/bin/chromium ]; then
    echo "installing chromium for the browser tests" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q "$@"
