"""The watermark plugin, installed into the studio's venv, found through its entry point, live in a show."""

from __future__ import annotations

import asyncio
import sys

import cv2
import numpy as np
import pytest

from studio.config import StudioConfig
from studio.registry import default_registry
from studio.show import Studio


def test_discovered_through_its_entry_point_without_import():
    sys.modules.pop("studio_watermark.filter", None)
    registry = default_registry([])
    manifest = next(m for m in registry.plugins if m.name == "studio-watermark")
    assert manifest.errors == [] and manifest.version == "1.0.0"
    assert registry.get("video_filter", "watermark").provider == "studio-watermark"
    assert "studio_watermark.filter" not in sys.modules


def test_caption_in_chinese_lands_in_the_chosen_corner_only():
    flt = default_registry([]).create("video_filter", "watermark", text="好物直播间", corner="bottom-left",
                                      opacity=1.0)
    frame = np.full((720, 1280, 3), 60, np.uint8)
    out = flt.apply(frame)
    changed = np.argwhere((out != frame).any(axis=2))
    assert len(changed) > 500  # the glyphs are really drawn
    assert changed[:, 0].min() > 720 // 2 and changed[:, 1].max() < 1280 // 2  # bottom-left quadrant
    assert (frame == 60).all(), "the filter modified its input"


def test_logo_with_transparency_keeps_the_background(tmp_path):
    logo = np.zeros((100, 200, 4), np.uint8)
    logo[25:75, 50:150] = (0, 0, 255, 255)  # an opaque red box (BGRA) on a transparent field
    path = tmp_path / "logo.png"
    cv2.imwrite(str(path), logo)
    flt = default_registry([]).create("video_filter", "watermark", image=str(path), corner="top-right",
                                      opacity=1.0, width_fraction=0.25, margin_fraction=0.0)
    out = flt.apply(np.full((720, 1280, 3), 60, np.uint8))
    # The logo is scaled to 320 px wide at the top-right: its red box is at (40..120, 1040..1200).
    assert out[80, 1120].tolist() == [255, 0, 0]
    assert out[10, 970].tolist() == [60, 60, 60]  # transparent part of the logo: background shows


def test_bad_options_are_clear_errors(tmp_path):
    registry = default_registry([])
    # Checked against the manifest's settings before the plugin's code even runs.
    with pytest.raises(LookupError, match="Corner must be one of top-left, top-right"):
        registry.create("video_filter", "watermark", text="x", corner="middle")
    with pytest.raises(LookupError, match="Opacity must be between 0.0 and 1.0"):
        registry.create("video_filter", "watermark", text="x", opacity=3)
    with pytest.raises(LookupError, match="unknown setting"):
        registry.create("video_filter", "watermark", text="x", colour="red")
    with pytest.raises(ValueError, match="cannot read logo image"):
        registry.create("video_filter", "watermark", image=str(tmp_path / "missing.png"))


async def test_live_show_carries_the_watermark():
    config = StudioConfig(port=0, audio_source="none",
                          filters=[{"name": "watermark", "text": "好物直播间", "corner": "top-right"}])
    studio = Studio(config)
    await studio.start()
    await studio.go_live()
    try:
        await asyncio.sleep(1.0)
        stats = studio.stats()
        assert stats["filter_errors"] == {} and stats["program_fps"] > 25
        program = studio.pipeline.last_program.image
        corner = program[20:80, 1000:1260]
        assert (corner > 200).sum() > 300  # white caption glyphs over the test card's stamp band
    finally:
        await studio.close()


async def test_caption_changes_live_through_the_settings_api(tmp_path):
    grey = tmp_path / "grey.png"
    cv2.imwrite(str(grey), np.full((720, 1280, 3), 60, np.uint8))
    config = StudioConfig(port=0, audio_source="none", video_source="image", video_options={"path": str(grey)},
                          filters=[{"name": "watermark", "text": "A", "corner": "bottom-right"}])
    studio = Studio(config)
    await studio.start()
    try:
        await asyncio.sleep(0.5)
        before = (studio.pipeline.last_program.image[600:720, 900:1280] > 200).sum()
        studio.set_options("video_filter", "watermark", text="好物直播间 限时秒杀")
        await asyncio.sleep(0.5)
        after = (studio.pipeline.last_program.image[600:720, 900:1280] > 200).sum()
        assert after > before * 3  # the longer caption really replaced the short one
        assert studio.config.filters[0]["text"] == "好物直播间 限时秒杀"
        assert studio.config.filters[0]["opacity"] == 0.8  # defaults filled in from the schema
        with pytest.raises(LookupError, match="Opacity must be between"):
            studio.set_options("video_filter", "watermark", opacity=2)
        assert studio.config.filters[0]["opacity"] == 0.8
    finally:
        await studio.close()
