"""Outputs from their settings, as the show's config and the window give them:
``{"kind": "rtmp", "name": "douyin", "url": "rtmp://…/live", "key": "…", "bitrate": 3000000}`` or
``{"kind": "whip", "name": "sfu", "url": "https://…/whip", "token": "…"}``."""

from __future__ import annotations

from typing import Any

from ..config import StudioConfig
from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from .base import Output, OutputError
from .rtmp import RtmpOutput
from .whip import WhipOutput

KINDS = ("rtmp", "whip")
RTMP_GOP_SECONDS = 2.0  # what the platforms ask of a third-party encoder
RTMP_AUDIO = AudioSpec("aac", 128_000)


def rtmp_specs(config: StudioConfig, bitrate: int) -> tuple[VideoSpec, AudioSpec]:
    """H.264 with a keyframe every 2 s and AAC: what platforms and video editors take."""
    width, height = config.canvas_size
    return VideoSpec("h264", width, height, config.fps, bitrate, RTMP_GOP_SECONDS), RTMP_AUDIO


def make_output(spec: dict[str, Any], pool: EncoderPool, config: StudioConfig) -> Output:
    kind = spec.get("kind")
    if kind not in KINDS:
        raise OutputError("output.kind", retry=False, kinds=", ".join(KINDS), kind=str(kind))
    name = str(spec.get("name") or kind)
    unknown = set(spec) - {"kind", "name", "url", "key", "token", "bitrate", "codec", "controller", "preference"}
    if unknown:
        raise OutputError("output.unknown_settings", retry=False, name=name, settings=", ".join(sorted(unknown)))
    if not spec.get("url"):
        raise OutputError("output.needs_url", retry=False, name=name)
    width, height = config.canvas_size
    bitrate = int(spec.get("bitrate") or config.video_bitrate)
    if kind == "rtmp":
        return RtmpOutput(name, spec["url"], str(spec.get("key", "")), pool, *rtmp_specs(config, bitrate))
    codec = str(spec.get("codec") or config.video_codec)
    video = VideoSpec(codec, width, height, config.fps, bitrate)
    return WhipOutput(name, spec["url"], str(spec.get("token", "")), pool, video,
                      AudioSpec("opus", config.audio_bitrate), controller=str(spec.get("controller", "adaptive")),
                      preference=str(spec.get("preference", "detail")))
