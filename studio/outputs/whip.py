"""WHIP publishing (RFC 9725): the show to any WHIP server (an SFU, a CDN's ingest), by URL and
bearer token. The offer goes out with POST, the server answers 201 with a Location; ICE servers
come from Link headers; stopping sends DELETE to the Location, with the token. With ``receive``
the same connection also takes what the server sends back (a co-host's return feed), handed to
``on_track``."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiortc import RTCIceServer, RTCPeerConnection, RTCRtpReceiver, RTCSessionDescription
from aiortc.mediastreams import MediaStreamTrack

from ..abr import (
    LADDERS,
    DeliveryController,
    EncoderSteps,
    Feedback,
    LossDelayController,
    PacedTransport,
    RateController,
    pace_sender,
    watch_sender,
)
from ..encoder_pool import AudioSpec, EncoderPool, VideoSpec
from ..frames import LatestSlot
from ..messages import from_header, params_of
from ..rtc import new_peer_connection
from ..tracks import FrameTrack, PacketTrack
from ..twcc import Delivery
from ..whep import codec_preferences
from .base import Output, OutputError

log = logging.getLogger(__name__)

HTTP_TIMEOUT = 10.0
CONNECT_TIMEOUT = 30.0  # a DTLS handshake over a lossy uplink retries with backoff: give it time
SILENCE_TIMEOUT = 8.0  # no receiver report this long: the server or the path is gone
SDP_TYPE = "application/sdp"
# adaptive: the studio's own controller (loss, delay and REMB; a ladder of sizes and frame rates);
# stock: aiortc's encoder following REMB alone (what aiortc does by itself, for comparison).
CONTROLLERS = ("adaptive", "stock")
START_BPS = 1_000_000
LIVE_QUEUE_FRAMES = 10
_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[\w-]+(?:=(?:"[^"]*"|[^;,]*))?\s*)*)')
_PARAM = re.compile(r';\s*([\w-]+)(?:=(?:"([^"]*)"|([^;,]*)))?')


def ice_servers_from_links(headers: list[str]) -> list[RTCIceServer]:
    """STUN/TURN servers from ``Link: <turn:host>; rel="ice-server"; username=…; credential=…``."""
    servers = []
    for header in headers:
        for match in _LINK.finditer(header):
            params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else (m.group(3) or "").strip()
                      for m in _PARAM.finditer(match.group(2))}
            url = match.group(1).strip()
            if params.get("rel") != "ice-server" or not url.startswith(("stun:", "turn:", "turns:")):
                continue
            servers.append(RTCIceServer(url, params.get("username"), params.get("credential")))
    return servers


def check_whip_url(url: str) -> None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutputError("whip.url", retry=False, url=url)


class WhipRefused(OutputError):
    """A non-201 answer to the offer, worded as what to fix; ``status``, ``said`` (the server's own
    words) and ``message`` (them with their code, from a studio) are kept for callers that word the
    refusal themselves (a guest whose link the host refused)."""

    def __init__(self, status: int, url: str, message: dict[str, Any]) -> None:
        said: Any = {"code": "whip.said", "params": {"text": message}} if message["reason"] else ""
        code, retry = _REFUSALS.get(status, ("whip.status", True))
        params = {"status": status, "url": url, "said": said}
        super().__init__(code, retry=retry, **{k: v for k, v in params.items() if k in params_of(code)})
        self.status, self.said, self.message = status, message["reason"], message


# Each non-201 answer: what it means, and whether trying again can help.
_REFUSALS = {401: ("whip.token", False), 403: ("whip.token", False), 404: ("whip.no_endpoint", False),
             405: ("whip.not_whip", False), 415: ("whip.not_whip", False), 400: ("whip.rejected", False),
             406: ("whip.rejected", False), 422: ("whip.rejected", False), 409: ("whip.busy", True),
             429: ("whip.busy", True), 503: ("whip.busy", True)}


class WhipOutput(Output):
    kind = "whip"

    def __init__(self, name: str, url: str, token: str, pool: EncoderPool, video: VideoSpec, audio: AudioSpec,
                 controller: str = "adaptive", preference: str = "detail", receive: bool = False,
                 on_track: Callable[[MediaStreamTrack, RTCRtpReceiver], None] | None = None,
                 **kwargs: Any) -> None:
        check_whip_url(url)
        if controller not in CONTROLLERS:
            raise OutputError("whip.controller", retry=False, choices=", ".join(CONTROLLERS), value=str(controller))
        if preference not in LADDERS:
            raise OutputError("whip.preference", retry=False, choices=", ".join(LADDERS), value=str(preference))
        if controller == "adaptive":  # it changes its encoder's rate and size: an encoder of its own
            video = replace(video, owner=name)
        super().__init__(name, pool, video, audio, **kwargs)
        self.url, self.token = url.strip(), token.strip()
        self.controller_name, self.preference = controller, preference
        # sendrecv instead of sendonly; each track the server sends goes to on_track with its receiver
        self.receive, self.on_track = receive, on_track
        self.feedback = Feedback()
        self.controller: RateController | None = None  # any class with update() and target_bps
        self.steps: EncoderSteps | None = None
        self._frames: LatestSlot | None = None  # the stock controller's pictures
        self.pacer: PacedTransport | None = None
        self.pc: RTCPeerConnection | None = None
        self.location: str | None = None
        self.answer_headers: Mapping[str, str] = {}  # the 201's headers (a server's extras, e.g. a rejoin key)
        self.link_ice_servers: list[RTCIceServer] = []  # remembered for the next connection
        self.tracks: list[PacketTrack] = []
        self._http: aiohttp.ClientSession | None = None

    def _headers(self, **more: str) -> dict[str, str]:
        headers = dict(more)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def hold_encoders(self) -> None:
        if self.controller_name != "stock":
            super().hold_encoders()
        elif self.audio is None:  # aiortc encodes the pictures itself; the audio is shared
            self.audio = self.pool.audio(self.audio_spec) if self.audio_spec else None
            self._frames = LatestSlot()
            self.pool.pipeline.add_video_consumer(self._frames)

    async def connect(self) -> None:
        self.hold_encoders()
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT))
        await self._ask_ice_servers()
        self.pc = pc = new_peer_connection(self.link_ice_servers)
        if self.receive and self.on_track is not None:
            self._hand_over_tracks(pc, self.on_track)
        self._add_tracks(pc)
        await pc.setLocalDescription(await pc.createOffer())  # aiortc gathers every candidate here
        answer = await self._post_offer(pc.localDescription.sdp)
        try:
            await pc.setRemoteDescription(RTCSessionDescription(answer, "answer"))
        except Exception as exc:  # aiortc raises ValueError, KeyError, … on SDP it cannot use
            raise OutputError("whip.bad_sdp", problem=f"{type(exc).__name__}: {exc}") from exc
        await self._wait_connected(pc)

    async def _ask_ice_servers(self) -> None:
        """OPTIONS first: servers may list STUN/TURN there, and aiortc gathers candidates once,
        before the POST. Servers that do not answer OPTIONS are fine."""
        assert self._http is not None
        try:
            async with self._http.options(self.url, headers=self._headers()) as response:
                servers = ice_servers_from_links(response.headers.getall("Link", []))
        except (TimeoutError, aiohttp.ClientError):
            return  # the POST will say what is wrong
        if servers:
            self.link_ice_servers = servers

    @staticmethod
    def _hand_over_tracks(pc: RTCPeerConnection, on_track: Callable[[MediaStreamTrack, RTCRtpReceiver], None]) -> None:
        """aiortc announces the server's tracks as the answer is applied, before media flows."""
        @pc.on("track")
        def _announced(track: MediaStreamTrack) -> None:
            receiver = next(t.receiver for t in pc.getTransceivers() if t.receiver.track is track)
            on_track(track, receiver)

    def _add_tracks(self, pc: RTCPeerConnection) -> None:
        assert self.audio is not None
        mime = "video/VP8" if self.video_spec.codec == "vp8" else "video/H264"
        video: MediaStreamTrack
        if self._frames is not None:
            video = FrameTrack(self._frames, self.pool.epoch)
        else:
            assert self.video is not None
            # Adaptive: frames that wait longer than a third of a second are dropped to the next
            # keyframe, so the delay stays bounded when the uplink falls short for a moment.
            video = PacketTrack("video", self.video.fanout, LIVE_QUEUE_FRAMES if self.controller_name == "adaptive"
                                else None)
        for track, codec in ((video, mime), (PacketTrack("audio", self.audio.fanout), "audio/opus")):
            transceiver = pc.addTransceiver(track, direction="sendrecv" if self.receive else "sendonly")
            transceiver.setCodecPreferences(codec_preferences(track.kind, codec))
            if track.kind == "video" and self.video is not None:
                # aiortc ignores PLI/FIR on packet tracks; the encoder's gate answers them.
                transceiver.sender._send_keyframe = self._picture_lost
                self.feedback = Feedback()
                watch_sender(transceiver.sender, self.feedback)
                if self.controller_name == "adaptive":
                    self.pacer = pace_sender(transceiver.sender, self._pacing_rate, on_delivery=self._delivered,
                                             round_trip=lambda: self.feedback.rtt_s)
            self.tracks.append(track)

    async def _post_offer(self, offer: str) -> str:
        assert self._http is not None
        try:
            async with self._http.post(self.url, data=offer.encode(),
                                       headers=self._headers(**{"Content-Type": SDP_TYPE})) as response:
                body = await response.text(errors="replace")
                if response.status != 201:
                    raise WhipRefused(response.status, self.url, from_header(response.headers, body))
                location = response.headers.get("Location")
                if not location:
                    raise OutputError("whip.no_location", retry=False)
                self.location = urljoin(str(response.url), location)
                self.answer_headers = response.headers.copy()
                servers = ice_servers_from_links(response.headers.getall("Link", []))
        except aiohttp.ClientConnectorError as exc:
            raise OutputError("whip.unreachable", url=self.url, problem=str(exc.os_error or exc)) from exc
        except TimeoutError as exc:
            raise OutputError("whip.timeout", url=self.url, seconds=HTTP_TIMEOUT) from exc
        except aiohttp.ClientError as exc:
            raise OutputError("whip.broke_off", url=self.url, problem=f"{type(exc).__name__}: {exc}") from exc
        if servers:
            self.link_ice_servers = servers  # used from the next connection (aiortc cannot add them now)
        if not body.lstrip().startswith("v=0"):
            raise OutputError("whip.not_sdp")
        return body

    async def _wait_connected(self, pc: RTCPeerConnection) -> None:
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while pc.connectionState != "connected":
            if pc.connectionState in ("failed", "closed") or time.monotonic() > deadline:
                raise OutputError("whip.no_media", state=pc.connectionState)
            await asyncio.sleep(0.05)

    async def serve(self) -> None:
        """Until the connection fails, or the server stops sending receiver reports."""
        assert self.pc is not None
        pc = self.pc
        started = last_report = time.monotonic()
        seen: float | None = None
        if self.controller_name == "adaptive" and self.video is not None:
            # Each connection starts from the configured rate: the last path's limit may not hold.
            # It starts where most uplinks carry it, and climbs to the configured rate if the path allows.
            self.controller = LossDelayController(start_bps=min(START_BPS, self.video_spec.bitrate),
                                                  max_bps=self.video_spec.bitrate)
            self.steps = EncoderSteps(self.video.canvas, self.video_spec.fps, self.preference)
        while pc.connectionState == "connected":
            await asyncio.sleep(0.5)
            self._adapt()
            report = await self._last_report_time()
            if report is not None and report != seen:
                seen, last_report = report, time.monotonic()
            if time.monotonic() - last_report > SILENCE_TIMEOUT and time.monotonic() - started > SILENCE_TIMEOUT:
                raise OutputError("whip.silent", seconds=SILENCE_TIMEOUT)
        raise OutputError("whip.lost", state=pc.connectionState)

    def _picture_lost(self) -> None:
        """A PLI or FIR: a keyframe from the encoder's gate, and a hint for the controller."""
        self.feedback.pictures_lost += 1
        if self.video is not None:
            self.video.fanout.request_keyframe()

    def _delivered(self, delivery: Delivery) -> None:
        """Transport feedback: the receiver speaks it, so the controller that reads it takes over
        (from the target reached so far) and the encoder may step up sooner."""
        self.feedback.delivery = delivery
        if self.controller is None or self.steps is None:
            return
        if not isinstance(self.controller, DeliveryController):
            # The audio shares the path: its bitrate and about 40% of packet headers on top.
            audio_bps = int(1.4 * self.audio_spec.bitrate) if self.audio_spec else 0
            self.controller = DeliveryController(start_bps=self.controller.target_bps, max_bps=self.video_spec.bitrate,
                                                 reserved_bps=audio_bps)
            self.steps.up_after_s = 0.1  # its rises come from evidence (probes), not from a drift
        self._adapt()

    def _pacing_rate(self) -> float:
        """What the pacer lets out: 1.5× the encoder's rate, so frames never queue behind it."""
        return 1.5 * max(self.video.bitrate if self.video else 0, 300_000)

    def _adapt(self) -> None:
        if self.controller is None or self.steps is None or self.video is None:
            return
        now = time.monotonic()
        _, sent_bps = self.video.meter.rates()
        self.controller.update(self.feedback, sent_bps, now)
        if isinstance(self.controller, DeliveryController) and self.pacer is not None:
            probe_bps = self.controller.take_probe()
            if probe_bps is not None:
                # on top of the media: the target, or less where the encoder undershoots it
                media_bps = min(self.controller.target_bps, sent_bps or self.controller.target_bps)
                self.pacer.probe(max(probe_bps - media_bps, 0.0), DeliveryController.PROBE_S)
        if self.steps.step(self.controller.target_bps, now):
            self.video.adapt(*self.steps.settings())

    async def _last_report_time(self) -> float | None:
        """When the newest RTCP receiver report about our video arrived (None before the first)."""
        assert self.pc is not None
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind != "video":
                continue
            stats = await transceiver.sender.getStats()
            for item in stats.values():
                if item.type == "remote-inbound-rtp":
                    return item.timestamp.timestamp()
        return None

    async def disconnect(self) -> None:
        location, self.location = self.location, None
        if location and self._http is not None:
            try:
                async with self._http.delete(location, headers=self._headers(),
                                             timeout=aiohttp.ClientTimeout(total=3)) as response:
                    if response.status >= 400:
                        log.warning("WHIP DELETE %s answered %d", location, response.status)
            except (TimeoutError, aiohttp.ClientError) as exc:
                log.info("WHIP DELETE %s: %s", location, exc)  # the server may be gone: nothing to end
        for track in self.tracks:
            track.stop()
        self.tracks = []
        self.controller = self.steps = None
        if self.pc is not None:
            await self.pc.close()
            self.pc = None
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def stop(self) -> None:
        await super().stop()
        if self._frames is not None:
            self.pool.pipeline.remove_consumer(self._frames)
            self._frames = None

    def details(self) -> dict[str, Any]:
        track = self.tracks[0] if self.tracks else None
        subscriber = track.subscriber if isinstance(track, PacketTrack) else None
        feedback = self.feedback
        details: dict[str, Any] = {
            "url": self.url, "resource": self.location or "", "controller": self.controller_name,
            "dropped_packets": subscriber.dropped if subscriber is not None else 0,
            "retransmitted": self.pacer.retransmitted if self.pacer else 0,
            "nacks_refused": self.pacer.refused_nacks if self.pacer else 0,
            "loss": round(feedback.loss, 3), "rtt_ms": None if feedback.rtt_s is None else round(feedback.rtt_s * 1000),
            "jitter_ms": round(feedback.jitter_s * 1000, 1), "remb_bps": feedback.remb_bps}
        if self.video is not None:
            _, bps = self.video.meter.rates()
            details.update(bitrate_bps=int(bps), size=f"{self.video.width}x{self.video.height}",
                           fps=self.video.send_fps, keyframes=self.video.keyframe_count, rebuilds=self.video.rebuilds)
        if self.controller is not None:
            details["target_bps"] = self.controller.target_bps
        if feedback.delivery is not None:
            details.update(feedback="transport-cc", acked_bps=int(feedback.delivery.acked_bps),
                           queue_ms=round(feedback.delivery.queue_delay_s * 1000, 1),
                           path_loss=round(feedback.delivery.loss, 3))
        if isinstance(self.controller, DeliveryController):
            details["abr"] = self.controller.reason
        return details
