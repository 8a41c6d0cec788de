"""Adaptive bitrate for a sending peer connection. aiortc answers REMB only (no transport-cc, no
loss- or delay-based control) and ignores both on a packet track, so the studio reads the
receiver's feedback itself — REMB, and the loss fraction, jitter and round-trip time of its
receiver reports — and turns it into a target bitrate, a picture size and a frame rate.

The controller is a class with one method to feed and one to read, so another can replace it.
Each change of bitrate or size re-opens the encoder and costs a keyframe: the controller moves
the encoder in coarse steps, down quickly and up slowly, and measures how often it did."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from aiortc import RTCRtpSender
from aiortc.rtp import RTCP_PSFB_APP, RtcpPsfbPacket, RtcpRrPacket, RtcpSrPacket, is_rtcp, unpack_remb_fci


@dataclass
class Feedback:
    """What the receiver told us, newest first wins. None: not reported yet."""

    remb_bps: int | None = None
    loss: float = 0.0  # fraction of packets lost since the previous report, 0..1
    rtt_s: float | None = None
    jitter_s: float = 0.0
    reports: int = 0  # receiver reports seen
    pictures_lost: int = 0  # PLIs/FIRs: the receiver lost part of a picture


def watch_sender(sender: RTCRtpSender, feedback: Feedback, on_report: Callable[[], None] = lambda: None) -> None:
    """Copy REMB and receiver reports about ``sender``'s stream into ``feedback``, as aiortc
    handles them (it keeps them to itself on a packet track)."""
    handle = sender._handle_rtcp_packet
    sent_reports: dict[int, float] = {}  # our SR's middle 32 NTP bits → when we sent it

    async def observed(packet: object) -> None:
        await handle(packet)
        ssrc = sender._ssrc
        if isinstance(packet, (RtcpRrPacket, RtcpSrPacket)):
            for report in packet.reports:
                if report.ssrc != ssrc:
                    continue
                feedback.loss = report.fraction_lost / 256
                feedback.jitter_s = report.jitter / 90000
                feedback.reports += 1
                sent = sent_reports.get(report.lsr)
                if sent is not None and report.dlsr:
                    rtt = time.time() - sent - report.dlsr / 65536
                    if rtt >= 0:
                        feedback.rtt_s = rtt
                on_report()
        elif isinstance(packet, RtcpPsfbPacket) and packet.fmt == RTCP_PSFB_APP:
            try:
                bitrate, ssrcs = unpack_remb_fci(packet.fci)
            except ValueError:
                return
            if ssrc in ssrcs:
                feedback.remb_bps = bitrate

    sender._handle_rtcp_packet = observed  # type: ignore[method-assign]
    send_rtcp = sender._send_rtcp

    async def remember_sr(packets: list) -> None:
        for packet in packets:
            if isinstance(packet, RtcpSrPacket):
                ntp = packet.sender_info.ntp_timestamp
                sent_reports[(ntp >> 16) & 0xFFFFFFFF] = time.time()
                while len(sent_reports) > 32:
                    sent_reports.pop(next(iter(sent_reports)))
        await send_rtcp(packets)

    sender._send_rtcp = remember_sr  # type: ignore[method-assign]


class PacedTransport:
    """The sender's DTLS transport with a pacer in front of its RTP: aiortc sends a frame's
    packets in one burst, and a keyframe burst overflows a small uplink's queue (the keyframe is
    lost, the picture stalls until the next). Packets leave at ``rate()`` bits per second at most,
    with 20 ms of burst; RTCP passes at once. Everything else is the transport's own."""

    MAX_WAIT_S = 0.4  # a packet that would wait longer is dropped: latency never piles up here

    def __init__(self, transport: object, rate: Callable[[], float]) -> None:
        self._transport, self._rate = transport, rate
        self._free_at = 0.0  # monotonic time when the pacer's queue is empty
        self.delayed_s = 0.0  # total time packets waited: the pacer's own added latency
        self.dropped = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._transport, name)

    async def _send_rtp(self, data: bytes) -> None:
        if not is_rtcp(data):
            now = time.monotonic()
            start = max(now, self._free_at)
            wait = start - now - 0.02
            if wait > self.MAX_WAIT_S:
                self.dropped += 1
                return
            self._free_at = start + len(data) * 8 / max(self._rate(), 1.0)
            if wait > 0:
                self.delayed_s += wait
                await asyncio.sleep(wait)
        await self._transport._send_rtp(data)


