#!/usr/bin/env bash
# Idempotent set-up on Debian/Ubuntu: system packages, the venv, the project and its test tools.
# Usage: scripts/setup.sh [--test] [--latest] [--no-launcher]
#   --test         adds Chromium, Firefox ESR, the test servers and the test extras
#   --latest       builds .venv-latest from the newest releases pyproject.toml's ranges allow,
#                  instead of .venv from the lock (requirements/*.txt): the upstream watch
#   --no-launcher  leaves the desktop menu alone
# Python packages come from the lock files, with their hashes: a fresh machine installs exactly
# what the tests passed with. scripts/lock.sh refreshes them.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0 latest=0 launcher=1
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --latest) latest=1 ;;
    --no-launcher) launcher=0 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

sys_pkgs=(python3 python3-venv python3-dev libportaudio2 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-shape0 libxkbcommon-x11-0
          libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-noto-cjk fonts-wqy-microhei)
[ "$want_test" = 1 ] && sys_pkgs+=(chromium firefox-esr xvfb iproute2 nginx libnginx-mod-rtmp janus coturn
                                     desktop-file-utils)

missing=()
for p in "${sys_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" != 0 ] && sudo_cmd="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

venv=.venv
[ "$latest" = 1 ] && venv=.venv-latest
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip=("$venv/bin/python" -m pip install -q)
lock=requirements/app.txt
[ "$want_test" = 1 ] && lock=requirements/test.txt
stamp="$venv/.installed-$(cat pyproject.toml setup.py plugins/*/pyproject.toml requirements/*.txt scripts/setup.sh \
  scripts/install_models.py | sha256sum | cut -c1-16)-$want_test"
if [ "$latest" = 1 ] || [ ! -f "$stamp" ]; then
  if [ "$latest" = 1 ]; then
    # The newest releases the ranges allow, resolved afresh every time.
    "${pip[@]}" --upgrade pip
    "${pip[@]}" --upgrade --upgrade-strategy eager -r requirements/tools.in
    extras="."
    [ "$want_test" = 1 ] && extras=".[test]"
    "${pip[@]}" --upgrade --upgrade-strategy eager --no-build-isolation -e "$extras"
  else
    "${pip[@]}" --require-hashes -r "$lock"
    # The project itself, built with the lock's setuptools: nothing unpinned is fetched.
    "${pip[@]}" --no-deps --no-build-isolation -e .
  fi
  "$venv/bin/python" scripts/install_models.py "$venv"
  if [ "$want_test" = 1 ]; then
    # The example plugins, installed the way a user installs any plugin, so the tests discover them.
    for plugin in plugins/*/pyproject.toml; do
      "${pip[@]}" --no-deps --no-build-isolation -e "$(dirname "$plugin")"
    done
    # The other OpenCV line, beside the venv (not in it), for the test that runs the models on both.
    rm -rf "$venv/opencv4"
    "${pip[@]}" --no-deps --require-hashes --target "$venv/opencv4" -r requirements/opencv4.txt
  fi
  rm -f "$venv"/.installed-*
  touch "$stamp"
fi
if [ "$want_test" = 1 ]; then
  command -v npm >/dev/null || { echo "setup: npm is needed for the WHIP server the tests use" >&2; exit 1; }
  bash scripts/setup_whip_server.sh
fi
if [ "$launcher" = 1 ] && [ "$latest" = 0 ]; then
  "$venv/bin/studio" desktop-entry --install --quiet
fi
