#!/usr/bin/env bash
# Set up (idempotent) and launch the studio window; the embedded server starts with it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/studio "$@"
