"""Server CPU per added viewer: the studio (encode once, fan out) vs plain aiortc (one encoder per peer).

Three processes per server kind, so decoding never counts as server work: this script (the
orchestrator) starts the server (`--role studio` or `--role aiortc`) and a viewer process
(`--role viewers`, aiortc WhepPlayers, video only, decoding every frame), steps the viewer count
through N = 0, 1, 2, 4, 8 and samples only the server process's CPU with psutil.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
import urllib.request
from typing import Any

import _common as c
import av
import numpy as np
from aiohttp import web
from aiortc import RTCConfiguration, RTCPeerConnection, RTCRtpSender, RTCSessionDescription, VideoStreamTrack

from studio.config import StudioConfig
from studio.show import Studio
from studio.sources.testcard import TestCardSource
from studio.whep_client import WhepPlayer

STEPS = [0, 1, 2, 4, 8]
TARGET_PER_VIEWER = 5.0  # % of one core


async def _stdin_lines() -> Any:
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        yield line.strip()


def _announce(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


# -- servers ------------------------------------------------------------------------------------
async def run_studio() -> None:
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    await studio.go_live()
    _announce(url=studio.viewer_url + "whep", status=studio.viewer_url + "api/status")
    async for _ in _stdin_lines():
        pass
    await studio.close()


class CardTrack(VideoStreamTrack):
    """aiortc's usual pattern: a track that makes 720p frames, which aiortc encodes for its one peer."""

    ring: list[np.ndarray] = []

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    async def recv(self) -> av.VideoFrame:
        pts, time_base = await self.next_timestamp()
        frame = av.VideoFrame.from_ndarray(self.ring[self.index % len(self.ring)], format="rgb24")
        frame.pts, frame.time_base = pts, time_base
        self.index += 1
        return frame


