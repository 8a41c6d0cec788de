"""WHIP ingest (RFC 9725) on the embedded server: a stream sent to the studio, by a co-host or
another encoder. Each session is one aiortc peer connection whose tracks are read as they come."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import av
import numpy as np
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from .frames import DecodedPicture
from .live_jitter import LiveJitterBuffer, play_audio_on_arrival, use_live_jitter_buffer
from .rtc import expire_unless_connected, ice_servers, new_peer_connection
from .twcc import TransportFeedbackReporter
from .whep import (
    CONNECT_TIMEOUT,
    OfferError,
    Unavailable,
    check_offer_text,
    relay_candidates_only,
    without_mdns_candidates,
)

log = logging.getLogger(__name__)
CLOSE_WAIT_S = 5.0  # a peer connection's close that takes longer goes on by itself


@dataclass
class IngestSession:
    id: str
    stream: str
    pc: RTCPeerConnection
    started: float = field(default_factory=time.time)
    frames: dict[str, int] = field(default_factory=lambda: {"video": 0, "audio": 0})
    size: tuple[int, int] = (0, 0)
    latest_video: DecodedPicture | None = None  # the newest picture, for whoever shows it (any thread)
    last_video_at: float | None = None  # monotonic
    longest_freeze_s: float = 0.0  # the longest wait between two pictures
    # (picture, time.time()) on the loop, before the picture is shared: a listener may read the frame
    listeners: list[Callable[[av.VideoFrame, float], None]] = field(default_factory=list)
    audio_listeners: list[Callable[[np.ndarray], None]] = field(default_factory=list)  # int16 mono 48 kHz
    sent_tracks: list[MediaStreamTrack] = field(default_factory=list)  # what the studio sends back, if anything
    on_end: list[Callable[[], Awaitable[None]]] = field(default_factory=list)  # however the session ends
    jitter: LiveJitterBuffer | None = None  # the video's (gaps skipped: ``jitter.skips``)
    feedback: TransportFeedbackReporter = field(default_factory=TransportFeedbackReporter)
    _readers: list[asyncio.Task] = field(default_factory=list)
    _to_s16: av.AudioResampler = field(default_factory=lambda: av.AudioResampler(format="s16", rate=48000))

    @property
    def connected(self) -> bool:
        return self.pc.connectionState == "connected"


class WhipIngest:
    def __init__(self, max_sessions: int = 8, ice_config: list[dict] | None = None) -> None:
        self.max_sessions = max_sessions
        self.ice_config = ice_config or []  # STUN/TURN as configured (``rtc.check_ice_servers``)
        self.sessions: dict[str, IngestSession] = {}
        self._closing: set[asyncio.Task] = set()  # closes left to finish: the loop holds tasks only weakly

    async def accept(self, stream: str, offer_sdp: str,
                     send_back: Callable[[RTCPeerConnection], list[MediaStreamTrack]] | None = None,
                     relay_only: bool = False) -> tuple[str, str]:
        """Answer a publisher's offer; returns (session id, answer SDP). ``send_back`` adds tracks
        the studio sends on the same connection (a guest's return feed) and returns them;
        ``relay_only`` answers with the TURN relay's candidates alone."""
        check_offer_text(offer_sdp)
        if len(self.sessions) >= self.max_sessions:
            raise Unavailable(f"the studio takes at most {self.max_sessions} incoming streams")
        pc = new_peer_connection(ice_servers(self.ice_config))  # fresh TURN credentials each time
        session = IngestSession(secrets.token_urlsafe(16), stream, pc)

        @pc.on("track")
        def _on_track(track: MediaStreamTrack) -> None:
            session._readers.append(asyncio.ensure_future(self._read(session, track)))

        @pc.on("connectionstatechange")
        async def _state_changed() -> None:
            if pc.connectionState in ("failed", "closed"):
                await self.end(session.id)

        try:
            await pc.setRemoteDescription(RTCSessionDescription(without_mdns_candidates(offer_sdp), "offer"))
        except Exception as exc:  # aiortc raises ValueError, KeyError, … on malformed SDP
            await pc.close()
            raise OfferError(f"malformed SDP offer: {type(exc).__name__}: {exc}") from exc
        if not any(t.receiver.track is not None for t in pc.getTransceivers()):
            await pc.close()
            raise OfferError("the offer sends no media (WHIP offers are sendonly)")
        for transceiver in pc.getTransceivers():
            session.jitter = use_live_jitter_buffer(transceiver.receiver) or session.jitter
            play_audio_on_arrival(transceiver.receiver)  # the mixer queues each voice itself
            session.feedback.attach(transceiver.receiver)
        try:
            if send_back is not None:
                session.sent_tracks = send_back(pc)
            await pc.setLocalDescription(await pc.createAnswer())
            answer = pc.localDescription.sdp
            if relay_only:
                answer = relay_candidates_only(answer)
        except Exception as exc:
            for track in session.sent_tracks:
                track.stop()
            session.feedback.stop()
            await pc.close()
            if isinstance(exc, Unavailable):  # the relay is out of reach: a 503, not the offer's fault
                raise
            raise OfferError(f"cannot answer this offer: {exc}") from exc
        self.sessions[session.id] = session
        expire_unless_connected(pc, CONNECT_TIMEOUT, lambda: self.end(session.id))
        return session.id, answer

    @staticmethod
    async def _read(session: IngestSession, track: MediaStreamTrack) -> None:
        try:
            while True:
                frame = await track.recv()
                session.frames[track.kind] = session.frames.get(track.kind, 0) + 1
                if isinstance(frame, av.VideoFrame):
                    now = time.monotonic()
                    if session.last_video_at is not None:
                        session.longest_freeze_s = max(session.longest_freeze_s, now - session.last_video_at)
                    session.last_video_at = now
                    for listener in session.listeners:  # before any other thread can see the frame
                        listener(frame, time.time())
                    session.size, session.latest_video = (frame.width, frame.height), DecodedPicture(frame)
                elif isinstance(frame, av.AudioFrame) and session.audio_listeners:
                    for packed in session._to_s16.resample(frame):
                        # The channels' mean, not a downmix: FFmpeg's pan law would take 3 dB off.
                        channels = len(packed.layout.channels)
                        samples = packed.to_ndarray().reshape(-1, channels).mean(axis=1).astype(np.int16)
                        for audio_listener in session.audio_listeners:
                            audio_listener(samples)
        except MediaStreamError:
            return

    async def end(self, session_id: str) -> bool:
        session = self.sessions.pop(session_id, None)
        if session is None:
            return False
        for reader in session._readers:
            reader.cancel()
        for track in session.sent_tracks:
            track.stop()
        session.feedback.stop()
        for ended in session.on_end:  # the call's own clean-up first: a dropped guest is seen at once
            try:
                await ended()
            except Exception:  # one listener's failure must not keep the others from cleaning up
                log.exception("ending session %s", session_id)
        # aiortc's close can stall on a transport that never finishes: it goes on by itself.
        closing = asyncio.ensure_future(session.pc.close())
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)
        done, _ = await asyncio.wait({closing}, timeout=CLOSE_WAIT_S)
        if not done:
            log.warning("session %s: the peer connection is still closing after %.0f s", session_id, CLOSE_WAIT_S)
        return True

    async def end_all(self) -> None:
        await asyncio.gather(*(self.end(session_id) for session_id in list(self.sessions)))
