"""HD enhancement, the upscaler, the virtual background and true-colour product mode, measured on
real photographs."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from studio.filters.background import BackgroundFilter
from studio.filters.basic import BrightnessContrastFilter, MirrorFilter
from studio.filters.beauty import BEAUTY_PRESETS, BeautyFilter
from studio.filters.enhance import EnhanceFilter
from studio.filters.upscale import UpscaleFilter, gain_over_bicubic
from studio.guard import FilterGuard
from studio.imaging import psnr
from studio.vision.context import FaceAnalysis, FrameContext
from studio.vision.regions import region_mask
from tests.photos import host_frame, luma, photo, product_frame, sensor_noise

OFF = dict.fromkeys(("denoise", "sharpen", "low_light", "saturation", "warmth"), 0)
PHOTOS = ("astronaut", "coffee", "chelsea", "rocket", "camera", "immunohistochemistry")


def enhance(image: np.ndarray, frames: int = 1, level: int = 0, **options: int) -> np.ndarray:
    flt = EnhanceFilter(**{**OFF, **options})
    flt.degrade = level  # what the guard sets while HD overruns its budget
    for _ in range(frames):
        out = flt.apply(image)
    return out


LEVELS = range(EnhanceFilter.degrade_levels + 1)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("name", ["coffee", "astronaut", "chelsea"])
def test_low_light_lifts_dark_pictures_without_clipping(name: str, level: int) -> None:
    dark = (photo(name) * 0.35).astype(np.uint8)
    out = enhance(dark, frames=20, level=level, low_light=70)  # auto exposure eases in over frames
    assert luma(out).mean() >= luma(dark).mean() + 15
    assert (luma(out) >= 255).mean() < 0.01


def test_low_light_leaves_a_well_lit_picture_alone() -> None:
    bright = photo("coffee")
    assert np.array_equal(enhance(bright, frames=5, low_light=100), enhance(bright, frames=5))


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("name", PHOTOS)
def test_sharpening_adds_detail_without_halos(name: str, level: int) -> None:
    image = photo(name)
    out = enhance(image, level=level, sharpen=60)
    before, after = (cv2.Laplacian(luma(x), cv2.CV_64F).var() for x in (image, out))
    assert after >= 1.2 * before
    # No halos: no pixel overshoots the brightest or darkest of its 3×3 neighbours.
    kernel = np.ones((3, 3), np.uint8)
    y = luma(image).astype(int)
    y_out = luma(out).astype(int)
    assert (y_out <= cv2.dilate(luma(image), kernel).astype(int) + 2).all()
    assert (y_out >= cv2.erode(luma(image), kernel).astype(int) - 2).all()
    assert y.shape == y_out.shape


def test_denoise_brings_a_noisy_picture_closer_to_the_clean_one() -> None:
    clean = photo("astronaut")
    noisy = sensor_noise(clean, 10, seed=1)
    assert psnr(enhance(noisy, denoise=80), clean) > psnr(noisy, clean) + 1.0


def test_colour_boost_spares_skin() -> None:
    frame = product_frame()
    out = enhance(frame, saturation=80)
    def chroma(image: np.ndarray) -> np.ndarray:
        ycc = cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb).astype(float)
        return np.hypot(ycc[..., 1] - 128, ycc[..., 2] - 128)
    product = (slice(420, 640), slice(880, 1220))
    face = (slice(300, 380), slice(260, 420))
    product_gain = chroma(out)[product].mean() / chroma(frame)[product].mean()
    skin_gain = chroma(out)[face].mean() / chroma(frame)[face].mean()
    assert product_gain > 1.2
    assert skin_gain < 1 + (product_gain - 1) / 2


def test_upscaler_beats_bicubic() -> None:
    gains = [gain_over_bicubic(photo(name)) for name in PHOTOS]
    assert np.mean(gains) > 0.2
    assert min(gains) > 0


def test_upscale_filter_brings_a_small_camera_to_canvas_height() -> None:
    small = cv2.resize(photo("astronaut"), (640, 360))
    guard = FilterGuard(UpscaleFilter(height=720))
    assert guard.apply(small).shape == (720, 1280, 3)
    assert guard.error is None
    big = np.zeros((720, 1280, 3), np.uint8)
    assert guard.apply(big) is big


@pytest.mark.parametrize("level", LEVELS)
def test_true_colour_mode_keeps_every_pixel_outside_faces(level: int) -> None:
    """All effects up, plus filters that would recolour everything: outside the faces the output
    is exactly the denoised and sharpened input, at every level HD may be stepped down to."""
    frame = product_frame()
    enhancer = EnhanceFilter(denoise=50, sharpen=60, low_light=100, saturation=100, warmth=60)
    enhancer.degrade = level
    chain = [BeautyFilter(**BEAUTY_PRESETS["glam"]),
             enhancer,
             BackgroundFilter(mode="blur", threaded=False),
             BrightnessContrastFilter(brightness=40, contrast=1.5),
             MirrorFilter()]
    chain.pop()  # mirroring is geometry; the pixel-for-pixel check needs the picture where it was
    guards = [FilterGuard(f) for f in chain]
    analysis = FaceAnalysis()
    for i in range(3):
        context = FrameContext(analysis, i / 30, true_colour=True)
        out = frame
        for guard in guards:
            out = guard.apply(out, context)
    assert all(g.error is None for g in guards)
    outside = region_mask(context.regions(frame), frame.shape) == 0
    # Denoise and sharpening look at neighbours, so the reference is them applied to what reached
    # the enhancer: the beautified frame, itself identical to the input outside the faces.
    beautified = guards[0].apply(frame, context)
    assert np.array_equal(beautified[outside], frame[outside])
    reference = enhance(beautified, level=level, denoise=50, sharpen=60)
    assert outside.mean() > 0.9
    assert np.array_equal(out[outside], reference[outside])
    # The face itself is still beautified.
    assert not np.array_equal(out[~outside], reference[~outside])
    # Without the mode, the same chain recolours the product.
    context = FrameContext(analysis, 1.0)
    free = frame
    for guard in guards:
        free = guard.apply(free, context)
    assert np.abs(free[outside].astype(int) - reference[outside]).mean() > 5
    assert guards[2].filter.segmenter.runs > 0


@pytest.mark.parametrize("level", range(BackgroundFilter.degrade_levels + 1))
def test_virtual_background_keeps_the_person_and_blurs_the_room(level: int) -> None:
    frame = host_frame()
    frame[:200, :300] = photo("rocket")[100:300, 100:400]  # something sharp behind the host
    flt = BackgroundFilter(mode="blur", blur=80, threaded=False)
    flt.degrade = level  # what the guard sets while the background overruns its budget
    for _ in range(3):
        out = flt.apply(frame)
    assert flt.segmenter.rate_hz == (15.0, 7.5)[level]  # the person model runs half as often when lighter
    mask = flt.segmenter.mask(frame)
    assert mask is not None and mask.dtype == np.uint8
    mask = mask / 255
    face = (slice(300, 400), slice(560, 720))
    assert mask[face].mean() > 0.9
    assert mask[:150, :250].mean() < 0.1
    assert np.abs(out[face].astype(int) - frame[face]).mean() < 3
    room = (slice(0, 150), slice(0, 250))
    sharpness = [cv2.Laplacian(luma(x)[room], cv2.CV_64F).var() for x in (frame, out)]
    assert sharpness[1] < 0.2 * sharpness[0]


def test_background_mask_edges_follow_the_picture() -> None:
    """The mask refined against the frame puts its edge where the picture's edge is: along the
    refined mask's boundary the picture's gradient is stronger than along the model's raw one."""
    frame = host_frame()
    flt = BackgroundFilter(threaded=False)
    flt.apply(frame)
    refined = flt.segmenter.mask(frame) / 255
    coarse = cv2.resize(flt.segmenter.coarse_mask(cv2.resize(frame, (320, 180))), (1280, 720))
    y = luma(frame).astype(np.float32)
    gradient = np.hypot(cv2.Sobel(y, cv2.CV_32F, 1, 0), cv2.Sobel(y, cv2.CV_32F, 0, 1))
    def edge_strength(mask: np.ndarray) -> float:
        boundary = (mask > 0.3) & (mask < 0.7)
        return float(gradient[boundary].mean())
    assert edge_strength(refined) > 1.1 * edge_strength(coarse)


