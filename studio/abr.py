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
from aiortc.rtp import (
    RTCP_PSFB_APP,
    RtcpPsfbPacket,
    RtcpRrPacket,
    RtcpSrPacket,
    RtpPacket,
    is_rtcp,
    unpack_remb_fci,
)

from .compositor import with_short_side
from .twcc import Cluster, Delivery, DeliveryMonitor, Probe


@dataclass
class Feedback:
    """What the receiver told us, newest first wins. None: not reported yet."""

    remb_bps: int | None = None
    loss: float = 0.0  # fraction of packets lost since the previous report, 0..1
    rtt_s: float | None = None
    jitter_s: float = 0.0
    reports: int = 0  # receiver reports seen
    pictures_lost: int = 0  # PLIs/FIRs: the receiver lost part of a picture
    delivery: Delivery | None = None  # from transport-wide feedback, where the receiver sends it


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


RETRANSMIT_MAX_AGE_S = 0.6  # a live receiver has given such a packet up (and asked for a keyframe)


class PacedTransport:
    """The sender's DTLS transport with a pacer in front of its RTP: aiortc sends a frame's
    packets in one burst, and a keyframe burst overflows a small uplink's queue (the keyframe is
    lost, the picture stalls until the next). Packets leave at ``rate()`` bits per second at most,
    with 20 ms of burst; RTCP passes at once. Everything else is the transport's own."""

    MAX_WAIT_S = 0.4  # a packet that would wait longer is dropped: latency never piles up here

    def __init__(self, transport: object, rate: Callable[[], float], monitor: DeliveryMonitor | None = None,
                 padding: Callable[[], bytes | None] = lambda: None, media_ssrc: int | None = None) -> None:
        self._transport, self._rate, self._monitor, self._padding = transport, rate, monitor, padding
        self._media_ssrc = media_ssrc.to_bytes(4, "big") if media_ssrc is not None else None
        self._probe: asyncio.Task | None = None
        self.sent_at: dict[int, float] = {}  # the newest 1024 media sequence numbers → when they left
        self.retransmitted = self.refused_nacks = self.repeated_nacks = self.stale_nacks = 0
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
            if data[8:12] == self._media_ssrc:  # not the retransmission stream's own numbers
                sequence = (data[2] << 8) | data[3]
                self.sent_at.setdefault(sequence, now)  # a retransmission keeps the first send's time
                self.sent_at.pop((sequence - 1024) & 0xFFFF, None)
            if self._monitor is not None:  # numbered as it leaves, so its send time is true
                data = self._monitor.stamp(data)
        await self._transport._send_rtp(data)

    def probe(self, extra_bps: float, seconds: float = 0.2) -> bool:
        """Send padding at ``extra_bps`` on top of the media for ``seconds``, as one cluster whose
        delivery the monitor judges. False if a probe runs already or cannot be sent."""
        if self._monitor is None or not self._monitor.negotiated or (self._probe and not self._probe.done()):
            return False
        self._probe = asyncio.ensure_future(self._send_probe(extra_bps, seconds))
        return True

    async def _send_probe(self, extra_bps: float, seconds: float) -> None:
        monitor = self._monitor
        assert monitor is not None
        cluster = monitor.cluster = Cluster()
        start, sent_bits = time.monotonic(), 0
        try:
            while (elapsed := time.monotonic() - start) < seconds:
                while sent_bits < extra_bps * elapsed:
                    padding = self._padding()
                    if padding is None:
                        return
                    data = monitor.stamp(padding)
                    sent_bits += len(data) * 8
                    await self._transport._send_rtp(data)
                await asyncio.sleep(0.005)
        except ConnectionError:
            pass
        finally:
            if monitor.cluster is cluster:
                monitor.cluster = None


