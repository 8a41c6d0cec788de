"""Beauty and enhancement in a running show: changes land within a frame, presets, true-colour
mode, the before/after picture."""

from __future__ import annotations

import asyncio
from pathlib import Path

import cv2
import numpy as np
import pytest

from studio.registry import RegistryError
from studio.show import Studio
from studio.vision import models
from tests.photos import host_frame

ALL_OFF = {"beauty": dict.fromkeys(("smoothing", "whitening", "rosy", "slimming", "eyes"), 0),
           "hd_enhance": dict.fromkeys(("denoise", "sharpen", "low_light", "saturation", "warmth"), 0)}


@pytest.fixture
def host_picture(tmp_path: Path) -> Path:
    path = tmp_path / "host.png"
    cv2.imwrite(str(path), cv2.cvtColor(host_frame(), cv2.COLOR_RGB2BGR))
    return path


async def frames_after(studio: Studio, count: int) -> np.ndarray:
    start = studio.pipeline.program_frames
    while studio.pipeline.program_frames < start + count:
        await asyncio.sleep(0.002)
    assert studio.pipeline.last_program is not None
    return studio.pipeline.last_program.image


async def test_changes_reach_the_output_within_one_frame(start_show, host_picture: Path) -> None:
    studio = await start_show(video_source="image", video_options={"path": str(host_picture)},
                              audio_source="none", filters=[{"name": "beauty"}, {"name": "hd_enhance"}])
    source = cv2.cvtColor(cv2.imread(str(host_picture)), cv2.COLOR_BGR2RGB)
    beautified = await frames_after(studio, 10)
    assert studio.stats()["faces"] == 1
    assert not np.array_equal(beautified, source)
    for name, values in ALL_OFF.items():
        studio.set_options("video_filter", name, **values)
    # The frame being made at the change may be half old; the next one is all new.
    assert np.array_equal(await frames_after(studio, 2), source)
    studio.set_options("video_filter", "beauty", smoothing=80)
    changed = await frames_after(studio, 2)
    assert not np.array_equal(changed, source)
    assert {s["name"]: s for s in studio.config.filters}["beauty"]["smoothing"] == 80  # remembered


async def test_true_colour_bypasses_recolouring_filters(start_show, host_picture: Path) -> None:
    studio = await start_show(video_source="image", video_options={"path": str(host_picture)},
                              audio_source="none",
                              filters=[{"name": "beauty"}, {"name": "brightness_contrast", "brightness": 50},
                                       {"name": "virtual_background"}])
    await frames_after(studio, 3)
    assert studio.stats()["true_colour_bypassed"] == []
    studio.set_true_colour(True)
    await frames_after(studio, 2)
    pipeline = studio.stats()
    assert pipeline["true_colour"] is True
    assert pipeline["true_colour_bypassed"] == ["brightness_contrast", "virtual_background"]
    assert pipeline["filter_errors"] == {}  # bypassed, not switched off
    assert studio.config.true_colour is True
    studio.set_true_colour(False)
    assert studio.stats()["true_colour_bypassed"] == []


async def test_presets_and_the_hosts_own(start_show) -> None:
    studio = await start_show(audio_source="none", filters=[{"name": "beauty"}])
    assert set(studio.beauty_presets()) == {"natural", "glam"}
    studio.apply_beauty_preset("glam")
    running = studio.pipeline.filters[0].filter
    assert running.smoothing == 75 and running.eyes == 35
    studio.set_options("video_filter", "beauty", smoothing=33)
    saved = studio.save_beauty_preset()
    assert saved["smoothing"] == 33 and saved["eyes"] == 35
    studio.apply_beauty_preset("natural")
    assert running.smoothing == 40
    studio.apply_beauty_preset("mine")
    assert running.smoothing == 33
    with pytest.raises(RegistryError, match="no beauty preset"):
        studio.apply_beauty_preset("anime")


async def test_before_and_after_pictures(start_show, host_picture: Path) -> None:
    studio = await start_show(video_source="image", video_options={"path": str(host_picture)},
                              audio_source="none", filters=[{"name": "beauty", "smoothing": 100}])
    studio.pipeline.keep_before = True
    after = await frames_after(studio, 3)
    before = studio.pipeline.last_before
    assert before is not None and before.shape == after.shape
    source = cv2.cvtColor(cv2.imread(str(host_picture)), cv2.COLOR_BGR2RGB)
    assert np.array_equal(before, source)
    assert not np.array_equal(after, source)


async def test_missing_models_keep_the_show_going(start_show, host_picture: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "model_roots", list)
    studio = await start_show(video_source="image", video_options={"path": str(host_picture)},
                              audio_source="none", filters=[{"name": "beauty"}])
    frame = await frames_after(studio, 3)
    pipeline = studio.stats()
    assert "pip install --no-deps" in pipeline["face_analysis_error"]
    assert pipeline["program_fps"] > 0 and frame.shape == (720, 1280, 3)


def test_the_lock_holds_the_model_version_the_code_names() -> None:
    locked = (Path(__file__).parents[1] / "requirements" / "models.txt").read_text()
    assert f"\n{models.MODEL_PACKAGE}=={models.MODEL_VERSION} " in locked


async def test_changing_the_chain_keeps_running_filters(start_show) -> None:
    """Adding or dropping a filter does not remake the others: the background keeps its person
    mask (a remade one would show the room unblurred until its model ran again)."""
    studio = await start_show(audio_source="none", filters=[{"name": "virtual_background"}])
    await frames_after(studio, 3)
    background = studio.pipeline.filters[0].filter
    studio.set_filters([{"name": "mirror"}, {"name": "virtual_background", "blur": 90}])
    assert studio.pipeline.filters[1].filter is background and background.blur == 90
    with pytest.raises(RegistryError, match="Eye enlarging must be between 0 and 100"):
        studio.set_filters([{"name": "virtual_background", "blur": 10}, {"name": "beauty", "eyes": 900}])
    assert studio.pipeline.filters[1].filter is background and background.blur == 90  # nothing changed


def test_no_room_before_the_first_mask() -> None:
    from studio.filters.background import BackgroundFilter

    frame = host_frame()
    flt = BackgroundFilter(mode="blur", blur=80)  # threaded: the first mask is frames away
    out = flt.apply(frame)
    face = (slice(300, 400), slice(560, 720))
    assert np.abs(out[face].astype(int) - frame[face]).mean() > 3  # the person is blurred too
    assert np.abs(out.astype(int) - frame).mean() > 1
    flt.segmenter.close()
