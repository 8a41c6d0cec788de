"""WHIP publishing (RFC 9725) against the embedded server's own ingest, and every way a server
can refuse or break: each gives a clear message, the show goes on."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiohttp import web

from studio.outputs.base import Backoff, OutputError, OutputState
from studio.outputs.whip import START_BPS, ice_servers_from_links


async def wait_until(condition, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def show_goes_on(studio) -> None:
    """The program keeps making frames (fps is a moving window: early in a show it still reads 0)."""
    made = studio.pipeline.program_frames
    await wait_until(lambda: studio.pipeline.program_frames > made + 5, "the show to go on", 5)


def whip_spec(studio, **more) -> dict:
    return {"kind": "whip", "name": "sfu", "url": f"{studio.ingest_url}show", "token": studio.ingest_token, **more}


async def test_publish_to_the_studio_ingest_then_delete(start_show):
    receiver = await start_show()
    sender = await start_show()
    output = sender.add_output(whip_spec(receiver))
    await wait_until(lambda: output.state == OutputState.LIVE, "the WHIP output to go live")
    assert output.location.startswith(receiver.ingest_url.replace("/whip/", "/whip/session/"))
    await wait_until(lambda: any(s.frames["video"] > 30 and s.frames["audio"] > 20
                                 for s in receiver.ingest.sessions.values()), "30 frames and 20 audio frames")
    session = next(iter(receiver.ingest.sessions.values()))
    assert session.stream == "show" and session.size == sender.config.canvas_size
    # Its video adapts to its own network, so it has an encoder of its own; the audio is shared.
    assert output.video is not sender.video_encoder and output.audio is sender.audio_encoder
    # The receiver's reports reach the controller: loss, jitter and a round-trip time.
    await wait_until(lambda: output.feedback.reports >= 2 and output.feedback.rtt_s is not None, "receiver reports")
    status = next(o for o in sender.stats()["outputs"] if o["name"] == "sfu")
    assert status["state"] == "live" and status["error"] == "" and status["loss"] == 0
    # a clean path: nothing makes it back off (a plain test card needs less, so it does not climb)
    assert 0 <= status["rtt_ms"] < 200 and status["target_bps"] >= START_BPS
    await sender.remove_output("sfu")
    await wait_until(lambda: not receiver.ingest.sessions, "the DELETE to end the ingest session")
    assert sender.video_encoder is not None and sender.video_encoder._thread is not None  # still live


async def test_stock_controller_lets_aiortc_encode(start_show):
    receiver = await start_show()
    sender = await start_show()
    output = sender.add_output(whip_spec(receiver, controller="stock"))
    await wait_until(lambda: any(s.frames["video"] > 30 for s in receiver.ingest.sessions.values()), "30 frames")
    assert output.video is None and output.status()["controller"] == "stock"
    await sender.remove_output("sfu")
    assert output._frames is None  # its picture feed left the pipeline


async def test_wrong_token_and_wrong_url_fail_with_what_to_fix(start_show):
    receiver = await start_show()
    sender = await start_show()
    wrong_token = sender.add_output(whip_spec(receiver, name="token", token="not-the-token"))
    wrong_path = sender.add_output({"kind": "whip", "name": "path", "url": f"{receiver.viewer_url}nowhere",
                                    "token": receiver.ingest_token})
    await wait_until(lambda: wrong_token.state == OutputState.FAILED and wrong_path.state == OutputState.FAILED,
                     "both outputs to fail")
    assert "refused the token (401)" in wrong_token.error and "check the bearer token" in wrong_token.error
    assert "no WHIP endpoint" in wrong_path.error and "(404)" in wrong_path.error
    assert not receiver.ingest.sessions
    await show_goes_on(sender)


@pytest.mark.parametrize("answer, expected", [
    (web.Response(status=201, text="v=0\r\n"), "without a Location header"),
    (web.Response(status=201, text="<html>hello</html>", headers={"Location": "/r/1"}), "not SDP"),
    (web.Response(status=201, text="v=0\r\nthis is not sdp\r\n", headers={"Location": "/r/1"}), "not usable SDP"),
    (web.Response(status=500, text="database on fire"), "answered 500 instead of 201 Created"),
    (web.Response(status=503, text="full"), "busy or full (503)"),
    (None, "broke off the request"),
])
async def test_a_server_that_answers_garbage_gets_a_clear_message(start_show, answer, expected):
    deletes: list[str] = []

    async def post(request: web.Request) -> web.StreamResponse:
        if answer is None:  # closes the connection mid-answer
            request.transport.close()
            await asyncio.sleep(1)
        return answer

    async def delete(request: web.Request) -> web.Response:
        deletes.append(request.headers.get("Authorization", ""))
        return web.Response(status=200)

    app = web.Application()
    app.add_routes([web.post("/whip", post), web.delete("/r/1", delete)])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        sender = await start_show()
        output = sender.add_output({"kind": "whip", "name": "odd", "url": f"http://127.0.0.1:{port}/whip",
                                    "token": "abc"})
        await wait_until(lambda: expected in output.error, f"the error {expected!r}")
        assert output.state in (OutputState.RECONNECTING, OutputState.FAILED, OutputState.CONNECTING)
        if "Location" in getattr(answer, "headers", {}):
            # A resource was created, so it is deleted, with the token.
            await wait_until(lambda: deletes, "the DELETE")
            assert deletes[0] == "Bearer abc"
        await show_goes_on(sender)
        await sender.remove_output("odd")
    finally:
        await runner.cleanup()


async def test_unreachable_server_retries_with_backoff_and_reconnect_now(start_show):
    sender = await start_show()
    output = sender.add_output({"kind": "whip", "name": "gone", "url": "http://127.0.0.1:9/whip"})
    await wait_until(lambda: output.reconnects >= 1, "the first retry to be scheduled")
    assert "cannot reach the WHIP server" in output.error
    assert output.state == OutputState.RECONNECTING and 0 < output.status()["retry_in"] <= 2.0
    output.reconnect_now()
    await wait_until(lambda: output.reconnects >= 2, "reconnect now to try at once", timeout=1.5)
    assert output.status()["retry_in"] > 2.0  # the next wait is 1.5× longer


def test_backoff_follows_obs():
    backoff = Backoff(cap=10)
    assert [backoff.next() for _ in range(7)] == [2.0, 3.0, 4.5, 6.75, 10, 10, 10]
    backoff.reset()
    assert backoff.next() == 2.0


def test_ice_servers_from_link_headers():
    servers = ice_servers_from_links([
        '<stun:stun.example.net>; rel="ice-server"',
        '<turn:turn.example.net?transport=udp>; rel="ice-server"; username="user"; '
        'credential="pass"; credential-type="password", <https://example.net/x>; rel="next"',
    ])
    assert [(s.urls, s.username, s.credential) for s in servers] == [
        ("stun:stun.example.net", None, None), ("turn:turn.example.net?transport=udp", "user", "pass")]


async def test_bad_output_settings_are_refused(start_show):
    studio = await start_show()
    for spec, message in [({"kind": "whip", "url": "ftp://x"}, "looks like https://"),
                          ({"kind": "rtmp", "url": "http://x/app", "key": "k"}, "looks like rtmp://"),
                          ({"kind": "carrier-pigeon", "url": "x"}, "kind must be one of"),
                          ({"kind": "whip"}, "needs a server URL"),
                          ({"kind": "whip", "url": "http://x/w", "colour": "red"}, "unknown setting")]:
        with pytest.raises(OutputError, match=message):
            studio.add_output(spec)
    assert studio.outputs == {}


async def test_a_server_that_drops_the_session_mid_stream_is_reconnected(start_show):
    receiver = await start_show()
    sender = await start_show()
    output = sender.add_output(whip_spec(receiver))
    await wait_until(lambda: output.state == OutputState.LIVE and output.feedback.reports >= 1, "live")
    await receiver.ingest.end_all()  # the server forgets us (a restart, a kick)
    await wait_until(lambda: output.reconnects >= 1, "the drop to be noticed", 20)
    assert output.drops == 1 and ("lost" in output.error or "sent nothing" in output.error)
    await wait_until(lambda: output.state == OutputState.LIVE and receiver.ingest.sessions, "a new session", 20)
    await show_goes_on(sender)