def pace_sender(sender: RTCRtpSender, rate: Callable[[], float], retransmit_share: float = 0.15,
                on_delivery: Callable[[Delivery], None] | None = None,
                round_trip: Callable[[], float | None] = lambda: None) -> PacedTransport:
    """Put a pacer in front of ``sender``'s RTP, and cap its retransmissions (answers to NACKs)
    at ``retransmit_share`` of the pacing rate: on a congested link, a receiver NACKs every lost
    packet again and again, and unbounded answers would take the whole link. aiortc's receiver
    repeats its whole list of missing packets with each new gap, so a packet is resent at most
    once per round trip, and not at all once it is older than a live receiver waits for. With
    ``on_delivery``, packets carry transport-wide numbers (where negotiated) and each transport
    feedback message is handed over as a ``Delivery``."""
    monitor = None
    if on_delivery is not None:
        monitor = DeliveryMonitor(sender._RTCRtpSender__rtp_header_extensions_map, on_delivery)  # type: ignore
        monitor.watch(sender.transport)
    paced = PacedTransport(sender.transport, rate, monitor, lambda: _padding_packet(sender, monitor), sender._ssrc)
    sender._RTCRtpSender__transport = paced  # type: ignore[attr-defined]
    retransmit = sender._retransmit
    budget = {"bits": 0.0, "at": time.monotonic()}
    resent: dict[int, float] = {}  # sequence → when last resent

    async def budgeted(sequence_number: int) -> None:
        now = time.monotonic()
        sent_at = paced.sent_at.get(sequence_number)
        if sent_at is None or now - sent_at > RETRANSMIT_MAX_AGE_S:
            paced.stale_nacks += 1
            return
        if now - resent.get(sequence_number, -1e9) < max(0.05, 1.2 * (round_trip() or 0.1)):
            paced.repeated_nacks += 1
            return
        allowance = rate() * retransmit_share
        budget["bits"] = min(allowance * 0.5, budget["bits"] + (now - budget["at"]) * allowance)
        budget["at"] = now
        if budget["bits"] >= 1200 * 8:
            budget["bits"] -= 1200 * 8
            resent[sequence_number] = now
            if len(resent) > 1024:
                for old in [s for s, t in resent.items() if now - t > RETRANSMIT_MAX_AGE_S]:
                    del resent[old]
            paced.retransmitted += 1
            await retransmit(sequence_number)
        else:
            paced.refused_nacks += 1

    sender._retransmit = budgeted  # type: ignore[method-assign]
    return paced


def _padding_packet(sender: RTCRtpSender, monitor: DeliveryMonitor | None) -> bytes | None:
    """A padding-only packet on the retransmission stream, as browsers probe: receivers drop
    it, the transport feedback counts it. None where no RTX stream was negotiated."""
    payload_type = sender._RTCRtpSender__rtx_payload_type  # type: ignore[attr-defined]
    if payload_type is None or monitor is None:
        return None
    sequence = sender._RTCRtpSender__rtx_sequence_number  # type: ignore[attr-defined]
    sender._RTCRtpSender__rtx_sequence_number = (sequence + 1) & 0xFFFF  # type: ignore[attr-defined]
    packet = RtpPacket(payload_type=payload_type, sequence_number=sequence, timestamp=monitor.last_timestamp,
                       ssrc=sender._rtx_ssrc)
    packet.extensions.mid = sender._RTCRtpSender__mid  # type: ignore[attr-defined]
    packet.padding_size = 255
    return packet.serialize(sender._RTCRtpSender__rtp_header_extensions_map)  # type: ignore[attr-defined]


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