def aiortc_app() -> tuple[web.Application, dict[str, RTCPeerConnection]]:
    """A plain aiortc WHEP server: every peer gets its own CardTrack, so aiortc encodes once per peer."""
    if not CardTrack.ring:
        source = TestCardSource(1280, 720, 30)
        source.open()
        CardTrack.ring = [source.read().image for _ in range(30)]  # one second of test card, made once
    peers: dict[str, RTCPeerConnection] = {}
    vp8 = [cd for cd in RTCRtpSender.getCapabilities("video").codecs if cd.mimeType in ("video/VP8", "video/rtx")]

    async def offer(request: web.Request) -> web.Response:
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))  # loopback only: no public STUN
        await pc.setRemoteDescription(RTCSessionDescription(await request.text(), "offer"))
        for transceiver in pc.getTransceivers():
            if transceiver.kind == "video":
                transceiver.setCodecPreferences(vp8)
                pc.addTrack(CardTrack())
        await pc.setLocalDescription(await pc.createAnswer())
        key = str(len(peers))
        peers[key] = pc
        return web.Response(status=201, text=pc.localDescription.sdp, content_type="application/sdp",
                            headers={"Location": f"/whep/{key}"})

    async def delete(request: web.Request) -> web.Response:
        pc = peers.pop(request.match_info["key"], None)
        if pc is not None:
            await pc.close()
        return web.Response(text="ended\n")

    app = web.Application()
    app.add_routes([web.post("/whep", offer), web.delete("/whep/{key}", delete)])
    return app, peers


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    """Serve ``app`` on a free loopback port; returns the runner and the WHEP endpoint URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}/whep"


async def run_aiortc_server() -> None:
    app, peers = aiortc_app()
    runner, url = await serve(app)
    _announce(url=url, status=None)
    async for _ in _stdin_lines():
        pass
    for pc in list(peers.values()):
        await pc.close()
    await runner.cleanup()


# -- viewers ------------------------------------------------------------------------------------
async def run_viewers(url: str) -> None:
    """Commands on stdin: a number (grow or shrink to that many players) or 'count' (frames per player)."""
    players: list[WhepPlayer] = []
    frames: list[int] = []
    tasks: list[asyncio.Task] = []

    async def consume(index: int, player: WhepPlayer) -> None:
        track = player.tracks["video"]
        while True:
            await track.recv()  # aiortc has decoded the frame by now
            frames[index] += 1

    async for line in _stdin_lines():
        if line == "count":
            _announce(frames=frames)
        elif line.isdigit():
            while len(players) < int(line):
                player = WhepPlayer(url)
                await player.connect(audio=False)
                players.append(player)
                frames.append(0)
                tasks.append(asyncio.create_task(consume(len(players) - 1, player)))
            while len(players) > int(line):
                tasks.pop().cancel()
                frames.pop()
                await players.pop().close()
            _announce(players=len(players))
    for task in tasks:
        task.cancel()
    for player in players:
        await player.close()


# -- orchestrator -------------------------------------------------------------------------------
class Child:
    def __init__(self, *args: str, log: str) -> None:
        self.log = open(c.RESULTS / log, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([sys.executable, __file__, *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1)

    def ask(self, line: str | None = None) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if line is not None:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise RuntimeError(f"child {self.proc.args} ended; see {self.log.name}")
        return json.loads(reply)

    def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def measure(kind: str, seconds: float, warmup: float, steps: list[int], threads: int | None) -> list[dict[str, Any]]:
    c.RESULTS.mkdir(parents=True, exist_ok=True)
    extra = ["--encoder-threads", str(threads)] if threads is not None else []
    server = Child("--role", kind, *extra, log=f"viewers_bench.{kind}.log")
    hello = server.ask()
    viewers = Child("--role", "viewers", "--url", hello["url"], log=f"viewers_bench.{kind}-viewers.log")
    server_cpu, viewer_cpu = c.CpuMeter(server.proc.pid), c.CpuMeter(viewers.proc.pid)
    rows = []
    try:
        for n in steps:
            viewers.ask(str(n))
            time.sleep(warmup)
            frames0 = viewers.ask("count")["frames"]
            s0, v0 = server_cpu.sample(), viewer_cpu.sample()
            load = c.MachineLoad([server.proc.pid, viewers.proc.pid])
            time.sleep(seconds)
            s1, v1 = server_cpu.sample(), viewer_cpu.sample()
            frames1 = viewers.ask("count")["frames"]
            wall = s1.wall - s0.wall
            fps = [(b - a) / wall for a, b in zip(frames0, frames1, strict=True)]
            row = {"viewers": n, "server_cpu_one_core_pct": c.CpuMeter.percent(s0, s1)[0],
                   "viewer_process_cpu_one_core_pct": c.CpuMeter.percent(v0, v1)[0],
                   "fps_per_viewer_min": min(fps) if fps else float("nan"),
                   "fps_per_viewer_mean": c.mean(fps), **load.result()}
            if hello["status"]:
                with urllib.request.urlopen(hello["status"], timeout=5) as response:
                    status = json.load(response)
                row.update(encoder_fps=status.get("encoder_fps"), program_fps=status.get("program_fps"),
                           dropped_total=status.get("dropped_total"))
            rows.append(row)
            print(f"  {kind}: N={n} server CPU {row['server_cpu_one_core_pct']:.1f}% of one core, "
                  f"viewer fps min {row['fps_per_viewer_min']:.1f}", flush=True)
    finally:
        viewers.stop()
        server.stop()
    return rows


def by_n(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Average the up and down passes at each N (cancels a slow drift in the machine's load)."""
    merged: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        merged.setdefault(row["viewers"], []).append(row)
    out = []
    for n in sorted(merged):
        group = merged[n]
        out.append({k: (c.mean([r[k] for r in group]) if isinstance(group[0][k], float) else group[-1][k])
                    for k in group[0]} | {"samples": len(group)})
    return out


def full_rate(rows: list[dict[str, Any]], fps: float = 30.0) -> list[dict[str, Any]]:
    """Steps where every viewer got the stream at its frame rate: not saturated, not catching up."""
    return [r for r in rows if r["viewers"] == 0 or 0.95 * fps <= r["fps_per_viewer_min"] <= 1.05 * fps]


