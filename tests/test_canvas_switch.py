"""Landscape or portrait, fit or fill, switched while the show runs (``Studio.set_canvas``): viewers
play on at the new size, RTMP starts a new stream and the recording a new file at it, the
adaptive WHIP output follows, and fit or fill changes the program's pixels without touching an
encoder."""

from __future__ import annotations

import asyncio
import time

import av
import cv2
import numpy as np
import pytest

from studio.config import ConfigError, StudioConfig
from studio.guests.layout import LayoutCompositor, Tile
from studio.outputs.base import OutputState
from studio.show import Studio
from studio.whep_client import WhepPlayer
from tests.rtmp_server import STREAM_KEY
from tests.test_recording import playable_seconds
from tests.test_rtmp import rtmp_server  # noqa: F401 (the fixture)
from tests.test_whip import show_goes_on, wait_until, whip_spec

LANDSCAPE, PORTRAIT = (1280, 720), (720, 1280)


async def program_size(studio: Studio, size: tuple[int, int]) -> None:
    await wait_until(lambda: studio.pipeline.last_program is not None
                     and (studio.pipeline.last_program.width, studio.pipeline.last_program.height) == size,
                     f"the program at {size}", 5)


async def test_a_whep_viewer_plays_on_across_orientation_switches(start_show):
    studio = await start_show()
    saved: list[str] = []
    studio.setup_listeners.append(lambda: saved.append(studio.config.orientation))
    player = WhepPlayer(f"{studio.viewer_url}whep")
    await player.connect(audio=False)
    frames: list[tuple[float, tuple[int, int]]] = []  # (arrival, decoded size)

    async def watch() -> None:
        while True:
            frame = await player.tracks["video"].recv()
            frames.append((time.monotonic(), (frame.width, frame.height)))

    watcher = asyncio.ensure_future(watch())
    try:
        await wait_until(lambda: len(frames) >= 30, "30 frames at first")
        encoder = studio.video_encoder
        studio.set_canvas(orientation="portrait")
        assert saved == ["portrait"]  # the window saves it
        await wait_until(lambda: frames[-1][1] == PORTRAIT, "portrait frames", 10)
        switched_at = len(frames)
        await wait_until(lambda: len(frames) >= switched_at + 60, "2 s of portrait")
        studio.set_canvas(orientation="landscape")
        await wait_until(lambda: frames[-1][1] == LANDSCAPE, "landscape frames again", 10)
        back_at = len(frames)
        await wait_until(lambda: len(frames) >= back_at + 30, "1 s of landscape")
        assert studio.viewer_count == 1
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        await player.close()
    sizes = [size for _, size in frames]
    # one run of each: landscape, portrait, landscape; never a frame of any other size
    runs = [size for i, size in enumerate(sizes) if i == 0 or sizes[i - 1] != size]
    assert runs == [LANDSCAPE, PORTRAIT, LANDSCAPE], runs
    gaps = np.diff([t for t, _ in frames])
    # The switch itself costs ~0.1 s; a viewer left waiting for the 10 s safety keyframe would freeze for seconds.
    assert gaps.max() < 3.0, f"the picture froze for {gaps.max():.2f} s"
    # the same viewer and the same encoder throughout, re-opened twice with a keyframe each time
    assert studio.video_encoder is encoder and encoder.rebuilds == 2
    assert (encoder.width, encoder.height) == LANDSCAPE and encoder.errors == 0


async def test_a_switch_while_not_live_applies_and_going_live_uses_it():
    studio = Studio(StudioConfig(port=0))
    await studio.start()
    try:
        studio.set_canvas(orientation="portrait", scale_mode="fill")
        await program_size(studio, PORTRAIT)
        await studio.go_live()
        assert (studio.video_encoder.width, studio.video_encoder.height) == PORTRAIT
        assert studio.server_video_spec() in {spec for spec, _, _ in studio.encoders.encoders()}
        with pytest.raises(ConfigError, match="orientation"):
            studio.set_canvas(orientation="square")
        with pytest.raises(ConfigError, match="scale_mode"):
            studio.set_canvas(scale_mode="stretch")
        assert (studio.config.orientation, studio.config.scale_mode) == ("portrait", "fill")  # unchanged
        await show_goes_on(studio)
    finally:
        await studio.close()


