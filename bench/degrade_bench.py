"""Beauty + HD live on a busy machine: the show with two busy-loop processes beside it, against the
same show without them, in one run. Reports program and encoder fps, each filter's level over time
and the chain's ms; then the busy loops stop and the filters should come back to full quality.

One show goes through: baseline (no busy loops); busy (two), in rounds that alternate the guard's
ladder as it is with a what-if ladder that has no lighter level (the filters then stay at full
quality, over budget), so both see the same machine (a VM's speed drifts over minutes); recovery
(the busy loops stopped, the ladder as it is).

Frames: beauty_bench.py's host, moving slowly, with fresh camera noise, decoded from a file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c
from beauty_bench import moving_frames, write_video
from pipeline_bench import Timings, start_hogs, stop_hogs

from studio.config import StudioConfig
from studio.degrade import Ladder
from studio.show import Studio

FPS = 30.0
FILTERS = ["hd_enhance", "beauty"]  # the beauty panel's order
SAMPLE_SECONDS = 0.5
ROW_SECONDS = 2.0  # one row of the time series every this long
SETTLE_SECONDS = 5.0  # the start of a segment, while the ladder steps down, is left out of its figures
TARGET_FPS = 29.0


class Phase:
    """One stretch of a live show: samples of its stats, and the chain's time for each frame."""

    def __init__(self, name: str, busy: int, levels: bool) -> None:
        self.name, self.busy, self.levels = name, busy, levels
        self.samples: list[dict[str, Any]] = []
        self.chain_ms: list[float] = []
        self.settled = 0  # how many of chain_ms came before SETTLE_SECONDS into the phase
        self.load: dict[str, float] = {}


def use_ladders(studio: Studio, levels: bool) -> None:
    """Each guard gets a fresh ladder: its filter's own levels, or (the what-if) none."""
    for guard in studio.pipeline.filters:
        guard.ladder = Ladder(guard.budget_ms, guard.lighter_levels if levels else 0)
        guard.filter.degrade = 0


async def run_phase(studio: Studio, timings: Timings, phase: Phase, seconds: float, t0: float,
                    hogs: list[subprocess.Popen]) -> None:
    pipeline, encoder = studio.pipeline, studio.video_encoder
    assert encoder is not None
    load = c.MachineLoad([os.getpid(), *(h.pid for h in hogs)])  # "others": not this bench's processes
    first = len(timings.ms.get("chain", []))
    start = time.monotonic()
    while time.monotonic() < start + seconds:
        if not phase.settled and time.monotonic() >= start + SETTLE_SECONDS:
            phase.settled = len(timings.ms.get("chain", [])) - first
        stats = studio.stats()
        states = {s["name"]: s for s in stats["filter_states"]}
        phase.samples.append({
            "t": round(time.monotonic() - t0, 2), "program_frames": pipeline.program_frames,
            "encoded": encoder.packets, "dropped_source": stats["dropped_source"], "chain_ms_ema": stats["filter_ms"],
            **{f"{n}_{k}": states[n][k] for n in FILTERS for k in ("state", "level", "ms", "over_budget")}})
        await asyncio.sleep(SAMPLE_SECONDS)
    phase.load = load.result()
    phase.chain_ms = timings.ms.get("chain", [])[first:]


def rate(samples: list[dict[str, Any]], key: str) -> float:
    if len(samples) < 2:
        return float("nan")
    return (samples[-1][key] - samples[0][key]) / (samples[-1]["t"] - samples[0]["t"])