def test_an_object_held_up_stays_mostly_in_front() -> None:
    """The astronaut holds her helmet: the model is unsure of it (about 0.4), the mask keeps it
    mostly in front of the blur."""
    frame = np.full((720, 1280, 3), 96, np.uint8)
    frame[:, 280:1000] = cv2.resize(photo("astronaut"), (720, 720))
    flt = BackgroundFilter(threaded=False)
    for _ in range(3):
        flt.apply(frame)
    mask = flt.segmenter.mask(frame) / 255
    helmet = (slice(534, 703), slice(280 + 478, 280 + 661))  # (340, 380)–(470, 500) of the 512 photo
    face = (slice(127, 267), slice(280 + 253, 280 + 380))
    assert mask[helmet].mean() > 0.5 and mask[face].mean() > 0.9


def test_replacement_picture_and_a_missing_one(tmp_path, caplog: pytest.LogCaptureFixture) -> None:
    picture = tmp_path / "直播间背景.png"  # hosts name files in Chinese
    cv2.imwrite(str(picture), cv2.cvtColor(photo("coffee"), cv2.COLOR_RGB2BGR))
    frame = host_frame()
    flt = BackgroundFilter(mode="image", image=str(picture), threaded=False)
    for _ in range(2):
        out = flt.apply(frame)
    corner = out[:100, :100].astype(int)
    assert np.abs(corner - 96).mean() > 20  # the grey wall is gone
    flt.set_options(image=str(tmp_path / "missing.png"))
    out = flt.apply(frame)
    assert np.abs(out[:100, :100].astype(int) - 64).max() <= 2  # a plain card, no crash
    assert "missing.png" in caplog.text and "cannot be read" in caplog.text
    with pytest.raises(ValueError, match="mode"):
        flt.set_options(mode="green-screen")


