"""Co-host guests (连麦): invite links that open only the guest endpoints and only while valid, the
lobby, and the host admitting, showing and kicking guests through the core API; a guest in
headless Chromium with a fake camera and microphone."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

from studio.guests.invites import TOKEN_BYTES, Invites

from .browser import chromium


async def _join(studio, link: str, name: str) -> tuple[int, str, RTCPeerConnection]:
    """A guest's offer through their link, as the guest page sends it (aiortc here)."""
    pc = RTCPeerConnection()
    pc.addTrack(VideoStreamTrack())
    pc.addTrack(AudioStreamTrack())
    await pc.setLocalDescription(await pc.createOffer())
    token = link.rsplit("/", 1)[1]
    async with aiohttp.ClientSession() as http, http.post(
            f"{studio.viewer_url}guest/{token}/whip?name={name}", data=pc.localDescription.sdp,
            headers={"Content-Type": "application/sdp"}) as response:
        body = await response.text()
        if response.status == 201:
            await pc.setRemoteDescription(RTCSessionDescription(body, "answer"))
        return response.status, body, pc


async def _page(studio, link: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(link) as response:
        return response.status, await response.text()


def test_invite_tokens_are_long_random_and_kept_only_as_their_hash():
    invites = Invites()
    token, invite = invites.create("品牌方", expires_in_s=600, uses=2)
    assert len(token) * 6 >= 128 and TOKEN_BYTES * 8 >= 128
    assert token not in repr(invites.__dict__) and invite.id not in token
    assert invites.check(token) is invite
    with pytest.raises(ValueError, match="1 to 100 joins"):
        invites.create(uses=0)
    with pytest.raises(ValueError, match="lasts 60 s"):
        invites.create(expires_in_s=5)


async def test_every_bad_link_gets_a_403_that_says_why_and_nothing_else(start_show):
    studio = await start_show(audio_source="none")
    good, _ = studio.call.create_invite("嘉宾", uses=1)
    status, page = await _page(studio, good)
    assert status == 200 and "guest.js" in page
    expired, expired_invite = studio.call.create_invite(expires_in_s=60)
    expired_invite.expires_at = time.time() - 1
    revoked, revoked_invite = studio.call.create_invite()
    studio.call.invites.revoke(revoked_invite.id)
    cases = {f"{studio.viewer_url}join/not-a-token": "not valid", expired: "expired", revoked: "withdrawn"}
    joined = await _join(studio, good, "first")
    assert joined[0] == 201
    cases[good] = "has been used"  # single use, and used
    kicked_link, _ = studio.call.create_invite(uses=5)
    status, _, kicked_pc = await _join(studio, kicked_link, "rude")
    assert status == 201
    (rude,) = [g for g in studio.call.guests.waiting() if g.name == "rude"]
    await studio.call.remove(rude.id, kick=True)
    cases[kicked_link] = "withdrawn"  # a kicked guest's link stops working
    for link, reason in cases.items():
        status, page = await _page(studio, link)
        assert status == 403 and reason in page, link
        assert studio.viewer_url not in page and "Host Studio" not in page  # nothing about the show
        status, body, pc = await _join(studio, link, "again")
        assert status == 403 and reason in body
        await pc.close()
    for pc in (joined[2], kicked_pc):
        await pc.close()
    # The link opens the guest endpoints only: host control and the WHIP ingest refuse it.
    token = good.rsplit("/", 1)[1]
    async with aiohttp.ClientSession() as http:
        async with http.post(studio.viewer_url + "api/host/events", json={"type": "poll.close", "data": {}},
                             headers={"Authorization": f"Bearer {token}"}) as response:
            assert response.status == 401
        async with http.post(studio.ingest_url + "x", data="v=0", headers={
                "Content-Type": "application/sdp", "Authorization": f"Bearer {token}"}) as response:
            assert response.status == 401


async def test_the_lobby_admit_show_and_the_guest_limit(start_show):
    studio = await start_show(audio_source="none", guest_limit=2)
    link, _ = studio.call.create_invite(uses=3)
    peers = []
    for name in ("品牌方小李", "二号", "三号"):
        status, _, pc = await _join(studio, link, name)
        assert status == 201
        peers.append(pc)
    waiting = studio.call.guests.waiting()
    assert [g.name for g in waiting] == ["品牌方小李", "二号", "三号"]
    first = studio.call.admit(waiting[0].id)
    assert first.state == "on_call" and not first.visible and not first.audible  # hidden and muted on air
    studio.call.set_on_air(first.id, visible=True, audible=True)
    studio.call.admit(waiting[1].id)
    with pytest.raises(ValueError, match="at most 2 guests"):
        studio.call.admit(waiting[2].id)
    rejected = await studio.call.remove(waiting[2].id, kick=False)
    assert rejected.state == "rejected"
    for pc in peers:
        await pc.close()


async def _chromium_guest(browser, studio, link: str, name: str):
    """A guest's page in Chromium (fake camera and mic) that joined and waits in the lobby, once
    its pictures reach the studio; the page and the guest."""
    page = await browser.new_page()
    await page.goto(link)
    await page.wait_for_function("window.guest && window.guest.stream !== null")
    await page.fill("#guest-name", name)
    await page.click("#join")
    await page.wait_for_function("window.guest.state === 'lobby'", timeout=15000)
    for _ in range(200):
        waiting = [g for g in studio.call.guests.waiting() if g.name == name]
        session = studio.ingest.sessions.get(waiting[0].session) if waiting else None  # set once answered
        if session is not None and session.frames["video"] > 5:
            return page, waiting[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"{name}'s camera did not reach the studio")


async def test_a_chromium_guest_waits_in_the_lobby_and_a_kick_ends_the_call(start_show):
    studio = await start_show(audio_source="none")
    link, _ = studio.call.create_invite("连麦嘉宾")
    async with chromium(fake_media=True) as browser:
        page, guest = await _chromium_guest(browser, studio, link, "品牌方小李")
        assert [g.name for g in studio.call.guests.waiting()] == ["品牌方小李"]
        assert guest.name == "品牌方小李"
        session = studio.ingest.sessions[guest.session]
        for _ in range(200):  # the guest's camera reaches the studio
            if session.frames["video"] > 10:
                break
            await asyncio.sleep(0.05)
        assert session.frames["video"] > 10 and session.frames["audio"] > 10
        studio.call.admit(guest.id)
        await studio.call.remove(guest.id, kick=True)
        assert guest.session not in studio.ingest.sessions
        await page.wait_for_function("window.guest.state === 'ended'", timeout=30000)
        assert "通话已结束" in await page.text_content("#guest-status")


def test_layouts_place_every_tile_on_the_canvas_in_landscape_and_portrait():
    from studio.guests.layout import rects
    for width, height in ((1280, 720), (720, 1280)):
        for layout in ("side_by_side", "grid"):
            for count in (2, 3, 4):
                placed = rects(layout, count, width, height)
                area = sum(w * h for _, _, w, h in placed)
                assert all(x >= 0 and y >= 0 and x + w <= width + 0.5 and y + h <= height + 0.5
                           for x, y, w, h in placed)
                assert area <= width * height + 1 and (layout == "grid" or area == pytest.approx(width * height))
        for corner in ("top-left", "top-right", "bottom-left", "bottom-right"):
            host, guest = rects("pip", 2, width, height, corner)
            assert host == (0, 0, width, height)
            assert (guest[0] > width / 2) == corner.endswith("right") and (guest[1] > height / 2) == \
                corner.startswith("bottom")
    assert rects("side_by_side", 2, 1280, 720)[1][0] == 640  # landscape: side by side
    assert rects("side_by_side", 2, 720, 1280)[1][1] == 640  # portrait: one above the other
    with pytest.raises(ValueError):
        rects("mosaic", 2, 1280, 720)


async def test_a_chromium_guest_on_air_appears_in_the_program_and_a_stalled_one_becomes_a_placeholder(start_show):
    import cv2
    import numpy as np

    from studio.guests.layout import PLACEHOLDER, cover
    studio = await start_show(audio_source="none")
    link, _ = studio.call.create_invite()
    async with chromium(fake_media=True) as browser:
        page, guest = await _chromium_guest(browser, studio, link, "小李")
        studio.call.admit(guest.id)
        await asyncio.sleep(0.5)
        hidden = studio.pipeline.last_program.image.copy()  # admitted: on the call, not on air
        studio.call.set_layout("side_by_side")
        studio.call.set_on_air(guest.id, visible=True, audible=True)
        await asyncio.sleep(1.0)  # past the transition
        program = studio.pipeline.last_program.image
        session = studio.ingest.sessions[guest.session]
        picture = cover(session.latest_video.rgb(), 640, 720)
        right = program[:, 640:]
        gray = [cv2.cvtColor(x, cv2.COLOR_RGB2GRAY).astype(np.float32) for x in (right, picture)]
        # The guest's own camera, as the studio received it, fills the right half (its label aside).
        correlation = np.corrcoef(gray[0][:600].ravel(), gray[1][:600].ravel())[0, 1]
        assert correlation > 0.8
        assert np.abs(hidden[:, 640:].astype(int) - right).mean() > 10  # it was not there before
        await page.evaluate("window.guest.stream.getVideoTracks().forEach((t) => t.stop())")  # the camera dies
        await asyncio.sleep(2.0)
        assert studio.call.guests.guests[guest.id].state == "on_call"  # still on the call, only its picture stalled
        stalled = studio.pipeline.last_program.image[100:600, 700:1200]
        assert np.abs(stalled.astype(int) - np.array(PLACEHOLDER)).mean() < 3
        assert studio.stats()["program_fps"] > 25  # the program never waited for it


async def test_three_guests_join_and_leave_again_and_again_without_leaks(start_show):
    """Shown on air and gone again, rounds of three: no session, peer connection or thread stays
    behind. (Memory over many rounds is measured by bench/guest_churn_bench.py: RSS on a busy
    machine is not something a test can hold to a number.)"""
    import gc
    import threading

    from aiortc import RTCPeerConnection as PeerConnection

    from studio.whip_ingest import IngestSession

    studio = await start_show(audio_source="none")
    gc.collect()
    before = {id(o) for o in gc.get_objects() if isinstance(o, (PeerConnection, IngestSession))}  # other tests'

    async def one_round() -> None:
        link, _ = studio.call.create_invite(uses=3)
        joined = [await _join(studio, link, f"guest{i}") for i in range(3)]
        assert [status for status, _, _ in joined] == [201] * 3, [body for _, body, _ in joined]
        for guest in studio.call.guests.waiting():
            studio.call.admit(guest.id)
            studio.call.set_on_air(guest.id, visible=True)
        await asyncio.sleep(0.3)
        async with aiohttp.ClientSession() as http:
            for session in [g.session for g in studio.call.guests.on_call()]:
                async with http.delete(f"{studio.viewer_url}guest/session/{session}") as response:
                    assert response.status == 200
        for _, _, pc in joined:
            await pc.close()

    await one_round()  # the first round starts the pools and executors that stay for the show
    threads = threading.active_count()
    for _ in range(8):
        await one_round()
    await asyncio.sleep(0.5)
    gc.collect()
    assert studio.ingest.sessions == {} and studio.call.guests.on_call() == []
    assert threading.active_count() <= threads + 2
    # Nothing of a gone guest stays alive (a connect timer used to hold each session for 20 s).
    assert [o for o in gc.get_objects()
            if isinstance(o, (PeerConnection, IngestSession)) and id(o) not in before] == []
    assert studio.stats()["program_fps"] > 15  # the show ran on throughout (30 when the machine is free)


async def test_invites_outlive_a_restart_of_the_studio(tmp_path):
    """Links the host sent out keep working after a restart, with their uses and revocations."""
    from studio.config import StudioConfig
    from studio.show import Studio

    log = str(tmp_path / "show.sqlite")
    first = Studio(StudioConfig(port=0, event_log=log, audio_source="none"))
    await first.start()
    try:
        link, invite = first.call.create_invite("品牌方", uses=2)
        status, _, pc = await _join(first, link, "小王")
        assert status == 201
        await pc.close()
        withdrawn, withdrawn_invite = first.call.create_invite()
        first.call.invites.revoke(withdrawn_invite.id)
    finally:
        await first.close()
    second = Studio(StudioConfig(port=0, event_log=log, audio_source="none"))
    await second.start()
    try:
        token = link.rsplit("/", 1)[1]
        assert second.call.invites.check(token).used == 1 and second.call.invites.check(token).name == "品牌方"
        assert (await _page(second, f"{second.viewer_url}join/{withdrawn.rsplit('/', 1)[1]}"))[0] == 403
        status, _, pc = await _join(second, f"{second.viewer_url}join/{token}", "小王")
        assert status == 201  # its second use
        await pc.close()
        status, body, pc = await _join(second, f"{second.viewer_url}join/{token}", "小王")
        assert status == 403 and "used" in body
        await pc.close()
    finally:
        await second.close()


def test_the_quality_light_follows_round_trip_loss_frame_rate_and_size():
    from studio.guests.quality import judge

    assert judge(40, 0.0, 30, 720) == ("green", ())
    assert judge(None, 0.0, 30, 720)[0] == "green"  # no round trip measured yet: judged on the rest
    assert judge(250, 0.5, 30, 720) == ("amber", ("rtt",))
    assert judge(40, 3.0, 30, 720)[0] == "amber" and judge(40, 0, 15, 720)[0] == "amber"
    assert judge(40, 0, 30, 240)[0] == "amber"
    light, reasons = judge(600, 12.0, 30, 720)
    assert light == "red" and reasons == ("rtt", "loss")
    assert judge(600, 3.0, 30, 720) == ("red", ("rtt", "loss"))  # the red reason before the amber one
    assert judge(40, 0, 5, 720)[0] == "red" and judge(40, 0, 30, 144)[0] == "red"


async def test_a_guest_on_a_clean_connection_shows_green_with_its_numbers(start_show):
    studio = await start_show(audio_source="none")
    link, _ = studio.call.create_invite()
    status, _, pc = await _join(studio, link, "稳定")
    assert status == 201
    (guest,) = studio.call.guests.waiting()
    studio.call.admit(guest.id)
    quality = None
    for _ in range(80):  # sampled once a second; the round trip needs receiver reports of the return feed
        quality = studio.call.quality(guest.id).to_dict()
        if quality["light"] != "grey" and quality["rtt_ms"] is not None:
            break
        await asyncio.sleep(0.1)
    assert studio.call.state()[0]["quality"] == quality  # what the host's window shows
    await pc.close()
    # aiortc's test track: 640×480 at 30 fps over loopback.
    assert quality["light"] == "green", quality
    assert quality["rtt_ms"] < 50 and quality["loss_pct"] == 0 and 20 < quality["fps"] <= 35
    assert (quality["width"], quality["height"]) == (640, 480)


def test_ice_server_settings_are_checked_when_the_show_is_configured():
    from studio.config import ConfigError, StudioConfig

    good = [{"urls": "stun:stun.example.com:3478"},
            {"urls": ["turn:relay.example.com:3478?transport=udp", "turns:relay.example.com:443"],
             "username": "host", "credential": "secret"},
            {"urls": "turn:other.example.com:3478", "secret": "shared with coturn"}]
    assert StudioConfig(ice_servers=good).ice_servers == good
    for bad, says in (([{"urls": "http://relay.example.com"}], "stun:"), ([{"url": "stun:x"}], "stun:"),
                      ([{"urls": "turn:relay.example.com"}], "username and a credential, or its shared secret")):
        with pytest.raises(ConfigError, match=says):
            StudioConfig(ice_servers=bad)
    with pytest.raises(ConfigError, match="TURN server"):
        StudioConfig(ice_servers=good[:1], guest_relay_only=True)


async def _offer(studio, token: str, query: str) -> tuple[int, dict, RTCPeerConnection]:
    pc = RTCPeerConnection()
    pc.addTrack(VideoStreamTrack())
    pc.addTrack(AudioStreamTrack())
    await pc.setLocalDescription(await pc.createOffer())
    async with aiohttp.ClientSession() as http, http.post(
            f"{studio.viewer_url}guest/{token}/whip?{query}", data=pc.localDescription.sdp,
            headers={"Content-Type": "application/sdp"}) as response:
        body = await response.text()
        if response.status == 201:
            await pc.setRemoteDescription(RTCSessionDescription(body, "answer"))
        return response.status, dict(response.headers), pc


async def test_a_dropped_guest_comes_back_to_where_they_were_with_their_rejoin_key(start_show):
    studio = await start_show(audio_source="none")
    link, invite = studio.call.create_invite(uses=1)
    token = link.rsplit("/", 1)[1]
    status, headers, pc = await _offer(studio, token, "name=小李")
    assert status == 201 and len(headers["Rejoin-Key"]) >= 20
    key = headers["Rejoin-Key"]
    (guest,) = studio.call.guests.waiting()
    studio.call.admit(guest.id)
    studio.call.set_on_air(guest.id, visible=True, audible=True)
    first_session = guest.session
    # The network drops before the studio notices: the page connects again with its key.
    status, headers, again = await _offer(studio, token, f"name=x&rejoin={key}")
    assert status == 201 and headers["Rejoin-Key"] == key
    assert first_session not in studio.ingest.sessions and guest.session in studio.ingest.sessions
    assert (guest.state, guest.visible, guest.audible, guest.name) == ("on_call", True, True, "小李")
    assert invite.used == 1  # no new use of the single-use link
    await pc.close()
    # Now the studio sees the connection end (as when ICE gives up on it): dropped, not gone for good.
    await studio.ingest.end(guest.session)
    await again.close()
    assert guest.state == "left" and guest.dropped_from == ("on_call", True, True)
    assert guest.id not in studio.pipeline.mixer.inputs
    status, _, back = await _offer(studio, token, f"rejoin={key}")
    assert status == 201 and (guest.state, guest.visible, guest.audible) == ("on_call", True, True)
    voice = studio.pipeline.mixer.inputs[guest.id]
    assert voice.on_air and voice.on_call and guest.id in studio.pipeline.mixer.returns
    # Only the key opens the used link, and not once the guest left on purpose or was removed.
    assert (await _offer(studio, token, "rejoin=wrong-key"))[0] == 403
    assert (await _offer(studio, token, "name=someone-else"))[0] == 403
    async with aiohttp.ClientSession() as http, http.delete(
            f"{studio.viewer_url}guest/session/{guest.session}") as response:
        assert response.status == 200
    status, _, late = await _offer(studio, token, f"rejoin={key}")
    assert status == 403 and guest.state == "left"
    for peer in (back, late):
        await peer.close()
    assert [s for s, _, _ in studio.encoders.encoders() if getattr(s, "owner", "")] == []  # return encoder let go


async def test_a_chromium_guest_whose_connection_drops_rejoins_by_itself(start_show):
    studio = await start_show(audio_source="none")
    link, _ = studio.call.create_invite()
    async with chromium(fake_media=True) as browser:
        page, guest = await _chromium_guest(browser, studio, link, "掉线嘉宾")
        studio.call.admit(guest.id)
        studio.call.set_on_air(guest.id, visible=True)
        await page.wait_for_function("window.guest.state === 'on_call'", timeout=10000)
        await studio.ingest.end(guest.session)  # the connection is gone (as when a network drops)
        assert guest.state == "left"
        await page.wait_for_function("window.guest.reconnects === 1", timeout=20000)
        assert (guest.state, guest.visible) == ("on_call", True)
        for _ in range(100):
            if studio.ingest.sessions[guest.session].frames["video"] > 10:
                break
            await asyncio.sleep(0.1)
        assert studio.ingest.sessions[guest.session].frames["video"] > 10
        assert await page.text_content("#guest-status") == "已连麦：你能看到并听到直播"


async def _offer_sdp() -> tuple[RTCPeerConnection, str]:
    pc = RTCPeerConnection()
    pc.addTrack(VideoStreamTrack())
    pc.addTrack(AudioStreamTrack())
    await pc.setLocalDescription(await pc.createOffer())
    return pc, pc.localDescription.sdp


def _return_encoders(studio) -> int:
    return sum(users for spec, _, users in studio.encoders.encoders() if getattr(spec, "owner", "") == "guests")


async def test_the_host_acting_while_an_offer_is_answered_leaves_nothing_behind(start_show):
    """Removed while their offer is answered, dropped or kicked while their rejoin is answered: the
    guest ends where the host put them, with no connection, mixer voice or encoder left over."""
    from studio.guests.invites import InviteRefused

    studio = await start_show(audio_source="none")
    call = studio.call
    link, invite = call.create_invite(uses=3)
    token = link.rsplit("/", 1)[1]
    peers = []

    async def answering(rejoin_key: str = ""):
        pc, sdp = await _offer_sdp()
        peers.append(pc)
        task = asyncio.ensure_future(call.arrive(token, "小李", sdp, rejoin_key))
        await asyncio.sleep(0)  # the guest is known; their answer is being made
        return task

    # Rejected while their first offer is answered: refused, and nothing of them stays.
    task = await answering()
    (guest,) = call.guests.waiting()
    await call.remove(guest.id, kick=False)
    with pytest.raises(InviteRefused):
        await task
    assert studio.ingest.sessions == {} and guest.id not in studio.pipeline.mixer.inputs
    assert _return_encoders(studio) == 0

    # On air; the connection drops while the rejoin is answered: back where they were.
    status, headers, pc = await _offer(studio, token, "name=阿花")
    peers.append(pc)
    (guest,) = call.guests.waiting()
    call.admit(guest.id)
    call.set_on_air(guest.id, visible=True, audible=True)
    call.set_volume(guest.id, 0.3)
    studio.pipeline.mixer.set_input(guest.id, muted=True)
    old = guest.session
    task = await answering(headers["Rejoin-Key"])
    ending = asyncio.ensure_future(studio.ingest.end(old))  # the studio sees the old connection drop meanwhile
    await asyncio.sleep(0)
    assert guest.state == "left"  # at once, not after aiortc has closed the old connection
    await ending
    await task
    assert (guest.state, guest.visible, guest.audible) == ("on_call", True, True)
    voice = studio.pipeline.mixer.inputs[guest.id]
    assert voice.on_call and voice.on_air and voice.volume == 0.3 and voice.muted  # as the host left them
    assert list(studio.ingest.sessions) == [guest.session] and _return_encoders(studio) == 1

    # Kicked while a rejoin is answered: refused, the new connection ended too.
    task = await answering(headers["Rejoin-Key"])
    await call.remove(guest.id, kick=True)
    with pytest.raises(InviteRefused):
        await task
    assert studio.ingest.sessions == {} and guest.id not in studio.pipeline.mixer.inputs
    assert _return_encoders(studio) == 0
    assert invite.used == 2  # the rejected join and 阿花's; rejoins use nothing
    for peer in peers:
        await peer.close()


async def test_an_offer_that_fails_does_not_use_the_link_up(start_show):
    studio = await start_show(audio_source="none")
    link, invite = studio.call.create_invite(uses=1)
    token = link.rsplit("/", 1)[1]
    async with aiohttp.ClientSession() as http, http.post(
            f"{studio.viewer_url}guest/{token}/whip?name=x", data="v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\ngarbage",
            headers={"Content-Type": "application/sdp"}) as response:
        assert response.status == 400 and "SDP" in await response.text()
    assert invite.used == 0 and studio.call.guests.waiting() == []
    status, _, pc = await _join(studio, link, "x")
    assert status == 201  # the single use is still there
    await pc.close()


async def test_the_status_page_names_no_guest(start_show):
    studio = await start_show(audio_source="none")
    link, _ = studio.call.create_invite()
    status, _, pc = await _join(studio, link, "秘密嘉宾")
    assert status == 201
    async with aiohttp.ClientSession() as http, http.get(f"{studio.viewer_url}api/status") as response:
        text = await response.text()
    assert response.status == 200 and "秘密嘉宾" not in text and "\\u79d8" not in text
    await pc.close()


async def test_a_guest_who_vanishes_without_a_word_is_let_go_and_may_come_back(start_show):
    """Their page is gone (a crash, a pulled cable): nothing arrives any more, and the studio ends
    the connection long before ICE would, as a drop."""
    studio = await start_show(audio_source="none")
    studio.call.silent_for_s = 2.0  # 10 s in a show
    link, _ = studio.call.create_invite()
    status, headers, pc = await _offer(studio, link.rsplit("/", 1)[1], "name=消失的嘉宾")
    assert status == 201
    (guest,) = studio.call.guests.waiting()
    studio.call.admit(guest.id)
    for _ in range(100):
        if studio.ingest.sessions[guest.session].frames["video"] > 10:
            break
        await asyncio.sleep(0.05)
    for sender in pc.getSenders():  # the page stops sending, without a goodbye
        sender.track.stop()
    for _ in range(100):
        if guest.state == "left":
            break
        await asyncio.sleep(0.1)
    assert guest.state == "left" and guest.dropped_from == ("on_call", False, False)
    assert studio.ingest.sessions == {}
    await pc.close()
