"""720p30 test card → filters (none) → compositor → shared VP8 encoder: fps, drops, ms per stage, CPU.

Baseline in the same run: the same test-card frames encoded by our shared encoder's path and by
aiortc's own per-peer VP8 encoder (``aiortc.codecs.get_encoder``), frame by frame, interleaved.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import _common as c
import av
import cv2
from aiortc.codecs import get_encoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters

import studio.encoder as encoder_module
import studio.sources.testcard as testcard_module
from studio.config import StudioConfig
from studio.encoder import SharedVideoEncoder
from studio.frames import VideoFrame
from studio.show import Studio
from studio.sources.testcard import TestCardSource

FPS = 30.0
SIZE = (1280, 720)


class Timings:
    """Per-call durations (ms) recorded by wrappers around the stages, by name."""

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = {}
        self.enabled = False

    def add(self, name: str, ms: float) -> None:
        if self.enabled:
            self.ms.setdefault(name, []).append(ms)

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, (time.perf_counter() - started) * 1000)
        return timed


class _TimedCv2:
    """Stands in for ``cv2`` inside studio.encoder so the colour conversion is timed on its own."""

    def __init__(self, timings: Timings) -> None:
        self.cvtColor = timings.wrap("colour convert", cv2.cvtColor)

    def __getattr__(self, name: str) -> Any:
        return getattr(cv2, name)


original_pace = testcard_module.pace


def instrument(studio: Studio, timings: Timings) -> None:
    """Wrap the stages of a constructed (not yet started) studio with timers; the core is unchanged."""
    source = studio.pipeline.video_runner.source
    paced_at = [0.0]
    original_read = source.read

    def pace(next_due: float, interval: float) -> float:
        result = original_pace(next_due, interval)
        paced_at[0] = time.perf_counter()
        return result

    def read() -> VideoFrame:  # generation time only: the pacing sleep is excluded
        frame = original_read()
        timings.add("test card", (time.perf_counter() - paced_at[0]) * 1000)
        return frame

    testcard_module.pace = pace
    source.read = read  # type: ignore[method-assign]
    pipeline = studio.pipeline
    pipeline._apply_filters = timings.wrap("filter", pipeline._apply_filters)  # type: ignore[method-assign]
    pipeline.compositor.compose = timings.wrap("compose", pipeline.compositor.compose)  # type: ignore
    encoder_module.cv2 = _TimedCv2(timings)  # type: ignore[assignment]


def start_hogs(count: int) -> list[subprocess.Popen]:
    """Busy-loop processes standing in for other work on the machine (the UI, a browser, a call app)."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def stop_hogs(hogs: list[subprocess.Popen]) -> None:
    for hog in hogs:
        hog.kill()
        hog.wait()


async def live_phase(seconds: float, warmup: float) -> dict[str, Any]:
    studio = Studio(StudioConfig(port=0, fps=FPS, canvas_width=SIZE[0], canvas_height=SIZE[1]))
    timings = Timings()
    instrument(studio, timings)
    await studio.start()
    await studio.go_live()
    video = studio.video_encoder
    assert video is not None
    video._encode_one = timings.wrap("colour convert + encode", video._encode_one)  # type: ignore
    await asyncio.sleep(warmup)
    meter = c.CpuMeter()
    runner, pipeline = studio.pipeline.video_runner, studio.pipeline

    def counters() -> dict[str, int]:
        return {"source": runner.items, "program": pipeline.program_frames, "encoded": video.packets,
                "dropped_source_slot": pipeline._source_slot.dropped, "dropped_encoder": video.input.dropped}

    before, cpu0, load = counters(), meter.sample(), c.MachineLoad([meter.process.pid])
    timings.enabled = True
    await asyncio.sleep(seconds)
    timings.enabled = False
    after, cpu1 = counters(), meter.sample()
    wall = cpu1.wall - cpu0.wall
    stats, threads = studio.stats(), meter.per_thread(cpu0, cpu1)
    encoder_threads = video._context.thread_count
    await studio.close()
    encoder_module.cv2 = cv2  # type: ignore[assignment]
    testcard_module.pace = original_pace
    delta = {k: after[k] - before[k] for k in after}
    one_core, machine = c.CpuMeter.percent(cpu0, cpu1)
    expected = round(seconds * FPS)
    return {
        "seconds": round(wall, 2), "expected_frames": expected, "counts": delta,
        "source_fps": delta["source"] / wall, "program_fps": delta["program"] / wall,
        "encoder_fps": delta["encoded"] / wall,
        "dropped": {"test card behind schedule": max(0, expected - delta["source"]),
                    "program (source slot)": delta["dropped_source_slot"],
                    "encoder (input slot)": delta["dropped_encoder"]},
        "stage_ms": {name: {"mean": c.mean(v), "p95": c.percentile(v, 95), "max": max(v), "n": len(v)}
                     for name, v in timings.ms.items()},
        "cpu_one_core_pct": one_core, "cpu_machine_pct": machine,
        "threads_one_core_pct": {k: round(v, 1) for k, v in threads.items() if v >= 0.1},
        "encoder_thread_count": encoder_threads, "machine_load": load.result(), "studio_stats": stats,
    }


