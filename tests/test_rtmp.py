"""RTMP push to a real RTMP server (nginx with its RTMP module), read back: H.264 and AAC in
FLV, at the canvas size, for as long as it was sent. The wrong key and a server restart are
handled; the local recording goes on throughout."""

from __future__ import annotations

import asyncio

import av
import pytest

from studio.outputs.base import OutputState
from tests.rtmp_server import STREAM_KEY, RtmpServer
from tests.test_whip import wait_until


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
    assert studio.stats()["program_fps"] > 0


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
    assert info["video"] == studio.config.video_codec and info["audio"] == "opus"
    assert info["duration"] >= 2.5
