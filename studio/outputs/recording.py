"""Local recording of the program with its audio. MP4 (H.264 + AAC, what 剪映 and Premiere edit) by
default, fragmented: each second is a self-contained fragment, flushed, so a killed studio leaves a
file that plays to its last second. Matroska (the live VP8 + Opus, no second encode) on request,
written cluster by cluster the same way."""

from __future__ import annotations

import errno
import time
from pathlib import Path
from typing import Any

from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from .base import OutputError
from .muxer import MuxedOutput

FORMATS = {  # recording_format → (PyAV format, file suffix, container options)
    # A fragment at each keyframe and at least every second; empty_moov: playable with no trailer.
    "mp4": ("mp4", ".mp4", {"movflags": "frag_keyframe+empty_moov+default_base_moof",
                            "frag_duration": "1000000", "flush_packets": "1"}),
    "mkv": ("matroska", ".mkv", {"cluster_time_limit": "1000", "flush_packets": "1"}),
}


class Recorder(MuxedOutput):
    kind = "recording"

    def __init__(self, folder: str | Path, pool: EncoderPool, video: VideoSpec, audio: AudioSpec | None,
                 recording_format: str = "mp4", **kwargs: Any) -> None:
        super().__init__("recording", pool, video, audio, **kwargs)
        self.format_name, self.suffix, self._container_options = FORMATS[recording_format]
        self.folder = Path(folder).expanduser()
        self.files: list[Path] = []  # one per connection: a disk error mid-show starts a new part
        self._stamp = ""

    def start(self) -> None:
        if not self.running:
            self._stamp, self.files = "", []
        super().start()

    def target(self) -> str:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError("recording.folder", retry=False, folder=str(self.folder), problem=exc.strerror) from exc
        if not self._stamp:
            self._stamp = time.strftime("%Y-%m-%d %H-%M-%S")
        part = f" ({len(self.files) + 1})" if self.files else ""
        path = self.folder / f"Host Studio {self._stamp}{part}{self.suffix}"
        self.files.append(path)
        return str(path)

    def open_options(self) -> tuple[dict[str, str], dict[str, str]]:
        return {}, dict(self._container_options)

    def describe_error(self, exc: Exception) -> OutputError:
        code = getattr(exc, "errno", None)
        if code in (errno.EACCES, errno.EROFS, errno.ENOENT):
            return OutputError("recording.write", retry=False, folder=str(self.folder), problem=str(exc))
        if code == errno.ENOSPC:
            return OutputError("recording.disk_full", folder=str(self.folder))
        return OutputError("recording.error", problem=str(exc))

    def details(self) -> dict[str, Any]:
        return {**super().details(), "file": str(self.files[-1]) if self.files else ""}
