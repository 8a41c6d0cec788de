"""Beauty and HD chain at 720p: ms per filter and for the whole chain, against a naive
full-resolution bilateral filter measured in the same run; then the chain in a live show with the
encoder running, to see whether 720p30 holds on this machine.

Frames: skimage's astronaut framed as a host, moving slowly, with fresh camera noise every frame.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c
import av
import cv2
import numpy as np

from studio import cores
from studio.allocator import keep_buffers
from studio.config import StudioConfig
from studio.filters.background import BackgroundFilter
from studio.filters.beauty import BeautyFilter
from studio.filters.enhance import EnhanceFilter
from studio.filters.upscale import back_project
from studio.guard import FilterGuard
from studio.pipeline import run_chain
from studio.show import Studio
from studio.vision.context import FaceAnalysis, FrameContext
from tests.photos import host_frame, sensor_noise

FPS = 30.0
CHAIN = ["hd_enhance", "virtual_background", "beauty"]  # faces are found while HD and the background run
TARGET_CHAIN_MS = 15.0


def moving_frames(count: int) -> list[np.ndarray]:
    return [sensor_noise(host_frame(dx=int(40 * np.sin(i / 15)), dy=int(10 * np.sin(i / 9))), 3, seed=i)
            for i in range(count)]


def process_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def chain_phase(frames: list[np.ndarray], seconds: float, paced: bool = True) -> dict[str, Any]:
    """The chain as the program thread runs it, paced at 30 fps (so the person segmenter runs at its
    own capped rate beside it, as in a show), or back to back (its throughput)."""
    analysis = FaceAnalysis()
    background = BackgroundFilter(mode="blur")
    guards = {"beauty": FilterGuard(BeautyFilter()), "virtual_background": FilterGuard(background),
              "hd_enhance": FilterGuard(EnhanceFilter())}
    overhead = "YUV conversions and hand-overs (chain − filters)"
    ms: dict[str, list[float]] = {name: [] for name in ["faces (analysis thread)", *CHAIN, overhead, "chain"]}
    ordered = [guards[name] for name in CHAIN]
    for name, guard in guards.items():
        guard.apply = _timed(guard.apply, ms[name])  # type: ignore[method-assign]
    count = round(seconds * FPS)
    cpu0, runs0, due = process_cpu_s(), 0, time.monotonic()
    for i in range(count + 30):
        if i == 30:  # warm-up done: models loaded, tracker locked on, segmenter running
            cpu0, runs0 = process_cpu_s(), background.segmenter.runs
            for values in ms.values():
                values.clear()
        before = {name: len(ms[name]) for name in CHAIN}
        start = time.perf_counter()
        run_chain(ordered, frames[i % len(frames)], FrameContext(analysis, time.monotonic()))
        ms["chain"].append((time.perf_counter() - start) * 1000)
        ms[overhead].append(ms["chain"][-1] - sum(sum(ms[name][before[name]:]) for name in CHAIN))
        ms["faces (analysis thread)"].append(analysis.analysis_ms)
        due += 1 / FPS
        if paced:
            time.sleep(max(0.0, due - time.monotonic()))
    cpu = process_cpu_s() - cpu0
    runs = background.segmenter.runs - runs0
    background.segmenter.close()
    analysis.close()
    assert all(g.error is None for g in guards.values()), {n: g.error for n, g in guards.items()}
    return {"frames": count, "faces_seen": analysis.face_count,
            "ms": {k: {"mean": c.mean(v), "p95": c.percentile(v, 95)} for k, v in ms.items()},
            "segmenter_runs_per_s": runs / seconds, "segmenter_model_ms": background.segmenter.model_ms,
            "process_cpu_ms_per_frame": cpu / count * 1000}


def _timed(apply: Any, into: list[float]) -> Any:
    def timed(image: np.ndarray, context: FrameContext, **kwargs: Any) -> np.ndarray:
        start = time.perf_counter()
        out = apply(image, context, **kwargs)
        into.append((time.perf_counter() - start) * 1000)
        return out
    return timed


def baseline_phase(frames: list[np.ndarray], count: int) -> dict[str, Any]:
    """The naive way to smooth skin: a bilateral filter over the whole 720p frame (d = 9)."""
    times = []
    for i in range(count):
        start = time.perf_counter()
        cv2.bilateralFilter(frames[i % len(frames)], 9, 60, 7)
        times.append((time.perf_counter() - start) * 1000)
    return {"frames": count, "mean": c.mean(times), "p95": c.percentile(times, 95)}


def upscale_phase(frames: list[np.ndarray], count: int) -> dict[str, Any]:
    small = [cv2.resize(f, (640, 360), interpolation=cv2.INTER_AREA) for f in frames[:10]]
    ours, bicubic = [], []
    for i in range(count):
        start = time.perf_counter()
        back_project(small[i % len(small)], (1280, 720))
        mid = time.perf_counter()
        cv2.resize(small[i % len(small)], (1280, 720), interpolation=cv2.INTER_CUBIC)
        ours.append((mid - start) * 1000)
        bicubic.append((time.perf_counter() - mid) * 1000)
    return {"back_projection": c.mean(ours), "bicubic": c.mean(bicubic)}


def write_video(frames: list[np.ndarray], path: Path) -> None:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libvpx", rate=int(FPS))
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        stream.bit_rate = 8_000_000
        for frame in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


async def live_phase(video: Path, seconds: float, filters: list[str]) -> dict[str, Any]:
    studio = Studio(StudioConfig(port=0, video_source="file", video_options={"path": str(video)},
                                 audio_source="none", filters=[{"name": n} for n in filters]))
    await studio.start()
    await studio.go_live()
    await asyncio.sleep(3.0)
    pipeline, encoder = studio.pipeline, studio.video_encoder
    assert encoder is not None
    meter = c.CpuMeter()
    before = (pipeline.program_frames, encoder.packets, pipeline._source_slot.dropped, encoder.input.dropped)
    cpu0 = meter.sample()
    await asyncio.sleep(seconds)
    cpu1 = meter.sample()
    after = (pipeline.program_frames, encoder.packets, pipeline._source_slot.dropped, encoder.input.dropped)
    stats = studio.stats()
    await studio.close()
    wall = cpu1.wall - cpu0.wall
    one_core, _ = c.CpuMeter.percent(cpu0, cpu1)
    return {"filters": filters, "seconds": wall, "program_fps": (after[0] - before[0]) / wall,
            "encoder_fps": (after[1] - before[1]) / wall, "dropped_program": after[2] - before[2],
            "dropped_encoder": after[3] - before[3], "cpu_one_core_pct": one_core,
            "filter_ms": stats["filter_ms"], "encode_ms": stats.get("encode_ms"), "faces": stats["faces"],
            "filter_errors": stats["filter_errors"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--cv-threads", type=int, default=None, help="OpenCV threads (default: studio.cores)")
    parser.add_argument("--skip-live", action="store_true")
    args = parser.parse_args()
    if args.cv_threads is not None:
        os.environ[cores.ENV] = str(args.cv_threads)  # the live shows' pipelines read it too
    cores.share_cores()
    keep_buffers()
    frames = moving_frames(90)
    chain = chain_phase(frames, args.seconds)
    back_to_back = chain_phase(frames, args.seconds / 2, paced=False)
    base = baseline_phase(frames, 60)
    upscale = upscale_phase(frames, 60)
    if args.skip_live:
        live_plain = live_full = {"filters": [], "program_fps": float("nan"), "encoder_fps": float("nan"),
                                  "dropped_program": 0, "dropped_encoder": 0, "cpu_one_core_pct": float("nan"),
                                  "filter_ms": float("nan")}
    else:
        with tempfile.TemporaryDirectory() as folder:
            video = Path(folder) / "host.webm"
            write_video(frames, video)
            live_plain = asyncio.run(live_phase(video, args.seconds, []))
            live_full = asyncio.run(live_phase(video, args.seconds, CHAIN))

    ms = chain["ms"]
    c.table(f"Beauty + HD chain at 720p, {chain['frames']} frames paced at 30 fps ({c.machine()['nproc']} cores)",
            ["stage", "mean ms", "p95 ms"],
            [[name, v["mean"], v["p95"]] for name, v in ms.items()])
    c.table("The same chain with frames back to back (throughput, not latency)", ["stage", "mean ms", "p95 ms"],
            [[name, v["mean"], v["p95"]] for name, v in back_to_back["ms"].items()])
    c.table("Beside the program thread (paced run)", ["what", "value"], [
        ["person segmenter runs per second", chain["segmenter_runs_per_s"]],
        ["person segmenter model ms per run", chain["segmenter_model_ms"]],
        ["process CPU ms per frame (all threads)", chain["process_cpu_ms_per_frame"]]])
    ratio = ms["chain"]["mean"] / base["mean"]
    c.table("Baseline in the same run", ["what", "mean ms", "p95 ms"], [
        ["whole chain (HD, faces, beauty, background)", ms["chain"]["mean"], ms["chain"]["p95"]],
        ["naive full-frame bilateral filter (d=9)", base["mean"], base["p95"]],
        ["chain / bilateral", ratio, float("nan")]])
    c.table("Upscaler 640×360 → 1280×720", ["method", "ms"], [
        ["back-projection (ours)", upscale["back_projection"]], ["bicubic", upscale["bicubic"]]])
    c.table(f"Live show with the VP8 encoder, {args.seconds:.0f} s", [
        "filters", "program fps", "encoder fps", "dropped program", "dropped encoder", "CPU % of one core",
        "chain ms (moving average)"],
        [[" + ".join(r["filters"]) or "none", r["program_fps"], r["encoder_fps"], r["dropped_program"],
          r["dropped_encoder"], r["cpu_one_core_pct"], r["filter_ms"]] for r in (live_plain, live_full)])
    targets = {
        f"whole chain ≤ {TARGET_CHAIN_MS:.0f} ms per 720p frame (paced, mean)": c.verdict(
            ms["chain"]["mean"] <= TARGET_CHAIN_MS),
        "720p30 holds with the full chain and the encoder": c.verdict(
            live_full["program_fps"] >= 29 and live_full["encoder_fps"] >= 29),
    }
    c.table("Targets", ["target", "result"], [[k, v] for k, v in targets.items()])
    c.save("beauty_bench", {"chain": chain, "chain_back_to_back": back_to_back, "baseline_bilateral": base,
                            "upscale": upscale, "live": [live_plain, live_full], "targets": targets})


if __name__ == "__main__":
    sys.exit(main())
