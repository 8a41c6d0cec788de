"""Encoders shared across outputs: one per distinct setting. The embedded server, a WHIP output,
an RTMP push and the recording each ask for what they need; where the settings match they get the
same running encoder, so each picture is encoded once."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, replace

from .compositor import with_short_side
from .encoder import EncoderThread, SharedAudioEncoder, SharedVideoEncoder
from .pipeline import Pipeline


@dataclass(frozen=True)
class VideoSpec:
    codec: str  # vp8 | h264
    width: int  # the encode's size; the program's pictures are scaled to it
    height: int
    fps: float
    bitrate: int
    gop_seconds: float = 0.0  # 0: keyframes on request plus one every 10 s
    owner: str = ""  # an output that adapts the encoder to its network gets one of its own

    def for_canvas(self, canvas: tuple[int, int]) -> VideoSpec:
        """These settings for a canvas of another orientation: its aspect, the same short side."""
        width, height = with_short_side(min(self.width, self.height), canvas)
        return replace(self, width=width, height=height)


@dataclass(frozen=True)
class AudioSpec:
    codec: str  # opus | aac
    bitrate: int


class EncoderPool:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        # One clock for every encoder of the show: their timestamps share a zero, so audio and
        # video of any output stay in sync.
        self.epoch = time.time()
        self._running: dict[VideoSpec | AudioSpec, tuple[EncoderThread, int]] = {}

    def video(self, spec: VideoSpec) -> SharedVideoEncoder:
        encoder = self._acquire(spec)
        assert isinstance(encoder, SharedVideoEncoder)
        return encoder

    def audio(self, spec: AudioSpec) -> SharedAudioEncoder:
        encoder = self._acquire(spec)
        assert isinstance(encoder, SharedAudioEncoder)
        return encoder

    def _acquire(self, spec: VideoSpec | AudioSpec) -> EncoderThread:
        if spec in self._running:
            encoder, users = self._running[spec]
            self._running[spec] = (encoder, users + 1)
            return encoder
        encoder: EncoderThread
        if isinstance(spec, VideoSpec):
            canvas = (self.pipeline.compositor.width, self.pipeline.compositor.height)
            encoder = SharedVideoEncoder(spec.width, spec.height, spec.fps, spec.bitrate, self.epoch, spec.codec,
                                         gop_seconds=spec.gop_seconds, canvas=canvas)
        else:
            encoder = SharedAudioEncoder(self.epoch, spec.bitrate, spec.codec)
        encoder.fanout.bind(asyncio.get_running_loop())
        encoder.start()
        if isinstance(spec, VideoSpec):
            self.pipeline.add_video_consumer(encoder.input)
        else:
            self.pipeline.add_audio_consumer(encoder.input)
        self._running[spec] = (encoder, 1)
        return encoder

    async def release(self, encoder: EncoderThread) -> None:
        """One user fewer; the last one out stops the encoder."""
        spec = next((s for s, (e, _) in self._running.items() if e is encoder), None)
        if spec is None:
            return
        _, users = self._running[spec]
        if users > 1:
            self._running[spec] = (encoder, users - 1)
            return
        del self._running[spec]
        self.pipeline.remove_consumer(encoder.input)
        encoder.fanout.close_all()
        await asyncio.get_running_loop().run_in_executor(None, encoder.stop)  # joins a thread

    def set_canvas(self, canvas: tuple[int, int]) -> None:
        """The program switched to ``canvas``. Running encoders follow its pictures by themselves
        (``SharedVideoEncoder``); their settings here follow too, so an output that asks for the new
        size shares them."""
        self._running = {spec.for_canvas(canvas) if isinstance(spec, VideoSpec) else spec: running
                         for spec, running in self._running.items()}

    def encoders(self) -> list[tuple[VideoSpec | AudioSpec, EncoderThread, int]]:
        """What runs now: (settings, encoder, how many outputs use it)."""
        return [(spec, encoder, users) for spec, (encoder, users) in self._running.items()]
