"""Did the last session end cleanly? While the window is open it keeps a marker file in the config
folder: its process (pid and start time, so a reused pid is not mistaken for it) and what was running
(live, which outputs, the recording), rewritten as that changes and removed on a clean quit. A marker
whose process is gone was left by a crash or a kill."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

from .atomic import write_atomically

MARKER = "session.json"


@dataclass
class SessionState:
    live: bool = False
    outputs: list[str] = field(default_factory=list)  # what went out with the show (the offer names them)
    recording: bool = False

    @property
    def worth_resuming(self) -> bool:
        return self.live or self.recording


def _started(pid: int) -> float | None:
    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return None


class SessionMarker:
    def __init__(self, folder: Path) -> None:
        self.path = folder / MARKER
        self._written: str | None = None

    def unclean_end(self) -> SessionState | None:
        """What was running when the last session ended without a clean quit; None after a clean quit,
        or while the process that wrote the marker still runs (another window on these settings)."""
        try:
            marker = json.loads(self.path.read_text(encoding="utf-8"))
            pid, started, state = int(marker["pid"]), float(marker["started"]), marker["state"]
            state = SessionState(bool(state["live"]), [str(n) for n in state["outputs"]], bool(state["recording"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no marker (a clean quit, a first start) or not ours to read
        return None if _started(pid) == started else state

    def write(self, state: SessionState) -> None:
        """This process runs the window, with ``state`` on; written only when it changes."""
        text = json.dumps({"pid": os.getpid(), "started": _started(os.getpid()), "state": asdict(state)},
                          ensure_ascii=False)
        if text != self._written:
            write_atomically(self.path, text)
            self._written = text

    def clear(self) -> None:
        """A clean quit: nothing to offer next time."""
        self.path.unlink(missing_ok=True)
        self._written = None
