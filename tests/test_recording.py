"""Local recording: the program with its audio, playable even when the studio is killed mid-show,
and sharing the embedded server's encoders (one encode)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import av

from studio.outputs.base import OutputState
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


async def test_recording_shares_the_live_encoders_and_has_audio(start_show, tmp_path):
    studio = await start_show()
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


def test_a_killed_studio_leaves_a_playable_recording(tmp_path):
    script = textwrap.dedent(f"""
        import asyncio, sys
        from studio.config import StudioConfig
        from studio.show import Studio

        async def main():
            studio = Studio(StudioConfig(port=0))
            await studio.start()
            studio.start_recording({str(tmp_path)!r})
            while studio.recorder.status()["seconds"] < 4:
                await asyncio.sleep(0.05)
            print("recording", flush=True)
            await asyncio.sleep(60)

        asyncio.run(main())
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    try:
        assert process.stdout.readline().strip() == "recording"
        time.sleep(0.5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    files = list(tmp_path.glob("*.mkv"))
    assert len(files) == 1
    seconds, video, audio = playable_seconds(files[0])
    # Clusters are flushed every second: at most about a second is lost.
    assert seconds >= 3.0 and video >= 3.0 * 30 * 0.9 and audio > 0


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
