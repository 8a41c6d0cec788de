"""Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01),
which aiortc lacks: the sender numbers every packet it puts on the wire, the receiver reports
each number's arrival time about ten times a second, and the sender learns from it what the path
really delivers and how long its queue is, far sooner and more finely than from receiver reports
once a second. Chrome, Firefox and SFUs such as Janus speak it; the studio speaks it on both sides.

- ``enable_transport_cc()`` offers the header extension and the ``transport-cc`` feedback.
- ``TransportFeedbackReporter``: the receiving side (the ingest, and guests' connections).
- ``DeliveryMonitor``: the sending side; it stamps packets and turns feedback into ``Delivery``.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from aiortc import RTCRtpReceiver
from aiortc import codecs as aiortc_codecs
from aiortc.clock import current_ntp_time
from aiortc.rtcrtpparameters import RTCRtcpFeedback, RTCRtpHeaderExtensionParameters
from aiortc.rtp import RTCP_RTPFB, HeaderExtensionsMap, RtpPacket

TRANSPORT_CC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
TRANSPORT_CC_EXTENSION_ID = 5  # 1 (mid), 2 (audio level) and 3 (abs-send-time) are aiortc's
RTPFB_TRANSPORT_CC = 15
WIRE_OVERHEAD = 38  # bytes around each RTP packet: SRTP tag (10), UDP (8), IPv4 (20)
_DELTA_US = 250  # receive deltas count quarter milliseconds
_REFERENCE_US = 64_000  # the reference time counts 64 ms


def enable_transport_cc() -> None:
    """Offer (and accept) transport-wide sequence numbers and feedback on video, once per process."""
    video = aiortc_codecs.HEADER_EXTENSIONS["video"]
    if not any(extension.uri == TRANSPORT_CC_URI for extension in video):
        video.append(RTCRtpHeaderExtensionParameters(id=TRANSPORT_CC_EXTENSION_ID, uri=TRANSPORT_CC_URI))
    feedback = RTCRtcpFeedback(type="transport-cc")
    for codec in aiortc_codecs.CODECS["video"]:
        if codec.mimeType.lower() != "video/rtx" and feedback not in codec.rtcpFeedback:
            codec.rtcpFeedback.append(feedback)


@dataclass
class TransportFeedback:
    """One feedback message: each reported sequence number with its arrival time in µs on the
    receiver's clock, or None if it had not arrived."""

    media_ssrc: int
    count: int  # the feedback packet counter, to spot lost feedback
    arrivals: list[tuple[int, int | None]]


