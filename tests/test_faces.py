"""Face landmarks on real photographs: found, tracked, steady, several at once, absent when absent."""

from __future__ import annotations

import numpy as np
import pytest

from studio.vision import models
from studio.vision.context import FaceAnalysis, FrameContext
from studio.vision.faces import FaceTracker
from studio.vision.regions import FACE_OVAL, regions_for
from tests.photos import HEIGHT, WIDTH, head_and_shoulders, host_frame, no_face_frame, sensor_noise

NOSE_TIP = 1


def track(frames: list[np.ndarray], tracker: FaceTracker | None = None) -> list[list]:
    tracker = tracker or FaceTracker()
    return [tracker.update(frame, i / 30) for i, frame in enumerate(frames)]


def test_landmarks_sit_on_the_face() -> None:
    faces = track([host_frame()] * 3)[-1]
    assert len(faces) == 1
    face = faces[0]
    # The portrait's face (measured by hand in skimage's astronaut: x 170–280, y 60–200 of 512) as
    # it lands in the frame: 640/320 scale of the crop at (60, 0), pasted at (320, 80).
    x0, y0, x1, y1 = face.box
    assert 320 + (170 - 60) * 2 - 30 < x0 < x1 < 320 + (280 - 60) * 2 + 30
    assert 80 + 60 * 2 - 40 < y0 < y1 < 80 + 200 * 2 + 30
    nose = face.landmarks[NOSE_TIP]
    assert x0 + 0.3 * (x1 - x0) < nose[0] < x1 - 0.3 * (x1 - x0)
    assert face.presence > 0.9


def test_tracking_follows_a_moving_face() -> None:
    frames = [host_frame(dx=-100 + 6 * i, dy=2 * (i % 5)) for i in range(40)]
    tracker = FaceTracker()
    history = track(frames[:10], tracker)
    settled = tracker.measured
    history += [tracker.update(frame, (10 + i) / 30) for i, frame in enumerate(frames[10:])]
    assert tracker.measured - settled == 30  # once its speed is known, a moving face is measured every frame
    assert all(len(faces) == 1 for faces in history[1:])
    assert len({faces[0].track_id for faces in history[1:]}) == 1
    # The nose moves with the picture; smoothing may lag a moving face by a few pixels, no more.
    start, end = history[12][0].landmarks[NOSE_TIP], history[-1][0].landmarks[NOSE_TIP]
    assert abs((end[0] - start[0]) - 6 * 27) < 6


def test_still_face_jitter_is_under_one_pixel() -> None:
    """A still face under camera noise (σ = 4 levels): landmarks move < 1 px (the raw model output
    moves about three times as much)."""
    base = host_frame()
    tracker = FaceTracker()
    smoothed, raw = [], []
    for i in range(90):
        frame = sensor_noise(base, 4, seed=i)
        faces = tracker.update(frame, i / 30)
        smoothed.append(faces[0].landmarks)
        raw.append(tracker.mesh.landmarks(frame, tracker.tracks[0].roi)[0])
    jitter = np.linalg.norm(np.array(smoothed[30:]).std(axis=0), axis=1)
    raw_jitter = np.linalg.norm(np.array(raw[30:]).std(axis=0), axis=1)
    assert jitter.max() < 1.0
    assert jitter.mean() < raw_jitter.mean() / 2
    assert tracker.measured < 0.6 * 90  # a still face is measured every other frame


def test_several_faces_are_tracked_apart() -> None:
    frame = np.full((HEIGHT, WIDTH, 3), 96, np.uint8)
    host = head_and_shoulders(560)
    frame[160:, 40:600] = host
    frame[160:, 680:1240] = host
    faces = track([frame] * 60)[-1]
    assert len(faces) == 2
    centres = sorted(float(f.landmarks[NOSE_TIP][0]) for f in faces)
    assert centres[0] < 600 < 680 < centres[1]
    assert len({f.track_id for f in faces}) == 2


def test_no_face_gives_no_landmarks() -> None:
    assert all(faces == [] for faces in track([no_face_frame()] * 6))


