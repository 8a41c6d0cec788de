"""Desktop guest mode: one studio joins another's show as a co-host guest through an invite link,
with its own filters on its picture, and gets the show back. Two real studios in one process (and
one through the command line), real sockets, real encoders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads: the return view needs no display

import asyncio
import socket
import sys
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from studio.audio.mixer import RATE, MixerInput
from studio.config import StudioConfig
from studio.encoder_pool import AudioSpec, VideoSpec
from studio.guests.join import JoinedCall, JoinError, JoinRefused, LinkError, guest_whip_url, pull
from studio.guests.layout import cover
from studio.outputs.whip import WhipOutput, WhipRefused
from studio.show import Studio

from .test_guest_audio import HOST_HZ, drain, program_listener, tone_level

ROOT = Path(__file__).resolve().parent.parent
GUEST_HZ = 620.0  # the guest's voice: a whole number of cycles a second, so the looped file has no seam
NAME = "桌面嘉宾"


@pytest.fixture
async def guest_studio(tmp_path):
    """A second studio, the guest's: the test card mirrored (its own filter), a 620 Hz voice;
    started (capture, filters, its own server on a free port), never live to viewers."""
    voice = tmp_path / "voice.wav"
    t = np.arange(RATE) / RATE
    with wave.open(str(voice), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((0.1 * 32767 * np.sin(2 * np.pi * GUEST_HZ * t)).astype(np.int16).tobytes())
    studio = Studio(StudioConfig(port=0, filters=[{"name": "mirror"}], audio_source="file",
                                 audio_options={"path": str(voice)}))
    await studio.start()
    yield studio
    await studio.close()


async def wait_until(condition: Callable[[], Any], what: str, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)
    return result


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    gray = [cv2.cvtColor(np.ascontiguousarray(x), cv2.COLOR_RGB2GRAY).astype(np.float32).ravel() for x in (a, b)]
    return float(np.corrcoef(gray[0], gray[1])[0, 1])


async def test_a_desktop_guest_waits_is_admitted_seen_and_heard_hears_the_host_and_is_kicked(start_show,
                                                                                              guest_studio):
    host = await start_show()  # the test card and the 440 Hz tone
    link, _ = host.call.create_invite("嘉宾")
    call = JoinedCall(guest_studio, link, NAME)
    try:
        await call.join()
        assert call.state == "lobby"
        (entry,) = await wait_until(lambda: [g for g in host.call.guests.waiting() if g.name == NAME], "the lobby")
        session = host.ingest.sessions[entry.session]
        await wait_until(lambda: session.frames["video"] > 10 and session.frames["audio"] > 10, "the guest's media")
        await asyncio.sleep(0.5)
        assert call.video.frames == 0 and call.audio.frames == 0  # in the lobby nothing of the show comes back

        host.call.admit(entry.id)
        host.call.set_layout("side_by_side")
        host.call.set_on_air(entry.id, visible=True, audible=True)
        await wait_until(lambda: call.state == "on_call" and call.visible and call.audible, "on_call", 5)
        await wait_until(lambda: call.video.frames > 20 and call.audio.recent().size >= 2 * RATE, "the return feed")
        await asyncio.sleep(0.5)  # past the layout's transition

        # The host's program shows the guest's own (mirrored) picture on the right, not a plain card.
        program = host.pipeline.last_program.image
        sent = guest_studio.pipeline.last_program.image
        # Below the time stamp, which changes every frame, and above the name label.
        right = program[80:600, 640:]
        as_sent, unmirrored = (cover(x, 640, 720)[80:600] for x in (sent, sent[:, ::-1]))
        assert correlation(right, as_sent) > 0.9
        assert correlation(right, unmirrored) < 0.3
        # The viewers hear the guest, who is on air, beside the host.
        program_sound = program_listener(host)
        await asyncio.sleep(1.5)
        heard_by_viewers = drain(program_sound)
        host.pipeline.remove_consumer(program_sound)
        assert tone_level(heard_by_viewers, GUEST_HZ) > 0.05 and tone_level(heard_by_viewers, HOST_HZ) > 0.05

        # What comes back: the host's program picture, and the host's voice without the guest's own.
        back = call.video.picture()
        assert back is not None and back.shape == (360, 640, 3)
        program = cv2.resize(host.pipeline.last_program.image, (640, 360), interpolation=cv2.INTER_AREA)
        assert correlation(back[40:300], program[40:300]) > 0.9  # below the time stamps, above the label
        heard = call.audio.recent(1.5)
        assert tone_level(heard, HOST_HZ) > 0.05
        assert tone_level(heard, GUEST_HZ) < 0.005
        status = call.status()
        assert status["return_audio_db"] > -30 and status["send"]["size"]
        # No sound card here is not an error: the sound is counted and metered, and the status says so.
        assert status["speaker"] or "no audio" in status["speaker_error"]

        # The connection drops (the studio ends it, as when a network goes): the guest comes back
        # by itself with its rejoin key, on the call and on air as before.
        await host.ingest.end(entry.session)
        assert entry.state == "left"
        await wait_until(lambda: call.rejoins == 1 and entry.state == "on_call", "the rejoin")
        await wait_until(lambda: host.ingest.sessions[entry.session].frames["video"] > 10, "the new connection's media")
        assert (entry.visible, entry.audible, call.state, call.reconnecting) == (True, True, "on_call", False)
        assert host.call.guests.on_call() == [entry]

        await host.call.remove(entry.id, kick=True)
        await asyncio.wait_for(call.ended.wait(), 5)
        assert call.state == "ended" and call.ended_by == "kicked"
        assert "removed you" in call.describe()
    finally:
        await call.leave()
    assert call.ended_by == "kicked"  # leaving after the end changes nothing
    assert guest_studio.encoders.encoders() == []  # its send encoders are let go


async def test_links_that_are_not_invites_or_that_the_host_refuses_are_clear_errors(start_show, guest_studio):
    host = await start_show(audio_source="none")
    assert guest_whip_url("http://192.168.1.5:8080/join/abc_-1", "桌面 嘉宾") == \
        "http://192.168.1.5:8080/guest/abc_-1/whip?name=%E6%A1%8C%E9%9D%A2+%E5%98%89%E5%AE%BE"
    for link in ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/join/", "ftp://h/join/abc", "join/abc",
                 "http://h/join/abc/more", "http://h/join/abc?x=1"):
        with pytest.raises(LinkError, match=r"looks like http://HOST:PORT/join/<token>"):
            JoinedCall(guest_studio, link, NAME)

    link, invite = host.call.create_invite()
    host.call.invites.revoke(invite.id)
    call = JoinedCall(guest_studio, link, NAME)
    with pytest.raises(JoinRefused, match="withdrawn by the host") as refused:
        await call.join()
    assert refused.value.said == "this invite link was withdrawn by the host"
    assert call.state == "ended" and call.ended_by == "refused"

    # The offer itself gets the host's reason too (a studio that lists no ICE servers goes straight to it).
    output = WhipOutput("probe", guest_whip_url(link, NAME), "", guest_studio.encoders,
                        VideoSpec("vp8", 640, 360, 30, 500_000), AudioSpec("opus", 64_000), receive=True)
    with pytest.raises(WhipRefused) as whip_refused:
        await output.connect()
    assert whip_refused.value.status == 403 and "withdrawn" in whip_refused.value.said
    await output.disconnect()
    await output.stop()

    with socket.socket() as spare:  # a port nobody listens on
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    with pytest.raises(JoinError, match="cannot reach the host's studio"):
        await JoinedCall(guest_studio, f"http://127.0.0.1:{port}/join/abc", NAME).join()
    assert guest_studio.encoders.encoders() == [] and host.call.guests.guests == {}


def test_the_speakers_queue_primes_never_waits_and_never_falls_behind():
    """What the sound card's callback pulls (no device is needed to check it)."""
    from studio.audio.mixer import MAX_QUEUE, PREBUFFER

    queue = MixerInput("show", "the show's sound")
    out = np.full(960, 7, np.int16)
    queue.push(np.full(960, 1, np.int16))
    pull(queue, out)
    assert not out.any()  # one chunk is not enough to start: silence
    queue.push(np.arange(960, dtype=np.int16))
    pull(queue, out[:600])  # the device asks for blocks of its own size
    pull(queue, out[600:])
    assert (out == 1).all()
    pull(queue, out)
    assert out[0] == 0 and out[-1] == 959 and queue.underruns == 0
    pull(queue, out)
    assert not out.any() and queue.underruns == 1  # ran dry: silence, then primes again
    for value in range(10):  # a burst after a stall (200 ms): the oldest chunks go
        queue.push(np.full(960, value, np.int16))
    pull(queue, out)
    assert queue.dropped_samples > 0 and (out > 0).all()
    assert PREBUFFER <= queue._queued <= MAX_QUEUE  # never more than 160 ms behind


