"""The last minutes of the show's numbers, one sample a second while someone reads them (the
stats dock's graphs, scripts polling ``Studio.stats()``): frame rate, bitrate, encoder time, and
per output its bitrate, round-trip time and loss; and frames dropped each second by cause:

- capture: frames the source did not deliver (its nominal rate minus what came);
- filters: frames the program thread had no time for (the source's slot was overwritten);
- encoder: pictures an encoder had no time for;
- network: packets an output or viewer could not send in time (its queue overflowed).
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

CAUSES = ("capture", "filters", "encoder", "network")


class StatsHistory:
    def __init__(self, seconds: int = 300) -> None:
        self.samples: deque[dict[str, float]] = deque(maxlen=seconds)
        self._last: dict[str, float] | None = None
        self._last_time: float | None = None

    def sample(self, stats: dict[str, Any], source_items: int, now: float | None = None) -> dict[str, float]:
        """Add one sample from ``Studio.stats()`` (and the video source's delivered frame count)."""
        now = time.monotonic() if now is None else now
        outputs = stats.get("outputs") or []
        counters = {
            "capture_items": float(source_items),
            "filters": float(stats.get("dropped_source", 0)),
            "encoder": float(stats.get("dropped_encoder", 0)),
            "network": float(sum(o.get("dropped_packets") or 0 for o in outputs) + stats.get("dropped_viewers", 0)),
        }
        sample: dict[str, float] = {
            "time": now,
            "program_fps": float(stats.get("program_fps") or 0),
            "bitrate_kbps": float(stats.get("bitrate_bps") or 0) / 1000,
            "encode_ms": float(stats.get("encode_ms") or 0),
        }
        for output in outputs:
            prefix = f"{output['name']}:"
            sample[prefix + "bitrate_kbps"] = float(output.get("bitrate_bps") or 0) / 1000
            if output.get("rtt_ms") is not None:
                sample[prefix + "rtt_ms"] = float(output["rtt_ms"])
            if output.get("loss") is not None:
                sample[prefix + "loss_pct"] = float(output["loss"]) * 100
        previous, elapsed = self._last, (now - self._last_time) if self._last_time is not None else 0.0
        for cause in CAUSES:
            sample[f"dropped_{cause}"] = 0.0
        if previous is not None and elapsed > 0:
            nominal = float((stats.get("source_info") or {}).get("fps") or 0)
            delivered = counters["capture_items"] - previous["capture_items"]
            sample["dropped_capture"] = max(0.0, round(nominal * elapsed - delivered)) if nominal else 0.0
            for cause in ("filters", "encoder", "network"):
                sample[f"dropped_{cause}"] = max(0.0, counters[cause] - previous[cause])
        self._last, self._last_time = counters, now
        self.samples.append(sample)
        return sample

    def sample_if_due(self, stats: dict[str, Any], source_items: int, interval: float = 1.0) -> None:
        now = time.monotonic()
        if self._last_time is None or now - self._last_time >= interval:
            self.sample(stats, source_items, now)

    def series(self, name: str) -> list[float]:
        """One value per sample (0 where the sample lacks it), oldest first."""
        return [sample.get(name, 0.0) for sample in self.samples]

    def names(self) -> list[str]:
        """Every series the kept samples hold, in first-seen order."""
        seen: dict[str, None] = {}
        for sample in self.samples:
            seen.update(dict.fromkeys(sample))
        seen.pop("time", None)
        return list(seen)

    def dropped_total(self, cause: str) -> int:
        return int(sum(self.series(f"dropped_{cause}")))
