"""Each platform's capture backend is chosen in one place, and the device listings follow it."""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import pytest

from studio.sources import devices
from studio.sources.camera import list_cameras
from studio.sources.devices import WASAPI, backend_for, pick_microphones, probe_cameras, v4l2_cameras
from studio.sources.microphone import list_microphones


@pytest.mark.parametrize(("platform", "name", "api", "fallback", "nodes", "hostapi"), [
    ("linux", "linux", cv2.CAP_V4L2, None, True, None),
    ("win32", "windows", cv2.CAP_MSMF, cv2.CAP_DSHOW, False, "Windows WASAPI"),
    ("darwin", "macos", cv2.CAP_AVFOUNDATION, None, False, "Core Audio"),
])
def test_each_platform_gets_its_own_capture_apis(platform, name, api, fallback, nodes, hostapi):
    backend = backend_for(platform)
    assert (backend.platform, backend.camera_api, backend.camera_fallback) == (name, api, fallback)
    assert (backend.camera_nodes, backend.mic_hostapi) == (nodes, hostapi)
    assert backend.camera_apis == ((api,) if fallback is None else (api, fallback))


def test_an_unknown_platform_lets_opencv_choose():
    backend = backend_for("freebsd14")
    assert (backend.camera_api, backend.camera_fallback, backend.mic_hostapi) == (cv2.CAP_ANY, None, None)


def test_this_machine_gets_its_platform_backend():
    assert backend_for() == backend_for(sys.platform)


# -- cameras -----------------------------------------------------------------------------------

def _v4l2_tree(tmp_path, nodes: dict[str, str | None]):
    dev, sysfs = tmp_path / "dev", tmp_path / "sys" / "class" / "video4linux"
    dev.mkdir()
    sysfs.mkdir(parents=True)
    for node, name in nodes.items():
        (dev / node).touch()
        if name is not None:
            (sysfs / node).mkdir()
            (sysfs / node / "name").write_text(name + "\n", encoding="utf-8")
    return dev, sysfs


def test_linux_cameras_are_the_video_nodes_with_their_driver_names(tmp_path):
    dev, sysfs = _v4l2_tree(tmp_path, {
        "video10": "OBS Virtual Camera", "video2": "HD Webcam: HD Webcam", "video0": "Integrated Camera",
        "video3": None, "video-loopback": "not a node", "video": None, "audio0": None,
    })
    assert v4l2_cameras(dev, sysfs) == [
        {"index": 0, "name": "Integrated Camera", "path": str(dev / "video0")},
        {"index": 2, "name": "HD Webcam: HD Webcam", "path": str(dev / "video2")},
        {"index": 3, "name": None, "path": str(dev / "video3")},  # no sysfs entry: the window names it
        {"index": 10, "name": "OBS Virtual Camera", "path": str(dev / "video10")},
    ]
    assert devices.list_cameras(backend_for("linux"), dev, sysfs) == v4l2_cameras(dev, sysfs)


def test_linux_without_video_nodes_has_no_cameras(tmp_path):
    assert v4l2_cameras(tmp_path / "no-dev", tmp_path / "no-sys") == []


def test_probing_stops_after_two_missing_indices_in_a_row():
    present = {0, 2, 3, 7}  # 1 busy; 4 and 5 missing, so 7 is never reached
    tried: list[int] = []

    def opens(index: int) -> bool:
        tried.append(index)
        return index in present

    assert probe_cameras(opens) == [{"index": i, "name": None} for i in (0, 2, 3)]
    assert tried == [0, 1, 2, 3, 4, 5]
    assert probe_cameras(lambda index: True, limit=3) == [{"index": i, "name": None} for i in range(3)]


def test_probing_for_real_finds_no_camera_on_a_machine_without_one():
    if v4l2_cameras(Path("/dev"), Path("/sys/class/video4linux")):
        pytest.skip("this machine has a camera")
    probing_linux = devices.CaptureBackend("linux", cv2.CAP_V4L2, None, False, None)
    assert devices.list_cameras(probing_linux) == []
    assert devices.open_capture(0, probing_linux) is None


def test_listing_this_machines_devices_never_raises():
    cameras, mics = list_cameras(), list_microphones()
    assert isinstance(cameras, list) and isinstance(mics, list)
    assert all({"index", "name"} <= camera.keys() for camera in cameras)
    assert all({"index", "name", "channels", "hostapi"} <= mic.keys() for mic in mics)
    assert isinstance(list_microphones(rescan=True), list)


