"""Sources: missing and vanishing devices never stop the show; files loop; levels are measured."""

from __future__ import annotations

import asyncio
import time

import av
import cv2
import numpy as np
import pytest

from studio.compositor import Compositor
from studio.config import StudioConfig
from studio.filters.base import VideoFilter
from studio.filters.basic import MirrorFilter
from studio.pipeline import Pipeline
from studio.show import Studio
from studio.sources.base import SourceUnavailable
from studio.sources.camera import CameraSource
from studio.sources.media import ImageSource, MediaFileAudioSource, MediaFileSource
from studio.sources.microphone import MicrophoneSource
from studio.sources.testcard import TestCardSource, ToneSource


def _wait(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class FaultyCard(TestCardSource):
    """A test card that fails on demand, as an unplugged USB camera or a buggy driver does."""

    def __init__(self) -> None:
        super().__init__(640, 360, 30)
        self.fault: Exception | None = None

    def open(self) -> None:
        if self.fault is not None:
            raise self.fault
        super().open()

    def read(self):
        if self.fault is not None:
            raise self.fault
        return super().read()


def _pipeline(source, audio=None) -> Pipeline:
    pipeline = Pipeline(source, audio, Compositor(640, 360), fps=30)
    pipeline.video_runner._retry_interval = 0.2
    return pipeline


def test_missing_camera_shows_placeholder_with_a_clear_message():
    pipeline = _pipeline(CameraSource(index=63))
    pipeline.start()
    try:
        assert _wait(lambda: pipeline.program_frames > 10)
        assert pipeline.video_runner.status == "unavailable"
        assert "camera 63 is not connected" in pipeline.video_runner.error
        assert pipeline.last_program.meta.get("placeholder") is True
        assert pipeline.last_program.image.shape == (360, 640, 3)
        before = pipeline.program_frames
        time.sleep(1.0)
        assert pipeline.program_frames - before >= 25, "the slate must run at the canvas rate"
    finally:
        pipeline.stop()


@pytest.mark.parametrize(("fault", "message"), [
    (SourceUnavailable("camera 0 stopped delivering frames (unplugged?)"),
     "camera 0 stopped delivering frames (unplugged?)"),
    (RuntimeError("driver bug"), "RuntimeError: driver bug"),
])
def test_a_source_failing_mid_show_gets_the_slate_then_resumes_by_itself(fault, message):
    source = FaultyCard()
    pipeline = _pipeline(source)
    pipeline.start()
    try:
        assert _wait(lambda: pipeline.video_runner.available and pipeline.program_frames > 5)
        source.fault = fault
        assert _wait(lambda: pipeline.last_program.meta.get("placeholder") is True)
        assert pipeline.stats()["source_error"] == message
        frames_while_gone = pipeline.program_frames
        assert _wait(lambda: pipeline.program_frames > frames_while_gone + 10), "program froze"
        source.fault = None
        assert _wait(lambda: pipeline.video_runner.available)
        assert _wait(lambda: not pipeline.last_program.meta.get("placeholder"))
        assert pipeline.stats()["source_error"] is None
    finally:
        pipeline.stop()


def test_image_source_appears_later_and_is_picked_up(tmp_path):
    path = tmp_path / "product.png"
    pipeline = _pipeline(ImageSource(path, fps=30))
    pipeline.start()
    try:
        assert _wait(lambda: pipeline.video_runner.status == "unavailable")
        assert "cannot read image product.png" in pipeline.video_runner.error
        picture = np.zeros((360, 640, 3), np.uint8)
        picture[:, :, 2] = 255  # pure blue in RGB
        cv2.imwrite(str(path), cv2.cvtColor(picture, cv2.COLOR_RGB2BGR))
        assert _wait(lambda: pipeline.video_runner.available)
        assert _wait(lambda: not pipeline.last_program.meta.get("placeholder"))
        assert tuple(pipeline.last_program.image[180, 320]) == (0, 0, 255)
    finally:
        pipeline.stop()


def test_media_file_plays_at_its_rate_and_loops(tmp_path):
    path = tmp_path / "clip.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=25)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for i in range(10):
            image = np.full((240, 320, 3), i * 20, np.uint8)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    source = MediaFileSource(path)
    source.open()
    try:
        assert source.describe()["fps"] == 25
        started = time.monotonic()
        levels = [int(source.read().image.mean()) for _ in range(25)]
        elapsed = time.monotonic() - started
    finally:
        source.close()
    assert 0.85 < elapsed < 1.3  # paced at 25 fps
    assert levels[10] < levels[9], "did not loop back to the first frame"
    assert abs(levels[10] - levels[0]) <= 3


def test_media_file_audio_plays_in_real_time_and_loops(tmp_path):
    path = tmp_path / "jingle.wav"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=44100, layout="mono")
        tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(22050) / 44100) * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = 44100
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    source = MediaFileAudioSource(path)
    source.open()
    try:
        started = time.monotonic()
        chunks = [source.read() for _ in range(40)]  # 0.8 s from a 0.5 s file
        elapsed = time.monotonic() - started
    finally:
        source.close()
    assert 0.7 < elapsed < 1.1
    assert all(c.sample_rate == 48000 and c.samples.shape == (960, 1) for c in chunks)
    samples = np.concatenate([c.samples[:, 0] for c in chunks]).astype(np.float32)
    assert 0.45 < np.abs(samples).max() / 32767 < 0.55  # resampled, not re-scaled
    spectrum = np.abs(np.fft.rfft(samples[-9600:]))
    assert abs(np.argmax(spectrum) * 48000 / 9600 - 440) < 10  # still 440 Hz after looping


