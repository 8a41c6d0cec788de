"""A jitter buffer for live video received with aiortc (WHIP ingest: co-hosts, other encoders).

aiortc's own waits for a lost packet until 512 newer ones have arrived (seconds at low rates) and
then hands out one frame per arriving packet, so after each loss the picture freezes, then runs
seconds late for good. Here a gap that NACKs did not fill within ``max_wait_s`` is given up: the
buffer skips to the next keyframe it holds (or waits for one, asking the sender with a PLI), and
what was before it is dropped rather than played late."""

from __future__ import annotations

import time

from aiortc.codecs import is_rtx
from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtp import RtpPacket
from aiortc.utils import uint16_add, uint16_gt

MAX_WAIT_S = 0.25  # a NACK round trip on a bad uplink, and then some


def starts_keyframe(packet: RtpPacket) -> bool:
    """True if ``packet`` (depayloaded by aiortc) begins a VP8 keyframe or carries an H.264 IDR/SPS."""
    return is_keyframe_start(getattr(packet, "_data", b""))


def is_keyframe_start(data: bytes) -> bool:
    """True if depayloaded ``data`` begins a VP8 keyframe or carries an H.264 IDR/SPS."""
    if data[:4] == b"\x00\x00\x00\x01":  # H.264, Annex B: look for an IDR slice or a parameter set
        return any(len(nal) > 0 and (nal[0] & 0x1F) in (5, 7) for nal in data.split(b"\x00\x00\x00\x01"))
    # VP8 (the payload descriptor is gone): the key-frame bit is 0, then the start code 9d 01 2a.
    return len(data) >= 10 and (data[0] & 0x01) == 0 and data[3:6] == b"\x9d\x01\x2a"


class LiveJitterBuffer(JitterBuffer):
    def __init__(self, capacity: int = 512, max_wait_s: float = MAX_WAIT_S) -> None:
        super().__init__(capacity=capacity, is_video=True)
        self.max_wait_s = max_wait_s
        self._last_frame_at: float | None = None  # when a frame last came out
        self._asked_at = 0.0  # when a keyframe was last asked for
        self.skips = 0  # gaps given up on
        self.waiting_for_keyframe = False

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        now = time.monotonic()
        if self.waiting_for_keyframe:
            # Held, not dropped: the keyframe's first packet may come last, as a retransmission.
            if self._origin is not None and uint16_gt(self._origin, packet.sequence_number) \
                    and starts_keyframe(packet):
                self._origin = packet.sequence_number  # (aiortc drops what is older than its origin)
            _, frame = super().add(packet)
            if frame is not None and is_keyframe_start(frame.data):
                self.waiting_for_keyframe = False
                self._last_frame_at = now
                return False, frame
            # (a delta frame it completes is useless without its reference)
            start = self._newest_keyframe_start()
            if start is None:
                ask = now - self._asked_at > 0.5  # the PLI or its answer may be lost: ask again
                if ask:
                    self._asked_at = now
                return ask, None
            self.remove(start)  # start afresh at the keyframe
            self.waiting_for_keyframe = False
            self._last_frame_at = now
            assert self._origin is not None
            return False, self._remove_frame(uint16_add(self._origin, 0))
        pli, frame = super().add(packet)
        if frame is not None or self._last_frame_at is None:
            self._last_frame_at = now
            return pli, frame
        if now - self._last_frame_at < self.max_wait_s:
            return pli, None
        # Packets keep coming but no frame completes: a hole NACKs did not fill. Give it up.
        self._last_frame_at = now
        self.skips += 1
        return True, self._skip_to_keyframe()

    def _reset(self) -> None:
        self._packets = [None] * self.capacity
        self._origin = None

    def _newest_keyframe_start(self) -> int | None:
        """How far past the origin the newest keyframe held begins (None: none held)."""
        if self._origin is None:
            return None
        newest = None
        for count in range(self.capacity):
            packet = self._packets[(self._origin + count) % self.capacity]
            if packet is not None and starts_keyframe(packet):
                newest = count
        return newest

    def _skip_to_keyframe(self) -> JitterFrame | None:
        """Drop everything before the newest keyframe held; without one, wait for it."""
        newest = self._newest_keyframe_start()
        if newest is None:
            self._reset()
            self.waiting_for_keyframe = True
            self._asked_at = time.monotonic()
            return None
        self.remove(newest)
        assert self._origin is not None
        return self._remove_frame(uint16_add(self._origin, 0))


def play_audio_on_arrival(receiver: RTCRtpReceiver) -> None:
    """An audio receiver whose packets go to the decoder as they arrive. aiortc holds four (80 ms)
    first; where the studio's mixer queues each voice itself, that is 80 ms more delay and audio
    late against the same guest's picture."""
    if getattr(receiver, "_RTCRtpReceiver__kind", "") == "audio":
        receiver._RTCRtpReceiver__jitter_buffer = JitterBuffer(capacity=16, prefetch=0)  # type: ignore[attr-defined]


def use_live_jitter_buffer(receiver: RTCRtpReceiver) -> LiveJitterBuffer | None:
    """Give a video receiver the live jitter buffer (None for audio). aiortc decodes one frame per
    arriving packet; here every complete frame goes to the decoder at once, so a burst after a
    gap is caught up at once instead of playing late from then on."""
    if getattr(receiver, "_RTCRtpReceiver__kind", "") != "video":
        return None
    buffer = LiveJitterBuffer()
    receiver._RTCRtpReceiver__jitter_buffer = buffer  # type: ignore[attr-defined]
    handle = receiver._handle_rtp_packet
    skips = 0

    async def handle_and_drain(packet: RtpPacket, arrival_time_ms: int) -> None:
        nonlocal skips
        await handle(packet, arrival_time_ms)
        if buffer.skips != skips:
            skips = buffer.skips
            forget_given_up_packets(receiver, buffer)
        codecs = receiver._RTCRtpReceiver__codecs  # type: ignore[attr-defined]
        codec = codecs.get(packet.payload_type)
        decoder_queue = receiver._RTCRtpReceiver__decoder_queue  # type: ignore[attr-defined]
        if codec is None or is_rtx(codec) or buffer._origin is None or buffer.waiting_for_keyframe:
            return
        while (frame := buffer._remove_frame(packet.sequence_number)) is not None:
            frame.timestamp = receiver._RTCRtpReceiver__timestamp_mapper.map(frame.timestamp)  # type: ignore
            decoder_queue.put((codec, frame))

    receiver._handle_rtp_packet = handle_and_drain  # type: ignore[method-assign]
    return buffer


def forget_given_up_packets(receiver: RTCRtpReceiver, buffer: LiveJitterBuffer) -> None:
    """Stop NACKing what the buffer gave up: aiortc repeats its whole missing list with every
    new gap, and each repeat would cost the sender's retransmission budget for nothing."""
    nack = getattr(receiver, "_RTCRtpReceiver__nack_generator", None)
    if nack is None:
        return
    origin = buffer._origin
    if origin is None:
        nack.missing.clear()
    else:
        nack.missing = {s for s in nack.missing if s == origin or uint16_gt(s, origin)}
