"""The co-host call (连麦): invites, the lobby, who is on air, the guests' sound in the mix and the
return feed each guest gets back on the connection they joined with.

One peer connection a guest: their camera and microphone come in through the studio's WHIP ingest
and the answer sends back the program's picture (one shared encoder for every guest) and the
guest's own mix-minus (everyone on the call but them)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aiortc import MediaStreamTrack, RTCPeerConnection

from ..audio.mixer import AudioMixer
from ..encoder import SharedVideoEncoder
from ..encoder_pool import EncoderPool, VideoSpec
from ..frames import DecodedPicture
from ..messages import StudioError
from ..pipeline import Pipeline
from ..whep import attach_packet_track
from ..whip_ingest import WhipIngest
from .invites import Invite, InviteRefused, Invites, SecretStore
from .layout import CORNERS, LAYOUTS, Tile
from .lobby import Guest, Guests
from .quality import Quality, QualityMeter
from .return_feed import ReturnAudioTrack

log = logging.getLogger(__name__)

STALL_S = 1.0  # a guest's picture older than this is shown as a placeholder: the program never waits
RETURN_BITRATE = 800_000
QUALITY_EVERY_S = 1.0
# No picture and no sound at all this long (a browser sends black and silence even when muted):
# the guest is gone, though ICE would take some 30 s to say so. Ended as a drop, so they may rejoin.
SILENT_FOR_S = 10.0


@dataclass
class _Link:
    """What the studio holds for one guest's connection."""

    admitted: asyncio.Event = field(default_factory=asyncio.Event)  # opens the return picture
    audio: ReturnAudioTrack | None = None
    video_encoder: SharedVideoEncoder | None = None
    meter: QualityMeter = field(default_factory=QualityMeter)
    quality: Quality = field(default_factory=Quality)
    heard: tuple[int, float] = (-1, 0.0)  # (audio and video frames so far, when that count last moved)


