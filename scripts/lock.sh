#!/usr/bin/env bash
# Refresh the lock files in requirements/ from the ranges in pyproject.toml (and the .in files
# beside them). Every platform and every Python the project supports resolve in one file, with
# hashes. Commit the result, then run scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=.cache/lock-tools
if [ ! -x "$tools/bin/uv" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install -q --require-hashes -r requirements/lock-tools.txt
fi
compile() {  # compile OUTPUT INPUT... [uv options]
  local out=$1; shift
  "$tools/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "bash scripts/lock.sh" -o "$out" "$@"
}
compile requirements/test.txt pyproject.toml --extra test requirements/tools.in
# The app's lock is the test lock without the test extras: the same versions for the same names.
compile requirements/app.txt pyproject.toml requirements/tools.in -c requirements/test.txt
compile requirements/models.txt requirements/models.in --no-deps
compile requirements/opencv4.txt requirements/opencv4.in --no-deps
compile requirements/lock-tools.txt requirements/lock-tools.in
echo "lock: requirements/*.txt refreshed"