async def _studio_cli(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "studio.cli", *args, cwd=ROOT,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def test_the_command_line_joins_headless_waits_in_the_lobby_and_leaves_when_done(start_show):
    host = await start_show(audio_source="none")
    link, _ = host.call.create_invite()
    guest = await _studio_cli("--headless", "--join", link, "--name", NAME, "--duration", "8")
    try:
        await wait_until(lambda: [g for g in host.call.guests.waiting() if g.name == NAME], "the lobby", 20)
        out, err = await asyncio.wait_for(guest.communicate(), 30)
    finally:
        if guest.returncode is None:
            guest.kill()
            await guest.wait()
    assert guest.returncode == 0, err.decode()
    assert "in the lobby" in out.decode()
    (entry,) = host.call.guests.guests.values()
    assert entry.state == "left"  # it hung up (DELETE) before it exited
    assert host.ingest.sessions == {}

    again = await _studio_cli("--headless", "--join", link, "--name", NAME)  # a used single-use link
    out, err = await asyncio.wait_for(again.communicate(), 30)
    assert again.returncode == 2
    assert "this invite link has been used" in err.decode() and "Traceback" not in err.decode()



async def test_the_return_view_shows_the_hosts_picture_and_where_the_guest_stands(start_show, guest_studio, qapp):
    """The window's view over a call; driven on this loop (the window's own is qasync, the same
    asyncio loop), refreshed by hand where its timer would."""
    from ui.return_view import ReturnView

    host = await start_show(audio_source="none")
    link, _ = host.call.create_invite()
    call = JoinedCall(guest_studio, link, NAME)
    view = ReturnView(call)
    view.show()

    def shows(text: str) -> bool:
        view.refresh()
        return view.state_label.text() == text

    try:
        assert shows("Connecting to the host…")
        await call.join()
        await wait_until(lambda: shows("In the lobby: the host will let you in"), "the lobby")
        assert view.pictures_shown == 0 and "appears here once you are let in" in view.picture.text()
        (entry,) = host.call.guests.waiting()
        host.call.admit(entry.id)
        host.call.set_on_air(entry.id, visible=True)
        await wait_until(lambda: shows("On the call: you see and hear the show") and view.pictures_shown > 5,
                         "the show in the view")
        assert view.on_air_label.text() == "Viewers see you · viewers do not hear you"
        assert not view.picture.pixmap().isNull()
        view.leave_button.click()
        await wait_until(lambda: shows("The call ended: you left"), "leaving")
        assert not view.leave_button.isEnabled() and entry.state == "left"
    finally:
        view.close()
        await call.leave()