class GuestCall:
    def __init__(self, pipeline: Pipeline, ingest: WhipIngest, encoders: EncoderPool, limit: int,
                 canvas_size: Callable[[], tuple[int, int]], base_url: Callable[[], str],
                 store: SecretStore | None = None, relay_only: bool = False) -> None:
        self.pipeline, self.ingest, self.encoders = pipeline, ingest, encoders
        self.mixer: AudioMixer = pipeline.mixer
        self.invites = Invites(store)
        self.guests = Guests(self.invites, limit=limit)
        self._canvas_size, self._base_url = canvas_size, base_url
        self._links: dict[str, _Link] = {}  # guest id → its connection's parts
        self._quality_task: asyncio.Task | None = None
        self._kept_mix: dict[str, dict[str, object]] = {}  # a dropped guest's volume, mute, noise suppression
        self.relay_only = relay_only
        self.silent_for_s = SILENT_FOR_S
        pipeline.guest_tiles = self.tiles

    # -- invites and arrivals --------------------------------------------------------------------
    def create_invite(self, name: str = "", expires_in_s: float = 3600, uses: int = 1) -> tuple[str, Invite]:
        """A guest's invite link (its token is in it, and only there) and the invite."""
        token, invite = self.invites.create(name, expires_in_s, uses)
        return f"{self._base_url()}join/{token}", invite

    def return_spec(self) -> VideoSpec:
        """The return picture: small, quick to encode, one encode for all guests."""
        width, height = self._canvas_size()
        size = (640, 360) if width >= height else (360, 640)
        return VideoSpec("vp8", *size, self.pipeline.fps, RETURN_BITRATE, owner="guests")

    async def arrive(self, token: str, name: str, offer_sdp: str, rejoin_key: str = "") -> tuple[str, str]:
        """A guest's offer through their link: they wait in the lobby; the answer carries their
        return feed, which starts once they are admitted. With their ``rejoin_key`` (after a
        dropped connection) they come back to where they were. InviteRefused if the link does not
        open; OfferError or Unavailable as for any WHIP offer."""
        guest = self.guests.rejoin(token, rejoin_key) if rejoin_key else self.guests.join(token, name)
        previous = self._links.get(guest.id)  # a connection the studio has not yet seen drop
        old_session = guest.session
        link = _Link()
        loop = asyncio.get_running_loop()

        def send_back(pc: RTCPeerConnection) -> list[MediaStreamTrack]:
            tracks: list[MediaStreamTrack] = []
            for transceiver in pc.getTransceivers():
                if transceiver.kind == "audio" and link.audio is None:
                    link.audio = ReturnAudioTrack(loop)
                    pc.addTrack(link.audio)
                    tracks.append(link.audio)
                elif transceiver.kind == "video" and link.video_encoder is None:
                    link.video_encoder = self.encoders.video(self.return_spec())
                    tracks.append(attach_packet_track(pc, transceiver, link.video_encoder, gate=link.admitted))
            return tracks

        try:
            session_id, answer = await self.ingest.accept(f"guest:{guest.id}", offer_sdp, send_back,
                                                          relay_only=self.relay_only)
        except Exception:
            if previous is None and not rejoin_key:
                self.guests.leave(guest.id)
                self.invites.give_back(guest.invite_id)  # a join that failed does not use the link up
            if link.video_encoder is not None:
                await self.encoders.release(link.video_encoder)
            raise
        # No await from here until the session is fully wired: an end in between would skip the
        # cleanup the session's on_end does.
        session = self.ingest.sessions[session_id]
        guest.session = session_id
        self._links[guest.id] = link
        session.audio_listeners.append(lambda samples: self.mixer.push(guest.id, samples))
        session.on_end.append(lambda: self._ended(guest.id, link))
        if guest.state in ("kicked", "rejected"):  # removed while their offer was answered
            await self.ingest.end(session_id)
            raise InviteRefused("guest.removed")
        if rejoin_key and guest.state == "left":  # their old connection was seen to drop meanwhile
            self.guests.rejoin(token, rejoin_key)
        voice = self.mixer.inputs.get(guest.id) or self.mixer.add_input(guest.id, guest.name)
        voice.on_air, voice.on_call = guest.audible, False  # heard on the call once admitted
        for setting, value in self._kept_mix.pop(guest.id, {}).items():  # as the host left them before the drop
            with contextlib.suppress(Exception):  # e.g. noise suppression no longer available
                self.mixer.set_input(guest.id, **{setting: value})
        if guest.state == "on_call":
            self._let_in(guest.id)
        if self._quality_task is None or self._quality_task.done():
            self._quality_task = asyncio.ensure_future(self._watch_quality())
        if previous is not None and old_session not in (None, session_id):
            await self.ingest.end(old_session)  # replaced: only its own parts go
        return session_id, answer

    # -- the host's controls ---------------------------------------------------------------------
    def admit(self, guest_id: str) -> Guest:
        """On the call: they see and hear the show, hidden and muted on air until shown."""
        guest = self.guests.admit(guest_id)
        self._let_in(guest_id)
        return guest

    def _let_in(self, guest_id: str) -> None:
        """Their voice on the call, and the return feed flowing to them (once their connection
        is wired, if they were admitted while their offer was answered)."""
        voice = self.mixer.inputs.get(guest_id)
        if voice is not None:
            voice.on_call = True
        link = self._links.get(guest_id)
        if link is not None:
            link.admitted.set()
            if link.audio is not None:
                self.mixer.returns[guest_id] = link.audio.feed

    def set_on_air(self, guest_id: str, visible: bool | None = None, audible: bool | None = None) -> Guest:
        """Show or hide a guest's picture, and put their voice in the program or take it out."""
        guest = self.guests.set_on_air(guest_id, visible, audible)
        self.mixer.set_input(guest_id, on_air=guest.audible)
        return guest

    def set_volume(self, guest_id: str, volume: float) -> None:
        self.mixer.set_input(guest_id, volume=volume)

    async def remove(self, guest_id: str, kick: bool = True) -> Guest:
        """Kick (their link stops working) or reject a guest; their connection is closed."""
        guest = self.guests.kick(guest_id) if kick else self.guests.reject(guest_id)
        if guest.session is not None:
            await self.ingest.end(guest.session)
        return guest

    async def leave(self, session_id: str) -> bool:
        """The guest hung up (their page's DELETE)."""
        for guest in self.guests.guests.values():
            if guest.session == session_id and guest.present:
                self.guests.leave(guest.id)
                return await self.ingest.end(session_id)
        return False

    async def _ended(self, guest_id: str, link: _Link) -> None:
        """A connection is gone, however it ended: its encoder is let go, and unless the guest has
        come back on a new one, they are out of the mix and may rejoin."""
        if self._links.get(guest_id) is link:
            del self._links[guest_id]
            guest = self.guests.leave(guest_id, dropped=True)  # no-op if they left on purpose or were removed
            voice = self.mixer.inputs.get(guest_id)
            if voice is not None and guest is not None and guest.dropped_from is not None:
                self._kept_mix[guest_id] = {"volume": voice.volume, "muted": voice.muted,
                                            "denoise": voice.denoise is not None}  # for their return
            self.mixer.remove_input(guest_id)
        if link.video_encoder is not None:
            await self.encoders.release(link.video_encoder)

    def set_layout(self, layout: str, corner: str = "bottom-right") -> None:
        """How the host and the guests on air share the picture (``LAYOUTS``; ``corner`` for
        picture in picture)."""
        if layout not in LAYOUTS or corner not in CORNERS:
            raise StudioError("guest.layout", layouts=", ".join(LAYOUTS), corners=", ".join(CORNERS))
        self.pipeline.layout.layout, self.pipeline.layout.corner = layout, corner

    # -- what the program and the windows read ---------------------------------------------------
    def tiles(self) -> list[Tile]:
        """The guests shown on air, with their newest picture (None if it stalled); program thread."""
        tiles = []
        now = time.monotonic()
        for guest in list(self.guests.guests.values()):
            if guest.state != "on_call" or not guest.visible:
                continue
            session = self.ingest.sessions.get(guest.session or "")
            frame = session.latest_video if session is not None else None
            stalled = session is None or session.last_video_at is None or now - session.last_video_at > STALL_S
            if frame is None or stalled:
                tiles.append(Tile(guest.id, guest.name, None))
                continue
            tiles.append(Tile(guest.id, guest.name, frame.rgb()))
        return tiles

    def quality(self, guest_id: str) -> Quality:
        link = self._links.get(guest_id)
        return link.quality if link is not None else Quality()

    def status(self, session_id: str) -> dict | None:
        """What a guest's page shows about itself: lobby or on the call, seen and heard on air."""
        guest = next((g for g in self.guests.guests.values() if g.session == session_id), None)
        if guest is None:
            return None
        return {"state": guest.state, "visible": guest.visible, "audible": guest.audible,
                "quality": self.quality(guest.id).to_dict()}

    def rejoin_key(self, session_id: str) -> str | None:
        guest = next((g for g in self.guests.guests.values() if g.session == session_id), None)
        return guest.rejoin_key if guest is not None else None

    def state(self) -> list[dict]:
        """Every guest present, for the host's window."""
        voices = {v["key"]: v for v in self.mixer.state()["inputs"]}
        return [{"id": g.id, "name": g.name, "state": g.state, "visible": g.visible, "audible": g.audible,
                 "joined_at": g.joined_at, "audio": voices.get(g.id), "quality": self.quality(g.id).to_dict()}
                for g in self.guests.guests.values() if g.present]

    def latest_picture(self, guest_id: str) -> DecodedPicture | None:
        """The guest's newest picture, for a thumbnail; None if none yet."""
        guest = self.guests.guests.get(guest_id)
        session = self.ingest.sessions.get(guest.session or "") if guest is not None else None
        return session.latest_video if session is not None else None

    async def _watch_quality(self) -> None:
        while self._links:
            await asyncio.sleep(QUALITY_EVERY_S)
            for guest_id in list(self._links):
                await self._judge(guest_id)

    async def _judge(self, guest_id: str) -> None:
        # Its own frame: a loop's locals would keep the last session alive while it sleeps.
        guest, link = self.guests.guests.get(guest_id), self._links.get(guest_id)
        session = self.ingest.sessions.get(guest.session or "") if guest is not None else None
        if session is None or link is None:
            return
        frames, now = session.frames.get("video", 0) + session.frames.get("audio", 0), time.monotonic()
        if frames != link.heard[0]:
            link.heard = (frames, now)
        elif now - link.heard[1] > self.silent_for_s:
            log.info("guest %s sent nothing for %.0f s: their connection is ended", guest_id, now - link.heard[1])
            await self.ingest.end(session.id)
            return
        try:
            link.quality = await link.meter.sample(session.pc, session.frames.get("video", 0), session.size)
        except Exception:  # a connection closing under us: judged again next time, if still there
            log.debug("quality sample failed for %s", guest_id, exc_info=True)

    async def close(self) -> None:
        if self._quality_task is not None:
            self._quality_task.cancel()
