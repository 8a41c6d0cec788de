#!/usr/bin/env bash
# A third-party WHIP server for the tests: Meetecho's simple-whip-server (Debian's package) in front
# of Janus (Debian's janus, installed by setup.sh). The .deb is JavaScript only, but it depends on
# Debian's Node stack, which conflicts with a Node.js installed from elsewhere: so it is fetched
# with apt, unpacked here, and given its JavaScript dependencies from npm. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/simple-whip-server
version="0.0~git20230201-1"
if [ -f "$dest/src/server.js" ] && [ -d "$dest/node_modules/express" ]; then
  exit 0
fi
rm -rf "$dest" && mkdir -p "$dest/deb"
(cd "$dest/deb" && { apt-get download "simple-whip-server=$version" 2>/dev/null ||
  { apt-get update -qq && apt-get download "simple-whip-server=$version"; }; } >/dev/null)
dpkg-deb -x "$dest"/deb/simple-whip-server_*.deb "$dest/deb/x"
cp -r "$dest/deb/x/usr/share/simple-whip-server/src" "$dest/"
rm -rf "$dest/deb" "$dest/src/config.js"  # config.js was a link to /etc: the tests write their own
cat > "$dest/package.json" <<'JSON'
{"name": "simple-whip-server-for-tests", "version": "0.0.0", "private": true,
 "dependencies": {"async": "3.2.4", "body-parser": "1.20.1", "colors": "1.4.0", "cors": "2.8.5",
                  "debug": "4.3.4", "express": "4.18.2", "websocket": "1.0.34"}}
JSON
(cd "$dest" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
echo "setup: simple-whip-server installed in $dest"
