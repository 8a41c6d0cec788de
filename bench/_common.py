"""Shared helpers for the benchmarks: CPU sampling, percentiles, tables and JSON results."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import json
import os
import platform
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
if str(ROOT) not in sys.path:  # `tests.browser` lives at the repo root, not in the installed package
    sys.path.insert(0, str(ROOT))


def machine() -> dict[str, Any]:
    import aiortc
    import av

    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "aiortc": aiortc.__version__, "pyav": av.__version__,
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}


@dataclass
class CpuSample:
    wall: float
    cpu: float  # user + system seconds of the process (all threads, children excluded)
    threads: dict[int, float]


class CpuMeter:
    """CPU time of one process between two samples, as % of one core and of the machine."""

    def __init__(self, pid: int | None = None) -> None:
        self.process = psutil.Process(pid)

    def sample(self) -> CpuSample:
        times = self.process.cpu_times()
        threads = {t.id: t.user_time + t.system_time for t in self.process.threads()}
        return CpuSample(time.monotonic(), times.user + times.system, threads)

    @staticmethod
    def percent(start: CpuSample, end: CpuSample) -> tuple[float, float]:
        """(% of one core, % of the whole machine)."""
        one_core = 100.0 * (end.cpu - start.cpu) / max(end.wall - start.wall, 1e-6)
        return one_core, one_core / (os.cpu_count() or 1)

    def per_thread(self, start: CpuSample, end: CpuSample) -> dict[str, float]:
        """% of one core per thread, keyed by thread name (Python name, else the kernel's comm)."""
        names = {t.native_id: t.name for t in threading.enumerate() if t.native_id is not None}
        wall = max(end.wall - start.wall, 1e-6)
        usage: dict[str, float] = {}
        for tid, cpu in end.threads.items():
            name = names.get(tid) or _comm(self.process.pid, tid)
            usage[name] = usage.get(name, 0.0) + 100.0 * (cpu - start.threads.get(tid, 0.0)) / wall
        return dict(sorted(usage.items(), key=lambda kv: -kv[1]))


def _comm(pid: int, tid: int) -> str:
    try:  # threads started by C libraries (libvpx, ...) carry the process's name
        return "native:" + Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
    except OSError:
        return "exited"


class MachineLoad:
    """How busy the rest of the machine was: other processes compete for the same 2 cores."""

    def __init__(self, own_pids: list[int]) -> None:
        self.own = [psutil.Process(pid) for pid in own_pids]
        self._start = self._read()

    def _read(self) -> tuple[float, float, float]:
        total = psutil.cpu_times()
        busy = sum(total) - total.idle - getattr(total, "iowait", 0.0)
        own = 0.0
        for proc in self.own:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                own += times.user + times.system
        return time.monotonic(), busy, own

    def result(self) -> dict[str, float]:
        """Busy % (of one core) of processes other than ours, and the kernel's CPU pressure."""
        w0, b0, o0 = self._start
        w1, b1, o1 = self._read()
        wall = max(w1 - w0, 1e-6)
        others = 100.0 * ((b1 - b0) - (o1 - o0)) / wall
        return {"others_busy_one_core_pct": round(max(others, 0.0), 1), "cpu_pressure_some_avg10": _psi()}


def _psi() -> float:
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        return float(first.split()[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        return float("nan")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def table(title: str, header: list[str], rows: list[list[Any]]) -> str:
    cells = [[_fmt(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [title, "  ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    for row in cells[1:]:
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    text = "\n".join(lines)
    print(text + "\n", flush=True)
    return text


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "n/a" if value != value else f"{value:.2f}"
    return str(value)


def save(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"bench": name, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(), **data}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}", flush=True)
    return path


def override_encoder_threads(threads: int | None) -> None:
    """Open the studio's shared video encoder with ``threads`` libvpx threads instead of its default."""
    if threads is None:
        return
    from studio.encoder import SharedVideoEncoder

    open_context = SharedVideoEncoder._open_context

    def _open_context(self: SharedVideoEncoder) -> Any:
        ctx = open_context(self)
        ctx.thread_count = threads
        return ctx

    SharedVideoEncoder._open_context = _open_context  # type: ignore[method-assign]


def live_memory_mb() -> float:
    """RSS after glibc hands freed memory back: what is still held, not how much was once in use
    (the studio tunes glibc to keep freed buffers, and each thread's arena keeps its own)."""
    gc.collect()
    ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    return psutil.Process().memory_info().rss / 2**20


def slope(values: list[float]) -> float:
    """Least-squares growth per sample."""
    if len(values) < 2:
        return 0.0
    import numpy as np

    return float(np.polyfit(np.arange(len(values)), values, 1)[0])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
