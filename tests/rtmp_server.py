"""A real RTMP server for the tests: Debian's nginx with its RTMP module (scripts/setup.sh installs
both), on free loopback ports. It records what it receives, and checks the stream key the way a
platform does: through an on_publish callback answered by nginx itself."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

NGINX = "/usr/sbin/nginx"
RTMP_MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so"
STREAM_KEY = "live-key-7f3a"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RtmpServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port, self.http_port = free_port(), free_port()
        self.recordings = folder / "recordings"
        self.recordings.mkdir(parents=True, exist_ok=True)
        self.config = folder / "nginx.conf"
        temp = folder / "temp"
        temp.mkdir(exist_ok=True)
        self.config.write_text(f"""
daemon off;
master_process off;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
load_module {RTMP_MODULE};
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};
    uwsgi_temp_path {temp}; scgi_temp_path {temp};
    server {{
        listen 127.0.0.1:{self.http_port};
        location /on_publish {{
            if ($arg_name = "{STREAM_KEY}") {{ return 200; }}
            return 403;
        }}
    }}
}}
rtmp {{
    server {{
        listen 127.0.0.1:{self.port};
        application live {{
            live on;
            notify_method get;
            on_publish http://127.0.0.1:{self.http_port}/on_publish;
            record all;
            record_path {self.recordings};
            record_unique on;
        }}
    }}
}}
""")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"rtmp://127.0.0.1:{self.port}/live"

    def start(self) -> None:
        self.process = subprocess.Popen([NGINX, "-c", str(self.config), "-p", str(self.folder)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not listen in 10 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def recorded(self) -> list[Path]:
        return sorted(self.recordings.glob("*.flv"), key=lambda p: p.stat().st_mtime)
