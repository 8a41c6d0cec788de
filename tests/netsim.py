"""A weak uplink, for real: the publishing studio runs in its own network namespace behind a veth
pair whose egress is capped with `tc tbf`; loss and delay come from a userspace UDP proxy
(netem is not available here). The receiving studio runs in this process on the root side.

Used by tests/test_network.py and bench/network_bench.py."""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
from aiohttp import ClientSession, web

from studio.timecode import read_stamp

ROOT = Path(__file__).resolve().parent.parent
CANVAS = (1280, 720)


def sh(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


class Uplink:
    """Namespace ``ns`` with 10.77.N.2, reaching this side's 10.77.N.1 through a veth pair. The
    cap sits on the namespace's egress: the publisher's upload."""

    def __init__(self, index: int = 1) -> None:
        tag = f"{os.getpid() % 10000}x{index}"
        self.ns, self.outer, self.inner = f"hs{tag}", f"hsa{tag}", f"hsb{tag}"
        self.host_ip, self.guest_ip = f"10.77.{index}.1", f"10.77.{index}.2"

    def __enter__(self) -> Uplink:
        self.close()
        sh("ip", "netns", "add", self.ns)
        sh("ip", "link", "add", self.outer, "type", "veth", "peer", "name", self.inner)
        sh("ip", "link", "set", self.inner, "netns", self.ns)
        sh("ip", "addr", "add", f"{self.host_ip}/24", "dev", self.outer)
        sh("ip", "link", "set", self.outer, "up")
        for command in (["ip", "addr", "add", f"{self.guest_ip}/24", "dev", self.inner],
                        ["ip", "link", "set", self.inner, "up"], ["ip", "link", "set", "lo", "up"]):
            sh("ip", "netns", "exec", self.ns, *command)
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        subprocess.run(["ip", "netns", "del", self.ns], capture_output=True)
        subprocess.run(["ip", "link", "del", self.outer], capture_output=True)

    def cap(self, kbit: int) -> None:
        # A queue of 200 ms at the cap, as a home router's buffer: delay grows before loss starts.
        burst = max(kbit * 1000 // 8 // 50, 4000)
        sh("ip", "netns", "exec", self.ns, "tc", "qdisc", "replace", "dev", self.inner, "root", "tbf",
           "rate", f"{kbit}kbit", "burst", str(burst), "latency", "200ms")

    def sent_bytes(self) -> int:
        """Bytes that went through the cap (what reached the far side) so far."""
        out = sh("ip", "netns", "exec", self.ns, "tc", "-s", "qdisc", "show", "dev", self.inner)
        match = re.search(r"Sent (\d+) bytes", out)
        return int(match.group(1)) if match else 0


class UdpImpairment(asyncio.DatagramProtocol):
    """Relays one peer's UDP to ``target`` and back, dropping ``loss`` of the publisher's media
    packets and delaying both ways by ``delay_s`` (± ``jitter_s``, in order).

    Only SRTP/SRTCP is dropped (first byte 128-191, RFC 7983), never STUN or DTLS: under 8% loss a
    DTLS handshake backs off 1, 2, 4, 8 s per lost flight and now and then outlasts a test that is
    about what happens once media flows."""

    def __init__(self, target: tuple[str, int], loss: float = 0.0, delay_s: float = 0.0, jitter_s: float = 0.0,
                 seed: int = 1, publisher_host: str | None = None) -> None:
        self.target, self.loss, self.delay_s, self.jitter_s = target, loss, delay_s, jitter_s
        self.publisher_host = publisher_host
        self.random = random.Random(seed)
        self.peer: tuple[str, int] | None = None
        self.transport: asyncio.DatagramTransport | None = None
        self.dropped = self.relayed = 0
        self._last_due: dict[tuple[str, int], float] = {}  # per direction: when the previous packet leaves

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if not self.target[1]:
            return  # the receiver's port is not known yet
        if addr == self.target:
            destination = self.peer
        elif self.publisher_host is not None and addr[0] != self.publisher_host:
            return  # the receiver checking from another of its addresses: not a path through here
        else:
            self.peer, destination = addr, self.target
            if 128 <= data[0] <= 191 and self.random.random() < self.loss:
                self.dropped += 1
                return
        if destination is None or self.transport is None:
            return
        self.relayed += 1
        loop = asyncio.get_running_loop()
        delay = max(0.0, self.delay_s + self.random.uniform(-self.jitter_s, self.jitter_s))
        # Jitter as a router's queue makes it: delays vary, but packets keep their order (each is
        # due strictly after the one before: timers due at the same moment run in any order).
        due = max(loop.time() + delay, self._last_due.get(destination, 0.0) + 1e-6)
        self._last_due[destination] = due
        if due > loop.time():
            loop.call_at(due, self._send, data, destination)
        else:
            self._send(data, destination)

    def _send(self, data: bytes, destination: tuple[str, int]) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.sendto(data, destination)


def _only_candidate(sdp: str, candidate: str) -> str:
    """``sdp`` with its candidates replaced by ``candidate`` in every media section."""
    lines = [line for line in sdp.splitlines() if not line.startswith(("a=candidate:", "a=end-of-candidates"))]
    out = []
    for line in lines:
        out.append(line)
        if line.startswith("c=IN IP4"):
            out.append(candidate)
            out.append("a=end-of-candidates")
    return "\r\n".join(out) + "\r\n"


class WhipRelay:
    """A WHIP front for ``upstream``: offers and DELETEs pass through; each answer's candidates
    are replaced by a UDP impairment proxy, so the media crosses it."""

    def __init__(self, upstream: str, host: str, loss: float = 0.0, delay_s: float = 0.0,
                 jitter_s: float = 0.0) -> None:
        self.upstream, self.host = upstream.rstrip("/"), host
        self.loss, self.delay_s, self.jitter_s = loss, delay_s, jitter_s
        self.proxies: list[UdpImpairment] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.add_routes([web.post("/whip/{stream}", self._post), web.delete("/whip/session/{id}", self._delete)])
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.url = f"http://{self.host}:{site._server.sockets[0].getsockname()[1]}/whip/show"

    async def stop(self) -> None:
        for proxy in self.proxies:
            if proxy.transport is not None:
                proxy.transport.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _post(self, request: web.Request) -> web.Response:
        # Both peers are told only of the proxy: each side's checks and media cross it.
        proxy = UdpImpairment(("", 0), self.loss, self.delay_s, self.jitter_s, publisher_host=request.remote)
        transport, _ = await asyncio.get_running_loop().create_datagram_endpoint(
            lambda: proxy, local_addr=(self.host, 0))
        self.proxies.append(proxy)
        port = transport.get_extra_info("sockname")[1]
        candidate = f"a=candidate:1 1 udp 2130706431 {self.host} {port} typ host"
        offer = _only_candidate(await request.text(), candidate)
        async with ClientSession() as http, http.post(
                f"{self.upstream}/{request.match_info['stream']}", data=offer.encode(),
                headers={k: v for k, v in request.headers.items() if k in ("Authorization", "Content-Type")}) as answer:
            body, status, location = await answer.text(), answer.status, answer.headers.get("Location", "")
        if status != 201:
            return web.Response(status=status, text=body)
        found = re.search(rf"a=candidate:\S+ 1 udp \d+ {re.escape(self.host)} (\d+) typ host", body)
        if found is None:
            return web.Response(status=502, text="the receiver offered no candidate on the relay's address")
        proxy.target = (self.host, int(found.group(1)))
        return web.Response(status=201, text=_only_candidate(body, candidate), content_type="application/sdp",
                            headers={"Location": location})

    async def _delete(self, request: web.Request) -> web.Response:
        async with ClientSession() as http, http.delete(
                f"{self.upstream}/session/{request.match_info['id']}",
                headers={"Authorization": request.headers.get("Authorization", "")}) as answer:
            return web.Response(status=answer.status, text=await answer.text())


@dataclass
class Arrivals:
    """What the receiver saw of the publisher's test card: per picture, when and how late."""

    times: list[float] = field(default_factory=list)  # time.time() of each picture
    delays: list[float] = field(default_factory=list)  # capture to arrival, seconds (NaN: unreadable)
    keyframes: list[float] = field(default_factory=list)  # arrival of each keyframe

    def listen(self, frame, received: float) -> None:
        luma = frame.to_ndarray(format="yuv420p")[:frame.height]
        if frame.width != CANVAS[0]:  # the sender scaled it down: the stamp is read at its drawn size
            luma = cv2.resize(luma, CANVAS, interpolation=cv2.INTER_LINEAR)
        stamp = read_stamp(luma)
        self.times.append(received)
        if frame.key_frame:
            self.keyframes.append(received)
        self.delays.append(received - stamp.capture_time if stamp else float("nan"))

    def longest_gap(self, start: float, end: float) -> float:
        inside = [t for t in self.times if start <= t <= end]
        edges = [start, *inside, end]
        return max(b - a for a, b in zip(edges, edges[1:], strict=False))

    def delay(self, start: float, end: float) -> float:
        """Median capture-to-arrival delay of the pictures that arrived in [start, end]."""
        values = sorted(d for t, d in zip(self.times, self.delays, strict=True) if start <= t <= end and d == d)
        return values[len(values) // 2] if values else float("nan")


class Publisher:
    """A studio in the namespace publishing the test card over WHIP (tests/netsim_publisher.py);
    it reports its sender's state once a second as JSON lines."""

    def __init__(self, uplink: Uplink, url: str, token: str, controller: str, max_bps: int) -> None:
        self.process = subprocess.Popen(
            ["ip", "netns", "exec", uplink.ns, sys.executable, "-m", "tests.netsim_publisher", url, token,
             controller, str(max_bps)], cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ})
        self.reports: list[dict] = []
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            line = await asyncio.to_thread(self.process.stdout.readline)
            if not line:
                return
            try:
                self.reports.append(json.loads(line))
            except ValueError:
                continue

    def latest(self) -> dict:
        return self.reports[-1] if self.reports else {}

    async def stop(self) -> None:
        self.process.terminate()
        try:
            await asyncio.to_thread(self.process.wait, 10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._reader.cancel()


async def measure_rate(uplink: Uplink, seconds: float) -> float:
    """Bits per second through the cap over the next ``seconds``."""
    before, start = uplink.sent_bytes(), time.monotonic()
    await asyncio.sleep(seconds)
    return (uplink.sent_bytes() - before) * 8 / (time.monotonic() - start)
