"""Shared encoders' packets into a container (a file, or FLV over RTMP), through PyAV.

The packets are the ones every other output gets too: they are copied, never changed. Blocking
container work (connecting, writing to a slow network) runs on the output's own thread."""

from __future__ import annotations

import asyncio
import fractions
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import av

from ..encoder import SharedAudioEncoder, SharedVideoEncoder
from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from ..fanout import EncodedPacket, Subscriber
from ..metrics import RateMeter
from .base import Output, OutputError

log = logging.getLogger(__name__)

MUX_TIME_BASE = fractions.Fraction(1, 1000)


def _twin_stream(container: av.container.OutputContainer, encoder: SharedVideoEncoder | SharedAudioEncoder,
                 picture: tuple[int, int] | None = None) -> av.stream.Stream:
    """A stream described like ``encoder``'s output (video: of ``picture``'s size, by default the
    encoder's). PyAV opens a twin encoder with the same settings to write the header (its codec
    config — SPS/PPS, AudioSpecificConfig, OpusHead — matches ours); it never encodes a frame."""
    ctx = encoder.codec_context
    if isinstance(encoder, SharedVideoEncoder):
        stream = container.add_stream(ctx.codec.name, rate=fractions.Fraction(round(encoder.fps * 1000), 1000))
        twin = stream.codec_context
        (twin.width, twin.height), twin.pix_fmt = picture or (ctx.width, ctx.height), ctx.pix_fmt
        twin.options = dict(ctx.options)
    else:
        stream = container.add_stream(ctx.codec.name, rate=ctx.sample_rate)
        twin = stream.codec_context
        twin.layout, twin.format = ctx.layout, ctx.format
    twin.bit_rate = ctx.bit_rate
    stream.time_base = MUX_TIME_BASE
    return stream


class PacketMuxer:
    """Writes copies of shared packets, timed from the first video keyframe (time 0 of the file).
    Its pictures are of one size (``picture``): containers cannot change it mid-stream."""

    def __init__(self, target: str, format_name: str, video: SharedVideoEncoder, audio: SharedAudioEncoder | None,
                 picture: tuple[int, int], options: dict[str, str] | None = None,
                 container_options: dict[str, str] | None = None) -> None:
        self.picture = picture
        # For a network target this connects (and may block up to its timeout).
        self.container = av.open(target, "w", format=format_name, options=options or {},
                                 container_options=container_options or {})
        try:
            self.streams = {"video": _twin_stream(self.container, video, picture)}
            if audio is not None:
                self.streams["audio"] = _twin_stream(self.container, audio)
        except Exception:
            self.container.close()
            raise
        self.start_seconds: float | None = None
        self._last_ms = {kind: -1 for kind in self.streams}
        self.bytes_written = 0
        self.duration_s = 0.0

    def write(self, kind: str, item: EncodedPacket) -> None:
        packet = item.packet
        if packet.pts is None or packet.time_base is None:
            return
        seconds = float(packet.pts * packet.time_base)
        if self.start_seconds is None:
            if kind != "video" or not item.keyframe:
                return  # a file starts on a picture a player can decode
            self.start_seconds = seconds
        ms = round((seconds - self.start_seconds) * 1000)
        if ms < 0:
            return
        ms = max(ms, self._last_ms[kind] + 1)  # muxers need rising timestamps per stream
        self._last_ms[kind] = ms
        copy = av.Packet(bytes(packet))
        copy.pts = copy.dts = ms
        copy.time_base = MUX_TIME_BASE
        copy.is_keyframe = item.keyframe
        copy.stream = self.streams[kind]
        self.container.mux(copy)
        self.bytes_written += item.size
        self.duration_s = ms / 1000

    def close(self) -> None:
        try:
            self.container.close()  # writes the trailer (cues, duration) where the format has one
        except (av.FFmpegError, OSError) as exc:
            log.warning("closing %s: %s", self.container.name, exc)


