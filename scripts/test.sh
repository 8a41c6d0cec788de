#!/usr/bin/env bash
# Set up everything the tests need (idempotent), then lint and run every test.
# Usage: scripts/test.sh [--latest] [pytest arguments...]
#   --latest  the upstream watch: runs the suite in .venv-latest, built from the newest releases
#             pyproject.toml's ranges allow (not the lock), so a breaking release is found here first
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
if [ "${1:-}" = "--latest" ]; then
  shift
  venv=.venv-latest
  bash scripts/setup.sh --test --latest
  "$venv/bin/python" -m pip list --format=freeze > "$venv/resolved.txt"
  echo "test: newest releases in $venv/resolved.txt"
else
  bash scripts/setup.sh --test
fi
"$venv/bin/ruff" check conftest.py setup.py studio ui tests bench plugins scripts
export QT_QPA_PLATFORM=offscreen
exec "$venv/bin/python" -m pytest -p no:cacheprovider "$@"