def pack_transport_feedback(sender_ssrc: int, media_ssrc: int, count: int, base_sequence: int,
                            arrivals_us: list[int | None]) -> bytes:
    """An RTCP transport-cc message for ``len(arrivals_us)`` packets from ``base_sequence`` on
    (None: not received). Statuses go in two-bit vector chunks of seven."""
    received = [t for t in arrivals_us if t is not None]
    if not received:
        raise ValueError("transport feedback needs at least one received packet")
    reference = received[0] // _REFERENCE_US
    previous = reference * _REFERENCE_US
    symbols, deltas = [], b""
    for arrival in arrivals_us:
        if arrival is None:
            symbols.append(0)
            continue
        delta = round((arrival - previous) / _DELTA_US)
        previous += delta * _DELTA_US
        if 0 <= delta <= 255:
            symbols.append(1)
            deltas += bytes((delta,))
        else:
            symbols.append(2)
            deltas += struct.pack("!h", max(-32768, min(32767, delta)))
    chunks = b""
    for start in range(0, len(symbols), 7):
        chunk = 0xC000
        for i, symbol in enumerate(symbols[start:start + 7]):
            chunk |= symbol << (12 - 2 * i)
        chunks += struct.pack("!H", chunk)
    payload = (struct.pack("!LLHH", sender_ssrc, media_ssrc, base_sequence & 0xFFFF, len(arrivals_us))
               + struct.pack("!L", ((reference & 0xFFFFFF) << 8) | (count & 0xFF)) + chunks + deltas)
    padding = -len(payload) % 4
    if padding:  # RTCP padding: the last byte counts the padding bytes
        payload += b"\x00" * (padding - 1) + bytes((padding,))
    header = struct.pack("!BBH", 0x80 | (0x20 if padding else 0) | RTPFB_TRANSPORT_CC, RTCP_RTPFB, len(payload) // 4)
    return header + payload


def parse_transport_feedback(body: bytes) -> TransportFeedback:
    """The FCI of an RTCP transport-cc message (``body`` starts at the sender SSRC)."""
    if len(body) < 16:
        raise ValueError("transport feedback is too short")
    _, media_ssrc, base, status_count, reference_and_count = struct.unpack("!LLHHL", body[:16])
    reference = reference_and_count >> 8
    if reference & 0x800000:
        reference -= 1 << 24
    symbols: list[int] = []
    pos = 16
    while len(symbols) < status_count:
        if pos + 2 > len(body):
            raise ValueError("transport feedback ends inside its status chunks")
        (chunk,) = struct.unpack("!H", body[pos:pos + 2])
        pos += 2
        if not chunk & 0x8000:  # run length
            symbols += [(chunk >> 13) & 0x3] * (chunk & 0x1FFF)
        elif not chunk & 0x4000:  # fourteen one-bit symbols
            symbols += [(chunk >> (13 - i)) & 0x1 for i in range(14)]
        else:  # seven two-bit symbols
            symbols += [(chunk >> (12 - 2 * i)) & 0x3 for i in range(7)]
    arrivals: list[tuple[int, int | None]] = []
    at = reference * _REFERENCE_US
    for i, symbol in enumerate(symbols[:status_count]):
        sequence = (base + i) & 0xFFFF
        if symbol == 0:
            arrivals.append((sequence, None))
            continue
        size = 1 if symbol == 1 else 2
        if pos + size > len(body):
            raise ValueError("transport feedback ends inside its receive deltas")
        delta = body[pos] if size == 1 else struct.unpack("!h", body[pos:pos + 2])[0]
        pos += size
        at += delta * _DELTA_US
        arrivals.append((sequence, at))
    return TransportFeedback(media_ssrc, reference_and_count & 0xFF, arrivals)


def transport_feedback_in(compound: bytes) -> list[TransportFeedback]:
    """The transport-cc messages in a compound RTCP packet; anything malformed is skipped."""
    found = []
    pos = 0
    while pos + 4 <= len(compound):
        first, packet_type, length = struct.unpack("!BBH", compound[pos:pos + 4])
        end = pos + 4 + 4 * length
        if packet_type == RTCP_RTPFB and first & 0x1F == RTPFB_TRANSPORT_CC and end <= len(compound):
            with contextlib.suppress(ValueError):
                found.append(parse_transport_feedback(compound[pos + 4:end]))
        pos = end
    return found


class TransportFeedbackReporter:
    """The receiving side for one peer connection: notes when each numbered packet arrives, from
    every receiver of the connection (the numbers are transport-wide), and reports every
    ``interval`` seconds."""

    REORDER_S = 0.05

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.sent = 0  # feedback messages sent
        self._arrivals: dict[int, int] = {}  # unwrapped sequence → arrival µs
        self._next: int | None = None  # the first sequence not reported yet
        self._last: int | None = None  # the newest sequence seen, unwrapped
        self._receivers: list[RTCRtpReceiver] = []
        self._media_ssrc = 0
        self._task: asyncio.Task | None = None
        self._origin = time.perf_counter()

    def attach(self, receiver: RTCRtpReceiver) -> None:
        handle = receiver._handle_rtp_packet
        self._receivers.append(receiver)

        async def noted(packet: RtpPacket, arrival_time_ms: int) -> None:
            sequence = packet.extensions.transport_sequence_number
            if sequence is not None:
                self._note(sequence, packet.ssrc)
            await handle(packet, arrival_time_ms)

        receiver._handle_rtp_packet = noted  # type: ignore[method-assign]
        if self._task is None:
            self._task = asyncio.ensure_future(self._report_every_interval())

    def _note(self, sequence: int, ssrc: int) -> None:
        now_us = int((time.perf_counter() - self._origin) * 1e6)
        last = sequence if self._last is None else self._last
        unwrapped = last + ((sequence - last + 0x8000) & 0xFFFF) - 0x8000
        if self._next is None:
            self._next = unwrapped
        if unwrapped < self._next:
            return  # already reported as lost: too late to count
        self._last = max(unwrapped, self._last if self._last is not None else unwrapped)
        self._arrivals[unwrapped] = now_us
        self._media_ssrc = self._media_ssrc or ssrc

    def take_report(self) -> bytes | None:
        """The feedback for everything since the last report (None if nothing arrived)."""
        if not self._arrivals or self._next is None or self._last is None:
            return None
        sender_ssrc = next((getattr(r, "_RTCRtpReceiver__rtcp_ssrc", None) for r in self._receivers), None) or 0
        # At most 8191 statuses per message: anything older counts as reported.
        first = max(self._next, self._last - 8000)
        if first > self._next:
            for sequence in [s for s in self._arrivals if s < first]:
                del self._arrivals[sequence]
        # A hole counts as lost once a later packet has been in for REORDER_S; until then the
        # packet may just be late, and the report stops short of it.
        now_us = int((time.perf_counter() - self._origin) * 1e6)
        end = self._last
        later_arrival = None
        for sequence in range(self._last, first - 1, -1):
            arrival = self._arrivals.get(sequence)
            if arrival is not None:
                later_arrival = arrival if later_arrival is None else min(later_arrival, arrival)
            elif later_arrival is not None and now_us - later_arrival < self.REORDER_S * 1e6:
                end = sequence - 1
        if end < first:
            return None
        arrivals = [self._arrivals.pop(s, None) for s in range(first, end + 1)]
        self._next = end + 1
        if all(a is None for a in arrivals):
            return None
        report = pack_transport_feedback(sender_ssrc, self._media_ssrc, self.sent, first, arrivals)
        self.sent += 1
        return report

    async def _report_every_interval(self) -> None:
        while self._receivers:
            await asyncio.sleep(self.interval)
            report = self.take_report()
            receiver = self._receivers[0]
            if report is None or receiver.transport is None or receiver.transport.state != "connected":
                continue
            try:
                await receiver.transport._send_rtp(report)
            except ConnectionError:
                return

    def stop(self) -> None:
        self._receivers.clear()
        if self._task is not None:
            self._task.cancel()
            self._task = None


@dataclass
class Probe:
    """A short burst sent above the media rate to learn whether the path carries more."""

    sent_bps: float  # the rate the burst really left at (media and padding together)
    delivered: bool  # it arrived without a queue building up or packets lost
    queued: bool  # a queue built up behind it: the path is slower than the burst
    received_bps: float  # the rate its later three quarters arrived at: the path's, if it queued


@dataclass
class Delivery:
    """What the path delivered, from transport feedback (the newest message wins)."""

    acked_bps: float = 0.0  # what arrived (with packet headers), over the last half second of arrivals
    sent_bps: float = 0.0  # media and retransmissions sent (probes' padding not), last half second
    queue_delay_s: float = 0.0  # one-way delay above the lowest seen: the bottleneck's queue
    loss: float = 0.0  # over the last two seconds
    at: float = 0.0  # monotonic time of the message
    messages: int = 0
    probe: Probe | None = None  # the newest probe's outcome
    probes: int = 0


@dataclass
class Cluster:
    """The packets sent while a probe runs."""

    expected: int = 0
    bytes: int = 0
    first_sent: float = 0.0
    last_sent: float = 0.0
    owds: list[float] = field(default_factory=list)
    arrivals: list[tuple[float, int]] = field(default_factory=list)  # (arrival s, bytes)
    lost: int = 0


class DeliveryMonitor:
    """The sending side: numbers each outgoing RTP packet (and refreshes its abs-send-time, as a
    pacer may have held it), remembers when it left and how big it was, and turns transport
    feedback into a ``Delivery``. Packets sent while a probe runs form a cluster whose delivery
    is judged as a whole."""

    HISTORY = 8192
    ACKED_WINDOW_S = 0.5
    LOSS_WINDOW_S = 2.0  # a second of 5% random loss reads over 10% now and then
    BASE_WINDOW_S = 30.0  # the lowest one-way delay of the last half minute is the empty-queue delay
    PROBE_QUEUE_S = 0.020  # a probe whose packets queued this much more at the end than at the start failed

    def __init__(self, extensions: HeaderExtensionsMap, on_delivery: Callable[[Delivery], None] = lambda d: None,
                 ) -> None:
        self._extensions = extensions
        self._on_delivery = on_delivery
        self.delivery = Delivery()
        self.cluster: Cluster | None = None  # the probe being sent
        self.last_timestamp = 0  # of the newest media packet: padding carries it too
        self._sequence = 0
        self._sent: dict[int, tuple[float, int, Cluster | None]] = {}  # sequence → (send time, bytes, cluster)
        self._arrived: deque[tuple[float, int]] = deque()  # (arrival s, bytes) in the acked window
        self._departed: deque[tuple[float, int]] = deque()  # (send time, bytes) in the last half second
        self._outcomes: deque[tuple[float, bool]] = deque()  # (when reported, arrived) in the loss window
        self._base: deque[tuple[float, float]] = deque()  # (when, lowest one-way delay) per second
    @property
    def negotiated(self) -> bool:
        return self._extensions._HeaderExtensionsMap__ids.transport_sequence_number is not None  # type: ignore

    def watch(self, transport: object) -> None:
        """Read transport feedback from ``transport``'s (an RTCDtlsTransport) incoming RTCP."""
        handle = transport._handle_rtcp_data  # type: ignore[attr-defined]

        async def observed(data: bytes) -> None:
            for feedback in transport_feedback_in(data):
                self.handle(feedback)
            await handle(data)

        transport._handle_rtcp_data = observed  # type: ignore[attr-defined]

    def stamp(self, data: bytes) -> bytes:
        """``data`` (an RTP packet about to leave) with the next transport-wide sequence number."""
        if not self.negotiated:
            return data
        packet = RtpPacket.parse(data, self._extensions)
        if packet.payload:
            self.last_timestamp = packet.timestamp
        packet.extensions.transport_sequence_number = self._sequence
        if packet.extensions.abs_send_time is not None:
            packet.extensions.abs_send_time = (current_ntp_time() >> 14) & 0x00FFFFFF
        stamped = packet.serialize(self._extensions)
        now = time.monotonic()
        size = len(stamped) + WIRE_OVERHEAD  # as the path carries it
        cluster = self.cluster
        if cluster is not None:
            cluster.expected += 1
            cluster.bytes += size
            cluster.first_sent = cluster.first_sent or now
            cluster.last_sent = now
        self._sent[self._sequence] = (now, size, cluster)
        if packet.payload:  # media (or a retransmission): what the video target costs on the wire
            self._departed.append((now, size))
        while self._departed and self._departed[0][0] < now - self.ACKED_WINDOW_S:
            self._departed.popleft()
        self._sent.pop((self._sequence - self.HISTORY) & 0xFFFF, None)
        self._sequence = (self._sequence + 1) & 0xFFFF
        return stamped

    def handle(self, feedback: TransportFeedback) -> None:
        now = time.monotonic()
        owds = []
        delivery = self.delivery
        for sequence, arrival_us in feedback.arrivals:
            sent = self._sent.pop(sequence, None)
            if sent is None:
                continue  # not ours (audio numbered elsewhere), or reported already
            sent_at, size, cluster = sent
            self._outcomes.append((now, arrival_us is not None))
            if cluster is not None:
                cluster.expected -= 1
                if arrival_us is None:
                    cluster.lost += 1
                else:
                    cluster.owds.append(arrival_us / 1e6 - sent_at)
                    cluster.arrivals.append((arrival_us / 1e6, size))
                if cluster.expected == 0 and cluster is not self.cluster:
                    delivery.probe, delivery.probes = self._judge(cluster), delivery.probes + 1
            if arrival_us is None:
                continue
            arrival = arrival_us / 1e6
            self._arrived.append((arrival, size))
            owds.append(arrival - sent_at)
        if not owds:
            return
        newest = max(a for a, _ in self._arrived)
        while self._arrived and self._arrived[0][0] < newest - self.ACKED_WINDOW_S:
            self._arrived.popleft()
        while self._outcomes and self._outcomes[0][0] < now - self.LOSS_WINDOW_S:
            self._outcomes.popleft()
        # The batch's lowest one-way delay: processing hiccups only ever add to a packet's delay.
        lowest = min(owds)
        if self._base and self._base[-1][0] > now - 1.0:
            self._base[-1] = (self._base[-1][0], min(self._base[-1][1], lowest))
        else:
            self._base.append((now, lowest))
        while self._base and self._base[0][0] < now - self.BASE_WINDOW_S:
            self._base.popleft()
        base = min(b for _, b in self._base)
        span = max(newest - self._arrived[0][0], 0.1)
        delivery.acked_bps = sum(size for _, size in self._arrived) * 8 / span
        delivery.sent_bps = sum(size for _, size in self._departed) * 8 / self.ACKED_WINDOW_S
        delivery.queue_delay_s = max(0.0, lowest - base)
        delivery.loss = sum(1 for _, ok in self._outcomes if not ok) / max(len(self._outcomes), 1)
        delivery.at = now
        delivery.messages += 1
        self._on_delivery(delivery)

    def _judge(self, cluster: Cluster) -> Probe:
        sent_bps = cluster.bytes * 8 / max(cluster.last_sent - cluster.first_sent, 0.01)
        owds = cluster.owds
        if len(owds) < 8:
            return Probe(sent_bps, False, False, 0.0)
        quarter = len(owds) // 4
        # The last quarter against the first: a path that cannot carry the burst queues it, even
        # where a token bucket lets its first few packets through at once; for the same reason
        # the rate it arrived at is taken after the first quarter.
        grew = sum(owds[-quarter:]) / quarter - sum(owds[:quarter]) / quarter
        arrivals = sorted(cluster.arrivals)
        later = arrivals[quarter:]
        span = later[-1][0] - arrivals[quarter - 1][0]
        received_bps = sum(size for _, size in later) * 8 / span if span > 0 else sent_bps
        queued = grew >= self.PROBE_QUEUE_S
        # Lost packets fail it only above the path's usual loss (random loss is no sign of a limit).
        delivered = not queued and cluster.lost <= (0.05 + self.delivery.loss) * (len(owds) + cluster.lost)
        return Probe(sent_bps, delivered, queued, min(received_bps, sent_bps))
