"""RTMP push to a real RTMP server (nginx with its RTMP module), read back: H.264 and AAC in
FLV, at the canvas size, for as long as it was sent. The wrong key and a server restart are
handled; the local recording goes on throughout."""

from __future__ import annotations

import asyncio

import av
import pytest

from studio.outputs.base import OutputState
from tests.rtmp_server import STREAM_KEY, RtmpServer
from tests.test_whip import show_goes_on, wait_until


@pytest.fixture
def rtmp_server(tmp_path):
    server = RtmpServer(tmp_path / "nginx")
    server.start()
    yield server
    server.stop()


def probe(path) -> dict:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0]
        frames = sum(1 for _ in container.decode(video=0))
        return {"video": video.codec_context.name, "audio": audio.codec_context.name,
                "size": (video.codec_context.width, video.codec_context.height),
                "duration": container.duration / 1e6, "frames": frames}


async def test_push_reads_back_as_h264_and_aac_at_canvas_size(start_show, rtmp_server):
    studio = await start_show()
    output = studio.add_output({"kind": "rtmp", "name": "douyin", "url": rtmp_server.url, "key": STREAM_KEY,
                                "bitrate": 1_500_000})
    await wait_until(lambda: output.state == OutputState.LIVE, "the push to go live")
    await wait_until(lambda: output.status()["seconds"] >= 4, "4 s pushed")
    status = output.status()
    assert STREAM_KEY not in str(status)  # the key is never shown
    assert status["bitrate_bps"] > 200_000
    await studio.remove_output("douyin")
    await asyncio.sleep(0.5)  # nginx closes its recording
    info = probe(rtmp_server.recorded()[-1])
    assert info["video"] == "h264" and info["audio"] == "aac"
    assert info["size"] == studio.config.canvas_size
    assert 3.5 <= info["duration"] <= 6.5 and info["frames"] >= 3.5 * 30 * 0.9


async def test_wrong_stream_key_says_to_check_it(start_show, rtmp_server):
    studio = await start_show()
    output = studio.add_output({"kind": "rtmp", "name": "wrong", "url": rtmp_server.url, "key": "not-my-key"})
    await wait_until(lambda: output.reconnects >= 1, "the refusal")
    assert "check the stream key" in output.error and "not-my-key" not in output.error
    await show_goes_on(studio)


async def test_a_refused_stream_is_never_shown_live_between_retries(start_show, rtmp_server):
    """The server takes the connection, then refuses the stream (a wrong application, or key): the
    host sees connecting and reconnecting, never "live" for a moment with a few kbit/s."""
    studio = await start_show()
    url = rtmp_server.url.rsplit("/", 1)[0] + "/no-such-app"
    output = studio.add_output({"kind": "rtmp", "name": "typo", "url": url, "key": STREAM_KEY})
    states = set()
    for _ in range(200):  # 10 s: several attempts
        states.add(output.state)
        await asyncio.sleep(0.05)
    assert output.reconnects >= 2 and output.drops == 0 and output.error
    assert OutputState.LIVE not in states, states
    await show_goes_on(studio)


async def test_server_restart_reconnects_while_recording_goes_on(start_show, rtmp_server, tmp_path):
    studio = await start_show()
    recorder = studio.start_recording(str(tmp_path / "recordings"))
    output = studio.add_output({"kind": "rtmp", "name": "platform", "url": rtmp_server.url, "key": STREAM_KEY})
    output.backoff.first = output.backoff._next = 0.5  # keep the test short; the timing itself is tested in test_whip
    await wait_until(lambda: output.state == OutputState.LIVE, "the push to go live")
    await asyncio.sleep(1.0)
    rtmp_server.stop()
    await wait_until(lambda: output.state == OutputState.RECONNECTING, "the drop to be noticed")
    assert output.status()["reconnects"] >= 1 and output.drops == 1
    rtmp_server.start()
    await wait_until(lambda: output.state == OutputState.LIVE, "the push to come back")
    assert recorder.state == OutputState.LIVE and len(recorder.files) == 1  # never interrupted
    await asyncio.sleep(1.0)
    await studio.stop_recording()
    info = probe(recorder.files[0])
    assert info["video"] == "h264" and info["audio"] == "aac"  # an MP4 recording
    assert info["duration"] >= 2.5


async def test_outputs_together_share_encoders_where_settings_match(start_show, rtmp_server, tmp_path):
    """The embedded server (with a viewer), an RTMP push, a WHIP output and the recording at once:
    RTMP has its own H.264 + AAC, which the MP4 recording shares, the adaptive WHIP output has a VP8
    of its own and shares the viewers' Opus."""
    from studio.whep_client import WhepPlayer

    receiver = await start_show()
    studio = await start_show()
    player = WhepPlayer(f"{studio.viewer_url}whep")
    await player.connect()
    try:
        rtmp = studio.add_output({"kind": "rtmp", "name": "rtmp", "url": rtmp_server.url, "key": STREAM_KEY})
        whip = studio.add_output({"kind": "whip", "name": "whip", "url": f"{receiver.ingest_url}show",
                                  "token": receiver.ingest_token})
        recorder = studio.start_recording(str(tmp_path))
        await wait_until(lambda: all(o.state == OutputState.LIVE for o in (rtmp, whip, recorder)), "all live")
        await wait_until(lambda: rtmp.status()["seconds"] >= 2 and recorder.status()["seconds"] >= 2, "2 s each")
        encoders = {id(e) for _, e, _ in studio.encoders.encoders()}
        assert len(encoders) == 5  # viewers' VP8 and Opus, RTMP's H.264 and AAC, WHIP's own VP8
        assert recorder.video is rtmp.video and recorder.audio is rtmp.audio
        assert whip.audio is studio.audio_encoder and whip.video is not studio.video_encoder
        assert rtmp.video.codec_name == "h264" and rtmp.audio.codec_name == "aac"
        users = {spec.codec: count for spec, _, count in studio.encoders.encoders()}
        assert users["vp8"] >= 1 and users["opus"] == 2  # the viewers, WHIP
        assert users["h264"] == users["aac"] == 2  # RTMP, the recording
        frames = await player.tracks["video"].recv()
        assert frames.width == 1280
        assert any(s.frames["video"] > 10 for s in receiver.ingest.sessions.values())
    finally:
        await player.close()
