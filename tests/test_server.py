"""The embedded server: WHEP life cycle, bad requests with reasons, and an unharmed live session."""

from __future__ import annotations

import asyncio
import json
import threading

import aiohttp
import pytest
import yarl
from aiortc.mediastreams import MediaStreamError

from studio.config import StudioConfig
from studio.rtc import new_peer_connection
from studio.show import Studio
from studio.whep import Unavailable
from studio.whep_client import WhepError, WhepPlayer

SDP = {"Content-Type": "application/sdp"}


async def test_whep_session_lifecycle(live_studio):
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect()
    assert player.resource.startswith(live_studio.viewer_url + "whep/")
    frame = await asyncio.wait_for(player.tracks["video"].recv(), 5)
    assert (frame.width, frame.height) == (1280, 720)
    for _ in range(50):
        if live_studio.viewer_count == 1:
            break
        await asyncio.sleep(0.1)
    assert live_studio.viewer_count == 1
    await player.close()  # sends DELETE
    assert live_studio.whep.sessions == {}
    assert live_studio.viewer_count == 0


@pytest.mark.parametrize(("body", "headers", "status", "reason"), [
    ("v=0\r\n", {"Content-Type": "text/plain"}, 415, "Content-Type must be application/sdp"),
    ("hello, not sdp", SDP, 400, "not an SDP offer"),
    ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", SDP, 400, "no audio or video"),
    ("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=garbage\r\n", SDP, 400, "malformed SDP offer"),
    ("v=0\r\n" + "a=x\r\n" * 20000, SDP, 413, "larger than"),
    (b"v=0\r\n\xff\xfe\xfa", SDP, 400, "UTF-8"),
    ("v=0\r\nm=video 9\r\n", {"Content-Type": "application/sdp; charset=bogus"}, 400, "UTF-8"),
])
async def test_bad_offers_get_reasons_and_live_viewer_keeps_playing(live_studio, body, headers, status, reason):
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect(audio=False)
    try:
        async with (aiohttp.ClientSession() as http,
                    http.post(live_studio.viewer_url + "whep", data=body, headers=headers) as response):
            assert response.status == status
            assert reason in await response.text()
        # The existing session is untouched: fresh frames keep arriving.
        for _ in range(10):
            await asyncio.wait_for(player.tracks["video"].recv(), 2)
        assert len(live_studio.whep.sessions) == 1
    finally:
        await player.close()


async def test_unknown_resources_and_methods(live_studio):
    base = live_studio.viewer_url
    async with aiohttp.ClientSession() as http:
        async with http.delete(base + "whep/does-not-exist") as response:
            assert response.status == 404
            assert "no such WHEP session" in await response.text()
        async with http.patch(base + "whep/anything", data="a=candidate") as response:
            assert response.status == 405
            assert "trickle ICE" in await response.text()
        async with http.get(base + "no/such/page") as response:
            assert response.status == 404
        async with http.get(base + "whep") as response:
            assert response.status == 405
        # A raw path, so the client does not normalise the dots away before sending.
        traversal = yarl.URL(base + "static/../../pyproject.toml", encoded=True)
        async with http.get(traversal) as response:
            assert response.status in (403, 404)
            assert "build-system" not in await response.text()


async def test_offer_before_go_live_is_refused_with_retry_after():
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    try:
        with pytest.raises(WhepError, match="503.*not live"):
            await WhepPlayer(studio.viewer_url + "whep").connect()
        async with (aiohttp.ClientSession() as http,
                    http.post(studio.viewer_url + "whep", data="v=0\r\nm=video 9\r\n", headers=SDP) as r):
            assert r.headers["Retry-After"] == "2"
    finally:
        await studio.close()


async def test_viewer_limit(live_studio):
    live_studio.whep.max_viewers = 1
    first = WhepPlayer(live_studio.viewer_url + "whep")
    await first.connect(audio=False)
    try:
        with pytest.raises(WhepError, match="503.*full"):
            await WhepPlayer(live_studio.viewer_url + "whep").connect(audio=False)
    finally:
        await first.close()


async def test_events_channel_counts_viewers_and_rejects_garbage(live_studio):
    async with aiohttp.ClientSession() as http, http.ws_connect(live_studio.viewer_url + "events") as ws:
        hello = await ws.receive_json(timeout=2)
        assert hello["type"] == "hello" and hello["server_time"] > 0
        await ws.send_str("{not json")
        seen = []
        while not any(m["type"] == "error" for m in seen):
            seen.append(await ws.receive_json(timeout=2))
        assert "bad message" in seen[-1]["reason"]
        await ws.send_str(json.dumps({"type": "ping", "t": 1.5}))
        player = WhepPlayer(live_studio.viewer_url + "whep")
        await player.connect(audio=False)
        try:
            counts, pong = [], None
            for _ in range(20):
                msg = await ws.receive_json(timeout=5)
                if msg["type"] == "pong":
                    pong = msg
                if msg["type"] == "viewers":
                    counts.append(msg["count"])
                    if msg["count"] == 1:
                        break
            assert pong is not None and pong["t"] == 1.5
            assert counts[-1] == 1
            # Oversized messages close only that socket, with a reason code.
            await ws.send_str("x" * 10000)
            closing = await ws.receive(timeout=2)
            assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
            await asyncio.wait_for(player.tracks["video"].recv(), 2)
        finally:
            await player.close()


