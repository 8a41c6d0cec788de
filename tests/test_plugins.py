"""Plugins: discovery without import, API version checks, and isolation of broken plugins in a live show."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from studio.config import StudioConfig
from studio.plugin_api import API_VERSION, deprecated
from studio.plugins import PluginError, check_api, discover, parse_manifest
from studio.registry import default_registry
from studio.show import Studio
from studio.whep_client import WhepPlayer

from .plugin_kit import write_folder_plugin

ROOT = Path(__file__).resolve().parent.parent

FILTERS = '''
import time
from studio.plugin_api import VideoFilter

class Invert(VideoFilter):
    name = "invert"
    def apply(self, image):
        return 255 - image

class Raises(VideoFilter):
    name = "raises"
    def apply(self, image):
        raise ZeroDivisionError("plugin bug")

class Hangs(VideoFilter):
    name = "hangs"
    def apply(self, image):
        time.sleep(15)  # far past the hang limit, yet the stranded thread ends within the test run

class TooSlow(VideoFilter):
    name = "too_slow"
    def apply(self, image):
        time.sleep(0.025)
        return image

class Heavy(VideoFilter):
    """Takes load_ms at full quality and 35% of it at its lighter level."""
    name = "heavy"
    degrade_levels = 1
    load_ms = 40.0
    def apply(self, image):
        time.sleep(self.load_ms * (0.35 if self.degrade else 1.0) / 1000)
        return 255 - image

class Flaky(VideoFilter):
    name = "flaky"
    failing = True
    def apply(self, image):
        if self.failing:
            raise RuntimeError("flaky plugin")
        return 255 - image

class Skippable(VideoFilter):
    name = "skippable"
    alternate_frames_safe = True
    def apply(self, image):
        time.sleep(0.045)
        return image
'''


def write_plugin(folder: Path, name: str, api: str = "1.0", filters: tuple[str, ...] = ("Invert",),
                 cost_ms: float = 1.0) -> Path:
    """A folder plugin contributing the test filters named in ``filters`` as ``<class>_<plugin>``."""
    return write_folder_plugin(folder, name, FILTERS, [
        {"kind": "video_filter", "name": f"{cls.lower()}_{name}", "title": cls, "factory": cls, "cost_ms": cost_ms}
        for cls in filters], api=api)


def test_folder_plugin_is_listed_without_importing_its_code(tmp_path):
    write_plugin(tmp_path, "lazy-one")
    registry = default_registry([tmp_path])
    names = [m.name for m in registry.plugins]
    assert names[0] == "builtin" and "lazy-one" in names
    assert "invert_lazy-one" in registry.names("video_filter")
    assert "lazy_one_code" not in sys.modules, "listing plugins imported their code"
    flt = registry.create("video_filter", "invert_lazy-one")
    assert "lazy_one_code" in sys.modules
    image = np.full((4, 4, 3), 10, np.uint8)
    assert flt.apply(image)[0, 0, 0] == 245


def test_builtins_use_the_same_manifest_format():
    manifest = discover()[0]
    assert manifest.builtin and manifest.api_version == API_VERSION
    assert {c.name for c in manifest.contributions} >= {"mirror", "brightness_contrast", "testcard", "camera"}


def test_a_plugin_for_a_newer_api_is_refused_with_a_reason(tmp_path):
    write_plugin(tmp_path, "from-the-future", api=f"{API_VERSION[0]}.{API_VERSION[1] + 1}")
    write_plugin(tmp_path, "next-major", api=f"{API_VERSION[0] + 1}.0")
    registry = default_registry([tmp_path])
    refused = {m.name: m.errors for m in registry.plugins if m.errors}
    assert "update Host Studio" in refused["from-the-future"][0]
    assert f"needs plugin API {API_VERSION[0] + 1}.0" in refused["next-major"][0]
    assert not any("future" in n or "major" in n for n in registry.names("video_filter"))


def test_a_broken_manifest_is_reported_and_the_rest_still_load(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "studio-plugin.toml").write_text('name = "broken"\nversion = [')
    write_plugin(tmp_path, "fine")
    registry = default_registry([tmp_path])
    errors = {m.name: m.errors for m in registry.plugins}
    assert "invalid plugin manifest" in errors["broken"][0]
    assert errors["fine"] == [] and "invert_fine" in registry.names("video_filter")
    with pytest.raises(PluginError, match="unknown kind"):
        parse_manifest('name="x"\nversion="1"\napi_version="1.0"\n[[contributions]]\nkind="teleport"\n'
                       'name="y"\nfactory="m:C"\n', "test")


def test_safe_mode_loads_no_third_party_plugins(tmp_path):
    write_plugin(tmp_path, "unsafe")
    registry = default_registry([tmp_path], safe_mode=True)
    assert [m.name for m in registry.plugins] == ["builtin"]
    assert "invert_unsafe" not in registry.names("video_filter")


def test_entry_point_plugins_are_discovered_without_import(tmp_path):
    """A package installed the way pip installs it: a dist-info with an entry point, and the package."""
    package = tmp_path / "ep_plugin"
    package.mkdir()
    (package / "__init__.py").write_text("raise RuntimeError('imported at discovery time')\n")
    (package / "filters.py").write_text(FILTERS)
    (package / "studio-plugin.toml").write_text(
        'name = "ep-plugin"\nversion = "2.0"\napi_version = "1.0"\n[[contributions]]\nkind = "video_filter"\n'
        'name = "ep_invert"\nfactory = "ep_plugin.filters:Invert"\n')
    dist = tmp_path / "ep_plugin-2.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: ep-plugin\nVersion: 2.0\n")
    (dist / "entry_points.txt").write_text("[studio.plugins]\nep-plugin = ep_plugin\n")
    code = ("import json, sys; from studio.registry import default_registry; r = default_registry([]); "
            "print(json.dumps({'plugins': [[m.name, m.errors] for m in r.plugins], "
            "'filters': r.names('video_filter'), 'imported': 'ep_plugin' in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"})
    result = json.loads(out.stdout)
    assert ["ep-plugin", []] in result["plugins"]
    assert "ep_invert" in result["filters"]
    assert result["imported"] is False


def test_deprecated_api_warns_but_works():
    @deprecated(since="1.0", removed_in="1.1", instead="new_thing")
    def old_thing() -> int:
        return 7

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert old_thing() == 7
    assert "removed in 1.1; use new_thing" in str(caught[0].message)
    with pytest.raises(PluginError):
        check_api(parse_manifest('name="n"\nversion="1"\napi_version="0.9"\n', "old"))


async def _fps_over(studio: Studio, seconds: float) -> tuple[float, float]:
    frames, encoded = studio.pipeline.program_frames, studio.video_encoder.packets
    await asyncio.sleep(seconds)
    return ((studio.pipeline.program_frames - frames) / seconds, (studio.video_encoder.packets - encoded) / seconds)


@pytest.mark.parametrize(("cls", "reason"), [
    ("Raises", "raised ZeroDivisionError: plugin bug"),
    ("Hangs", "hung: no return after 1 s"),
])
async def test_a_misbehaving_plugin_is_switched_off_and_the_stream_keeps_full_rate(tmp_path, cls, reason):
    write_plugin(tmp_path, f"bad-{cls.lower()}", filters=(cls, "Invert"), cost_ms=1.0)
    bad, good = f"{cls.lower()}_bad-{cls.lower()}", f"invert_bad-{cls.lower()}"
    config = StudioConfig(port=0, audio_source="none", plugin_dirs=[str(tmp_path)],
                          filters=[{"name": bad}, {"name": good}])
    studio = Studio(config)
    await studio.start()
    await studio.go_live()
    try:
        deadline = time.monotonic() + 6
        while bad not in studio.stats()["filter_errors"]:
            assert time.monotonic() < deadline, "the bad plugin was never switched off"
            await asyncio.sleep(0.1)
        assert reason in studio.stats()["filter_errors"][bad]
        await asyncio.sleep(0.5)
        program_fps, encoder_fps = await _fps_over(studio, 2.0)
        assert program_fps >= 28 and encoder_fps >= 28
        # The healthy filter from the same plugin still runs: the program is inverted.
        assert studio.pipeline.last_program.image[360, 640].tolist() != [0, 0, 0]
        assert good not in studio.stats()["filter_errors"]
    finally:
        await studio.close()


async def _live_plugin_show(folder: Path, cls: str, *others: str) -> tuple[Studio, str]:
    """A live show of the test plugin ``cls`` (then ``others``); returns it and the filter's name."""
    write_plugin(folder, cls.lower(), filters=(cls, *others), cost_ms=1.0)
    names = [f"{c.lower()}_{cls.lower()}" for c in (cls, *others)]
    studio = Studio(StudioConfig(port=0, audio_source="none", plugin_dirs=[str(folder)],
                                 filters=[{"name": name} for name in names]))
    await studio.start()
    await studio.go_live()
    return studio, names[0]