def pace_sender(sender: RTCRtpSender, rate: Callable[[], float], retransmit_share: float = 0.15) -> PacedTransport:
    """Put a pacer in front of ``sender``'s RTP, and cap its retransmissions (answers to NACKs)
    at ``retransmit_share`` of the pacing rate: on a congested link, a receiver NACKs every lost
    packet again and again, and unbounded answers would take the whole link."""
    paced = PacedTransport(sender.transport, rate)
    sender._RTCRtpSender__transport = paced  # type: ignore[attr-defined]
    retransmit = sender._retransmit
    budget = {"bits": 0.0, "at": time.monotonic()}

    async def budgeted(sequence_number: int) -> None:
        now = time.monotonic()
        allowance = rate() * retransmit_share
        budget["bits"] = min(allowance * 0.5, budget["bits"] + (now - budget["at"]) * allowance)
        budget["at"] = now
        if budget["bits"] >= 1200 * 8:
            budget["bits"] -= 1200 * 8
            await retransmit(sequence_number)

    sender._retransmit = budgeted  # type: ignore[method-assign]
    return paced


class RateController(Protocol):
    def update(self, feedback: Feedback, sent_bps: float, now: float) -> None: ...

    @property
    def target_bps(self) -> int: ...


class LossDelayController:
    """Target bitrate from loss, delay and REMB (in the spirit of WebRTC's GCC):

    - loss above 10%: down to what got through (sent rate × (1 − loss)), less a margin;
    - round-trip time 50 ms above its floor (a queue is building): down 15%;
    - a picture lost (PLI) while some queue shows (RTT 25 ms over its floor): down 30%, at most
      once a second (random loss with no queue is no reason to send less);
    - REMB falling by more than 10% (the receiver's own delay detector fired): down 15%, or to it.
      Its level caps nothing: aiortc's estimate trails the incoming rate and grows slowly, so as
      a cap it would hold every ramp-up back, and an undershooting encoder would drag it down;
    - otherwise, half a second after the last decrease: up carefully (5% a second) for 1 s, then faster
      (25% a second) until the network objects: a link that came back is used within seconds;
      never more than 2× the rate really sent.
    """

    DECREASE_HOLD_S = 0.5
    CAREFUL_S = 1.0
    QUEUE_DELAY_S = 0.05

    def __init__(self, start_bps: int, min_bps: int = 150_000, max_bps: int = 6_000_000) -> None:
        self.min_bps, self.max_bps = min_bps, max_bps
        self._target = float(max(min_bps, min(start_bps, max_bps)))
        self._rtt_floor: float | None = None
        self._last_decrease = -1e9
        self._last_update: float | None = None
        self._last_remb: int | None = None
        self._pictures_lost = 0

    @property
    def target_bps(self) -> int:
        return int(self._target)

    def update(self, feedback: Feedback, sent_bps: float, now: float) -> None:
        dt = 0.0 if self._last_update is None else min(now - self._last_update, 2.0)
        self._last_update = now
        rtt = feedback.rtt_s
        if rtt is not None:
            # The floor follows the lowest RTT seen, and drifts up slowly so a route change is learnt.
            self._rtt_floor = rtt if self._rtt_floor is None else min(rtt, self._rtt_floor + 0.002 * dt)
        # aiortc's REMB follows the incoming rate and grows slowly, so its level is no cap; a
        # sharp fall is its delay detector seeing a queue.
        remb_fell = bool(feedback.remb_bps and self._last_remb and feedback.remb_bps < self._last_remb * 0.9)
        self._last_remb = feedback.remb_bps or self._last_remb
        # Some queue (a third of the back-off threshold): a lost picture then means congestion,
        # not the random loss of a radio link, which no lower rate would cure.
        rising = rtt is not None and self._rtt_floor is not None and rtt > self._rtt_floor + 0.025
        queueing = rtt is not None and self._rtt_floor is not None and rtt > self._rtt_floor + self.QUEUE_DELAY_S
        picture_lost = feedback.pictures_lost > self._pictures_lost
        self._pictures_lost = feedback.pictures_lost
        if feedback.loss > 0.10:
            got_through = max(sent_bps, self.min_bps) * (1 - feedback.loss)
            self._decrease(min(self._target * (1 - 0.5 * feedback.loss), got_through * 0.9), now)
        elif picture_lost and rising and now - self._last_decrease > 1.0:
            # A picture was lost: loss the last report may not show yet. The keyframe it asks
            # for goes out smaller (a rebuilt encoder starts with one anyway).
            self._decrease(self._target * 0.7, now)
        elif queueing and now - self._last_decrease > 0.5:
            # The longer the queue, the harder the back-off: 15% for a short one, up to 40%.
            queue = (rtt or 0) - (self._rtt_floor or 0)
            self._decrease(self._target * max(0.6, 0.85 - 0.5 * max(0.0, queue - 0.1)), now)
        elif remb_fell and now - self._last_decrease > 0.5:
            self._decrease(min(self._target * 0.85, float(feedback.remb_bps or 0) or self._target), now)
        elif feedback.loss < 0.02 and not queueing and now - self._last_decrease > self.DECREASE_HOLD_S:
            careful = now - self._last_decrease < self.DECREASE_HOLD_S + self.CAREFUL_S
            # Never far above what is really sent: an encoder that undershoots (a still picture, a
            # low frame rate) would otherwise let the target run off, and the next busy scene or
            # higher rung would jump the whole way at once.
            ceiling = max(self._target, 2.0 * sent_bps) if sent_bps else self._target * 2
            self._target = min(self._target * (1 + (0.05 if careful else 0.25) * dt), ceiling)
        self._target = max(float(self.min_bps), min(self._target, float(self.max_bps)))

    def _decrease(self, to: float, now: float) -> None:
        if to < self._target:
            self._target = to
            self._last_decrease = now