def test_unreadable_media_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.mp4"
    path.write_bytes(b"\x00\x01 not a video")
    with pytest.raises(SourceUnavailable, match="cannot play broken.mp4"):
        MediaFileSource(path).open()
    with pytest.raises(SourceUnavailable, match="cannot play broken.mp4"):
        MediaFileAudioSource(path).open()


def test_tone_level_meter_reads_minus_twenty_dbfs_peak():
    pipeline = _pipeline(TestCardSource(640, 360, 30), ToneSource())
    pipeline.start()
    try:
        assert _wait(lambda: pipeline.audio_runner.items > 10)
        assert -21 < pipeline.audio_level.peak_db < -19
        assert -24 < pipeline.audio_level.rms_db < -22  # a sine's RMS is 3 dB below its peak
    finally:
        pipeline.stop()


async def test_show_goes_on_without_a_microphone():
    studio = Studio(StudioConfig(port=0, audio_source="microphone", audio_options={"device": 4242}))
    await studio.start()
    await studio.go_live()
    try:
        await _async_wait(lambda: studio.stats()["audio_status"] == "unavailable")
        stats = studio.stats()
        assert "microphone" in stats["audio_error"] or "audio system" in stats["audio_error"]
        await _async_wait(lambda: studio.stats()["encoder_fps"] > 20)
    finally:
        await studio.close()


def test_microphone_with_an_unknown_device_raises_a_clear_error():
    with pytest.raises(SourceUnavailable, match="microphone|audio system"):
        MicrophoneSource(device=4242).open()


async def _async_wait(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


class GreyscaleFilter(VideoFilter):
    name = "greyscale_bug"

    def apply(self, image):
        return image[:, :, 0]  # wrong shape: a plugin bug the pipeline must survive


def test_a_filter_returning_the_wrong_shape_is_disabled_and_the_show_goes_on():
    mirror = MirrorFilter()
    pipeline = Pipeline(TestCardSource(640, 360, 30), None, Compositor(640, 360), 30, [GreyscaleFilter(), mirror])
    pipeline.start()
    try:
        assert _wait(lambda: pipeline.program_frames > 30)
        stats = pipeline.stats()
        assert "returned (360, 640)" in stats["filter_errors"]["greyscale_bug"]
        assert stats["program_errors"] == 0
        assert pipeline.last_program.image.shape == (360, 640, 3)
        assert mirror.enabled  # the healthy filter keeps running
        before = pipeline.program_frames
        time.sleep(0.5)
        assert pipeline.program_frames - before >= 12
    finally:
        pipeline.stop()


def test_switching_sources_does_not_wait_for_a_stuck_camera():
    class StuckCard(TestCardSource):
        def read(self):
            time.sleep(3)  # a driver blocked in read()
            return super().read()

    pipeline = _pipeline(StuckCard(640, 360, 30))
    pipeline.start()
    try:
        # A source that hangs while "live" gets the slate within about a second.
        assert _wait(lambda: pipeline.last_program is not None, timeout=2)
        assert pipeline.last_program.meta.get("placeholder") is True
        started = time.monotonic()
        pipeline.set_video_source(TestCardSource(640, 360, 30))
        assert time.monotonic() - started < 0.5
        assert _wait(lambda: pipeline.video_runner.available and not pipeline.last_program.meta.get("placeholder"))
    finally:
        pipeline.stop()