def test_face_regions_exclude_eyes_and_lips() -> None:
    face = track([host_frame()] * 3)[-1][0]
    region = regions_for([face], (HEIGHT, WIDTH))[0]
    x0, y0 = region.origin
    local = face.landmarks - np.array([x0, y0])
    skin = region.skin
    for index in (33, 133, 263, 362, 13, 14):  # eye corners, lips
        x, y = np.round(local[index]).astype(int)
        assert skin[y, x] < 0.02  # at most a trace of the feather
    for index in (50, 280, 151):  # cheeks, forehead
        x, y = np.round(local[index]).astype(int)
        assert skin[y, x] > 0.9
    # The region reaches past the oval, so warps fade out inside it.
    oval = local[FACE_OVAL]
    assert region.region[int(oval[:, 1].mean()), int(oval[:, 0].mean())] == 255


def test_missing_models_say_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "model_roots", list)
    analysis = FaceAnalysis()
    assert FrameContext(analysis, 0.0).faces(host_frame()) == []
    assert "pip install --no-deps" in analysis.error


def test_face_analysis_runs_beside_filters_that_keep_geometry() -> None:
    """HD before beauty: faces are found on the analysis thread while HD runs. A mirror before
    beauty moves every pixel, so faces are found on the mirrored picture instead."""
    import threading

    from studio.filters.basic import MirrorFilter
    from studio.filters.beauty import BeautyFilter
    from studio.filters.enhance import EnhanceFilter
    from studio.guard import FilterGuard
    from studio.pipeline import run_chain

    frame = host_frame(dx=-200)
    for chain in ([EnhanceFilter(), BeautyFilter()], [MirrorFilter(), BeautyFilter()]):
        seen: list[str] = []
        analysis = FaceAnalysis()  # a fresh tracker for each chain
        original = analysis.faces

        def recording(image: np.ndarray, timestamp: float, search: bool = True, original=original, seen=seen) -> list:
            seen.append(threading.current_thread().name)
            return original(image, timestamp, search)

        analysis.faces = recording  # type: ignore[method-assign]
        for i in range(3):
            context = FrameContext(analysis, i / 30)
            run_chain([FilterGuard(f) for f in chain], frame, context)
        nose_x = float(context.faces(frame)[0].landmarks[NOSE_TIP][0])
        if isinstance(chain[0], MirrorFilter):
            assert seen == [threading.current_thread().name] * 3
            assert nose_x > WIDTH / 2  # found on the mirrored picture
        else:
            assert all(name.startswith("face-analysis") for name in seen)
            assert nose_x < WIDTH / 2
        analysis.close()


@pytest.mark.parametrize("shape", [(720, 1280), (1280, 720), (1080, 1920), (480, 640)])
def test_search_tiles_cover_the_whole_frame(shape: tuple[int, int]) -> None:
    from studio.vision.faces import FaceDetector

    small, large = np.zeros(shape, bool), np.zeros(shape, bool)
    for x, y, side in FaceDetector._tiles(shape):
        (large if side == min(shape) else small)[y:y + side, x:x + side] = True
    assert large.all() and small.all()


def test_a_face_moving_closer_and_away_keeps_its_track() -> None:
    """The host leans in and back (the picture scales from 480 to 700 px and back): one track,
    a face in every frame, and the face's width follows the scale."""
    sizes = [480 + 20 * i for i in range(12)] + [700 - 20 * i for i in range(12)]
    tracker = FaceTracker()
    history = track([host_frame(size) for size in sizes], tracker)
    assert all(len(faces) == 1 for faces in history[1:])
    assert len({faces[0].track_id for faces in history[1:]}) == 1
    widths = [faces[0].width for faces in history[1:]]
    assert max(widths) > 1.3 * widths[0] and widths[-1] < 0.8 * max(widths)


@pytest.mark.parametrize(("factor", "dx"), [(0.3, 0), (0.6, 60), (2.5, 0)])
def test_a_track_whose_crop_lost_the_face_recovers(factor: float, dx: int) -> None:
    """After an occlusion or a jump the crop may be far too small, too large or off to one side:
    within a second the face is followed at its right size again, as one face."""
    from dataclasses import replace

    frame = host_frame()
    tracker = FaceTracker()
    right = track([frame] * 4, tracker)[-1][0].width
    roi = tracker.tracks[0].roi
    tracker.tracks[0].roi = replace(roi, size=roi.size * factor, cx=roi.cx + dx)
    history = [tracker.update(frame, (4 + i) / 30) for i in range(30)]
    assert len(history[-1]) == 1 and abs(history[-1][0].width - right) < 0.1 * right