@dataclass(frozen=True)
class Rung:
    short_side: int  # 1080, 720, 540, 360
    fps: float
    min_bps: int  # below this the rung looks worse than the next one down

    def size(self, canvas: tuple[int, int]) -> tuple[int, int]:
        """This rung's picture size for ``canvas``'s aspect (landscape or portrait), even sides."""
        width, height = canvas
        scale = self.short_side / min(width, height)
        return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


# Keep detail (showing products): resolution holds, the frame rate gives way first.
KEEP_DETAIL = [Rung(1080, 30, 4_500_000), Rung(720, 30, 2_000_000), Rung(720, 24, 1_500_000),
               Rung(720, 15, 1_000_000), Rung(540, 15, 600_000), Rung(360, 15, 300_000)]
# Keep motion (dancing, demonstrations): 30 fps holds, the resolution gives way first.
KEEP_MOTION = [Rung(1080, 30, 4_500_000), Rung(720, 30, 2_000_000), Rung(540, 30, 1_100_000),
               Rung(360, 30, 550_000), Rung(360, 24, 420_000), Rung(360, 15, 280_000)]
LADDERS = {"detail": KEEP_DETAIL, "motion": KEEP_MOTION}


class EncoderSteps:
    """Turns a target bitrate into encoder settings, changed rarely: each change of bitrate or
    size is a keyframe. Down at once when the target falls 15% below the encoder's rate; up
    only after the target has stayed 25% above it for ``up_after_s``."""

    MIN_GAP_S = 2.0

    def __init__(self, canvas: tuple[int, int], fps: float, preference: str = "detail",
                 up_after_s: float = 1.5) -> None:
        if preference not in LADDERS:
            raise ValueError(f"preference must be one of {', '.join(LADDERS)}, not {preference!r}")
        self.canvas, self.fps = canvas, fps
        short = min(canvas)
        self.ladder = [r for r in LADDERS[preference] if r.short_side <= short] or LADDERS[preference][-1:]
        self.up_after_s = up_after_s
        self.bitrate = 0
        self.rung = self.ladder[0]
        self.changes = 0  # encoder rebuilds asked for (keyframes)
        self._above_since: float | None = None
        self._changed_at = -1e9

    def rung_for(self, bitrate: float) -> Rung:
        return next((r for r in self.ladder if bitrate >= r.min_bps), self.ladder[-1])

    def settings(self) -> tuple[int, int, int, float]:
        width, height = self.rung.size(self.canvas)
        return self.bitrate, width, height, min(self.rung.fps, self.fps)

    def step(self, target_bps: int, now: float) -> bool:
        """True if the encoder's settings changed (``settings()`` has the new ones)."""
        if self.bitrate == 0:
            self.bitrate, self.rung = target_bps, self.rung_for(target_bps)
            return True
        if target_bps < self.bitrate * 0.85:
            # Down at once when it matters (60% or less), else at most every MIN_GAP_S.
            self._above_since = None
            if target_bps < self.bitrate * 0.6 or now - self._changed_at >= self.MIN_GAP_S:
                return self._move(target_bps, now)
            return False
        if target_bps > self.bitrate * 1.2:
            if self._above_since is None:
                self._above_since = now
            if now - self._above_since >= self.up_after_s:
                self._above_since = None
                return self._move(target_bps, now)
        else:
            self._above_since = None
        return False

    def _move(self, target_bps: int, now: float) -> bool:
        rung = self.rung_for(target_bps)
        changed = target_bps != self.bitrate or rung != self.rung
        self.bitrate, self.rung = target_bps, rung
        self.changes += changed
        self._changed_at = now
        return changed
