"""A WHIP server that no one here wrote, for the tests: Meetecho's simple-whip-server with Janus
behind it (both Debian packages; scripts/setup.sh installs them). Janus offers no loopback
candidates, so both run in a network namespace reached over a veth pair: 198.18.N.1 is the
server, 198.18.N.2 this side (RFC 2544's benchmark range, which exists only on this machine)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / ".cache" / "simple-whip-server"
WHIP_PORT = 7080


def _sh(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True)


class JanusWhipServer:
    def __init__(self, folder: Path, index: int = 1) -> None:
        tag = f"{os.getpid() % 10000}j{index}"
        self.folder, self.ns, self.outer, self.inner = folder, f"hs{tag}", f"hsa{tag}", f"hsb{tag}"
        self.host_ip, self.server_ip = f"198.18.{index}.2", f"198.18.{index}.1"
        self.processes: list[subprocess.Popen] = []

    @property
    def base(self) -> str:
        return f"http://{self.server_ip}:{WHIP_PORT}/whip"

    def _configure(self) -> tuple[Path, Path]:
        conf = self.folder / "janus"
        shutil.copytree("/etc/janus", conf)
        main = conf / "janus.jcfg"
        text = main.read_text()
        text = text.replace('configs_folder = "/etc/janus"', f'configs_folder = "{conf}"')
        text = re.sub(r'\t#ice_enforce_list = "eth0"', f'\tice_enforce_list = "{self.inner}"', text)
        # Only what WHIP needs: the video room plugin and the WebSocket transport.
        text = text.replace('#disable = "libjanus_voicemail.so,libjanus_recordplay.so"',
                            'disable = "libjanus_voicemail.so,libjanus_recordplay.so,libjanus_sip.so,'
                            'libjanus_nosip.so,libjanus_lua.so,libjanus_duktape.so,libjanus_audiobridge.so,'
                            'libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_echotest.so"', 1)
        text = text.replace('#disable = "libjanus_rabbitmq.so"', 'disable = "libjanus_rabbitmq.so,libjanus_mqtt.so,'
                            'libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_http.so"', 1)
        main.write_text(text)
        websockets = conf / "janus.transport.websockets.jcfg"
        websockets.write_text(websockets.read_text().replace('\t#ws_ip = "192.168.0.1"', '\tws_ip = "127.0.0.1"'))
        app = self.folder / "whip"
        shutil.copytree(APP / "src", app)
        (app / "config.js").write_text(
            f"module.exports = {{ janus: {{ address: 'ws://127.0.0.1:8188' }}, port: {WHIP_PORT}, rest: '/whip',\n"
            "  allowTrickle: true, strictETags: false,\n"
            f"  iceServers: [ {{ uri: 'stun:{self.server_ip}:3478' }} ] }};\n")
        return conf, app

    def __enter__(self) -> JanusWhipServer:
        self.close()
        conf, app = self._configure()
        _sh("ip", "netns", "add", self.ns)
        _sh("ip", "link", "add", self.outer, "type", "veth", "peer", "name", self.inner, "netns", self.ns)
        _sh("ip", "addr", "add", f"{self.host_ip}/24", "dev", self.outer)
        _sh("ip", "link", "set", self.outer, "up")
        for command in (["link", "set", "lo", "up"], ["addr", "add", f"{self.server_ip}/24", "dev", self.inner],
                        ["link", "set", self.inner, "up"]):
            _sh("ip", "-n", self.ns, *command)
        log = open(self.folder / "janus.log", "w")  # noqa: SIM115 (closed with the process)
        self.processes.append(subprocess.Popen(
            ["ip", "netns", "exec", self.ns, "janus", "-F", str(conf), "-C", str(conf / "janus.jcfg")],
            stdout=log, stderr=subprocess.STDOUT))
        self._wait_port(8188, "127.0.0.1")
        self.processes.append(subprocess.Popen(
            ["ip", "netns", "exec", self.ns, "node", str(app / "server.js")],
            cwd=app, env={**os.environ, "NODE_PATH": str(APP / "node_modules")},
            stdout=open(self.folder / "whip.log", "w"), stderr=subprocess.STDOUT))  # noqa: SIM115
        self._wait_port(WHIP_PORT, self.server_ip)
        return self

    def _wait_port(self, port: int, host: str) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.args} exited; see {self.folder}")
            probe = subprocess.run(["ip", "netns", "exec", self.ns, "python3", "-c",
                                    f"import socket; socket.create_connection(({host!r}, {port}), 0.5)"],
                                   capture_output=True)
            if probe.returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError(f"nothing listens on {host}:{port} in the namespace; see {self.folder}")

    def create_endpoint(self, endpoint: str, token: str) -> str:
        """simple-whip-server's own (non-WHIP) call: an endpoint publishing into video room 1234."""
        body = json.dumps({"id": endpoint, "room": 1234, "token": token}).encode()
        request = urllib.request.Request(f"{self.base}/create", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200
        return f"{self.base}/endpoint/{endpoint}"

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait(5)
        self.processes = []
        subprocess.run(["ip", "netns", "del", self.ns], capture_output=True)
        subprocess.run(["ip", "link", "del", self.outer], capture_output=True)