def per_viewer(raw: list[dict[str, Any]], merged: list[dict[str, Any]]) -> dict[str, float]:
    """CPU per added viewer: the first viewer, the least-squares slope over full-rate steps, and
    (CPU(Nmax) - CPU(0)) / Nmax."""
    usable = full_rate(raw)
    ns = np.array([r["viewers"] for r in usable], float)
    cpu = np.array([r["server_cpu_one_core_pct"] for r in usable], float)
    slope = float(np.polyfit(ns, cpu, 1)[0]) if len(set(ns)) > 1 else float("nan")
    at = {r["viewers"]: r["server_cpu_one_core_pct"] for r in merged}
    top = max(at)
    return {"first": at.get(1, float("nan")) - at.get(0, float("nan")), "slope_full_rate": slope,
            "full_rate_max_n": int(max(ns)), "at_max_n": (at[top] - at[min(at)]) / max(top - min(at), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role", choices=["orchestrator", "studio", "aiortc", "viewers"], default="orchestrator")
    parser.add_argument("--url", help="WHEP endpoint (viewers role)")
    parser.add_argument("--seconds", type=float, default=8.0, help="measured seconds per step")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds after the viewers join")
    parser.add_argument("--steps", type=lambda s: [int(x) for x in s.split(",")], default=STEPS)
    parser.add_argument("--one-way", action="store_true", help="only step up (default: up, then back down)")
    parser.add_argument("--encoder-threads", type=int, default=None,
                        help="what-if: override the studio encoder's libvpx thread_count (default: the core's)")
    args = parser.parse_args()
    c.override_encoder_threads(args.encoder_threads)
    if args.role == "studio":
        return asyncio.run(run_studio())
    if args.role == "aiortc":
        return asyncio.run(run_aiortc_server())
    if args.role == "viewers":
        return asyncio.run(run_viewers(args.url))
    steps = args.steps if args.one_way else args.steps + args.steps[-2::-1]
    raw = {kind: measure(kind, args.seconds, args.warmup, steps, args.encoder_threads)
           for kind in ("studio", "aiortc")}
    results = {kind: by_n(rows) for kind, rows in raw.items()}
    rows = []
    for ours, theirs in zip(results["studio"], results["aiortc"], strict=True):
        rows.append([ours["viewers"], ours["server_cpu_one_core_pct"], ours["fps_per_viewer_min"],
                     theirs["server_cpu_one_core_pct"], theirs["fps_per_viewer_min"],
                     ours["others_busy_one_core_pct"], theirs["others_busy_one_core_pct"]])
    c.table(f"Server process CPU (% of one core), {args.seconds:.0f} s per step, mean of "
            f"{'1 pass' if args.one_way else 'up and down passes'}; viewers decode in another process",
            ["viewers", "studio CPU", "studio fps/viewer(min)", "aiortc CPU", "aiortc fps/viewer(min)",
             "others% (studio run)", "others% (aiortc run)"], rows)
    ours, theirs = (per_viewer(raw[k], results[k]) for k in ("studio", "aiortc"))

    def ratio(key: str) -> float | str:
        return theirs[key] / ours[key] if ours[key] > 0 else "n/a (studio cost within noise)"

    keys = ["first", "slope_full_rate", "at_max_n"]
    c.table("CPU per added viewer (% of one core)",
            ["server", "1st viewer", "slope (full-rate steps)", "up to N", "(CPU(Nmax)-CPU(0))/Nmax"], [
                ["studio (encode once)", ours["first"], ours["slope_full_rate"], ours["full_rate_max_n"],
                 ours["at_max_n"]],
                ["aiortc (encoder per peer)", theirs["first"], theirs["slope_full_rate"],
                 theirs["full_rate_max_n"], theirs["at_max_n"]],
                ["ratio aiortc / studio", ratio("first"), ratio("slope_full_rate"), "", ratio("at_max_n")]])
    worst = max(ours[k] for k in keys)
    target = {f"each added viewer < {TARGET_PER_VIEWER:.0f}% of one core (worst of the three)":
              c.verdict(worst < TARGET_PER_VIEWER)}
    c.table("Targets", ["target", "result"], [[k, v] for k, v in target.items()])
    name = "viewers_bench" if args.encoder_threads is None else f"viewers_bench_threads{args.encoder_threads}"
    c.save(name, {"args": {k: v for k, v in vars(args).items() if k not in ("role", "url")},
                  "steps": results, "raw_steps": raw, "per_viewer": {"studio": ours, "aiortc": theirs},
                  "ratio_aiortc_over_studio": {k: ratio(k) for k in keys}, "targets": target})


if __name__ == "__main__":
    main()
