"""This studio as a co-host guest on another host's show (the desktop twin of the guest page).

The guest's own program (their camera through their own filters, their microphone) goes to the
host's guest WHIP endpoint through a ``WhipOutput`` with shared, adaptive encoders, as any WHIP
publishing does. The same connection brings the return feed back once the host admits the guest:
the host's program picture and the guest's mix-minus, played on the default output device. The
host's status for the session is polled every second (lobby, on the call, seen and heard), and a
dropped connection is replaced with the host's rejoin key, as the guest page does."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import time
from collections import deque
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import aiohttp
import av
import numpy as np
from aiortc import MediaStreamTrack, RTCIceServer, RTCRtpReceiver
from aiortc.mediastreams import MediaStreamError

from ..audio.mixer import CHUNK, RATE, MixerInput
from ..encoder_pool import AudioSpec, VideoSpec
from ..frames import DecodedPicture
from ..live_jitter import use_live_jitter_buffer
from ..messages import Coded, as_message, from_header
from ..outputs.whip import WhipOutput, WhipRefused
from ..rtc import ice_servers

if TYPE_CHECKING:
    from ..show import Studio

log = logging.getLogger(__name__)

POLL_S = 1.0
HTTP_TIMEOUT = 10.0
SEND_BITRATE = 2_000_000  # 720p at 30 fps; a guest is at most half the host's picture, more only costs uplink
RECENT_S = 3.0  # return audio kept for meters and checks
STATES = ("connecting", "lobby", "on_call", "ended")
REJOIN_TRIES, REJOIN_WAIT_S = 10, 1.0  # as the guest page: ten tries, a second apart
# Why a call ended, by code (the window words them in its own language).
ENDINGS = {
    "left": "you left the call",
    "kicked": "the host removed you from the call",
    "rejected": "the host did not let you in",
    "lost": "the connection to the host was lost",
    "refused": "the host's studio refused the link",
    "failed": "could not join the call",
}
_JOIN_PATH = re.compile(r"^(?P<prefix>.*)/join/(?P<token>[^/]+)/?$")


class JoinError(Coded, RuntimeError):
    """Joining failed; the message says why, for the guest."""


class LinkError(JoinError, ValueError):
    """Not an invite link."""


class JoinRefused(JoinError):
    """The host's studio refused the link (expired, used, withdrawn); ``said`` is the host's reason
    in English, ``message`` the same with its code (``studio.messages.as_message``) when it sent one."""

    def __init__(self, message: dict[str, Any]) -> None:
        super().__init__("join.refused", reason=message)
        self.message, self.said = message, str(message.get("reason", ""))


def parse_link(link: str) -> tuple[str, str]:
    """(the host's base URL, the token) from ``http://HOST:PORT/join/<token>``; LinkError otherwise."""
    parts = urlsplit(link.strip())
    match = _JOIN_PATH.match(parts.path)
    if parts.scheme not in ("http", "https") or not parts.hostname or match is None or parts.query:
        raise LinkError("join.link", link=link)
    return urlunsplit((parts.scheme, parts.netloc, match["prefix"], "", "")), match["token"]


def guest_whip_url(link: str, name: str) -> str:
    """Where a guest's offer goes: ``…/join/<token>`` → ``…/guest/<token>/whip?name=…``."""
    base, token = parse_link(link)
    return f"{base}/guest/{quote(token, safe='')}/whip?{urlencode({'name': name})}"


def pull(queue: MixerInput, out: np.ndarray) -> None:
    """Fill ``out`` (int16, any length) from ``queue``, never waiting: until it has primed, or
    when it ran dry, silence. The mixer's voice queue serves here too: primed, bounded, and a
    burst's excess shaved off, so the show's sound is never played late for good."""
    got = queue.take(out.size)
    out[:] = 0 if got is None else got.astype(np.int16)


class Speaker:
    """The default output device (PortAudio), fed 20 ms chunks through a queue (``pull``)."""

    def __init__(self) -> None:
        self.queue = MixerInput("show", "the show's sound")
        self._stream: Any = None
        self.device = ""  # what plays, once open
        self.error = ""  # why nothing plays

    @property
    def playing(self) -> bool:
        return self._stream is not None

    def open(self) -> bool:
        """Blocking (PortAudio starts up): call it off the loop. False, with ``error``, if no device."""
        try:
            import sounddevice as sd
        except OSError as exc:  # the PortAudio library is missing
            self.error = f"no audio system ({exc})"
            return False
        try:
            stream = sd.OutputStream(samplerate=RATE, channels=1, dtype="int16", blocksize=CHUNK,
                                     callback=self._fill)
            stream.start()
            self.device = str(sd.query_devices(stream.device)["name"])
        except Exception as exc:  # PortAudioError, ValueError: no default output device
            self.error = f"no audio output device ({exc})"
            return False
        self._stream = stream
        return True

    def play(self, samples: np.ndarray) -> None:
        if self._stream is not None:
            self.queue.push(samples)

    def _fill(self, outdata: np.ndarray, _frames: int, _time: Any, _status: Any) -> None:
        pull(self.queue, outdata.reshape(-1))  # PortAudio's thread

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()


class ReturnVideo:
    """The host's program as it comes back: the newest decoded picture and a count."""

    def __init__(self) -> None:
        self.frames = 0
        self.latest: DecodedPicture | None = None
        self.last_at: float | None = None  # monotonic

    def push(self, frame: av.VideoFrame) -> None:
        self.frames += 1
        self.latest, self.last_at = DecodedPicture(frame), time.monotonic()

    def picture(self) -> np.ndarray | None:
        """The newest picture as RGB, for a window."""
        latest = self.latest
        return latest.rgb() if latest is not None else None


class ReturnAudio:
    """The guest's mix-minus as it comes back: played if there is a device, always counted and metered."""

    def __init__(self) -> None:
        self.frames = 0
        self.speaker = Speaker()
        self._recent: deque[np.ndarray] = deque(maxlen=int(RECENT_S * RATE / CHUNK))
        self._to_s16 = av.AudioResampler(format="s16", rate=RATE)

    def push(self, frame: av.AudioFrame) -> None:
        self.frames += 1
        for packed in self._to_s16.resample(frame):
            # The channels' mean, not a downmix: FFmpeg's pan law would take 3 dB off.
            channels = len(packed.layout.channels)
            samples = packed.to_ndarray().reshape(-1, channels).mean(axis=1).astype(np.int16)
            self._recent.append(samples)
            self.speaker.play(samples)

    def recent(self, seconds: float = RECENT_S) -> np.ndarray:
        """The last ``seconds`` heard, int16 mono at 48 kHz."""
        data = np.concatenate(list(self._recent)) if self._recent else np.zeros(0, np.int16)
        return data[-int(seconds * RATE):]

    def level_db(self) -> float:
        """RMS of the last 100 ms in dBFS (-120 for silence or nothing yet)."""
        samples = self.recent(0.1).astype(np.float64) / 32768.0
        rms = float(np.sqrt(np.mean(samples ** 2))) if samples.size else 0.0
        return round(20 * math.log10(max(rms, 1e-6)), 1)


class JoinedCall:
    """This studio on another host's show as a co-host guest, through an invite link.

    ``join`` (JoinRefused with the host's reason, JoinError for anything else), then ``state``:
    connecting → lobby → on_call → ended (``ended_by``, ``reason``); ``leave`` hangs up."""

    def __init__(self, studio: Studio, link: str, name: str = "") -> None:
        self.studio, self.link, self.name = studio, link.strip(), name
        self.base, self.token = parse_link(link)
        self.url = guest_whip_url(link, name)
        self.state = "connecting"
        self.visible = self.audible = False  # in the host's program, as the host last said
        self.quality: dict[str, Any] = {}
        self.ended_by = ""  # a key of ENDINGS once ended
        self.detail = ""  # with it: the host's words for a refusal, or what failed (English)
        self.detail_message: dict[str, Any] = {"reason": ""}  # the same, to word in the reader's language
        self.reason = ""  # both, worded for a terminal
        self.ended = asyncio.Event()
        self.video, self.audio = ReturnVideo(), ReturnAudio()
        self.output: WhipOutput | None = None
        self.resource: str | None = None  # the session's URL at the host (status, leave)
        self.rejoin_key = ""  # the host's key to come back after a dropped connection
        self.reconnecting = False
        self.rejoins = 0  # dropped connections replaced
        self._host_lost = asyncio.Event()
        self._http: aiohttp.ClientSession | None = None
        self._tasks: list[asyncio.Task] = []
        self._closing: asyncio.Future | None = None

    # -- joining ----------------------------------------------------------------------------------
    async def join(self) -> None:
        if self.output is not None or self.state != "connecting":
            raise JoinError("join.already")
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT))
        config = self.studio.config
        width, height = config.canvas_size
        video = VideoSpec("vp8", width, height, config.fps, min(config.video_bitrate, SEND_BITRATE))
        self.output = WhipOutput("guest call", self.url, "", self.studio.encoders, video,
                                 AudioSpec("opus", config.audio_bitrate), preference="motion", receive=True,
                                 on_track=self._on_track)  # a talking face: 30 fps first, lips in time
        try:
            self.output.link_ice_servers = await self._ice_servers() + ice_servers(config.ice_servers)
            await self.output.connect()
        except WhipRefused as exc:
            if exc.status != 403:
                await self._end("failed", exc, tell_host=True)
                raise JoinError("join.failed", problem=exc) from exc
            await self._end("refused", exc.message)
            raise JoinRefused(exc.message) from exc
        except JoinRefused as exc:
            await self._end("refused", exc.message)
            raise
        except Exception as exc:  # OutputError, JoinError, or aiortc's own
            # After a 201 the host holds a session: it is told (DELETE) that nothing will come.
            await self._end("failed", exc, tell_host=True)
            raise JoinError("join.failed", problem=exc) from exc
        self.resource = self.output.location
        self.rejoin_key = self.output.answer_headers.get("Rejoin-Key", "")
        opened = await asyncio.to_thread(self.audio.speaker.open)
        if self._closing is not None:  # left while the device opened: it closed nothing yet
            await asyncio.to_thread(self.audio.speaker.close)
            return
        if not opened:
            log.info("guest call: the show's sound is not played: %s", self.audio.speaker.error)
        self.state = "lobby"
        self._tasks += [asyncio.ensure_future(self._serve()), asyncio.ensure_future(self._watch())]
        log.info("guest call: in the lobby of %s as %r", self.base, self.name)

    async def _ice_servers(self) -> list[RTCIceServer]:
        """The host's STUN/TURN servers for its guests; none from a studio that lists none. A link
        the host refuses is refused here, before any encoder starts."""
        assert self._http is not None
        url = f"{self.base}/guest/{quote(self.token, safe='')}/ice"
        try:
            async with self._http.get(url) as response:
                if response.status == 403:
                    raise JoinRefused(from_header(response.headers, await response.text(errors="replace")))
                if response.status != 200:
                    return []
                offered = await response.json()
        except aiohttp.ClientConnectorError as exc:
            raise JoinError("join.unreachable", url=self.base, problem=str(exc.os_error or exc)) from exc
        except (TimeoutError, aiohttp.ClientError, ValueError):
            return []  # the offer itself will say what is wrong
        if not isinstance(offered, dict):
            return []
        if offered.get("iceTransportPolicy") == "relay":
            log.warning("guest call: the host asks guests to use its TURN relay only; this client also "
                        "offers its direct addresses")
        try:
            return ice_servers(list(offered.get("iceServers") or []))
        except (KeyError, TypeError, AttributeError):
            return []

    def _on_track(self, track: MediaStreamTrack, receiver: RTCRtpReceiver) -> None:
        # A lost packet skips to the next keyframe instead of freezing and then playing late.
        use_live_jitter_buffer(receiver)
        self._tasks.append(asyncio.ensure_future(self._read(track)))

    async def _read(self, track: MediaStreamTrack) -> None:
        try:
            while True:
                frame = await track.recv()
                if isinstance(frame, av.VideoFrame):
                    self.video.push(frame)
                elif isinstance(frame, av.AudioFrame):
                    self.audio.push(frame)
        except MediaStreamError:
            return

    # -- while on the call ------------------------------------------------------------------------
    async def _serve(self) -> None:
        """Carries the picture and sound (with adaptive bitrate). A dropped connection is replaced,
        with the rejoin key, back to where the guest was (as the guest page does); a kick ends it."""
        while True:
            detail = await self._carry()
            if self.state == "ended":
                return
            await self._poll()  # the host may have said how it ended (a kick)
            if self.state == "ended":
                return
            log.info("guest call: %s; reconnecting", detail["reason"])
            self.reconnecting = True
            refusal = await self._rejoin(detail)
            self.reconnecting = False
            if refusal is not None:
                await self._end("lost", refusal)
                return

    async def _carry(self) -> dict[str, Any]:
        """Until the connection fails, or the host says it lost it; returns why."""
        assert self.output is not None
        self._host_lost.clear()
        serving = asyncio.ensure_future(self.output.serve())
        noticed = asyncio.ensure_future(self._host_lost.wait())
        try:
            await asyncio.wait({serving, noticed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (serving, noticed):
                task.cancel()
            await asyncio.gather(serving, noticed, return_exceptions=True)
        if not serving.cancelled() and serving.exception() is not None:
            return as_message(serving.exception())
        return as_message(JoinError("join.host_lost"))

    async def _rejoin(self, detail: dict[str, Any]) -> dict[str, Any] | None:
        """A new connection with the rejoin key, a few tries a second apart (no new use of the
        link, no new admission). None once back; otherwise why not."""
        output = self.output
        assert output is not None
        if not self.rejoin_key:  # a studio that gives none takes no one back
            return detail
        output.url = f"{self.url}&{urlencode({'rejoin': self.rejoin_key})}"
        for _ in range(REJOIN_TRIES):
            await asyncio.sleep(REJOIN_WAIT_S)
            output.location = None  # no DELETE for the dropped session: leaving on purpose voids the key
            await output.disconnect()
            try:
                await output.connect()
            except WhipRefused as exc:
                if exc.status == 403:  # removed meanwhile, or the link expired: the host's words
                    return exc.message
                detail = as_message(exc)
            except Exception as exc:  # OutputError, or aiortc's own: tried again
                detail = as_message(exc)
            else:
                self.resource = output.location
                self.rejoin_key = output.answer_headers.get("Rejoin-Key") or self.rejoin_key
                self.rejoins += 1
                await self._poll()
                return None
        return detail

    async def _watch(self) -> None:
        while self.state in ("lobby", "on_call"):
            if not self.reconnecting:
                await self._poll()
            await asyncio.sleep(POLL_S)

    async def _poll(self) -> None:
        """The host's word on this session: lobby or on the call, seen and heard, removed, or lost."""
        resource = self.resource
        if self._http is None or resource is None:
            return
        try:
            async with self._http.get(resource) as response:
                if response.status not in (200, 404):
                    return
                seen = await response.json() if response.status == 200 else {"state": "gone"}
        except (TimeoutError, aiohttp.ClientError, ValueError):
            return  # asked again in a second; a dead connection ends through _serve
        state = seen.get("state")
        if resource != self.resource or self.state == "ended":
            return  # an answer about a connection replaced meanwhile
        if state in ("lobby", "on_call"):
            self.state, self.quality = state, seen.get("quality") or {}
            self.visible, self.audible = bool(seen.get("visible")), bool(seen.get("audible"))
        elif state in ("kicked", "rejected"):
            await self._end(state)
        elif state in ("left", "gone"):  # the host saw this connection drop (or lost the session)
            self._host_lost.set()

    # -- ending -----------------------------------------------------------------------------------
    async def leave(self) -> None:
        """Hang up: the host is told (DELETE), and everything of the call stops."""
        await self._end("left", tell_host=True)

    async def _end(self, code: str, detail: BaseException | dict[str, Any] | None = None,
                   tell_host: bool = False) -> None:
        """The first ending wins; every caller waits until everything is stopped."""
        if self._closing is None:
            self.detail_message = detail if isinstance(detail, dict) else as_message(detail or "")
            self.state, self.ended_by, self.detail = "ended", code, self.detail_message["reason"]
            self.reason = f"{ENDINGS[code]}: {self.detail}" if self.detail else ENDINGS[code]
            self.visible = self.audible = False
            log.info("guest call ended: %s", self.reason)
            # Shielded: a caller cancelled meanwhile must not leave encoders or a connection behind.
            self._closing = asyncio.ensure_future(self._stop(tell_host))
        await asyncio.shield(self._closing)

    async def _stop(self, tell_host: bool) -> None:
        for task in self._tasks:  # a task that called _end waits shielded: cancelling it is safe
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.output is not None:
            if not tell_host:
                self.output.location = None  # the host ended it: nothing to DELETE
            with contextlib.suppress(Exception):  # a host that is gone has nothing to close
                await self.output.disconnect()
            await self.output.stop()  # lets go of the encoders
        await asyncio.to_thread(self.audio.speaker.close)
        if self._http is not None:
            await self._http.close()
            self._http = None
        self.ended.set()

    # -- read-outs --------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        speaker = self.audio.speaker
        status: dict[str, Any] = {
            "state": self.state, "visible": self.visible, "audible": self.audible, "quality": self.quality,
            "reason": self.reason, "ended_by": self.ended_by, "detail": self.detail,
            "reconnecting": self.reconnecting, "rejoins": self.rejoins,
            "return_video_frames": self.video.frames, "return_audio_frames": self.audio.frames,
            "return_audio_db": self.audio.level_db(),
            "speaker": speaker.device if speaker.playing else "", "speaker_error": speaker.error,
            "speaker_underruns": speaker.queue.underruns,
            "speaker_dropped_ms": round(speaker.queue.dropped_samples / RATE * 1000)}
        if self.output is not None and self.state != "ended":
            status["send"] = self.output.details()
        return status

    def describe(self) -> str:
        """One line of where the guest stands, for a terminal."""
        if self.state == "connecting":
            return f"connecting to {self.base} …"
        if self.reconnecting:
            return "the connection dropped: reconnecting …"
        if self.state == "lobby":
            return "in the lobby: the host will let you in"
        if self.state == "on_call":
            seen = "viewers see you" if self.visible else "viewers do not see you"
            heard = "hear you" if self.audible else "do not hear you"
            sound = "" if self.audio.speaker.playing else " (no audio output device: the show's sound is not played)"
            return f"on the call: {seen}, {heard}{sound}"
        return f"the call ended: {self.reason}"