async def test_status_endpoint_reports_pipeline(live_studio):
    await asyncio.sleep(1.5)
    async with aiohttp.ClientSession() as http, http.get(live_studio.viewer_url + "api/status") as response:
        stats = await response.json()
    assert stats["live"] is True
    assert stats["program_fps"] > 25
    assert stats["encoder_fps"] > 25
    assert stats["bitrate_bps"] > 100_000


async def test_server_binds_loopback_by_default(live_studio):
    assert StudioConfig().host == "127.0.0.1"
    sockets = live_studio.server._runner.addresses
    assert all(addr[0] == "127.0.0.1" for addr in sockets)


async def test_viewer_pli_reaches_the_shared_encoder_gate(live_studio):
    """aiortc ignores PLI on packet tracks; the studio routes it to the shared encoder, rate-limited."""
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect(audio=False)
    try:
        await asyncio.wait_for(player.tracks["video"].recv(), 5)
        encoder = live_studio.video_encoder
        await asyncio.sleep(0.6)  # past the gate's interval since the join keyframe
        requests, keyframes = encoder.keyframes.requests, encoder.keyframe_count
        receiver = next(r for r in player.pc.getReceivers() if r.track.kind == "video")
        ssrc = receiver.getSynchronizationSources()[0].source
        for _ in range(10):  # a burst of PLIs, as a viewer on a lossy link sends
            await receiver._send_rtcp_pli(ssrc)
        await asyncio.sleep(0.8)
        assert encoder.keyframes.requests >= requests + 10
        assert 1 <= encoder.keyframe_count - keyframes <= 2
    finally:
        await player.close()


def _encoder_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name.endswith("-encoder"))


async def test_stop_and_go_live_again_with_a_viewer_connected(live_studio):
    player = WhepPlayer(live_studio.viewer_url + "whep")
    await player.connect(audio=False)
    await asyncio.wait_for(player.tracks["video"].recv(), 5)
    assert _encoder_threads() == 2
    await live_studio.stop_live()
    assert _encoder_threads() == 0
    with pytest.raises(MediaStreamError):  # the viewer's stream ends; it does not hang
        for _ in range(100):
            await asyncio.wait_for(player.tracks["video"].recv(), 3)
    await player.close()
    await live_studio.go_live()
    again = WhepPlayer(live_studio.viewer_url + "whep")
    await again.connect(audio=False)
    try:
        frame = await asyncio.wait_for(again.tracks["video"].recv(), 5)
        assert frame.width == 1280
        assert _encoder_threads() == 2
    finally:
        await again.close()


async def test_concurrent_offers_respect_the_viewer_limit(live_studio):
    live_studio.whep.max_viewers = 2
    players = [WhepPlayer(live_studio.viewer_url + "whep") for _ in range(5)]
    results = await asyncio.gather(*(p.connect(audio=False) for p in players), return_exceptions=True)
    try:
        refused = [r for r in results if isinstance(r, WhepError)]
        assert len(refused) == 3 and all("503" in str(r) for r in refused)
        assert len(live_studio.whep.sessions) == 2
    finally:
        for p, r in zip(players, results, strict=True):
            if r is None:
                await p.close()


async def test_an_offer_that_never_connects_costs_the_show_nothing(live_studio):
    """An answered offer whose peer never connects holds no queue and forces no keyframes."""
    encoder = live_studio.video_encoder
    pc = new_peer_connection()
    pc.addTransceiver("video", direction="recvonly")
    await pc.setLocalDescription(await pc.createOffer())
    requests = encoder.keyframes.requests
    async with (aiohttp.ClientSession() as http,
                http.post(live_studio.viewer_url + "whep", data=pc.localDescription.sdp, headers=SDP) as r):
        assert r.status == 201
    await pc.close()  # never applies the answer, so never connects
    await asyncio.sleep(1.0)
    assert encoder.fanout.subscriber_count == 0
    assert encoder.keyframes.requests == requests
    assert len(live_studio.whep.sessions) == 1  # until it expires after CONNECT_TIMEOUT


async def test_stopping_while_an_offer_is_answered_leaves_no_orphan(live_studio):
    pc = new_peer_connection()
    pc.addTransceiver("video", direction="recvonly")
    await pc.setLocalDescription(await pc.createOffer())
    whep = live_studio.whep
    answering = asyncio.ensure_future(whep.answer(pc.localDescription.sdp))
    await asyncio.sleep(0)  # the answer is under way
    await live_studio.stop_live()
    with pytest.raises(Unavailable, match="ended"):
        await answering
    assert whep.sessions == {}
    await pc.close()