class DeliveryController:
    """Target bitrate from transport-wide feedback (GCC's shape, driven by what really arrived),
    for receivers that send it; it is updated on every feedback message, ten times a second.
    Each change of target costs the encoder a rebuild and a keyframe, so it moves on evidence:

    - a queue of 40 ms or more at the bottleneck means the path is full, and what it delivered
      over the last half second (plus the audio beside the video, ``reserved_bps``) is its rate:
      the show gets 70% of that rate, the video what the audio leaves of it (in encoder bits:
      less what the encoder overshoots by and what headers and retransmissions add). If a
      queue still stands a second later, or grows, the encoder is overshooting: 10% less again;
    - loss above 10% over the last two seconds, unless a decrease already answered it: down by
      half the loss;
    - otherwise the target holds near a known path rate, and grows 8% a second where none is
      known. Probes find out whether the path grew: every 2 s (4 s while they keep finding the
      same path rate) a quarter-second burst of padding, at twice the target where no path
      rate is known, else at 1.5× the target and at least a quarter above the path rate. A
      probe that got through well above the known path rate starts a climb: the next probe, at
      twice what got through, follows a quarter second later, and so on until one queues; only
      then does the target move, once, to the share of what got through (one encoder rebuild,
      not one per step, and the bursts that find the path's edge come before the show's rate
      rises, not after). A probe that queued tells the path's rate, and the target goes to its
      share; one that got through at about the known rate lifts the target to its share. A
      probe's own queue is no reason to back off.
    """

    QUEUE_S = 0.040
    CLEAR_S = 0.015
    HOLD_S = 0.3
    SHARE = 0.7  # of the path: room for keyframes, probes and retransmissions, and no standing queue
    GROWTH = 0.08  # a second, where the path's rate is unknown
    LOSS_WINDOW_S = 2.0  # the loss reported covers this long
    PROBE_EVERY_S = 2.0
    PROBE_MAX_EVERY_S = 4.0  # while probes keep finding the same path rate: three quiet seconds between
    PROBE_S = 0.25  # long enough that a router's token bucket cannot hide a probe above its rate

    def __init__(self, start_bps: int, min_bps: int = 150_000, max_bps: int = 6_000_000,
                 reserved_bps: int = 0) -> None:
        self.min_bps, self.max_bps, self.reserved_bps = min_bps, max_bps, reserved_bps
        self._target = float(max(min_bps, min(start_bps, max_bps)))
        self.path_bps: float | None = None  # the video's share of the path when it last filled up
        self.reason = "start"  # why the target last moved: shown in the stats
        self._last_decrease = -1e9
        self._queue_at_decrease = 0.0
        self._last_update: float | None = None
        self._seen = self._probes_seen = 0
        self._wire_per_bit = 1.0  # what the video puts on the wire per bit of target
        self._probe_at = 0.0  # when the next probe may go
        self._probe_every = self.PROBE_EVERY_S
        self._climb_bps: float | None = None  # what the last probe of a climb got through
        self._probe_pending_since: float | None = None  # a probe went and is not judged yet
        self._probe_quiet_until = 0.0  # a probe's own queue is no reason to back off
        self._probe_bps: float | None = None

    @property
    def target_bps(self) -> int:
        return int(self._target)

    def take_probe(self) -> float | None:
        """The total rate (media and padding) to probe at now, if a probe is due."""
        probe, self._probe_bps = self._probe_bps, None
        return probe

    def update(self, feedback: Feedback, sent_bps: float, now: float) -> None:
        delivery = feedback.delivery
        if delivery is None or delivery.messages == self._seen:
            return  # nothing new from the path
        self._seen = delivery.messages
        dt = 0.0 if self._last_update is None else min(now - self._last_update, 1.0)
        self._last_update = now
        if delivery.sent_bps:  # smoothed over about a second: a keyframe is a moment, not a trend
            ratio = max(1.0, min(1.5, delivery.sent_bps / self._target))
            self._wire_per_bit += 0.1 * (ratio - self._wire_per_bit)
        if delivery.probes != self._probes_seen and delivery.probe is not None:
            self._probes_seen = delivery.probes
            self._judge(delivery.probe, now)
        if self._probe_pending_since is not None and now - self._probe_pending_since > 1.5:
            self._probe_pending_since = None  # its feedback was lost
            self._end_climb()
        if (now - self._last_decrease >= self.HOLD_S and now >= self._probe_quiet_until
                and self._probe_pending_since is None):  # else its queue has not drained yet
            self._react(delivery, now, dt)
        self._target = max(float(self.min_bps), min(self._target, float(self.max_bps)))

    def _judge(self, probe: Probe, now: float) -> None:
        self._probe_pending_since = None
        self._probe_quiet_until = now + 0.3  # its queue drains
        if probe.delivered and probe.sent_bps > 1.2 * self._target:
            # The rate it arrived at, not the rate it left at: a router's token bucket lets a
            # burst through faster than the router's rate for a moment.
            known = self.path_bps if self.path_bps is not None else self._climb_bps
            grew = known is None or probe.received_bps > 1.15 * known
            self.reason = f"probe {probe.sent_bps / 1000:.0f}k {'won' if grew else 'held'}"
            if grew and 2 * probe.received_bps < 1.2 * self.max_bps:
                self.path_bps, self._climb_bps = None, probe.received_bps
                self._probe_every = self.PROBE_EVERY_S
                self._probe_at = now + 0.25
                return
            self._climb_bps = max(self._climb_bps or 0.0, probe.received_bps)
            self._end_climb()
            if not grew:
                self._probe_every = min(1.5 * self._probe_every, self.PROBE_MAX_EVERY_S)
        elif probe.queued and probe.received_bps > 0:
            # What got through is the path's rate (the video's share of it), up or down.
            self.reason = f"probe {probe.sent_bps / 1000:.0f}k queued"
            self.path_bps, self._climb_bps = probe.received_bps, None
            self._probe_every = min(1.5 * self._probe_every, self.PROBE_MAX_EVERY_S)
            fair = min(self._fair_share(probe.received_bps), float(self.max_bps))
            if fair > 1.1 * self._target:  # (within 10% it is the same path: the encoder stays put)
                self._target = fair
            elif fair < 0.9 * self._target:
                self._decrease(fair, now)
        else:  # too few packets, or lost ones: it proves nothing either way
            self.reason = f"probe {probe.sent_bps / 1000:.0f}k lost"
            self._end_climb()

    def _end_climb(self) -> None:
        """A climb that stops short of a queue (the maximum, a lost probe): the target goes to the
        share of what its last probe got through."""
        if self._climb_bps is not None:
            self._target = max(self._target, min(self._fair_share(self._climb_bps), float(self.max_bps)))
            self._climb_bps = None

    def _react(self, delivery: Delivery, now: float, dt: float) -> None:
        queue = delivery.queue_delay_s
        if queue >= self.QUEUE_S and delivery.acked_bps > 0:
            if now - self._last_decrease > 1.0 or queue > self._queue_at_decrease + 0.010:
                fair = self._fair_share(delivery.acked_bps)
                self._decrease(fair if fair < self._target else 0.9 * self._target, now)
                self.reason = f"queue {queue * 1000:.0f} ms"
                self._queue_at_decrease = queue
                self.path_bps, self._climb_bps = delivery.acked_bps, None
        elif delivery.loss > 0.10 and now - self._last_decrease > self.LOSS_WINDOW_S:
            self._decrease(self._target * (1 - 0.5 * delivery.loss), now)
            self.reason = f"loss {delivery.loss:.0%}"
        elif queue < self.CLEAR_S:
            if self.path_bps is None and self._climb_bps is None:  # (a climb finds out faster)
                ceiling = max(self._target, 1.5 * delivery.acked_bps + 50_000)  # an undershooting encoder
                self._target = min(self._target * (1 + self.GROWTH * dt), ceiling)  # is no licence to grow
            if now >= self._probe_at and self._target < self.max_bps:
                if self._climb_bps is not None:
                    rate = 2 * self._climb_bps
                elif self.path_bps is None:
                    rate = 2 * self._target
                else:
                    rate = max(1.5 * self._target, 1.25 * self.path_bps)
                self._probe_bps = min(rate, 1.2 * self.max_bps)
                self._probe_at = now + self._probe_every  # until its outcome says otherwise
                self._probe_pending_since = now

    def _fair_share(self, video_path_bps: float) -> float:
        """The video's target when the path carries ``video_path_bps`` of video (headers and
        all) beside the audio: the show uses ``SHARE`` of the whole path, and each bit of target
        costs what the encoder really sends for it (its overshoot, headers, retransmissions)."""
        return (self.SHARE * (video_path_bps + self.reserved_bps) - self.reserved_bps) / self._wire_per_bit

    def _decrease(self, to: float, now: float) -> None:
        if to < self._target:
            self._target = max(to, float(self.min_bps))
            self._last_decrease = now


@dataclass(frozen=True)
class Rung:
    short_side: int  # 1080, 720, 540, 360
    fps: float
    min_bps: int  # below this the rung looks worse than the next one down

    def size(self, canvas: tuple[int, int]) -> tuple[int, int]:
        """This rung's picture size for ``canvas``'s aspect (landscape or portrait), even sides."""
        return with_short_side(self.short_side, canvas)


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
