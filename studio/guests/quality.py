"""A guest's connection as a traffic light, like vMix Call's: green, amber or red from the round
trip, the loss on the way in, the frame rate and the picture's height, with the numbers beside it."""

from __future__ import annotations

import time
from dataclasses import dataclass

from aiortc import RTCPeerConnection

# (amber from, red from); frame rate and height are "below"
RTT_MS = (200, 500)
LOSS_PCT = (2, 10)
FPS = (20, 10)
HEIGHT = (360, 180)


@dataclass
class Quality:
    light: str = "grey"  # grey until there is something to judge
    rtt_ms: float | None = None
    loss_pct: float = 0.0
    fps: float = 0.0
    width: int = 0
    height: int = 0
    reasons: tuple[str, ...] = ()  # what made the light what it is, the worst first: "rtt", "loss", "fps", "height"

    def to_dict(self) -> dict:
        return {"light": self.light, "rtt_ms": None if self.rtt_ms is None else round(self.rtt_ms),
                "loss_pct": round(self.loss_pct, 1), "fps": round(self.fps, 1), "width": self.width,
                "height": self.height, "reasons": list(self.reasons)}


def judge(rtt_ms: float | None, loss_pct: float, fps: float, height: int) -> tuple[str, tuple[str, ...]]:
    """The light and what made it so, as keys a window can word in its language (the worst first)."""
    red: list[str] = []
    amber: list[str] = []
    if rtt_ms is not None:
        (red if rtt_ms >= RTT_MS[1] else amber if rtt_ms >= RTT_MS[0] else []).append("rtt")
    (red if loss_pct >= LOSS_PCT[1] else amber if loss_pct >= LOSS_PCT[0] else []).append("loss")
    (red if fps < FPS[1] else amber if fps < FPS[0] else []).append("fps")
    (red if height < HEIGHT[1] else amber if height < HEIGHT[0] else []).append("height")
    if red:
        return "red", tuple(red + amber)
    return ("amber", tuple(amber)) if amber else ("green", ())


class QualityMeter:
    """Reads one guest connection's stats each ``sample`` and judges the interval since the last."""

    def __init__(self) -> None:
        self._last: tuple[float, int, int, int] | None = None  # (time, frames, received, lost)

    async def sample(self, pc: RTCPeerConnection, frames: int, size: tuple[int, int]) -> Quality:
        stats = await pc.getStats()
        received = lost = 0
        rtts = []
        for report in stats.values():
            if report.type == "inbound-rtp" and report.kind == "video":
                received += report.packetsReceived
                lost += max(0, report.packetsLost)
            elif report.type == "remote-inbound-rtp" and report.roundTripTime is not None:
                rtts.append(report.roundTripTime * 1000)
        now = time.monotonic()
        last, self._last = self._last, (now, frames, received, lost)
        if last is None or now - last[0] <= 0:
            return Quality(width=size[0], height=size[1])
        elapsed = now - last[0]
        fps = (frames - last[1]) / elapsed
        got, missed = received - last[2], lost - last[3]
        loss = 100.0 * missed / (got + missed) if got + missed > 0 else 0.0
        rtt = max(rtts) if rtts else None
        light, reasons = judge(rtt, loss, fps, size[1])
        return Quality(light, rtt, loss, fps, size[0], size[1], reasons)