def summary(name: str, phases: list[Phase], skip: float = 0.0) -> dict[str, Any]:
    """Frame rates, drops, levels and chain times over ``phases`` pooled, each from ``skip``
    seconds into it (0 or ``SETTLE_SECONDS``)."""
    segments = [[s for s in p.samples if s["t"] >= p.samples[0]["t"] + skip] for p in phases]
    seconds = sum(seg[-1]["t"] - seg[0]["t"] for seg in segments)

    def per_second(key: str) -> float:
        return sum(seg[-1][key] - seg[0][key] for seg in segments) / seconds

    samples = [s for seg in segments for s in seg]
    chain_ms = [ms for p in phases for ms in p.chain_ms[p.settled if skip else 0:]]
    out: dict[str, Any] = {
        "phase": name + (f" (each from {skip:.0f} s)" if skip else ""), "busy_loops": phases[0].busy,
        "seconds": seconds, "program_fps": per_second("program_frames"), "encoder_fps": per_second("encoded"),
        "dropped_source": sum(seg[-1]["dropped_source"] - seg[0]["dropped_source"] for seg in segments),
        "switched_off": sorted({n for s in samples for n in FILTERS if s[f"{n}_state"] == "off"}),
        "chain_ms": {"frames": len(chain_ms), "mean": c.mean(chain_ms), "p50": c.percentile(chain_ms, 50),
                     "p95": c.percentile(chain_ms, 95)},
        "others_one_core_pct": max(p.load["others_busy_one_core_pct"] for p in phases),
        "cpu_pressure": c.mean([p.load["cpu_pressure_some_avg10"] for p in phases]),
    }
    for flt in FILTERS:
        levels = [s[f"{flt}_level"] for s in samples]
        out[f"{flt}_levels"] = {level: round(levels.count(level) / len(levels), 2) for level in sorted(set(levels))}
    return out


def back_to_full(phase: Phase) -> float:
    """Seconds into the phase until every filter is at level 0 and stays there."""
    t = phase.samples[0]["t"]
    for sample in phase.samples:
        if any(sample[f"{n}_level"] for n in FILTERS):
            t = sample["t"] + SAMPLE_SECONDS
    return t - phase.samples[0]["t"] if t <= phase.samples[-1]["t"] else float("nan")


async def live_show(video: Path, plan: list[tuple[str, int, bool, float]], warmup: float) -> list[Phase]:
    studio = Studio(StudioConfig(port=0, fps=FPS, video_source="file", video_options={"path": str(video)},
                                 audio_source="none", filters=[{"name": n} for n in FILTERS]))
    timings = Timings()
    pipeline = studio.pipeline
    pipeline._apply_filters = timings.wrap("chain", pipeline._apply_filters)  # type: ignore[method-assign]
    await studio.start()
    await studio.go_live()
    await asyncio.sleep(warmup)  # models loaded, the face tracked
    timings.enabled = True
    t0 = time.monotonic()
    phases: list[Phase] = []
    hogs: list[subprocess.Popen] = []
    ladders = True  # as the show made them
    try:
        for name, busy, levels, seconds in plan:
            if busy != len(hogs):
                stop_hogs(hogs)
                hogs = start_hogs(busy)
            if levels != ladders:  # otherwise the ladders carry on: recovery starts where busy left them
                use_ladders(studio, levels)
                ladders = levels
            phase = Phase(name, busy, levels)
            await run_phase(studio, timings, phase, seconds, t0, hogs)
            phases.append(phase)
    finally:
        stop_hogs(hogs)
        await studio.close()
    return phases


