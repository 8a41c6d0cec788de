"""Local recording: the program with its audio, playable even when the studio is killed mid-show,
and sharing the embedded server's encoders (one encode)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from studio.outputs.base import OutputState
from studio.outputs.factory import rtmp_specs
from tests.test_whip import show_goes_on, wait_until


def playable_seconds(path: Path) -> tuple[float, int, int]:
    """(seconds of video a player can decode, video frames, audio frames), read packet by packet:
    a killed recording has no duration in its header."""
    video_frames = audio_frames = 0
    last = 0.0
    with av.open(str(path)) as container:
        for packet in container.demux():
            if packet.pts is None:
                continue
            for frame in packet.decode():
                if packet.stream.type == "video":
                    video_frames += 1
                    last = max(last, float(frame.pts * frame.time_base))
                else:
                    audio_frames += 1
    return last, video_frames, audio_frames


async def test_matroska_recording_shares_the_live_encoders_and_has_audio(start_show, tmp_path):
    studio = await start_show(recording_format="mkv")
    recorder = studio.start_recording(str(tmp_path))
    await wait_until(lambda: recorder.state == OutputState.LIVE, "the recording to start")
    assert recorder.video is studio.video_encoder and recorder.audio is studio.audio_encoder
    await wait_until(lambda: recorder.status()["seconds"] >= 3, "3 s recorded")
    await studio.stop_recording()
    assert recorder.state == OutputState.OFF
    seconds, video, audio = playable_seconds(recorder.files[0])
    assert seconds >= 2.8 and video >= 2.8 * 30 * 0.9 and audio >= 2.8 * 50 * 0.9  # 20 ms Opus frames
    assert recorder.files[0].name.startswith("Host Studio ") and recorder.files[0].suffix == ".mkv"
    assert studio.video_encoder is not None  # stopping the recording leaves the live encode running


async def test_recording_folder_that_cannot_be_made_fails_clearly(start_show, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    studio = await start_show()
    recorder = studio.start_recording(str(blocker / "sub"))
    await wait_until(lambda: recorder.state == OutputState.FAILED, "the recording to fail")
    assert "cannot create the recording folder" in recorder.error
    await show_goes_on(studio)


async def test_mp4_recording_is_h264_and_aac_with_a_duration(start_show, tmp_path):
    """The default, for editing in 剪映 or Premiere: H.264 + AAC in MP4, the same encode an RTMP
    output of the same rate uses."""
    studio = await start_show()
    recorder = studio.start_recording(str(tmp_path))
    await wait_until(lambda: recorder.status()["seconds"] >= 3, "3 s recorded")
    assert recorder.video.codec_context.name == "libx264" and recorder.audio.codec_context.name == "aac"
    running = {spec: encoder for spec, encoder, _ in studio.encoders.encoders()}
    assert running[rtmp_specs(studio.config, studio.config.video_bitrate)[0]] is recorder.video
    await studio.stop_recording()
    (path,) = recorder.files
    assert path.suffix == ".mp4"
    with av.open(str(path)) as container:
        assert [s.codec_context.name for s in container.streams] == ["h264", "aac"]
        assert container.duration / av.time_base >= 2.8
    seconds, video, audio = playable_seconds(path)
    assert seconds >= 2.8 and video >= 2.8 * 30 * 0.9 and audio >= 2.8 * 46 * 0.9  # 1024-sample AAC frames


KILLED_MID_RECORDING = """
import asyncio, sys
from studio.config import StudioConfig
from studio.show import Studio

async def main():
    studio = Studio(StudioConfig(port=0, recording_format=sys.argv[2]))
    await studio.start()
    studio.start_recording(sys.argv[1])
    while studio.recorder.status()["seconds"] < 4:
        await asyncio.sleep(0.05)
    print("recording", flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


@pytest.mark.parametrize("recording_format", ["mp4", "mkv"])
def test_a_killed_studio_leaves_a_playable_recording(tmp_path, recording_format):
    process = subprocess.Popen([sys.executable, "-c", KILLED_MID_RECORDING, str(tmp_path), recording_format],
                               stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    try:
        assert process.stdout.readline().strip() == "recording"
        time.sleep(0.5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    (path,) = tmp_path.glob(f"*.{recording_format}")
    seconds, video, audio = playable_seconds(path)
    # Fragments and clusters are flushed every second: at most about a second is lost.
    assert seconds >= 3.0 and video >= 3.0 * 30 * 0.9 and audio > 0
    if recording_format == "mp4":  # an editor shows how long it is
        with av.open(str(path)) as container:
            assert container.duration is not None and container.duration / av.time_base >= 3.0


async def test_recording_starts_without_going_live(tmp_path):
    from studio.config import StudioConfig
    from studio.show import Studio

    studio = Studio(StudioConfig(port=0))
    await studio.start()
    try:
        recorder = studio.start_recording(str(tmp_path))
        await wait_until(lambda: recorder.status()["seconds"] >= 1, "1 s recorded")
        assert not studio.is_live
    finally:
        await studio.close()
    assert recorder.state == OutputState.OFF and playable_seconds(recorder.files[0])[0] >= 0.9