async def test_fit_shows_black_bars_on_a_landscape_source_and_fill_none(start_show, tmp_path):
    picture = np.full((720, 1280, 3), (40, 200, 90), np.uint8)  # a landscape source, all one colour
    path = tmp_path / "landscape.png"
    cv2.imwrite(str(path), picture[:, :, ::-1])
    studio = await start_show(video_source="image", video_options={"path": str(path)})
    encoder = studio.video_encoder

    async def program_after_switch(**canvas: str) -> np.ndarray:
        studio.set_canvas(**canvas)
        switched = studio.pipeline.program_frames
        await wait_until(lambda: studio.pipeline.program_frames > switched + 3, "frames of the new canvas", 5)
        return studio.pipeline.last_program.image

    fit = await program_after_switch(orientation="portrait")
    assert fit.shape[:2] == (1280, 720)
    # 1280×720 fitted into 720 wide: 405 rows of picture in the middle, black above and below
    assert fit[:400].max() == 0 and fit[-400:].max() == 0
    assert np.abs(fit[640].astype(int) - (40, 200, 90)).max() <= 2
    fill = await program_after_switch(scale_mode="fill")
    assert np.abs(fill.astype(int) - (40, 200, 90)).max() <= 2  # no bar anywhere
    rebuilds = encoder.rebuilds
    landscape_fit = await program_after_switch(orientation="landscape", scale_mode="fit")
    assert landscape_fit.shape[:2] == (720, 1280) and landscape_fit.min() > 0  # the source's own shape
    await program_after_switch(scale_mode="fill")
    await wait_until(lambda: encoder.packets > 0 and studio.stats()["encoder_fps"] > 0, "encoding")
    assert encoder.rebuilds == rebuilds + 1  # only the orientation re-opened the encoder, not fit or fill


