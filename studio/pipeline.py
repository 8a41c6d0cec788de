"""The media pipeline: sources → filter chain → compositor → encoders.

Each stage runs on its own thread and hands only the newest frame to the next (`LatestSlot`), so
a slow stage drops frames, counts them and never adds latency. OpenCV, numpy and PyAV release the
GIL, so the stages run in parallel with each other and with the asyncio loop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np

from . import i420
from .allocator import keep_buffers
from .audio.mixer import HOST, AudioMixer, MixerInput
from .compositor import Compositor
from .cores import share_cores
from .filters.base import VideoFilter
from .frames import AudioChunk, LatestSlot, VideoFrame
from .guard import HANG_SECONDS, FilterGuard
from .guests.layout import LayoutCompositor, Tile
from .messages import StudioError
from .metrics import RateMeter, ema
from .sources.base import AudioSource, SourceRunner, VideoSource, pace
from .vision.context import FaceAnalysis, FrameContext

log = logging.getLogger(__name__)

STALL_SECONDS = 1.0  # a "live" source silent this long gets the slate, so the picture never freezes
# Program frames go out at least this share of a frame interval apart. After a slow frame the next
# is often ready at once; encoders take the newest frame from a LatestSlot, so of two frames put
# there together only the second would be encoded (a filter run on every other frame halved the
# encoded rate). Frames keep their capture times: the spacing moves no time stamp.
EMIT_SPACING = 0.5


def run_chain(guards: list[FilterGuard], image: np.ndarray, context: FrameContext) -> np.ndarray:
    """The filter chain for one frame. If the filters before the first one that needs faces keep
    every pixel in place, face analysis starts at once on its own thread and runs beside them."""
    for guard in guards:
        if not guard.active:
            continue
        flt = guard.filter
        if getattr(flt, "needs_faces", lambda _: False)(context.true_colour):
            context.prefetch(image)
            break
        if not getattr(flt, "keeps_geometry", False):
            break
    source = image
    yuv: np.ndarray | None = None  # the frame in I420 while I420 filters run, else None
    context.begin()
    try:
        for guard in guards:
            if not guard.runs(image if yuv is None else yuv, context):
                continue
            flt = guard.filter
            as_i420 = (getattr(flt, "pixel_format", "rgb") == "i420" and not getattr(flt, "changes_size", False)
                       and i420.fits(image.shape) and not context.true_colour)  # product mode: no 4:2:0 round trip
            if as_i420 and yuv is None:
                yuv = i420.to_i420(image)
                context.own(yuv)
            elif not as_i420 and yuv is not None:
                image, yuv = i420.to_rgb(yuv), None
                context.own(image)
            if yuv is not None:
                yuv = guard.apply(yuv, context, i420=True)
                changed = True  # I420 filters may draw into the buffer they were given
            else:
                result = guard.apply(image, context)
                changed = result is not image
                if changed and not np.may_share_memory(result, source):
                    context.own(result)  # a view of the source is not ours to draw into
                image = result
            if changed and not getattr(flt, "keeps_geometry", False):
                context.moved()  # faces found so far no longer fit the picture
    finally:
        context.finish()
    return image if yuv is None else i420.to_rgb(yuv)


class Pipeline:
    """Owns the source runners and the program thread; encoders attach as frame consumers."""

    def __init__(self, video_source: VideoSource, audio_source: AudioSource | None, compositor: Compositor,
                 fps: float, filters: list[VideoFilter | FilterGuard] | None = None) -> None:
        keep_buffers()
        share_cores()
        self.compositor = compositor
        self.fps = fps
        self.filters: list[FilterGuard] = []
        self.overlays: list[FilterGuard] = []
        self.layout = LayoutCompositor()
        self.guest_tiles: Callable[[], list[Tile]] | None = None  # the guests on air, read each frame
        self.faces = FaceAnalysis()  # one tracker for the show, shared by every face-aware filter
        self.true_colour = False  # product mode: nothing outside faces is recoloured
        self.keep_before = False  # keep the unfiltered picture too, for a before/after preview
        self.last_before: np.ndarray | None = None
        self.set_filters(filters or [])
        self._source_slot = LatestSlot()
        self.video_runner = SourceRunner(video_source, self._source_slot.put)
        self.audio_runner = SourceRunner(audio_source, self._on_audio) if audio_source else None
        self.mixer = AudioMixer(self._emit_audio)  # the host's microphone and the guests
        self._video_consumers: list[LatestSlot] = []
        self._audio_consumers: list[LatestSlot] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._generation = 0  # bumped when a hung filter strands the program thread
        self._thread = self._new_program_thread()
        self._watchdog = threading.Thread(target=self._watch_guards, name="program-watchdog", daemon=True)
        self.last_program: VideoFrame | None = None
        self.program_meter = RateMeter()
        self.program_frames = 0
        self.filter_ms = 0.0
        self.compose_ms = 0.0
        self.program_errors = 0
        self.on_slate = False

    # -- consumers ---------------------------------------------------------------------------
    def add_video_consumer(self, slot: LatestSlot) -> None:
        with self._lock:
            self._video_consumers.append(slot)

    def add_audio_consumer(self, slot: LatestSlot) -> None:
        with self._lock:
            self._audio_consumers.append(slot)

    def remove_consumer(self, slot: LatestSlot) -> None:
        with self._lock:
            for consumers in (self._video_consumers, self._audio_consumers):
                if slot in consumers:
                    consumers.remove(slot)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        self.video_runner.start()
        self.mixer.start()
        if self.audio_runner:
            self.audio_runner.start()
        self._thread.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._stop.set()
        self.video_runner.stop()
        if self.audio_runner:
            self.audio_runner.stop()
        self.mixer.stop()
        self._thread.join(timeout=5)
        self._watchdog.join(timeout=5)
        self.faces.close()

    def set_video_source(self, source: VideoSource) -> None:
        """Swap the program source live; the placeholder covers the gap."""
        old, self.video_runner = self.video_runner, SourceRunner(source, self._source_slot.put)
        old.stop(wait=False)  # called from the UI loop: a stuck camera must not freeze it
        if self._thread.is_alive():
            self.video_runner.start()

    def set_audio_source(self, source: AudioSource | None) -> None:
        old, self.audio_runner = self.audio_runner, SourceRunner(source, self._on_audio) if source else None
        if old:
            old.stop(wait=False)
        if self.audio_runner and self._thread.is_alive():
            self.audio_runner.start()

    # -- filters -----------------------------------------------------------------------------
    def set_filters(self, filters: list[VideoFilter | FilterGuard]) -> None:
        # Swapped atomically; the program thread reads the list once a frame.
        self.filters = [f if isinstance(f, FilterGuard) else FilterGuard(f, fps=self.fps) for f in filters]

    def set_canvas(self, compositor: Compositor) -> None:
        """A new canvas (size, fit or fill) from the next frame; the program thread reads it once a frame."""
        self.compositor = compositor

    def set_overlays(self, overlays: list[FilterGuard]) -> None:
        self.overlays = list(overlays)

    def _apply_filters(self, image: np.ndarray, capture_time: float) -> np.ndarray:
        return run_chain(self.filters, image, FrameContext(self.faces, capture_time, self.true_colour))

    def _new_program_thread(self) -> threading.Thread:
        return threading.Thread(target=self._run_program, args=(self._generation,), name="program", daemon=True)

    def _watch_guards(self) -> None:
        """A filter stuck in one call takes the program thread with it: switch the filter off and
        carry on with a fresh program thread. The stuck one exits if its call ever returns. Filters
        switched off by an error get their fresh start here once their back-off has passed: the
        chain never calls a switched-off filter, so it would never find out."""
        while not self._stop.wait(0.1):
            now = time.monotonic()
            for guard in self.filters + self.overlays:
                guard.retry_if_due(now)
                if guard.error is None and guard.hung(now):  # the stranded call stays "hung": act once
                    guard.disable(StudioError("filter.hung", seconds=HANG_SECONDS))
                    self._generation += 1
                    self._thread.name = f"program-stranded-in-{guard.name}"  # visible in thread dumps
                    self._thread = self._new_program_thread()
                    self._thread.start()
                    break

    # -- threads -----------------------------------------------------------------------------
    @property
    def audio_level(self) -> MixerInput:
        """The host's microphone as it enters the mix (``rms_db``, ``peak_db``)."""
        return self.mixer.inputs[HOST]

    def _on_audio(self, chunk: object) -> None:
        assert isinstance(chunk, AudioChunk)
        self.mixer.push_host(chunk)

    def _emit_audio(self, chunk: AudioChunk) -> None:
        with self._lock:
            consumers = list(self._audio_consumers)
        for slot in consumers:
            slot.put(chunk)

    def _run_program(self, generation: int) -> None:
        while not self._stop.is_set() and generation == self._generation:
            try:
                self._program_loop(generation)
            except Exception:  # never let one bad frame end the program; log it and carry on
                log.exception("program thread error")
                self.program_errors += 1
                self._stop.wait(0.1)

    def _program_loop(self, generation: int) -> None:
        interval = 1.0 / self.fps
        placeholder_seq = 0
        next_due = last_frame_at = time.monotonic()
        emitted_at = 0.0
        self.on_slate = False
        while not self._stop.is_set() and generation == self._generation:
            source_frame = self._source_slot.get(timeout=0 if self.on_slate else 2 * interval)
            if source_frame is not None:
                assert isinstance(source_frame, VideoFrame)
                self.on_slate = False
                next_due = last_frame_at = time.monotonic()
                program = self._produce(source_frame)
                self._stop.wait(emitted_at + EMIT_SPACING * interval - time.monotonic())
                if generation == self._generation:  # a stranded thread must not emit late frames
                    self._emit(program)
                    emitted_at = time.monotonic()
                continue
            stalled = time.monotonic() - last_frame_at > STALL_SECONDS
            if self.video_runner.available and not stalled:
                continue  # a slow source: wait rather than invent frames
            # No device, or one that hangs: keep the program moving at full rate on a slate.
            message = self.video_runner.error or "the video source stopped sending frames"
            self._emit(VideoFrame(self.compositor.placeholder(message), time.time(), placeholder_seq,
                                  {"placeholder": True}))
            placeholder_seq += 1
            self.on_slate = True
            next_due = pace(next_due, interval)

    def _produce(self, source_frame: VideoFrame) -> VideoFrame:
        started = time.perf_counter()
        image = self._apply_filters(source_frame.image, source_frame.capture_time)
        filtered = time.perf_counter()
        compositor = self.compositor  # one canvas for the whole frame, even if it switches meanwhile
        canvas = compositor.compose(image)
        guests = self.guest_tiles() if self.guest_tiles is not None else []
        if guests:  # co-host guests on air: the host's picture becomes one tile of the layout
            canvas = self.layout.compose(canvas, [Tile("host", "", canvas), *guests])
        if self.keep_before:
            self.last_before = compositor.compose(source_frame.image)
        if any(g.active for g in self.overlays):
            if np.may_share_memory(canvas, source_frame.image):
                canvas = canvas.copy()  # overlays draw in place; never into a source's buffer
            for guard in self.overlays:
                canvas = guard.apply(canvas)
        composed = time.perf_counter()
        self.filter_ms = ema(self.filter_ms, (filtered - started) * 1000)
        self.compose_ms = ema(self.compose_ms, (composed - filtered) * 1000)
        return VideoFrame(canvas, source_frame.capture_time, source_frame.seq, source_frame.meta)

    def _emit(self, program: VideoFrame) -> None:
        self.last_program = program
        self.program_frames += 1
        self.program_meter.add()
        with self._lock:
            consumers = list(self._video_consumers)
        for slot in consumers:
            slot.put(program)

    def filter_states(self) -> list[dict]:
        """Each filter's and overlay's state, in chain order (`FilterGuard.state`)."""
        now = time.monotonic()
        return [guard.state(now) for guard in self.filters + self.overlays]

    def stats(self) -> dict:
        fps, _ = self.program_meter.rates()
        return {
            "program_fps": round(fps, 2),
            "program_frames": self.program_frames,
            "source_status": self.video_runner.status,
            "source_error": self.video_runner.error,
            "source_info": self.video_runner.source.describe(),
            "audio_status": self.audio_runner.status if self.audio_runner else "off",
            "audio_error": self.audio_runner.error if self.audio_runner else None,
            "audio_rms_db": round(self.audio_level.rms_db, 1),
            "audio_peak_db": round(self.audio_level.peak_db, 1),
            "dropped_source": self._source_slot.dropped,
            "filter_ms": round(self.filter_ms, 2),
            "compose_ms": round(self.compose_ms, 2),
            "filter_errors": {g.name: g.error for g in self.filters + self.overlays if g.error},
            "filter_error_messages": {g.name: g.error_message for g in self.filters + self.overlays
                                      if g.error_message},
            "filter_states": self.filter_states(),
            "program_errors": self.program_errors,
            "true_colour": self.true_colour,
            "true_colour_bypassed": [g.name for g in self.filters if self.true_colour and g.active
                                     and not getattr(g.filter, "true_colour_safe", False)],
            "faces": self.faces.face_count,
            "face_analysis_error": self.faces.error,
            "on_slate": self.on_slate,
        }

