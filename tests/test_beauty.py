"""Beauty on real photographs: smoothing only where the skin is, warps only inside the face, and
nothing at all without a face."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from studio.filters.beauty import BEAUTY_PRESETS, BeautyFilter
from studio.vision.context import FaceAnalysis, FrameContext
from studio.vision.faces import FaceTracker
from studio.vision.regions import JAW, region_mask, regions_for
from tests.photos import host_frame, luma, no_face_frame

ONLY = dict.fromkeys(("smoothing", "whitening", "rosy", "slimming", "eyes"), 0)


def run(flt: BeautyFilter, frame: np.ndarray, frames: int = 3) -> tuple[np.ndarray, FrameContext]:
    """The filter on a still frame, after the tracker has settled."""
    analysis = FaceAnalysis()
    for i in range(frames):
        context = FrameContext(analysis, i / 30)
        out = flt.process(frame, context)
    return out, context


def high_frequency(image: np.ndarray) -> np.ndarray:
    y = luma(image).astype(np.float32)
    return y - cv2.GaussianBlur(y, (0, 0), 1.5)


def at_level(flt: BeautyFilter, level: int) -> BeautyFilter:
    flt.degrade = level  # what the guard sets while beauty overruns its budget
    return flt


@pytest.mark.parametrize("level", range(BeautyFilter.degrade_levels + 1))
def test_smoothing_flattens_skin_and_keeps_edges_elsewhere(level: int) -> None:
    frame = host_frame()
    out, context = run(at_level(BeautyFilter(**{**ONLY, "smoothing": 60}), level), frame)
    region = context.regions(frame)[0]
    inside = np.zeros(frame.shape[:2], bool)
    inside[region.window] = region.skin > 0.99
    before, after = high_frequency(frame), high_frequency(out)
    energy_cut = 1 - (after[inside] ** 2).mean() / (before[inside] ** 2).mean()
    assert energy_cut >= 0.30, f"skin high-frequency energy cut only {energy_cut:.0%}"
    # Strong edges outside the skin (hair, eyes, suit, background): gradients kept.
    outside = np.ones(frame.shape[:2], bool)
    outside[region.window] = region.skin == 0
    def gradient(image: np.ndarray) -> np.ndarray:
        y = luma(image).astype(np.float32)
        return np.hypot(cv2.Sobel(y, cv2.CV_32F, 1, 0), cv2.Sobel(y, cv2.CV_32F, 0, 1))
    g0, g1 = gradient(frame), gradient(out)
    strong = outside & (g0 > np.percentile(g0[outside], 95))
    assert g1[strong].sum() / g0[strong].sum() >= 0.95
    # Eyes stay sharp: the eye's own detail is untouched.
    eye = (slice(int(region.face.landmarks[159][1]) - 6, int(region.face.landmarks[145][1]) + 6),
           slice(int(region.face.landmarks[33][0]) + 3, int(region.face.landmarks[133][0]) - 3))
    assert np.abs(after[eye]).mean() >= 0.95 * np.abs(before[eye]).mean()


@pytest.mark.parametrize("level", range(BeautyFilter.degrade_levels + 1))
def test_slimming_moves_the_jaw_in_and_nothing_outside_the_face(level: int) -> None:
    frame = host_frame()
    out, context = run(at_level(BeautyFilter(**{**ONLY, "slimming": 80, "eyes": 80}), level), frame)
    region = region_mask(context.regions(frame), frame.shape)
    assert np.array_equal(out[region == 0], frame[region == 0])
    out, context = run(at_level(BeautyFilter(**{**ONLY, "slimming": 80}), level), frame)
    # Inside the region but away from the jaw and the eyes nothing moves: no seam, no shift.
    nose = context.faces(frame)[0].landmarks[1].astype(int)
    patch = (slice(nose[1] - 8, nose[1] + 8), slice(nose[0] - 8, nose[0] + 8))
    assert np.array_equal(out[patch], frame[patch])
    # Landmarks found afresh on the slimmed picture: the jaw is narrower.
    def jaw_width(image: np.ndarray) -> float:
        tracker = FaceTracker()
        for i in range(3):
            face = tracker.update(image, i / 30)[0]
        jaw = face.landmarks[JAW]
        centre = face.landmarks[1][0]
        return float(np.abs(jaw[:, 0] - centre).mean())
    before, after = jaw_width(frame), jaw_width(out)
    assert after < before - 2, (before, after)


@pytest.mark.parametrize("level", range(BeautyFilter.degrade_levels + 1))
def test_eye_enlarging_opens_the_eyes(level: int) -> None:
    frame = host_frame()
    out, context = run(at_level(BeautyFilter(**{**ONLY, "eyes": 80}), level), frame)
    region = region_mask(context.regions(frame), frame.shape)
    assert np.array_equal(out[region == 0], frame[region == 0])
    # The landmark model places eye corners by its face prior, so measure the eyes in the pixels:
    # the dark iris and lashes around each eye centre cover more area.
    face = context.faces(frame)[0]
    for ring in ((33, 133, 159, 145), (263, 362, 386, 374)):
        centre = face.landmarks[list(ring)].mean(axis=0).astype(int)
        half = int(0.7 * np.linalg.norm(face.landmarks[ring[0]] - face.landmarks[ring[1]]))  # clear of the brows
        window = (slice(centre[1] - half, centre[1] + half), slice(centre[0] - half, centre[0] + half))
        dark_before = (luma(frame)[window] < 70).sum()
        dark_after = (luma(out)[window] < 70).sum()
        assert dark_after > 1.1 * dark_before > 0


def test_whitening_and_rosy_only_touch_skin() -> None:
    frame = host_frame()
    out, context = run(BeautyFilter(**{**ONLY, "whitening": 60, "rosy": 60}), frame)
    region = context.regions(frame)[0]
    skin = np.zeros(frame.shape[:2], np.float32)
    skin[region.window] = region.skin
    assert np.array_equal(out[skin == 0], frame[skin == 0])
    lit = skin > 0.99
    assert luma(out)[lit].mean() > luma(frame)[lit].mean() + 5  # brighter
    red_shift = (out[lit, 0].astype(float) - out[lit, 1]).mean() - (frame[lit, 0].astype(float) - frame[lit, 1]).mean()
    assert red_shift > 2  # rosier


def test_no_face_passes_through_unchanged() -> None:
    frame = no_face_frame()
    flt = BeautyFilter(**BEAUTY_PRESETS["glam"])
    out, _ = run(flt, frame)
    assert np.array_equal(out, frame)
    assert np.array_equal(flt.apply(frame), frame)  # without a frame context there are no faces either


def test_presets_are_stronger_in_glam() -> None:
    natural, glam = BEAUTY_PRESETS["natural"], BEAUTY_PRESETS["glam"]
    assert set(natural) == set(glam) == set(ONLY)
    assert all(glam[k] >= natural[k] for k in natural)
    frame = host_frame()
    out_natural, context = run(BeautyFilter(**natural), frame)
    out_glam, _ = run(BeautyFilter(**glam), frame)
    face = regions_for(context.faces(frame), frame.shape)[0].window
    change = [np.abs(o[face].astype(int) - frame[face]).mean() for o in (out_natural, out_glam)]
    assert 0 < change[0] < change[1]


def test_beauty_copies_a_source_image_but_draws_into_its_own() -> None:
    frame = host_frame()
    original = frame.copy()
    out, context = run(BeautyFilter(), frame)
    assert np.array_equal(frame, original) and out is not frame  # a source's buffer is never touched
    made = frame.copy()  # as an earlier filter of this frame would have made it
    context.own(made)
    again = BeautyFilter().process(made, context)
    assert again is made and not np.array_equal(made, original)


def test_a_view_of_the_source_is_never_drawn_into() -> None:
    """A filter that hands on a view of its input (a crop, say) does not make the source's buffer
    the chain's own."""
    from studio.filters.base import VideoFilter
    from studio.guard import FilterGuard
    from studio.pipeline import run_chain

    class SameView(VideoFilter):
        keeps_geometry = True

        def apply(self, image: np.ndarray) -> np.ndarray:
            return image[:, :]

    frame = host_frame()
    original = frame.copy()
    analysis = FaceAnalysis()
    for i in range(3):
        out = run_chain([FilterGuard(SameView()), FilterGuard(BeautyFilter())], frame, FrameContext(analysis, i / 30))
    assert np.array_equal(frame, original)
    assert not np.array_equal(out, original)


