"""Guests in real browsers: Chromium and Firefox on fake cameras and microphones join through an
invite link, get the return feed once admitted (the program's picture and the show's sound), and
reach the studio through a TURN relay (coturn) when the host asks for relay-only."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import subprocess
import time

import aiohttp
import pytest

from .browser import chromium
from .firefox import firefox
from .test_guests import _chromium_guest

pytestmark = pytest.mark.browser

# What the guest page gets back on its connection, from its own getStats.
RETURN_FEED = """(async () => {
  const out = {state: window.guest.state, shown: !document.getElementById("program").hidden,
               video: {frames: 0, width: 0, height: 0}, audio: {packets: 0, energy: 0}, relay: null};
  if (!window.guest.pc) return out;
  const report = await window.guest.pc.getStats();
  const byId = new Map([...report.values()].map((s) => [s.id, s]));
  for (const s of report.values()) {
    if (s.type === "inbound-rtp" && s.kind === "video") {
      out.video = {frames: s.framesDecoded || 0, width: s.frameWidth || 0, height: s.frameHeight || 0};
    } else if (s.type === "inbound-rtp" && s.kind === "audio") {
      out.audio = {packets: s.packetsReceived || 0, energy: s.totalAudioEnergy || 0};
    } else if (s.type === "candidate-pair" && (s.nominated || s.selected) && s.state === "succeeded") {
      const local = byId.get(s.localCandidateId);
      out.relay = local ? local.candidateType === "relay" : null;
    }
  }
  return out;
})()"""


async def _return_feed(evaluate, want, timeout: float = 20.0) -> dict:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = None
    while loop.time() < deadline:
        seen = await evaluate(RETURN_FEED)
        if want(seen):
            return seen
        await asyncio.sleep(0.25)
    raise AssertionError(f"the guest's page never got there: {seen}")


async def _waiting_guest(studio, name: str):
    for _ in range(300):
        found = [g for g in studio.call.guests.waiting() if g.name == name]
        session = studio.ingest.sessions.get(found[0].session) if found else None  # set once answered
        if session is not None and session.frames["video"] > 5:
            return found[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"{name} never reached the lobby with a picture")


async def test_a_chromium_guest_sees_and_hears_the_show_once_admitted(start_show):
    studio = await start_show()  # the host's 440 Hz tone and test card
    link, _ = studio.call.create_invite()
    async with chromium(fake_media=True) as browser:
        page, guest = await _chromium_guest(browser, studio, link, "品牌方")
        await asyncio.sleep(1.0)
        lobby = await page.evaluate(RETURN_FEED)
        assert lobby["video"]["frames"] == 0 and lobby["audio"]["energy"] == 0  # nothing of the show yet
        assert not lobby["shown"]
        studio.call.admit(guest.id)
        seen = await _return_feed(page.evaluate, lambda s: s["video"]["frames"] > 30 and s["audio"]["energy"] > 0)
        assert (seen["video"]["width"], seen["video"]["height"]) == (640, 360)  # the return encode
        assert seen["state"] == "on_call" and seen["shown"]
        assert await page.text_content("#guest-status") == "已连麦：你能看到并听到直播"
        studio.call.set_on_air(guest.id, visible=True)
        await page.wait_for_function(
            "document.getElementById('on-air').textContent === '观众能看到你 · 观众听不到你'", timeout=5000)
        # One encode serves every guest: the pool runs a single return encoder.
        assert [spec.owner for spec, _, _ in studio.encoders.encoders() if getattr(spec, "owner", "")] == ["guests"]


async def test_a_firefox_guest_joins_waits_in_the_lobby_and_gets_the_return_feed(start_show):
    studio = await start_show()
    link, _ = studio.call.create_invite("火狐嘉宾")
    async with firefox(fake_media=True) as browser:
        await browser.navigate(link)
        await _return_feed(browser.evaluate, lambda s: True)
        for _ in range(100):
            if await browser.evaluate("window.guest.stream !== null"):
                break
            await asyncio.sleep(0.1)
        await browser.evaluate("document.getElementById('guest-name').value = 'Firefox 嘉宾'")
        await browser.evaluate("document.getElementById('join').click()")
        guest = await _waiting_guest(studio, "Firefox 嘉宾")
        session = studio.ingest.sessions[guest.session]
        assert session.size[0] > 0 and session.frames["audio"] > 0
        studio.call.admit(guest.id)
        seen = await _return_feed(browser.evaluate, lambda s: s["video"]["frames"] > 30 and s["audio"]["packets"] > 50)
        assert seen["state"] == "on_call" and (seen["video"]["width"], seen["video"]["height"]) == (640, 360)
        await studio.call.remove(guest.id, kick=True)
        await _return_feed(browser.evaluate, lambda s: s["state"] == "ended")


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def coturn(secret: str):
    """A TURN relay (coturn) on a free local port, for this test only, taking time-limited
    credentials made with ``secret`` (the TURN REST scheme)."""
    turnserver = shutil.which("turnserver")
    if turnserver is None:
        raise RuntimeError("coturn is not installed: run scripts/setup.sh --test (or apt-get install coturn)")
    port = _free_udp_port()
    proc = subprocess.Popen(
        [turnserver, "-n", "--listening-ip=127.0.0.1", f"--listening-port={port}", "--relay-ip=127.0.0.1",
         "--use-auth-secret", f"--static-auth-secret={secret}", "--realm=hoststudio.test", "--allow-loopback-peers",
         "--no-cli", "--no-tls", "--no-dtls", "--min-port=49160", "--max-port=49260", "--log-file=stdout",
         "--simple-log"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=5)


async def test_a_guest_reaches_the_studio_through_the_hosts_turn_relay(start_show):
    """The host's TURN server reaches the guest's browser with a credential of its own that expires
    (only through a valid link; the shared secret never leaves the studio) and relay-only works:
    the guest's media flows through coturn, and the studio's answer offers the relay alone."""
    with coturn("s3cret") as port:
        ice = [{"urls": f"stun:127.0.0.1:{port}"}, {"urls": f"turn:127.0.0.1:{port}", "secret": "s3cret"}]
        studio = await start_show(ice_servers=ice, guest_relay_only=True)
        link, _ = studio.call.create_invite()
        token = link.rsplit("/", 1)[1]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{studio.viewer_url}guest/{token}/ice") as response:
                offered = await response.json()
            stun, turn = offered["iceServers"]
            assert offered["iceTransportPolicy"] == "relay" and stun == ice[0] and "s3cret" not in str(offered)
            expires = int(turn["username"].split(":")[0])
            assert turn["urls"] == ice[1]["urls"] and 11 * 3600 < expires - time.time() <= 12 * 3600
            async with http.get(f"{studio.viewer_url}guest/not-a-token/ice") as response:
                assert response.status == 403
            async with http.get(f"{studio.viewer_url}ice") as response:
                assert await response.json() == {"iceServers": ice[:1]}  # viewers never get TURN credentials
        async with chromium(fake_media=True) as browser:
            page, guest = await _chromium_guest(browser, studio, link, "远方嘉宾")
            studio.call.admit(guest.id)
            seen = await _return_feed(page.evaluate, lambda s: s["video"]["frames"] > 10 and s["relay"] is not None)
            assert seen["relay"] is True  # the chosen path goes through the relay
            answer = await page.evaluate("window.guest.pc.remoteDescription.sdp")
            candidates = [line for line in answer.splitlines() if line.startswith("a=candidate:")]
            assert candidates and all(" typ relay" in line for line in candidates)  # no address of the studio's
            frames = studio.ingest.sessions[guest.session].frames
            before = frames["video"]
            await asyncio.sleep(1.0)
            assert frames["video"] - before > 10 and frames["audio"] > 50  # and the guest's media keeps coming
            await studio.call.remove(guest.id)  # while the relay runs: the studio releases its allocation
