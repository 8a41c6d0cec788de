"""A WHEP player built on aiortc: what the tests, benchmarks and desktop tools use to watch a show."""

from __future__ import annotations

import asyncio
from urllib.parse import urljoin

import aiohttp
from aiortc import RTCSessionDescription
from aiortc.mediastreams import MediaStreamTrack

from .rtc import new_peer_connection


class WhepError(RuntimeError):
    pass


class WhepPlayer:
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.pc = new_peer_connection()
        self.resource: str | None = None
        self.tracks: dict[str, MediaStreamTrack] = {}
        self._got_tracks = asyncio.Event()
        self._session: aiohttp.ClientSession | None = None

        @self.pc.on("track")
        def _on_track(track: MediaStreamTrack) -> None:
            self.tracks[track.kind] = track
            if "video" in self.tracks:
                self._got_tracks.set()

    async def connect(self, audio: bool = True) -> None:
        self.pc.addTransceiver("video", direction="recvonly")
        if audio:
            self.pc.addTransceiver("audio", direction="recvonly")
        await self.pc.setLocalDescription(await self.pc.createOffer())
        self._session = aiohttp.ClientSession()
        try:
            async with self._session.post(self.endpoint, data=self.pc.localDescription.sdp,
                                          headers={"Content-Type": "application/sdp"}) as response:
                body = await response.text()
                if response.status != 201:
                    raise WhepError(f"WHEP server answered {response.status}: {body.strip()}")
                self.resource = urljoin(self.endpoint, response.headers["Location"])
            await self.pc.setRemoteDescription(RTCSessionDescription(body, "answer"))
            await asyncio.wait_for(self._got_tracks.wait(), 10)
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self.resource and self._session is not None:
            async with self._session.delete(self.resource):
                pass
        await self.pc.close()
        if self._session is not None:
            await self._session.close()