async def _state_of(studio: Studio, name: str, wanted: Callable[[dict], bool], what: str,
                    timeout: float = 6.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        state = next(s for s in studio.stats()["filter_states"] if s["name"] == name)
        if wanted(state):
            return state
        assert time.monotonic() < deadline, f"{name} never {what}: {state}"
        await asyncio.sleep(0.05)


async def test_an_overrunning_plugin_degrades_keeps_the_frame_rate_and_comes_back(tmp_path):
    studio, heavy = await _live_plugin_show(tmp_path, "Heavy")  # 40 ms a frame: the program would make 24 fps
    try:
        state = await _state_of(studio, heavy, lambda s: s["state"] == "degraded", "degraded")
        assert (state["level"], state["levels"], state["reason"]) == (1, 1, None)
        await asyncio.sleep(0.5)
        program_fps, encoder_fps = await _fps_over(studio, 2.0)
        assert program_fps >= 28 and encoder_fps >= 28
        assert studio.pipeline.last_program.image[100, 10].tolist() == [20, 20, 20]  # still filtered
        assert studio.stats()["filter_errors"] == {}
        studio.set_options("video_filter", heavy, load_ms=1.0)  # the machine is quiet again
        await _state_of(studio, heavy, lambda s: s["state"] == "running", "came back to full quality")
    finally:
        await studio.close()


async def test_an_overrunning_plugin_with_no_lighter_level_keeps_running_and_is_reported(tmp_path):
    studio, slow = await _live_plugin_show(tmp_path, "TooSlow", "Invert")  # 25 ms: over a 16.7 ms budget
    try:
        state = await _state_of(studio, slow, lambda s: s["over_budget"], "reported over budget")
        assert state["state"] == "running" and state["ms"] >= 25 and state["budget_ms"] == 16.7
        program_fps, encoder_fps = await _fps_over(studio, 2.0)
        assert program_fps >= 28 and encoder_fps >= 28  # within a frame, the chain keeps the rate
        assert studio.stats()["filter_errors"] == {}
        assert studio.pipeline.last_program.image[100, 10].tolist() == [20, 20, 20]  # the next filter runs
    finally:
        await studio.close()


async def test_a_plugin_that_allows_it_runs_every_other_frame_and_the_stream_keeps_its_rate(tmp_path):
    studio, skippable = await _live_plugin_show(tmp_path, "Skippable")  # 45 ms, more than a frame
    try:
        state = await _state_of(studio, skippable, lambda s: s["every_other_frame"] and s["over_budget"],
                                "ran every other frame, still over budget")
        assert state["state"] == "degraded" and state["level"] == state["levels"] == 1
        await asyncio.sleep(0.5)
        program_fps, encoder_fps = await _fps_over(studio, 2.0)
        assert program_fps >= 28 and encoder_fps >= 28
    finally:
        await studio.close()


async def test_a_failing_plugin_is_off_then_tried_again_after_its_back_off(tmp_path):
    studio, flaky = await _live_plugin_show(tmp_path, "Flaky")
    try:
        state = await _state_of(studio, flaky, lambda s: s["state"] == "off", "switched off")
        retry_at = time.monotonic() + state["retry_in_s"]
        assert state["reason"] == "raised RuntimeError: flaky plugin" and 3 < state["retry_in_s"] <= 5
        assert studio.stats()["filter_errors"] == {flaky: "raised RuntimeError: flaky plugin"}
        studio.set_options("video_filter", flaky, failing=False)  # whatever it needed is back
        await _state_of(studio, flaky, lambda s: s["state"] == "running", "tried again", timeout=8.0)
        assert retry_at - 0.2 <= time.monotonic() <= retry_at + 2.0  # not before its back-off, soon after
        await asyncio.sleep(0.2)
        assert studio.pipeline.last_program.image[100, 10].tolist() == [20, 20, 20]  # its effect is back
        assert studio.stats()["filter_errors"] == {}
    finally:
        await studio.close()


def test_scaffolded_plugin_installs_is_discovered_and_its_own_test_passes(tmp_path):
    out = subprocess.run([sys.executable, "-m", "studio.cli", "plugin", "new", "shop-tint", "--dir", str(tmp_path)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    project = tmp_path / "shop-tint"
    assert f"created {project}" in out.stdout
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(project)],
                   check=True, capture_output=True)
    env = {"PYTHONPATH": f"{site}:{ROOT}", "PATH": "/usr/bin:/bin"}
    test = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project / "tests")],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert test.returncode == 0, test.stdout + test.stderr
    assert "1 passed" in test.stdout
    again = subprocess.run([sys.executable, "-m", "studio.cli", "plugin", "new", "shop-tint", "--dir", str(tmp_path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = subprocess.run([sys.executable, "-m", "studio.cli", "plugin", "new", "Bad Name!", "--dir", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "lower-case letters" in bad.stderr


async def test_host_switches_a_plugin_off_and_on_while_live(tmp_path):
    write_plugin(tmp_path, "inverter", filters=("Invert",))
    config = StudioConfig(port=0, audio_source="none", plugin_dirs=[str(tmp_path)],
                          filters=[{"name": "invert_inverter"}])
    studio = Studio(config)
    await studio.start()
    await studio.go_live()

    async def top_left_pixel() -> list[int]:
        await asyncio.sleep(0.3)
        return studio.pipeline.last_program.image[100, 10].tolist()  # the test card's white bar

    try:
        assert await top_left_pixel() == [20, 20, 20]  # 235 inverted
        state = {p["name"]: p for p in studio.plugins()}
        assert state["inverter"]["enabled"] and state["inverter"]["errors"] == []
        assert state["builtin"]["builtin"] and "video_filter: mirror" in state["builtin"]["contributions"]
        studio.set_plugin_enabled("inverter", False)
        assert await top_left_pixel() == [235, 235, 235]
        assert studio.config.disabled_plugins == ["inverter"]
        assert not {p["name"]: p for p in studio.plugins()}["inverter"]["enabled"]
        with pytest.raises(LookupError, match="switched off"):
            studio.registry.create("video_filter", "invert_inverter")
        studio.set_plugin_enabled("inverter", True)
        assert await top_left_pixel() == [20, 20, 20]
        with pytest.raises(LookupError, match="cannot be switched off"):
            studio.set_plugin_enabled("builtin", False)
        program_fps, _ = await _fps_over(studio, 1.0)
        assert program_fps >= 28
    finally:
        await studio.close()


async def test_a_plugin_switched_off_last_time_stays_off(tmp_path):
    write_plugin(tmp_path, "remembered", filters=("Invert",))
    studio = Studio(StudioConfig(port=0, audio_source="none", plugin_dirs=[str(tmp_path)],
                                 filters=[{"name": "invert_remembered"}], disabled_plugins=["remembered"]))
    await studio.start()
    try:
        await asyncio.sleep(0.5)
        assert studio.pipeline.filters == []
        assert studio.pipeline.last_program.image[100, 10].tolist() == [235, 235, 235]
        studio.set_plugin_enabled("remembered", True)
        await asyncio.sleep(0.3)
        assert studio.pipeline.last_program.image[100, 10].tolist() == [20, 20, 20]
    finally:
        await studio.close()


def test_settings_schema_checks_values_and_fills_defaults():
    registry = default_registry([])
    flt = registry.create("video_filter", "brightness_contrast", brightness=30)
    assert (flt.brightness, flt.contrast) == (30, 1.0)
    for options, message in (({"brightness": 300}, "Brightness must be between -100 and 100"),
                             ({"contrast": "high"}, "Contrast must be a number"),
                             ({"brightness": 2.5}, "Brightness must be a whole number"),
                             ({"gamma": 2}, "unknown setting(s) gamma; known: brightness, contrast")):
        with pytest.raises(LookupError, match=re.escape(message)):
            registry.create("video_filter", "brightness_contrast", **options)
    with pytest.raises(PluginError, match="type must be one of"):
        parse_manifest('name="x"\nversion="1"\napi_version="1.0"\n[[contributions]]\nkind="video_filter"\n'
                       'name="y"\nfactory="m:C"\n[[contributions.settings]]\nname="z"\ntype="colour"\n', "t")


OVERLAYS = '''
from studio.plugin_api import Overlay

class Corner(Overlay):
    name = "corner"
    def draw(self, canvas, state):
        canvas[:10, :10] = (255, 0, 255) if state["live"] else (0, 255, 0)

class Broken(Overlay):
    name = "broken"
    def draw(self, canvas, state):
        raise KeyError("product")
'''


async def test_overlays_draw_from_show_state_and_a_broken_one_is_switched_off(tmp_path):
    write_folder_plugin(tmp_path, "marks", OVERLAYS, [{"kind": "overlay", "name": "corner", "factory": "Corner"},
                                                      {"kind": "overlay", "name": "broken", "factory": "Broken"}])
    picture = tmp_path / "grey.png"
    cv2.imwrite(str(picture), np.full((720, 1280, 3), 60, np.uint8))
    config = StudioConfig(port=0, audio_source="none", video_source="image", video_options={"path": str(picture)},
                          plugin_dirs=[str(tmp_path)], overlays=[{"name": "broken"}, {"name": "corner"}])
    studio = Studio(config)
    await studio.start()
    try:
        await asyncio.sleep(0.5)
        assert studio.pipeline.last_program.image[5, 5].tolist() == [0, 255, 0]  # not live yet
        assert studio.stats()["filter_errors"] == {"broken": "raised KeyError: 'product'"}
        await studio.go_live()
        await asyncio.sleep(0.5)
        assert studio.pipeline.last_program.image[5, 5].tolist() == [255, 0, 255]
        # The image source's own buffer is never drawn on: overlays get a copy of a shared canvas.
        assert studio.pipeline.video_runner.source._image[5, 5].tolist() == [60, 60, 60]
        program_fps, encoder_fps = await _fps_over(studio, 1.0)
        assert program_fps >= 28 and encoder_fps >= 28
    finally:
        await studio.close()


async def test_live_badge_shows_the_real_viewer_count_only_when_live(tmp_path):
    picture = tmp_path / "grey.png"
    cv2.imwrite(str(picture), np.full((720, 1280, 3), 60, np.uint8))
    studio = Studio(StudioConfig(port=0, audio_source="none", video_source="image",
                                 video_options={"path": str(picture)}, overlays=[{"name": "live_badge"}]))
    await studio.start()
    badge = (slice(60, 140), slice(0, 400))
    try:
        await asyncio.sleep(0.4)
        assert (studio.pipeline.last_program.image[badge] == 60).all()  # off air: no badge
        await studio.go_live()
        await asyncio.sleep(0.4)
        zero = studio.pipeline.last_program.image[badge].copy()
        assert (zero[:, :, 0] > 150).sum() > 1000  # the red badge is drawn
        player = WhepPlayer(studio.viewer_url + "whep")
        await player.connect(audio=False)
        try:
            for _ in range(50):
                if studio.viewer_count == 1:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(0.4)
            one = studio.pipeline.last_program.image[badge]
            assert (one != zero).any()  # "0 人观看" became "1 人观看"
            assert studio.show_state["viewers"] == 1
        finally:
            await player.close()
    finally:
        await studio.close()
