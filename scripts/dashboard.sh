#!/usr/bin/env bash
# Start the dashboard on a fresh machine: set up .venv if needed, then run Streamlit.
# PORT overrides the port (default 8501); extra arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv
exec .venv/bin/streamlit run dashboard/app.py \
    --server.headless true \
    --server.port "${PORT:-8501}" \
    --browser.gatherUsageStats false \
    --client.toolbarMode minimal \
    "$@"