def series_rows(phases: list[Phase]) -> list[list[Any]]:
    rows = []
    for phase in phases:
        step = max(1, round(ROW_SECONDS / SAMPLE_SECONDS))
        for a, b in zip(phase.samples[::step], phase.samples[step::step], strict=False):
            pair = [a, b]
            rows.append([f"{a['t']:.0f}–{b['t']:.0f}", phase.name, rate(pair, "program_frames"),
                         rate(pair, "encoded"), b["chain_ms_ema"],
                         *[f"{b[f'{n}_level']}{' over' if b[f'{n}_over_budget'] else ''}"
                           f"{' OFF' if b[f'{n}_state'] == 'off' else ''}" for n in FILTERS],
                         *[b[f"{n}_ms"] for n in FILTERS]])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segment-seconds", type=float, default=15.0, help="each busy segment")
    parser.add_argument("--rounds", type=int, default=3, help="busy rounds: the what-if, then levels on")
    parser.add_argument("--baseline-seconds", type=float, default=20.0)
    parser.add_argument("--recovery-seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--busy-procs", type=int, default=2)
    args = parser.parse_args()
    busy = [(name, args.busy_procs, levels, args.segment_seconds) for _ in range(args.rounds)
            for name, levels in (("busy, no levels", False), ("busy", True))]
    with tempfile.TemporaryDirectory() as folder:
        video = Path(folder) / "host.webm"
        write_video(moving_frames(90), video)
        phases = asyncio.run(live_show(video, [("baseline", 0, True, args.baseline_seconds), *busy,
                                               ("recovery", 0, True, args.recovery_seconds)], args.warmup))
    baseline, recovery = phases[0], phases[-1]
    with_levels = [p for p in phases if p.name == "busy"]
    without = [p for p in phases if p.name == "busy, no levels"]
    rows = [summary("baseline", [baseline]), summary("busy", with_levels, SETTLE_SECONDS),
            summary("busy, what-if: no lighter levels", without, SETTLE_SECONDS), summary("recovery", [recovery])]

    c.table(f"Beauty + HD live at 720p{FPS:.0f}, the VP8 encoder on ({c.machine()['nproc']} cores); levels over time "
            "(0 = full quality; 'over' = over budget at its lightest level)",
            ["t (s)", "phase", "program fps", "encoder fps", "chain ms (avg)",
             *[f"{n} level" for n in FILTERS], *[f"{n} ms" for n in FILTERS]], series_rows(phases))
    c.table("Per phase (busy: its segments pooled)", [
        "phase", "busy loops", "s", "program fps", "encoder fps", "dropped source",
        *[f"{n}: share of time at level" for n in FILTERS], "switched off"],
        [[r["phase"], r["busy_loops"], r["seconds"], r["program_fps"], r["encoder_fps"], r["dropped_source"],
          *[" ".join(f"{lv}:{share:.2f}" for lv, share in r[f"{n}_levels"].items()) for n in FILTERS],
          ", ".join(r["switched_off"]) or "none"] for r in rows])
    c.table("Chain (filters) ms per frame, and the machine", [
        "phase", "frames", "mean", "p50", "p95", "other processes, most % of a core", "CPU pressure (PSI)"],
        [[r["phase"], r["chain_ms"]["frames"], r["chain_ms"]["mean"], r["chain_ms"]["p50"], r["chain_ms"]["p95"],
          r["others_one_core_pct"], r["cpu_pressure"]] for r in rows])
    recovered_in = back_to_full(recovery)
    left = ", ".join(f"{n} {recovery.samples[0][f'{n}_level']}" for n in FILTERS)
    settled = rows[1]
    targets = {
        "beauty and HD never switched off by overruns (any phase)": c.verdict(not any(r["switched_off"] for r in rows)),
        f"busy, each segment from {SETTLE_SECONDS:.0f} s in: program and encoder >= {TARGET_FPS:.0f} fps": c.verdict(
            settled["program_fps"] >= TARGET_FPS and settled["encoder_fps"] >= TARGET_FPS),
        f"after the busy loops stop, both back to full quality within {args.recovery_seconds:.0f} s "
        f"(levels then: {left}; took {recovered_in:.1f} s)": c.verdict(recovered_in == recovered_in),
    }
    c.table("Targets", ["target", "result"], [[k, v] for k, v in targets.items()])
    c.save("degrade_bench", {"args": vars(args), "summary": rows, "recovered_in_s": recovered_in,
                             "phases": [{"name": p.name, "levels": p.levels, "samples": p.samples, "load": p.load}
                                        for p in phases],
                             "targets": targets})


if __name__ == "__main__":
    sys.exit(main())
