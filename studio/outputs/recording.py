"""Local recording of the program with its audio, in Matroska: written cluster by cluster (one a
second, flushed), so the file plays up to its last second even if the studio is killed."""

from __future__ import annotations

import errno
import time
from pathlib import Path
from typing import Any

from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from .base import OutputError
from .muxer import MuxedOutput


class Recorder(MuxedOutput):
    kind = "recording"
    format_name = "matroska"

    def __init__(self, folder: str | Path, pool: EncoderPool, video: VideoSpec, audio: AudioSpec | None,
                 **kwargs: Any) -> None:
        super().__init__("recording", pool, video, audio, **kwargs)
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
            raise OutputError(f"cannot create the recording folder {self.folder}: {exc.strerror}", retry=False) from exc
        if not self._stamp:
            self._stamp = time.strftime("%Y-%m-%d %H-%M-%S")
        part = f" ({len(self.files) + 1})" if self.files else ""
        path = self.folder / f"Host Studio {self._stamp}{part}.mkv"
        self.files.append(path)
        return str(path)

    def open_options(self) -> tuple[dict[str, str], dict[str, str]]:
        return {}, {"cluster_time_limit": "1000", "flush_packets": "1"}

    def describe_error(self, exc: Exception) -> OutputError:
        code = getattr(exc, "errno", None)
        if code in (errno.EACCES, errno.EROFS, errno.ENOENT):
            return OutputError(f"cannot write the recording in {self.folder}: {exc}", retry=False)
        if code == errno.ENOSPC:
            return OutputError(f"the disk is full: {self.folder}")
        return OutputError(f"recording error: {exc}")

    def details(self) -> dict[str, Any]:
        return {**super().details(), "file": str(self.files[-1]) if self.files else ""}