def baseline_phase(seconds: float, bitrate: int) -> dict[str, Any]:
    """Both encoders get each test-card frame in turn, paced at 30 fps; wall and CPU ms per frame."""
    load = c.MachineLoad([c.CpuMeter().process.pid])
    ours = SharedVideoEncoder(SIZE[0], SIZE[1], FPS, bitrate, time.time())  # _encode_one is called here
    vp8 = RTCRtpCodecParameters(mimeType="video/VP8", clockRate=90000, payloadType=96)
    theirs = get_encoder(vp8)
    theirs.target_bitrate = bitrate  # type: ignore[attr-defined]  # aiortc clamps to its 1.5 Mbps max
    source = TestCardSource(*SIZE, fps=FPS)
    source.open()
    wall: dict[str, list[float]] = {"ours": [], "aiortc": []}
    cpu: dict[str, list[float]] = {"ours": [], "aiortc": []}
    sizes = {"ours": 0, "aiortc": 0}

    def aiortc_encode(item: VideoFrame, index: int) -> None:
        frame = av.VideoFrame.from_ndarray(item.image, format="rgb24")  # what an aiortc track hands over
        frame.pts, frame.time_base = index * 3000, encoder_module.VIDEO_TIME_BASE
        payloads, _ = theirs.encode(frame, index == 0)
        sizes["aiortc"] += sum(len(p) for p in payloads)

    publish = ours._publish

    def counted_publish(packet: av.Packet, capture_time: float) -> None:
        sizes["ours"] += packet.size
        publish(packet, capture_time)

    ours._publish = counted_publish  # type: ignore[method-assign]

    def ours_encode(item: VideoFrame, index: int) -> None:
        ours._encode_one(item)

    deadline = time.monotonic() + seconds
    index = 0
    while time.monotonic() < deadline:
        item = source.read()
        order = [("ours", ours_encode), ("aiortc", aiortc_encode)]
        for name, fn in order if index % 2 == 0 else order[::-1]:
            w0, p0 = time.perf_counter(), time.process_time()
            fn(item, index)
            wall[name].append((time.perf_counter() - w0) * 1000)
            cpu[name].append((time.process_time() - p0) * 1000)
        index += 1
    return {
        "frames": index, "bitrate_requested": bitrate, "machine_load": load.result(),
        "ours_thread_count": ours._context.thread_count,
        "aiortc_thread_count": theirs.codec.thread_count,  # type: ignore[attr-defined]
        "aiortc_bitrate": theirs.target_bitrate,  # type: ignore[attr-defined]
        "kbps": {k: v * 8 / 1000 / max(index / FPS, 1e-6) for k, v in sizes.items()},
        "wall_ms": {k: {"mean": c.mean(v), "p95": c.percentile(v, 95)} for k, v in wall.items()},
        "cpu_ms": {k: {"mean": c.mean(v), "p95": c.percentile(v, 95)} for k, v in cpu.items()},
        "ratio_wall": c.mean(wall["ours"]) / c.mean(wall["aiortc"]),
        "ratio_cpu": c.mean(cpu["ours"]) / c.mean(cpu["aiortc"]),
    }


