"""Shared encoders: one per output quality, on their own threads, fanned out to every viewer."""

from __future__ import annotations

import fractions
import logging
import os
import threading
import time
from collections import deque

import av
import cv2
import numpy as np

from .compositor import with_short_side
from .fanout import EncodedPacket, PacketFanout
from .frames import AudioChunk, LatestSlot, VideoFrame
from .metrics import RateMeter, ema

log = logging.getLogger(__name__)

VIDEO_TIME_BASE = fractions.Fraction(1, 90000)
AUDIO_TIME_BASE = fractions.Fraction(1, 48000)
CODECS = {"vp8": "libvpx", "h264": "libx264"}
WARM_UP_FRAMES = 10  # a fresh libvpx context needs about this many to leave its coarsest quantizer
WARM_UP_COPIES = 6  # of them, copies of the first picture (the rest are the pictures that follow)


class KeyframeGate:
    """Coalesces keyframe requests: at most one keyframe per ``min_interval`` seconds.

    Twenty viewers joining at once, or a burst of PLIs, yield one keyframe, not twenty.
    """

    def __init__(self, min_interval: float = 0.5) -> None:
        self.min_interval = min_interval
        self._pending = False
        self._last = -1e9
        self.requests = 0
        self._lock = threading.Lock()

    def request(self) -> None:
        with self._lock:
            self.requests += 1
            self._pending = True

    def take(self) -> bool:
        """True if the next frame should be a keyframe (called once per frame by the encoder)."""
        with self._lock:
            now = time.monotonic()
            if self._pending and now - self._last >= self.min_interval:
                self._pending = False
                self._last = now
                return True
            return False

    def note_keyframe(self) -> None:
        """Any keyframe (requested or periodic) satisfies every request made before it."""
        with self._lock:
            self._last = time.monotonic()
            self._pending = False


class EncoderThread:
    """Runs ``_encode_one`` on a thread for each item from ``input``, the newest first."""

    kind = "encoder"

    def __init__(self, epoch: float) -> None:
        self.epoch = epoch  # wall-clock zero of the show; shared by audio and video for sync
        self.input = LatestSlot()
        self.meter = RateMeter()
        self.encode_ms = 0.0
        self.packets = 0
        self.errors = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self.kind}-encoder", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            item = self.input.get(timeout=0.2)
            if item is None:
                continue
            started = time.perf_counter()
            try:
                self._encode_one(item)
            except (av.FFmpegError, ValueError) as exc:
                # One bad frame must not end the show; the next frame gets a fresh try.
                self.errors += 1
                log.exception("%s encoder error: %s", self.kind, exc)
            self.encode_ms = ema(self.encode_ms, (time.perf_counter() - started) * 1000)

    def _encode_one(self, item: object) -> None:
        raise NotImplementedError


class WarmUp:
    """A new encoder learning on the running one's pictures, on a thread of its own, so
    it starts sending at a sensible quantizer. Its frames are thrown away; it takes over, with a
    keyframe, once it has encoded ``WARM_UP_FRAMES``. Real pictures with their own time stamps, not
    a made-up timeline: a gap before the hand-over would read as unspent budget (a burst after it),
    and a stamp out of order as no time at all (frames starved for seconds)."""

    def __init__(self, context: av.VideoCodecContext, bitrate: int, width: int, height: int, fps: float) -> None:
        self.context, self.bitrate, self.width, self.height = context, bitrate, width, height
        self.step = max(1, round(90000 / fps))
        self._frames: deque[tuple[np.ndarray, int] | None] = deque()
        self._wake = threading.Event()
        self._seen = 0
        self.ready = self.failed = False
        self._thread = threading.Thread(target=self._run, name="video-encoder-warm-up", daemon=True)
        self._thread.start()

    def feed(self, i420: np.ndarray, pts: int) -> None:
        if len(self._frames) < 4:  # a slow warm-up skips pictures rather than lag behind
            self._frames.append((i420, pts))
            self._wake.set()

    def cancel(self) -> None:
        self._frames.append(None)
        self._wake.set()

    def _encode(self, i420: np.ndarray, pts: int) -> None:
        frame = av.VideoFrame.from_ndarray(i420, format="yuv420p")
        frame.pts, frame.time_base = pts, VIDEO_TIME_BASE
        for _ in self.context.encode(frame):
            pass
        self._seen += 1

    def handover(self) -> tuple[av.VideoCodecContext, int, int, int]:
        return self.context, self.bitrate, self.width, self.height

    def _run(self) -> None:
        try:
            while self._seen < WARM_UP_FRAMES:
                self._wake.wait(1.0)
                self._wake.clear()
                while self._frames:
                    item = self._frames.popleft()
                    if item is None:
                        return
                    if self._seen == 0:
                        # A head start on copies of the first picture, stamped just before it: the
                        # quantizer is most of the way down before the second picture arrives.
                        for i in range(WARM_UP_COPIES, 0, -1):
                            self._encode(item[0], item[1] - i * self.step)
                    self._encode(*item)
            self.ready = True
        except (av.FFmpegError, ValueError):
            log.exception("video encoder warm-up failed; re-opening cold")
            self.failed = True