# -- microphones -------------------------------------------------------------------------------

def _device(name: str, hostapi: int, inputs: int, outputs: int = 0) -> dict:
    """One entry shaped as sounddevice.query_devices() returns it."""
    return {"name": name, "index": 0, "hostapi": hostapi, "max_input_channels": inputs,
            "max_output_channels": outputs, "default_low_input_latency": 0.09, "default_low_output_latency": 0.09,
            "default_high_input_latency": 0.18, "default_high_output_latency": 0.18, "default_samplerate": 44100.0}


WINDOWS_HOSTAPIS = [{"name": name, "devices": [], "default_input_device": -1, "default_output_device": -1}
                    for name in ("MME", "Windows DirectSound", WASAPI, "Windows WDM-KS")]
WINDOWS_DEVICES = [  # a laptop with a USB headset, as Windows lists it: once per host API
    _device("Microsoft Sound Mapper - Input", 0, 2),
    _device("Microphone Array (Realtek(R) Au", 0, 2),
    _device("Headset Microphone (USB Audio ", 0, 1),
    _device("Microsoft Sound Mapper - Output", 0, 0, 2),
    _device("Speakers (Realtek(R) Audio)", 0, 0, 2),
    _device("Primary Sound Capture Driver", 1, 2),
    _device("Microphone Array (Realtek(R) Audio)", 1, 2),
    _device("Headset Microphone (USB Audio Device)", 1, 1),
    _device("Primary Sound Driver", 1, 0, 2),
    _device("Speakers (Realtek(R) Audio)", 2, 0, 2),
    _device("Microphone Array (Realtek(R) Audio)", 2, 4),
    _device("Headset Microphone (USB Audio Device)", 2, 1),
    _device("Microphone Array 1 (Realtek HD Audio Mic input)", 3, 2),
    _device("Headset Microphone (USB Audio Device)", 3, 1),
    _device("Speakers (Realtek HD Audio output)", 3, 0, 2),
]


def test_windows_lists_each_microphone_once_from_wasapi():
    assert pick_microphones(WINDOWS_DEVICES, WINDOWS_HOSTAPIS, backend_for("win32").mic_hostapi) == [
        {"index": 10, "name": "Microphone Array (Realtek(R) Audio)", "channels": 4, "hostapi": WASAPI},
        {"index": 11, "name": "Headset Microphone (USB Audio Device)", "channels": 1, "hostapi": WASAPI},
    ]


def test_every_microphone_is_kept_when_the_preferred_host_api_has_none():
    no_wasapi_inputs = [device for device in WINDOWS_DEVICES if device["hostapi"] != 2 or
                        device["max_input_channels"] == 0]
    mics = pick_microphones(no_wasapi_inputs, WINDOWS_HOSTAPIS, WASAPI)
    assert [mic["hostapi"] for mic in mics] == ["MME"] * 3 + ["Windows DirectSound"] * 3 + ["Windows WDM-KS"] * 2
    assert all(mic["channels"] > 0 for mic in mics)


def test_linux_keeps_every_input_and_drops_outputs():
    hostapis = [{"name": "ALSA"}, {"name": "JACK Audio Connection Kit"}]
    found = [
        _device("HDA Intel PCH: ALC257 Analog (hw:0,0)", 0, 2, 2),
        _device("HDA Intel PCH: HDMI 0 (hw:0,3)", 0, 0, 8),
        _device("pulse", 0, 32, 32),
        _device("default", 0, 32, 32),
        _device("system", 1, 2, 2),
    ]
    mics = pick_microphones(found, hostapis, backend_for("linux").mic_hostapi)
    assert [(mic["index"], mic["name"]) for mic in mics] == [
        (0, "HDA Intel PCH: ALC257 Analog (hw:0,0)"), (2, "pulse"), (3, "default"), (4, "system")]
    assert pick_microphones([_device("Speakers", 0, 0, 2)], hostapis, None) == []


def test_core_audio_is_the_only_host_api_on_macos():
    mics = pick_microphones([_device("MacBook Pro Microphone", 0, 1), _device("MacBook Pro Speakers", 0, 0, 2)],
                            [{"name": "Core Audio"}], backend_for("darwin").mic_hostapi)
    assert mics == [{"index": 0, "name": "MacBook Pro Microphone", "channels": 1, "hostapi": "Core Audio"}]


def test_a_missing_input_device_needs_no_host_api_settings():
    sounddevice = pytest.importorskip("sounddevice")
    assert devices.input_settings(sounddevice, "no such microphone") is None