def report(live: dict[str, Any], base: dict[str, Any]) -> None:
    d, load = live["dropped"], live["machine_load"]
    c.table(f"Pipeline 720p30, no filters, {live['seconds']:.1f} s measured, "
            f"encoder thread_count={live['encoder_thread_count']}, busy-loop processes={live['busy_procs']}",
            ["measure", "value"], [
        ["test card fps", live["source_fps"]], ["program fps", live["program_fps"]],
        ["encoder fps", live["encoder_fps"]],
        *[[f"dropped: {k}", v] for k, v in d.items()],
        ["process CPU, % of one core", live["cpu_one_core_pct"]],
        ["process CPU, % of machine", live["cpu_machine_pct"]],
        ["other processes, % of one core", load["others_busy_one_core_pct"]],
        ["CPU pressure (PSI some avg10)", load["cpu_pressure_some_avg10"]]])
    c.table("Stage times (ms per frame)", ["stage", "mean", "p95", "max", "frames"],
            [[k, v["mean"], v["p95"], v["max"], v["n"]] for k, v in live["stage_ms"].items()])
    c.table("CPU per thread (% of one core)", ["thread", "cpu %"],
            [[k, v] for k, v in live["threads_one_core_pct"].items()])
    w, p = base["wall_ms"], base["cpu_ms"]
    c.table(f"Baseline: the same {base['frames']} frames, our shared encode vs aiortc Vp8Encoder",
            ["encoder", "wall ms", "wall p95", "CPU ms", "kbps"], [
                [f"ours (cvtColor I420 + libvpx cpu-used 8, {base['ours_thread_count']} thr)",
                 w["ours"]["mean"], w["ours"]["p95"],
                 p["ours"]["mean"], base["kbps"]["ours"]],
                [f"aiortc Vp8Encoder (rgb24 reformat + libvpx cpu-used -6, {base['aiortc_thread_count']} thr)",
                 w["aiortc"]["mean"],
                 w["aiortc"]["p95"], p["aiortc"]["mean"], base["kbps"]["aiortc"]],
                ["ratio ours / aiortc", base["ratio_wall"], "", base["ratio_cpu"], ""]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds of the live pipeline")
    parser.add_argument("--baseline-seconds", type=float, default=None, help="default: half of --seconds")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--encoder-threads", type=int, default=None,
                        help="what-if: override the shared encoder's libvpx thread_count (default: the core's)")
    parser.add_argument("--busy-procs", type=int, default=0,
                        help="run this many busy-loop processes during the live phase (contention test)")
    args = parser.parse_args()
    c.override_encoder_threads(args.encoder_threads)
    hogs = start_hogs(args.busy_procs)
    try:
        live = asyncio.run(live_phase(args.seconds, args.warmup))
    finally:
        stop_hogs(hogs)
    live["busy_procs"] = args.busy_procs
    base = baseline_phase(args.baseline_seconds or max(3.0, args.seconds / 2), StudioConfig().video_bitrate)
    report(live, base)
    sustained = live["program_fps"] >= 0.98 * FPS and live["encoder_fps"] >= 0.98 * FPS
    no_drops = sum(live["dropped"].values()) == 0
    target = {"720p30 sustained (program and encoder >= 29.4 fps)": c.verdict(sustained),
              "no dropped frames": c.verdict(no_drops)}
    c.table("Targets", ["target", "result"], [[k, v] for k, v in target.items()])
    name = "pipeline_bench" + ("" if args.encoder_threads is None else f"_threads{args.encoder_threads}") + (
        f"_busy{args.busy_procs}" if args.busy_procs else "")
    c.save(name, {"args": vars(args), "live": live, "baseline": base, "targets": target})


if __name__ == "__main__":
    main()