class SharedVideoEncoder(EncoderThread):
    """One VP8 (or H.264) encode of the program, whose packets every viewer shares."""

    kind = "video"

    def __init__(self, width: int, height: int, fps: float, bitrate: int, epoch: float,
                 codec: str = "vp8", keyframe_interval: float = 0.5, gop_seconds: float = 0.0,
                 canvas: tuple[int, int] | None = None) -> None:
        super().__init__(epoch)
        if codec not in CODECS:
            raise ValueError(f"codec must be one of {sorted(CODECS)}, not {codec!r}")
        self.width, self.height, self.fps, self.bitrate, self.codec_name = width, height, fps, bitrate, codec
        # 0: a safety keyframe every 10 s (WebRTC viewers ask for their own); platforms that take
        # RTMP want one every 2 s.
        self.gop_seconds = gop_seconds
        self.canvas = canvas or (width, height)  # what the program sends; the encode may be smaller
        self.send_fps = fps
        self.keyframes = KeyframeGate(keyframe_interval)
        self.keyframe_count = 0
        self.rebuilds = 0  # encoder re-opened for a new rate or size (each costs a keyframe)
        self.skipped = 0  # frames left out to send a lower frame rate
        self.fanout = PacketFanout(self.keyframes.request, needs_keyframe=True)
        self._wanted: tuple[int, int, int, float] | None = None
        self._warming: WarmUp | None = None
        self._last_sent = -1e9
        self._context = self._open_context(bitrate, width, height)

    def adapt(self, bitrate: int, width: int, height: int, fps: float) -> None:
        """New settings from a rate controller; the size's short side, that is: the encode keeps the
        program's aspect, which may switch meanwhile. A new bitrate or size re-opens the encoder (PyAV
        passes neither libvpx nor x264 a new rate while open), and so costs one keyframe:
        controllers change them rarely. A lower frame rate is free, from the next frame, and so
        is a lower bitrate (the path is full now). A fresh libvpx context starts at its coarsest
        quantizer and sends almost nothing for about five frames: a higher VP8 rate is warmed up
        beside the running encoder on the same pictures (``WarmUp``), and takes over when ready."""
        self._wanted = (bitrate, width, height, fps)

    def stop(self) -> None:
        super().stop()
        if self._warming is not None:  # its thread waits for pictures that no longer come
            self._warming.cancel()
            self._warming = None

    @property
    def codec_context(self) -> av.VideoCodecContext:
        """The open encoder, for muxers that describe its stream (read only)."""
        return self._context

    def _open_context(self, bitrate: int, width: int, height: int) -> av.VideoCodecContext:
        ctx = av.CodecContext.create(CODECS[self.codec_name], "w")
        ctx.width, ctx.height = width, height
        ctx.pix_fmt = "yuv420p"
        ctx.time_base = VIDEO_TIME_BASE
        ctx.framerate = fractions.Fraction(round(self.fps * 1000), 1000)
        ctx.bit_rate = bitrate
        ctx.gop_size = max(1, round(self.fps * (self.gop_seconds or 10)))
        # libvpx's worker threads spin-wait on each other: on two cores a second thread only burns CPU
        # and collapses under load (bench/pipeline_bench.py --busy-procs 2).
        ctx.thread_count = 1 if (os.cpu_count() or 1) < 4 else 2
        if self.codec_name == "vp8":
            ctx.qmin, ctx.qmax = 2, 56
            ctx.options = {"deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0",
                           "bufsize": str(bitrate), "minrate": str(bitrate),
                           "maxrate": str(bitrate), "undershoot-pct": "100", "overshoot-pct": "15",
                           "static-thresh": "1", "error-resilient": "1",
                           # a keyframe at most 3 frames' worth of bits: no burst that a small
                           # uplink's queue cannot hold (the WebRTC default for VP8)
                           "max-intra-rate": "300"}
        else:
            # A VBV buffer of one second: a constant rate, as platforms and networks want it.
            ctx.options = {"preset": "ultrafast", "tune": "zerolatency", "profile": "baseline",
                           "level": "31", "bf": "0", "maxrate": str(bitrate), "bufsize": str(bitrate)}
        return ctx

    def _apply_wanted(self) -> bool:
        """Settle what ``adapt`` asked for; True if this frame opens a warmed-up context (and so
        must be a keyframe)."""
        warming = self._warming
        if warming is not None and warming.failed:  # (logged by the warm-up): re-open cold instead
            self._warming = None
            self.bitrate, self.width, self.height = warming.bitrate, warming.width, warming.height
            self._context = self._open_context(self.bitrate, self.width, self.height)
            self.rebuilds += 1
            return False
        if warming is not None and warming.ready:
            self._context, self.bitrate, self.width, self.height = warming.handover()
            self._warming = None
            self.rebuilds += 1
            return True
        wanted = self._wanted
        if wanted is None:
            return False
        if warming is not None:
            if wanted[0] > self.bitrate:
                return False  # a newer rise waits for the warm-up under way
            warming.cancel()  # the path filled up meanwhile: that warm-up is of no use now
            self._warming = None
        self._wanted = None
        bitrate, width, height, self.send_fps = wanted
        width, height = with_short_side(min(width, height), self.canvas)
        if (bitrate, width, height) == (self.bitrate, self.width, self.height):
            return False
        if self.codec_name == "vp8" and bitrate > self.bitrate:
            self._warming = WarmUp(self._open_context(bitrate, width, height), bitrate, width, height, self.fps)
            return False
        self.bitrate, self.width, self.height = bitrate, width, height
        self._context = self._open_context(bitrate, width, height)
        self.rebuilds += 1
        return False

    def _follow_canvas(self, canvas: tuple[int, int]) -> None:
        """The program's canvas switched (landscape, portrait): re-open at its aspect, keeping the
        short side. The next picture is a keyframe, and a VP8 or H.264 keyframe carries its size:
        decoders follow without a new connection."""
        warming, self._warming = self._warming, None
        if warming is not None:  # it learned on pictures of the old shape: start it again at the new one
            warming.cancel()
            self._wanted = self._wanted or (warming.bitrate, warming.width, warming.height, self.send_fps)
        self.canvas = canvas
        self.width, self.height = with_short_side(min(self.width, self.height), canvas)
        self._context = self._open_context(self.bitrate, self.width, self.height)
        self.rebuilds += 1

    def _i420(self, image: np.ndarray, width: int, height: int) -> np.ndarray:
        if (width, height) != self.canvas:
            image = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
        return cv2.cvtColor(image, cv2.COLOR_RGB2YUV_I420)

    def _encode_one(self, item: object) -> None:
        assert isinstance(item, VideoFrame)
        pts = int(round((item.capture_time - self.epoch) * 90000))
        if (item.width, item.height) != self.canvas:
            self._follow_canvas((item.width, item.height))
            fresh = True
        else:
            fresh = self._apply_wanted()
        if self._warming is not None:  # the next encoder learns on the same pictures, beside this one
            self._warming.feed(self._i420(item.image, self._warming.width, self._warming.height), pts)
        if (not fresh and self.send_fps < self.fps
                and item.capture_time - self._last_sent < 1 / self.send_fps - 0.5 / self.fps):
            self.skipped += 1
            return
        self._last_sent = item.capture_time
        frame = av.VideoFrame.from_ndarray(self._i420(item.image, self.width, self.height), format="yuv420p")
        frame.pts = pts
        frame.time_base = VIDEO_TIME_BASE
        if self.keyframes.take() or fresh:
            frame.pict_type = av.video.frame.PictureType.I
        for packet in self._context.encode(frame):
            self._publish(packet, item.capture_time)

    def _publish(self, packet: av.Packet, capture_time: float) -> None:
        packet.time_base = VIDEO_TIME_BASE
        size = packet.size
        if packet.is_keyframe:
            self.keyframe_count += 1
            self.keyframes.note_keyframe()
        self.packets += 1
        self.meter.add(size)
        self.fanout.publish_threadsafe(EncodedPacket(packet, packet.is_keyframe, capture_time, size,
                                                     (self.width, self.height)))