def test_faces_found_before_a_mirror_are_not_used_after_it() -> None:
    """Beauty, then a mirror, then HD grading in true-colour mode: the faces found for beauty no
    longer fit the mirrored picture, so HD grades nothing rather than the wrong pixels."""
    from studio.filters.basic import MirrorFilter
    from studio.filters.enhance import EnhanceFilter
    from studio.guard import FilterGuard
    from studio.pipeline import run_chain

    frame = host_frame(dx=-250)
    hd = dict(denoise=0, sharpen=0, low_light=0, saturation=90, warmth=50)
    outputs = []
    for tail in ([FilterGuard(EnhanceFilter(**hd))], []):
        analysis, chain = FaceAnalysis(), [FilterGuard(BeautyFilter()), FilterGuard(MirrorFilter()), *tail]
        for i in range(3):
            context = FrameContext(analysis, i / 30, true_colour=True)
            out = run_chain(chain, frame, context)
        outputs.append(out)
        if tail:
            assert context.faces(out) == [] and context.regions(out) == []
    assert np.array_equal(outputs[0], outputs[1])  # HD graded nothing


def test_background_jobs_start_after_the_chain_even_when_a_filter_fails() -> None:
    """Work a filter hands to ``context.after`` (the segmenter's next frame, face detection) runs
    when the last filter is done, so it does not take a core from the chain; outside a chain, at once."""
    from studio.filters.base import VideoFilter
    from studio.guard import FilterGuard
    from studio.pipeline import run_chain

    order: list[str] = []

    class Handing(VideoFilter):
        keeps_geometry = True

        def __init__(self, name: str, fail: bool = False) -> None:
            self.label, self.fail = name, fail

        def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
            order.append(self.label)
            context.after(lambda: order.append(f"after {self.label}"))
            if self.fail:
                raise RuntimeError("broken plugin")
            return image

        def apply(self, image: np.ndarray) -> np.ndarray:
            return self.process(image, FrameContext(None, 0.0))

    frame = no_face_frame()
    run_chain([FilterGuard(Handing("a")), FilterGuard(Handing("b", fail=True)), FilterGuard(Handing("c"))],
              frame, FrameContext(None, 0.0))
    assert order == ["a", "b", "c", "after a", "after b", "after c"]
    order.clear()
    Handing("d").apply(frame)
    assert order == ["d", "after d"]
