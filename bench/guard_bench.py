"""Cost of the plugin guard: a 720p filter call through FilterGuard against the same call made directly.

Both run in the same process, interleaved in rounds so that drift affects them alike. Target: the
guard adds at most 0.1 ms per filter call.
"""

from __future__ import annotations

import argparse
import time

import _common as c
import numpy as np

from studio.filters.basic import MirrorFilter
from studio.guard import FilterGuard
from studio.plugin_api import VideoFilter

TARGET_MS = 0.1


class Identity(VideoFilter):
    """The cheapest possible filter, so the guard's own cost is not hidden behind the filter's."""

    name = "identity"

    def apply(self, image: np.ndarray) -> np.ndarray:
        return image


def per_call_ms(call, image: np.ndarray, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call(image)
    return (time.perf_counter() - started) * 1000 / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--calls", type=int, default=2000, help="calls per round (identity filter)")
    args = parser.parse_args()
    image = np.random.default_rng(1).integers(0, 255, (720, 1280, 3), dtype=np.uint8)
    rows, result = [], {}
    for flt, calls in ((Identity(), args.calls), (MirrorFilter(), max(1, args.calls // 20))):
        guard = FilterGuard(flt, fps=30)
        direct, guarded = [], []
        for _ in range(args.rounds):
            direct.append(per_call_ms(flt.apply, image, calls))
            guarded.append(per_call_ms(guard.apply, image, calls))
        d, g = c.percentile(direct, 50), c.percentile(guarded, 50)
        assert guard.error is None
        rows.append([flt.name, d, g, (g - d), g / d])
        result[flt.name] = {"direct_ms": d, "guarded_ms": g, "overhead_ms": g - d, "ratio": g / d}
    c.table("Filter call, 720p RGB, median of rounds (microseconds per call)",
            ["filter", "direct µs", "guarded µs", "guard overhead µs", "guarded / direct"],
            [[r[0], f"{r[1] * 1000:.2f}", f"{r[2] * 1000:.2f}", f"{r[3] * 1000:.2f}", f"{r[4]:.2f}"] for r in rows])
    worst = max(v["overhead_ms"] for v in result.values())
    verdict = c.verdict(worst <= TARGET_MS)
    c.table("Target", ["target", "result"], [[f"guard overhead <= {TARGET_MS} ms per call", verdict]])
    c.save("guard_bench", {"args": vars(args), "filters": result, "worst_overhead_ms": worst})


if __name__ == "__main__":
    main()