async def test_overlays_lay_out_on_the_new_canvas(start_show):
    studio = await start_show(overlays=[{"name": "live_badge"}])

    def badge(image: np.ndarray) -> tuple[int, int, int, int]:
        """The badge's box (x0, y0, x1, y1): its red backing, nowhere in the test card."""
        red = (image[:, :, 0] > 150) & (image[:, :, 1] < 80) & (image[:, :, 2] < 80)
        red[image.shape[0] // 4:] = False  # the badge sits in the top quarter
        ys, xs = np.nonzero(red)
        return xs.min(), ys.min(), xs.max(), ys.max()

    made = studio.pipeline.program_frames
    await wait_until(lambda: studio.pipeline.program_frames > made + 3, "frames drawn live")
    landscape = badge(studio.pipeline.last_program.image)
    studio.set_canvas(orientation="portrait", scale_mode="fill")
    await program_size(studio, PORTRAIT)
    await asyncio.sleep(0.2)
    portrait = badge(studio.pipeline.last_program.image)
    # sized and placed from the portrait canvas: its text from the height (1280 / 30), its top from 1280 / 12
    assert portrait[3] - portrait[1] > (landscape[3] - landscape[1]) * 1.4
    assert portrait[1] > landscape[1] * 1.4 and portrait[2] < 720


async def test_guests_return_picture_turns_and_stays_shared(start_show):
    """The guests' one return encode (640×360) turns to 360×640; a guest arriving after the switch
    shares it, as does every output asking for the new size."""
    studio = await start_show()
    returned = studio.encoders.video(studio.call.return_spec())
    studio.set_canvas(orientation="portrait")
    await wait_until(lambda: (returned.width, returned.height) == (360, 640), "the return picture in portrait", 5)
    assert studio.call.return_spec().width == 360
    again, live = studio.encoders.video(studio.call.return_spec()), studio.encoders.video(studio.server_video_spec())
    assert again is returned and live is studio.video_encoder
    running = [spec for spec, _, _ in studio.encoders.encoders() if spec.codec == "vp8"]
    assert all(spec.width < spec.height for spec in running), running
    for encoder in (returned, again, live):
        await studio.encoders.release(encoder)


def test_guest_tiles_take_their_places_at_once_on_a_new_canvas():
    layout = LayoutCompositor("side_by_side")
    host = np.full((720, 1280, 3), 200, np.uint8)
    guest = np.full((360, 640, 3), 50, np.uint8)
    layout.compose(host, [Tile("host", "", host), Tile("g1", "", guest)])
    portrait = np.full((1280, 720, 3), 200, np.uint8)
    out = layout.compose(portrait, [Tile("host", "", portrait), Tile("g1", "", guest)])
    # stacked, not sliding over from the landscape places: the bottom half is the guest already
    assert (out[700:, :] == 50).all() and (out[:600, :] == 200).all()


@pytest.mark.parametrize(("recording_format", "codecs"), [("mp4", ["h264", "aac"]), ("mkv", ["vp8", "opus"])])
async def test_recording_across_a_switch_leaves_two_playable_files(start_show, tmp_path, recording_format, codecs):
    studio = await start_show()
    recorder = studio.start_recording(str(tmp_path), recording_format)
    await wait_until(lambda: recorder.status()["seconds"] >= 3, "3 s recorded")
    studio.set_canvas(orientation="portrait")
    await wait_until(lambda: recorder.status()["size"] == "720x1280" and recorder.status()["seconds"] >= 3,
                     "3 s in a second file")
    assert len(recorder.files) == 2 and recorder.restarts == 1 and recorder.drops == 0
    assert recorder.state == OutputState.LIVE
    await studio.stop_recording()
    sizes, seconds = [], []
    for path in recorder.files:
        with av.open(str(path)) as container:
            video = container.streams.video[0]
            sizes.append((video.codec_context.width, video.codec_context.height))
            assert [s.codec_context.name for s in container.streams] == codecs
        played, video_frames, audio_frames = playable_seconds(path)
        # moving pictures and sound in each (their rates are test_recording's; they dip on a busy machine)
        assert video_frames >= played * 5 and audio_frames >= played * 10
        seconds.append(played)
    assert sizes == [LANDSCAPE, PORTRAIT]
    assert seconds[0] >= 2.5 and seconds[1] >= 2.5, seconds  # about 3 s each (video may end before audio)
    assert recorder.files[1].name == f"{recorder.files[0].stem} (2).{recording_format}"


async def test_rtmp_starts_a_new_stream_at_the_new_size(start_show, rtmp_server):  # noqa: F811
    studio = await start_show()
    output = studio.add_output({"kind": "rtmp", "name": "douyin", "url": rtmp_server.url, "key": STREAM_KEY,
                                "bitrate": 1_500_000})
    await wait_until(lambda: output.state == OutputState.LIVE, "the push to go live")
    await wait_until(lambda: output.status()["seconds"] >= 3, "3 s pushed")
    studio.set_canvas(orientation="portrait")
    await wait_until(lambda: output.restarts == 1, "the push to start over")
    states = set()
    while output.state != OutputState.LIVE or output.status()["seconds"] < 3:
        status = output.status()
        states.add((status["state"], status["restarting"]))
        await asyncio.sleep(0.05)
    # shown as starting over (not a drop, no reconnect), then live once nginx has taken it for 3 s
    assert ("connecting", True) in states and not any(state == "reconnecting" for state, _ in states)
    assert not output.restarting
    assert output.drops == 0 and output.status()["size"] == "720x1280" and output.status()["restarts"] == 1
    await studio.remove_output("douyin")
    sizes: list[int] = []
    while len(sizes) < 3 or len(set(sizes[-3:])) > 1:  # nginx has written all it got (slow on a busy machine)
        await asyncio.sleep(0.25)
        sizes.append(sum(path.stat().st_size for path in rtmp_server.recorded()))
    streams = []
    for path in rtmp_server.recorded():
        with av.open(str(path)) as container:
            video = container.streams.video[0]
            frames = sum(1 for _ in container.decode(video=0))
            streams.append(((video.codec_context.width, video.codec_context.height), frames))
    assert [size for size, _ in streams] == [LANDSCAPE, PORTRAIT], streams
    assert all(frames >= 3 * 5 for _, frames in streams), streams  # 3 s or more each, moving (30 fps when idle)


async def test_adaptive_whip_follows_the_new_aspect(start_show):
    receiver = await start_show()
    sender = await start_show()
    output = sender.add_output(whip_spec(receiver))
    await wait_until(lambda: any(s.frames["video"] > 30 for s in receiver.ingest.sessions.values()), "30 frames")
    session = next(iter(receiver.ingest.sessions.values()))
    assert session.size[0] > session.size[1]
    sender.set_canvas(orientation="portrait")
    await wait_until(lambda: session.size[0] < session.size[1], "portrait frames at the receiver", 10)
    width, height = session.size
    assert abs(width / height - 720 / 1280) < 0.01  # a rung of the ladder at the portrait aspect
    assert output.state == OutputState.LIVE and output.drops == 0
    assert output.video_spec.width < output.video_spec.height  # the next connection asks for portrait too
    frames = session.frames["video"]
    await wait_until(lambda: session.frames["video"] > frames + 30, "the stream to go on")


def test_a_canvas_size_of_ones_own_turns_with_the_orientation():
    assert StudioConfig(canvas_width=1920, canvas_height=1080).canvas_size == (1920, 1080)
    assert StudioConfig(canvas_width=1920, canvas_height=1080, orientation="portrait").canvas_size == (1080, 1920)
    assert StudioConfig(canvas_width=1080, canvas_height=1920).canvas_size == (1920, 1080)  # landscape by default