def test_segmenter_worker_runs_beside_the_program_and_ends() -> None:
    flt = BackgroundFilter(mode="blur")
    frame = host_frame()
    for _ in range(200):  # up to 2 s
        if flt.segmenter.runs:
            break
        flt.apply(frame)
        time.sleep(0.01)
    assert flt.segmenter.runs > 0
    worker = flt.segmenter._worker
    flt.segmenter.close()
    assert worker is not None and not worker.is_alive()



def chroma_error(image: np.ndarray, clean: np.ndarray) -> float:
    ycc = [cv2.cvtColor(x, cv2.COLOR_RGB2YCrCb).astype(float)[..., 1:] for x in (image, clean)]
    return float(np.abs(ycc[0] - ycc[1]).mean())


def luma_error(image: np.ndarray, clean: np.ndarray) -> float:
    return float(np.abs(luma(image).astype(float) - luma(clean)).mean())


def test_light_denoise_cleans_luma_and_strong_denoise_cleans_chroma_too() -> None:
    clean = photo("astronaut")
    noisy = sensor_noise(clean, 10, seed=2)
    light, strong = enhance(noisy, denoise=30), enhance(noisy, denoise=80)
    assert luma_error(light, clean) < 0.9 * luma_error(noisy, clean)
    assert abs(chroma_error(light, clean) - chroma_error(noisy, clean)) < 0.3  # chroma left as it was
    assert chroma_error(strong, clean) < 0.8 * chroma_error(noisy, clean)
    def chroma_grain(image: np.ndarray) -> float:
        ycc = cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb).astype(np.float32)[..., 1:]
        return float(((ycc - cv2.GaussianBlur(ycc, (0, 0), 2)) ** 2).mean())

    dark = (noisy * 0.35).astype(np.uint8)  # a dark frame: light denoise cleans chroma too
    assert chroma_grain(enhance(dark, frames=3, denoise=30, low_light=70)) < \
        0.8 * chroma_grain(enhance(dark, frames=3, low_light=70))