AUDIO_CODECS = {"opus": ("libopus", "s16"), "aac": ("aac", "fltp")}  # WebRTC; RTMP/FLV
AAC_FRAME = 1024  # samples per AAC frame


class SharedAudioEncoder(EncoderThread):
    """One encode of the program audio (48 kHz stereo) shared by every output that wants this
    codec: Opus (20 ms frames) for WebRTC, AAC for RTMP."""

    kind = "audio"

    def __init__(self, epoch: float, bitrate: int = 64000, codec: str = "opus") -> None:
        super().__init__(epoch)
        if codec not in AUDIO_CODECS:
            raise ValueError(f"audio codec must be one of {sorted(AUDIO_CODECS)}, not {codec!r}")
        self.codec_name, self.bitrate = codec, bitrate
        self.fanout = PacketFanout(lambda: None, needs_keyframe=False, max_queue=50)
        name, sample_format = AUDIO_CODECS[codec]
        ctx = av.CodecContext.create(name, "w")
        ctx.sample_rate = 48000
        ctx.layout = "stereo"
        ctx.format = sample_format
        ctx.bit_rate = bitrate
        ctx.time_base = AUDIO_TIME_BASE
        if codec == "opus":
            ctx.options = {"application": "lowdelay", "frame_duration": "20"}
        self._context = ctx
        # AAC takes 1024 samples a frame, not the sources' 20 ms: a FIFO re-cuts the chunks.
        self._fifo = av.AudioFifo() if codec == "aac" else None
        self._to_float = av.AudioResampler(format="fltp", layout="stereo", rate=48000) if self._fifo else None
        self._fifo_pts = 0  # timestamp of the first sample waiting in the FIFO
        # Audio must not drop chunks the way video drops frames: it queues, bounded.
        self.input = _AudioQueue()

    @property
    def codec_context(self) -> av.AudioCodecContext:
        return self._context

    def _encode_one(self, item: object) -> None:
        assert isinstance(item, AudioChunk)
        if item.sample_rate != 48000:
            raise ValueError(f"audio must be 48 kHz, got {item.sample_rate}")
        mono = item.samples[:, :1] if item.samples.ndim == 2 else item.samples[:, None]
        stereo = np.ascontiguousarray(np.repeat(mono, 2, axis=1).reshape(1, -1))
        frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
        frame.sample_rate = 48000
        frame.pts = int(round((item.capture_time - self.epoch) * 48000))
        frame.time_base = AUDIO_TIME_BASE
        if self._fifo is None:
            self._encode_frame(frame, item.capture_time)
            return
        assert self._to_float is not None
        # The FIFO's own timestamps assume no gap ever; ours follow the capture clock, and jump
        # with it if chunks were lost (more than one chunk off).
        expected = self._fifo_pts + self._fifo.samples
        if abs(frame.pts - expected) > len(stereo[0]) // 2:
            self._fifo_pts = frame.pts - self._fifo.samples
        for converted in self._to_float.resample(frame):
            converted.pts = None
            self._fifo.write(converted)
        while self._fifo.samples >= AAC_FRAME:
            cut = self._fifo.read(AAC_FRAME)
            cut.pts, cut.time_base = self._fifo_pts, AUDIO_TIME_BASE
            self._fifo_pts += AAC_FRAME
            self._encode_frame(cut, item.capture_time)

    def _encode_frame(self, frame: av.AudioFrame, capture_time: float) -> None:
        for packet in self._context.encode(frame):
            packet.time_base = AUDIO_TIME_BASE
            self.packets += 1
            self.meter.add(packet.size)
            self.fanout.publish_threadsafe(EncodedPacket(packet, True, capture_time, packet.size))


class _AudioQueue(LatestSlot):
    """A short FIFO with LatestSlot's interface: audio gaps are audible, so keep every chunk
    unless more than ``limit`` pile up (then drop the oldest and count it)."""

    def __init__(self, limit: int = 25) -> None:
        super().__init__()
        self._queue: deque = deque()
        self._limit = limit

    def put(self, item: object) -> None:
        with self._cond:
            if len(self._queue) >= self._limit:
                self._queue.popleft()
                self.dropped += 1
            self._queue.append(item)
            self._cond.notify_all()

    def get(self, timeout: float | None = None) -> object | None:
        with self._cond:
            if not self._queue and not self._cond.wait_for(lambda: self._queue, timeout):
                return None
            self.delivered += 1
            return self._queue.popleft()