class MuxedOutput(Output):
    """An output that muxes the show's encoded packets into one container per connection."""

    format_name = ""

    def __init__(self, name: str, pool: EncoderPool, video: VideoSpec, audio: AudioSpec | None, **kwargs: Any) -> None:
        super().__init__(name, pool, video, audio, **kwargs)
        self.muxer: PacketMuxer | None = None
        self.meter = RateMeter()
        self.dropped = 0  # packets lost because the target took them too slowly (network drops)
        self._subscribers: list[Subscriber] = []
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=f"output-{name}")

    def target(self) -> str:
        raise NotImplementedError

    def open_options(self) -> tuple[dict[str, str], dict[str, str]]:
        """(format/protocol options, container options) for av.open."""
        return {}, {}

    def describe_error(self, exc: Exception) -> OutputError:
        return OutputError("output.unexpected", error=str(exc))

    async def _blocking(self, work: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._thread, work, *args)

    async def connect(self) -> None:
        self.hold_encoders()
        assert self.video is not None
        await self._open_muxer((self.video.width, self.video.height))
        # Subscribed only now: the first video packet each connection gets is a keyframe.
        self._subscribers = [self.video.fanout.subscribe()]
        if self.audio is not None:
            self._subscribers.append(self.audio.fanout.subscribe())

    async def serve(self) -> None:
        pumps = [asyncio.ensure_future(self._pump(kind, sub))
                 for kind, sub in zip(("video", "audio"), self._subscribers, strict=False)]
        try:
            done, _ = await asyncio.wait(pumps, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                task.result()
        finally:
            for task in pumps:
                task.cancel()
            await asyncio.gather(*pumps, return_exceptions=True)

    async def _open_muxer(self, picture: tuple[int, int]) -> None:
        """The next container, for pictures of ``picture``'s size; the current one, if any, is
        ended cleanly first (its trailer written), on the output's thread like every write."""
        options, container_options = self.open_options()
        target = self.target()
        try:
            await self._blocking(self._replace_muxer, target, picture, options, container_options)
        except (av.FFmpegError, OSError) as exc:
            raise self.describe_error(exc) from exc

    def _replace_muxer(self, target: str, picture: tuple[int, int], options: dict[str, str],
                       container_options: dict[str, str]) -> None:
        self._close_muxer()
        assert self.video is not None
        self.muxer = PacketMuxer(target, self.format_name, self.video, self.audio, picture, options,
                                 container_options)

    def _write(self, kind: str, item: EncodedPacket) -> None:
        """On the output's thread: into the container open now (none if opening the next one failed)."""
        muxer = self.muxer
        if muxer is not None:
            muxer.write(kind, item)

    async def _pump(self, kind: str, subscriber: Subscriber) -> None:
        while True:
            item = await subscriber.get()
            if item is None:
                raise OutputError("output.encoder_stopped")
            muxer = self.muxer
            if kind == "video" and item.keyframe and muxer is not None and item.picture not in (None, muxer.picture):
                # The canvas switched orientation: this keyframe begins the next container.
                width, height = item.picture
                await self.start_over(f"the picture is now {width}×{height}", partial(self._open_muxer, item.picture))
            try:
                await self._blocking(self._write, kind, item)
            except (av.FFmpegError, OSError) as exc:
                raise self.describe_error(exc) from exc
            self.meter.add(item.size)

    async def disconnect(self) -> None:
        for subscriber in self._subscribers:
            self.dropped += subscriber.dropped
            subscriber.close()
        self._subscribers = []
        await self._blocking(self._close_muxer)  # after a replacement still under way on that thread

    def _close_muxer(self) -> None:
        muxer, self.muxer = self.muxer, None
        if muxer is not None:
            muxer.close()

    def details(self) -> dict[str, Any]:
        _, bps = self.meter.rates()
        dropped = self.dropped + sum(s.dropped for s in self._subscribers)
        muxer = self.muxer
        return {"bitrate_bps": int(bps), "dropped_packets": dropped,
                "seconds": round(muxer.duration_s, 1) if muxer else 0.0,
                "bytes": muxer.bytes_written if muxer else 0,
                "size": f"{muxer.picture[0]}x{muxer.picture[1]}" if muxer else ""}
