"""Outputs: where the encoded show goes (a WHIP server, an RTMP platform, a file). One interface,
as OBS has: start, stop, a state the window shows, and reconnection with backoff when the
network or the server drops. The show, its state and the other outputs go on meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from ..encoder import SharedAudioEncoder, SharedVideoEncoder
from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from ..messages import Coded, as_message

log = logging.getLogger(__name__)


class OutputState(StrEnum):
    OFF = "off"
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    FAILED = "failed"  # a setting is wrong (token, URL): retrying would not help


class OutputError(Coded, RuntimeError):
    """What went wrong, as a message for the host. ``retry`` False: the host must fix a setting first."""

    def __init__(self, code: str, /, retry: bool = True, **params: Any) -> None:
        super().__init__(code, **params)
        self.retry = retry


class Backoff:
    """OBS's reconnect timing: first wait 2 s, each next one 1.5× longer, at most ``cap``."""

    def __init__(self, first: float = 2.0, factor: float = 1.5, cap: float = 30.0) -> None:
        self.first, self.factor, self.cap = first, factor, cap
        self._next = first

    def next(self) -> float:
        delay = self._next
        self._next = min(self._next * self.factor, self.cap)
        return delay

    def reset(self) -> None:
        self._next = self.first


class Output:
    """Runs ``connect`` then ``serve`` until stopped; on a drop, waits (backoff) and reconnects.
    Subclasses implement ``connect``, ``serve`` and ``disconnect``; each raises OutputError.
    Encoders come from the show's pool; an output holds them from its first connection until it
    stops, so reconnecting never restarts an encoder another output shares."""

    kind = "output"
    STABLE_SECONDS = 10.0  # up this long: the next drop starts the backoff from its first step
    # Shown live only once the connection has carried the show this long: a server may take the
    # connection and refuse the stream a moment later (RTMP to a wrong app or key).
    CONFIRM_SECONDS = 0.0

    def __init__(self, name: str, pool: EncoderPool, video: VideoSpec, audio: AudioSpec | None,
                 backoff: Backoff | None = None) -> None:
        self.name = name
        self.pool, self.video_spec, self.audio_spec = pool, video, audio
        self.video: SharedVideoEncoder | None = None
        self.audio: SharedAudioEncoder | None = None
        self.backoff = backoff or Backoff()
        self.state = OutputState.OFF
        self.error_message: dict[str, Any] = as_message("")  # what went wrong last, with its code
        self.reconnects = 0  # attempts since the last good connection ("reconnecting (n)")
        self.drops = 0  # connections lost while live, over the output's life
        self.restarts = 0  # connections started over on purpose while live (a new picture size)
        self.restarting = False  # one of them under way, not yet confirmed
        self._attempt = 0  # connections tried, over the output's life
        self.live_since: float | None = None
        self.retry_at: float | None = None  # monotonic time of the next attempt, while waiting
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()
        self._stopping = False

    # -- what subclasses do ------------------------------------------------------------------
    async def connect(self) -> None:
        raise NotImplementedError

    async def serve(self) -> None:
        """Carry the show until the connection fails (raise) or the output stops (cancelled)."""
        raise NotImplementedError

    async def disconnect(self) -> None:
        """Release the connection; called after every attempt, also a failed one."""

    def details(self) -> dict[str, Any]:
        return {}

    # -- control -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def error(self) -> str:
        """What went wrong last, in English ("" once live)."""
        return self.error_message["reason"]

    def start(self) -> None:
        if self.running:
            return
        self._stopping = False
        self.reconnects = 0
        self.error_message = as_message("")
        self.backoff.reset()
        self._task = asyncio.ensure_future(self._run())

    def hold_encoders(self) -> None:
        if self.video is None:
            self.video = self.pool.video(self.video_spec)
            self.audio = self.pool.audio(self.audio_spec) if self.audio_spec else None

    async def stop(self) -> None:
        self._stopping = True
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self.state, self.live_since, self.retry_at = OutputState.OFF, None, None
        for encoder in (self.video, self.audio):
            if encoder is not None:
                await self.pool.release(encoder)
        self.video = self.audio = None

    def reconnect_now(self) -> None:
        """Skip the rest of the wait (the window's "reconnect now"); starts a failed output again."""
        if self.running:
            self._wake.set()
        else:
            self.start()

    async def start_over(self, reason: str, reopen: Callable[[], Awaitable[None]]) -> None:
        """Start the connection over from within ``serve`` (a new picture size the container cannot
        take mid-stream). Not a drop: shown connecting, then live once the new connection has
        carried the show CONFIRM_SECONDS; a failure of ``reopen`` is a drop like any other."""
        self.state, self.live_since, self.restarting = OutputState.CONNECTING, None, True
        self.restarts += 1
        log.info("%s %s: starting over (%s)", self.kind, self.name, reason)
        await reopen()
        asyncio.get_running_loop().call_later(self.CONFIRM_SECONDS, self._confirm_restart,
                                              (self._attempt, self.restarts))

    def _confirm_restart(self, restart: tuple[int, int]) -> None:
        if (self._attempt, self.restarts) != restart:
            return  # a newer connection or restart owns the state
        self.restarting = False
        if self.state == OutputState.CONNECTING:
            self.state, self.live_since = OutputState.LIVE, time.time()

    async def _run(self) -> None:
        while not self._stopping:
            self._attempt += 1
            self.restarting = False
            self.state = OutputState.CONNECTING if self.reconnects == 0 else OutputState.RECONNECTING
            self.retry_at = None
            connected_at = None
            serving: asyncio.Future | None = None
            try:
                await self.connect()
                serving = asyncio.ensure_future(self.serve())
                await asyncio.wait({serving}, timeout=self.CONFIRM_SECONDS)
                if serving.done():
                    serving.result()  # refused at once: an attempt that failed, not a drop
                    raise OutputError("output.ended")
                connected_at = time.monotonic()
                self.state, self.live_since, self.error_message = OutputState.LIVE, time.time(), as_message("")
                log.info("%s %s: live", self.kind, self.name)
                await serving
                raise OutputError("output.ended")
            except asyncio.CancelledError:
                raise
            except OutputError as exc:
                self.error_message = as_message(exc)
                if not exc.retry:
                    self.state = OutputState.FAILED
                    log.error("%s %s failed: %s", self.kind, self.name, exc)
                    return
            except Exception as exc:  # a bug or an unforeseen library error must not end the show
                self.error_message = as_message(f"{type(exc).__name__}: {exc}")
                log.exception("%s %s: unexpected error", self.kind, self.name)
            finally:
                if serving is not None and not serving.done():
                    serving.cancel()
                    await asyncio.gather(serving, return_exceptions=True)
                self.live_since = None
                await asyncio.shield(self._disconnect_quietly())
            if connected_at is not None:
                self.drops += 1
                if time.monotonic() - connected_at >= self.STABLE_SECONDS:
                    self.backoff.reset()
                    self.reconnects = 0
            self.reconnects += 1
            self.state = OutputState.RECONNECTING
            delay = self.backoff.next()
            self.retry_at = time.monotonic() + delay
            log.warning("%s %s: %s; reconnecting (%d) in %.1f s", self.kind, self.name, self.error,
                        self.reconnects, delay)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)

    async def _disconnect_quietly(self) -> None:
        try:
            await self.disconnect()
        except Exception:
            log.exception("%s %s: error while disconnecting", self.kind, self.name)

    def status(self) -> dict[str, Any]:
        retry_in = None if self.retry_at is None else max(0.0, round(self.retry_at - time.monotonic(), 1))
        return {"name": self.name, "kind": self.kind, "state": self.state.value, "error": self.error,
                "error_message": self.error_message,
                "reconnects": self.reconnects, "drops": self.drops, "restarts": self.restarts,
                "restarting": self.restarting, "retry_in": retry_in,
                "live_since": self.live_since, **self.details()}