def test_lighter_levels_drop_chroma_denoise_then_luma_denoise_in_good_light() -> None:
    clean = photo("astronaut")
    noisy = sensor_noise(clean, 10, seed=2)
    first = enhance(noisy, level=1, denoise=80)
    assert luma_error(first, clean) < 0.9 * luma_error(noisy, clean)
    assert abs(chroma_error(first, clean) - chroma_error(noisy, clean)) < 0.3
    # Level 2: a well-lit frame keeps its (little) luma noise; a dark one is still denoised.
    assert luma_error(enhance(noisy, level=2, denoise=80), clean) > 0.95 * luma_error(noisy, clean)
    dark, dark_clean = ((x * 0.35).astype(np.uint8) for x in (noisy, clean))
    lifted_clean = enhance(dark_clean, frames=3, level=2, low_light=70)
    assert luma_error(enhance(dark, frames=3, level=2, denoise=80, low_light=70), lifted_clean) < \
        0.95 * luma_error(enhance(dark, frames=3, level=2, low_light=70), lifted_clean)


def test_i420_filters_share_one_conversion_and_give_their_own_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """HD and the background work on YUV 4:2:0: side by side in the chain they share one conversion
    each way, and the picture is what each gives on its own."""
    from studio import i420
    from studio.pipeline import run_chain
    frame = host_frame()
    filters = [EnhanceFilter(), BackgroundFilter(threaded=False)]
    expected = frame
    for flt in filters:
        expected = flt.process(expected, FrameContext(None, 0.0))
    conversions = {"to_i420": 0, "to_rgb": 0}
    for name in conversions:
        real = getattr(i420, name)
        def counted(image: np.ndarray, real=real, name=name) -> np.ndarray:
            if image.size > 100_000:  # whole frames; the segmenter's quarter-size input is not one
                conversions[name] += 1
            return real(image)
        monkeypatch.setattr(i420, name, counted)
    out = run_chain([FilterGuard(f) for f in filters], frame, FrameContext(None, 0.0))
    assert conversions == {"to_i420": 1, "to_rgb": 1}
    # On their own each went through 4:2:0 and back, so the colours differ by rounding at most.
    assert out.shape == frame.shape and np.abs(out.astype(int) - expected).mean() < 1.0


def test_filters_with_nothing_to_do_cost_no_conversion() -> None:
    from studio.pipeline import run_chain
    frame = host_frame()
    chain = [FilterGuard(EnhanceFilter(**OFF)), FilterGuard(BackgroundFilter(mode="off", threaded=False))]
    assert run_chain(chain, frame, FrameContext(None, 0.0)) is frame
    # Low light alone on a well-lit frame does nothing either.
    chain[0].filter.set_options(low_light=80)
    assert run_chain(chain, frame, FrameContext(None, 0.0)) is frame


@pytest.mark.parametrize("level", LEVELS)
def test_true_colour_grading_alone_keeps_every_pixel_outside_faces(level: int) -> None:
    """No denoise and no sharpening: in product mode the chain must not even take the frame through
    4:2:0 and back, so outside the faces every pixel is the camera's."""
    from studio.pipeline import run_chain
    frame = (product_frame() * 0.5).astype(np.uint8)  # dim: the low-light lift acts
    enhancer = EnhanceFilter(**{**OFF, "low_light": 80, "saturation": 60, "warmth": 40})
    enhancer.degrade = level
    chain = [FilterGuard(enhancer), FilterGuard(BackgroundFilter(threaded=False))]
    analysis = FaceAnalysis()
    for i in range(3):
        context = FrameContext(analysis, i / 30, true_colour=True)
        out = run_chain(chain, frame, context)
    outside = region_mask(context.regions(frame), frame.shape) == 0
    assert 0.5 < outside.mean() < 1
    assert np.array_equal(out[outside], frame[outside])
    assert np.abs(out[~outside].astype(int) - frame[~outside]).mean() > 3  # the face itself is lifted
