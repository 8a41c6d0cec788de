"""RTMP push, the way Douyin, Kuaishou, Taobao Live, TikTok, YouTube and Bilibili take a
third-party encoder: a server URL and a stream key; H.264 and AAC in FLV."""

from __future__ import annotations

import errno
from typing import Any
from urllib.parse import urlsplit

from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from .base import OutputError
from .muxer import MuxedOutput

CONNECT_TIMEOUT_US = 10_000_000  # a server that accepts and then says nothing fails in 10 s


def check_rtmp_url(url: str) -> None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("rtmp", "rtmps") or not parts.hostname:
        raise OutputError("rtmp.url", retry=False, url=url)


class RtmpOutput(MuxedOutput):
    kind = "rtmp"
    format_name = "flv"
    CONFIRM_SECONDS = 3.0  # FFmpeg's open returns before the server has said yes to the stream

    def __init__(self, name: str, url: str, key: str, pool: EncoderPool, video: VideoSpec, audio: AudioSpec,
                 **kwargs: Any) -> None:
        check_rtmp_url(url)
        if video.codec != "h264" or audio.codec != "aac":
            raise OutputError("rtmp.codecs", retry=False)
        super().__init__(name, pool, video, audio, **kwargs)
        self.url, self.key = url.strip(), key.strip()

    def target(self) -> str:
        return f"{self.url.rstrip('/')}/{self.key}" if self.key else self.url

    @property
    def server(self) -> str:
        """The URL without the key, safe to show and to log."""
        return self.url

    def open_options(self) -> tuple[dict[str, str], dict[str, str]]:
        return {}, {"rw_timeout": str(CONNECT_TIMEOUT_US), "flvflags": "no_duration_filesize"}

    def describe_error(self, exc: Exception) -> OutputError:
        code = getattr(exc, "errno", None)
        text = str(exc).replace(self.key, "****") if self.key else str(exc)  # never log the key
        if code == errno.ECONNREFUSED:
            return OutputError("rtmp.refused", server=self.server)
        if code in (errno.ETIMEDOUT, errno.EAGAIN):
            return OutputError("rtmp.timeout", server=self.server)
        if code in (errno.EPIPE, errno.ECONNRESET, errno.EIO):
            return OutputError("rtmp.closed", server=self.server, problem=text)
        if code == errno.ENOENT or "resolve" in text.lower() or "name or service" in text.lower():
            return OutputError("rtmp.host_unknown", server=self.server)
        return OutputError("rtmp.error", server=self.server, problem=text)

    def details(self) -> dict[str, Any]:
        return {**super().details(), "server": self.server}
