"""WHEP egress (the playback twin of WHIP, RFC 9725): one peer connection per viewer, all fed by
the shared encoders' packets."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiortc import RTCPeerConnection, RTCRtpSender, RTCRtpTransceiver, RTCSessionDescription

from .encoder import SharedAudioEncoder, SharedVideoEncoder
from .rtc import expire_unless_connected, ice_servers, new_peer_connection
from .tracks import PacketTrack

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 20.0


class OfferError(ValueError):
    """The offer cannot be answered; the message says why (sent back with a 4xx)."""


class Unavailable(RuntimeError):
    """No room or no show right now; the message says why (sent back with a 503)."""


@dataclass
class ViewerSession:
    id: str
    pc: RTCPeerConnection
    tracks: list[PacketTrack]

    @property
    def connected(self) -> bool:
        return self.pc.connectionState == "connected"


def codec_preferences(kind: str, mime: str) -> list:
    return [c for c in RTCRtpSender.getCapabilities(kind).codecs if c.mimeType in (mime, f"{kind}/rtx")]


def without_mdns_candidates(sdp: str) -> str:
    """Drop ``<uuid>.local`` host candidates, which browsers use to hide local addresses.

    aiortc tries to resolve each one for up to a second before it answers, and they rarely resolve.
    The browser's connectivity checks reach us anyway and become peer-reflexive candidates, so
    nothing is lost but the wait.
    """
    lines = sdp.splitlines(keepends=True)
    return "".join(line for line in lines
                   if not (line.startswith("a=candidate:") and ".local " in line))


def relay_candidates_only(sdp: str) -> str:
    """Keep only TURN relay candidates: the other side learns the relay's address, not ours.
    Unavailable if there is none (the relay could not be reached)."""
    lines = sdp.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("a=candidate:") or " typ relay" in line]
    if not any(line.startswith("a=candidate:") for line in kept):
        raise Unavailable("the TURN relay could not be reached: check the show's ice_servers")
    return "".join(kept)


def check_offer_text(text: str) -> None:
    """Cheap sanity checks before aiortc parses the offer, so garbage gets a clear reason."""
    if not text.lstrip().startswith("v=0"):
        raise OfferError("body is not an SDP offer (it must start with 'v=0')")
    if "\nm=video" not in text and "\nm=audio" not in text:
        raise OfferError("SDP offer has no audio or video media section")


def attach_packet_track(pc: RTCPeerConnection, transceiver: RTCRtpTransceiver,
                        encoder: SharedVideoEncoder | SharedAudioEncoder,
                        gate: asyncio.Event | None = None) -> PacketTrack:
    """Send a shared encoder's packets on ``transceiver`` (its codec preferred in the answer)."""
    mime = "audio/opus" if encoder.kind == "audio" else ("video/VP8" if encoder.codec_name == "vp8" else "video/H264")
    transceiver.setCodecPreferences(codec_preferences(transceiver.kind, mime))
    track = PacketTrack(transceiver.kind, encoder.fanout, gate=gate)
    sender = pc.addTrack(track)
    if transceiver.kind == "video":
        # aiortc ignores PLI/FIR on packet tracks; route them to the shared encoder's gate.
        sender._send_keyframe = encoder.fanout.request_keyframe
    return track


class WhepEndpoint:
    """Creates, tracks and ends viewer sessions; ``on_change`` fires when the viewer count moves."""

    def __init__(self, video: SharedVideoEncoder, audio: SharedAudioEncoder | None, max_viewers: int,
                 on_change: Callable[[], Awaitable[None]], ice_config: list[dict] | None = None) -> None:
        self.video, self.audio = video, audio
        self.ice_config = ice_config or []  # STUN/TURN as configured (``rtc.check_ice_servers``)
        self.max_viewers = max_viewers
        self.sessions: dict[str, ViewerSession] = {}
        self._on_change = on_change
        self._answering = 0  # offers being answered: they count against max_viewers
        self._closed = False

    @property
    def viewer_count(self) -> int:
        return sum(1 for s in self.sessions.values() if s.connected)

    async def answer(self, offer_sdp: str) -> tuple[str, str]:
        """Answer a viewer's offer; returns (session id, answer SDP)."""
        check_offer_text(offer_sdp)
        if self._closed:
            raise Unavailable("the show has ended")
        if len(self.sessions) + self._answering >= self.max_viewers:
            raise Unavailable(f"the show is full ({self.max_viewers} viewers)")
        self._answering += 1
        try:
            session = await self._negotiate(offer_sdp)
        finally:
            self._answering -= 1
        if self._closed:  # the show stopped while we were answering
            await self._close(session)
            raise Unavailable("the show has ended")
        self.sessions[session.id] = session
        pc = session.pc

        @pc.on("connectionstatechange")
        async def _state_changed() -> None:
            if pc.connectionState in ("failed", "closed"):
                await self.end(session.id)
            else:
                await self._on_change()

        expire_unless_connected(pc, CONNECT_TIMEOUT, lambda: self.end(session.id))
        return session.id, pc.localDescription.sdp

    async def _negotiate(self, offer_sdp: str) -> ViewerSession:
        pc = new_peer_connection(ice_servers(self.ice_config))
        session = ViewerSession(secrets.token_urlsafe(16), pc, [])
        try:
            await pc.setRemoteDescription(RTCSessionDescription(without_mdns_candidates(offer_sdp), "offer"))
        except Exception as exc:  # aiortc raises ValueError, KeyError, ... on malformed SDP
            await pc.close()
            raise OfferError(f"malformed SDP offer: {type(exc).__name__}: {exc}") from exc
        try:
            self._attach_tracks(session)
            await pc.setLocalDescription(await pc.createAnswer())
        except Exception as exc:
            await self._close(session)
            raise OfferError(f"cannot answer this offer: {exc}") from exc
        return session

    def _attach_tracks(self, session: ViewerSession) -> None:
        encoders = {"video": self.video, "audio": self.audio}
        for transceiver in session.pc.getTransceivers():
            encoder = encoders.get(transceiver.kind)
            if encoder is not None:
                session.tracks.append(attach_packet_track(session.pc, transceiver, encoder))
        if not any(track.kind == "video" for track in session.tracks):
            raise OfferError("SDP offer has no video section to receive the show")

    async def end(self, session_id: str) -> bool:
        session = self.sessions.pop(session_id, None)
        if session is None:
            return False
        await self._close(session)
        await self._on_change()
        return True

    @staticmethod
    async def _close(session: ViewerSession) -> None:
        for track in session.tracks:
            track.stop()
        await session.pc.close()

    async def end_all(self) -> None:
        """End every session; offers still being answered are refused when they finish."""
        self._closed = True
        await asyncio.gather(*(self.end(session_id) for session_id in list(self.sessions)))
