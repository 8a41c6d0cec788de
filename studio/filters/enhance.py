"""HD enhancement: denoise, halo-free sharpening, low-light lift and colour, in YUV 4:2:0 (luma at full size
and chroma at half, as the encoder sends it anyway). In true-colour mode only denoise
and sharpening reach pixels outside faces."""

from __future__ import annotations

import cv2
import numpy as np

from .. import i420
from ..imaging import blend, shrink
from ..vision.context import FrameContext
from ..vision.regions import face_weights
from .base import I420Filter

DARK_LUMA = 100.0  # auto exposure acts on frames darker than this (mean luma)…
TARGET_LUMA = 118.0  # …and brings them up towards this
# YCrCb chroma of skin (Chai & Ngan 1999): colour boosts back off there so faces do not turn orange.
SKIN_V, SKIN_U = (135, 175), (80, 128)  # as V (Cr) and U (Cb) ranges
NEIGHBOURS = np.ones((3, 3), np.uint8)
GAUSS_5 = cv2.getGaussianKernel(5, 1.0)
GAUSS_3 = cv2.getGaussianKernel(3, 0.8)
# The lighter levels the guard steps down to while HD overruns its budget; each keeps what the one
# before dropped. 1: chroma is not denoised, and local contrast is found at a quarter of the size
# instead of half. 2: luma is denoised on dark frames only (good light leaves little noise), the
# sharpening blur is 3×3, and local contrast is found every other frame (its change is a slowly
# varying tone map; the frame between reuses it). Cheaper luma denoisers (a 3×3 median or
# Gaussian) were tried and dropped: on detailed photos they end further from the clean picture than
# the noisy one was.
CONTRAST_SHRINK = (2, 4, 4)


class EnhanceFilter(I420Filter):
    """Sliders 0–100 (warmth −100…100)."""

    name = "hd_enhance"
    true_colour_safe = True  # honours true-colour mode itself
    keeps_geometry = True
    degrade_levels = 2

    def __init__(self, denoise: int = 30, sharpen: int = 40, low_light: int = 50, saturation: int = 0,
                 warmth: int = 0) -> None:
        self.denoise, self.sharpen, self.low_light, self.saturation, self.warmth = (
            denoise, sharpen, low_light, saturation, warmth)
        self._gamma = 1.0
        self._colour_key: tuple[float, float] | None = None
        self._colour_tables: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._clahe: tuple[float, cv2.CLAHE] | None = None
        self._contrast: np.ndarray | None = None  # at level 2: local contrast's change, for the next frame

    def acts_on(self, image: np.ndarray, context: FrameContext) -> bool:
        if self.denoise or self.sharpen or self.saturation or self.warmth:
            return True
        return bool(self.low_light) and (self._gamma < 0.99 or _mean_luma(image) < DARK_LUMA)

    def needs_faces(self, true_colour: bool) -> bool:
        return true_colour and bool(self.low_light or self.saturation or self.warmth)

    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        out = super().process(image, context)
        if context.true_colour and not (self.denoise or self.sharpen) and out is not image:
            # Only faces may change, and the way through 4:2:0 must not touch the rest either.
            regions = context.regions(image)
            return blend(image, out, face_weights(regions, image.shape)) if regions else image
        return out

    def process_i420(self, yuv: np.ndarray, context: FrameContext) -> np.ndarray:
        luma, u, v = i420.planes(yuv)
        mean = _mean_luma(yuv) if self.low_light else 255.0
        if self.low_light:
            self._ease_exposure(mean)
        exposing = bool(self.low_light) and (mean < DARK_LUMA or self._gamma < 0.99)  # a bright frame: nothing
        if self.denoise and (self.degrade < 2 or exposing):
            # Bilateral filters: edge-preserving, one call each. Colour blotches are a dim-light
            # kind of noise: chroma is denoised on dark frames, or from half strength up.
            strength = float(self.denoise) / 100
            luma[...] = cv2.bilateralFilter(luma, 3, 8 + 25 * strength, 1.0)
            if self.degrade == 0 and (self.denoise >= 50 or exposing):
                for plane in (u, v):
                    plane[...] = cv2.bilateralFilter(plane, 3, 8 + 30 * strength, 1.5)
        if self.sharpen:
            luma[...] = self._sharpen(luma)
        if not (exposing or self.saturation or self.warmth):
            return yuv
        detail_only = yuv.copy() if context.true_colour else None  # grading then reaches faces only
        if exposing:
            luma[...] = self._expose(luma, mean)
        if self.saturation or self.warmth:
            self._colour(u, v)
        if detail_only is None:
            return yuv
        regions = context.regions(yuv)
        if not regions:
            return detail_only
        return blend(detail_only, yuv, i420.weights(face_weights(regions, i420.rgb_shape(yuv))))

    def _sharpen(self, luma: np.ndarray) -> np.ndarray:
        """Unsharp mask clamped to each pixel's 3×3 neighbourhood range: edges get crisper, but no
        pixel may overshoot its neighbours, so there are no bright or dark halos."""
        amount = 2.0 * float(self.sharpen) / 100
        kernel = GAUSS_5 if self.degrade < 2 else GAUSS_3
        blurred = cv2.sepFilter2D(luma, -1, kernel, kernel)
        sharpened = cv2.addWeighted(luma, 1 + amount, blurred, -amount, 0)
        return cv2.min(cv2.max(sharpened, cv2.erode(luma, NEIGHBOURS)), cv2.dilate(luma, NEIGHBOURS))

    def _ease_exposure(self, mean: float) -> None:
        """The exposure gamma eased towards what the frame's mean luma asks for: one that lifts a
        dark frame's mean towards the target (never darkens), without pumping."""
        wanted = 1.0
        if mean < DARK_LUMA:
            target = mean + (TARGET_LUMA - mean) * float(self.low_light) / 100
            wanted = float(np.log(max(target, 1) / 255) / np.log(max(mean, 1) / 255))
        self._gamma += 0.3 * (wanted - self._gamma)

    def _expose(self, luma: np.ndarray, mean: float) -> np.ndarray:
        """Auto exposure with the metered gamma, then local contrast (CLAHE) on dark frames."""
        strength = float(self.low_light) / 100
        if self._gamma < 0.99:
            table = np.clip(np.rint(255 * (np.arange(256) / 255) ** self._gamma), 0, 255).astype(np.uint8)
            luma = cv2.LUT(luma, table)
        if mean < DARK_LUMA:
            luma = cv2.add(luma, self._contrast_change(luma, strength), dtype=cv2.CV_8U)
        return luma

    def _contrast_change(self, luma: np.ndarray, strength: float) -> np.ndarray:
        """What CLAHE changes, found at reduced size (a slowly varying tone curve), at full size."""
        kept, self._contrast = self._contrast, None
        if self.degrade >= 2 and kept is not None and kept.shape == luma.shape:
            return kept  # found last frame: this one reuses it, the next finds it afresh
        h, w = luma.shape
        small = shrink(luma, CONTRAST_SHRINK[self.degrade])
        change = cv2.subtract(self._local_contrast(strength).apply(small), small, dtype=cv2.CV_16S)
        if strength < 1:
            change = cv2.multiply(change, (0.5 + 0.5 * strength,) * 4, dtype=cv2.CV_16S)
        change = cv2.resize(change, (w, h), interpolation=cv2.INTER_LINEAR)
        if self.degrade >= 2:
            self._contrast = change
        return change

    def _local_contrast(self, strength: float) -> cv2.CLAHE:
        clip = round(1.0 + 1.5 * strength, 2)
        if self._clahe is None or self._clahe[0] != clip:
            self._clahe = (clip, cv2.createCLAHE(clipLimit=clip, tileGridSize=(8, 8)))
        return self._clahe[1]

    def _colour(self, u: np.ndarray, v: np.ndarray) -> None:
        """Saturation and warmth on the half-size U and V planes, in place, through lookup tables;
        skin tones (a cleaned skin mask) get a fifth of the saturation boost, so faces do not turn
        orange."""
        boost = float(self.saturation) / 100 * 0.6
        warm = float(self.warmth) / 100 * 6
        key = (boost, warm)
        if self._colour_key != key:
            self._colour_key = key
            self._colour_tables = {name: (_chroma_table(1 + boost, shift), _chroma_table(1 + 0.2 * boost, shift))
                                   for name, shift in (("u", -warm), ("v", warm))}
        skin = cv2.medianBlur(cv2.bitwise_and(cv2.inRange(v, *SKIN_V), cv2.inRange(u, *SKIN_U)), 3)
        for name, plane in (("u", u), ("v", v)):
            vivid_table, skin_table = self._colour_tables[name]
            vivid = cv2.LUT(plane, vivid_table)
            cv2.copyTo(cv2.LUT(plane, skin_table), skin, vivid)
            plane[...] = vivid


def _mean_luma(image: np.ndarray) -> float:
    """Mean luma as full-range grey of an RGB or I420 frame, from every 8th row (whole rows: reading
    them is cheap, scattered pixels are not)."""
    if image.ndim == 2:
        return i420.gray_mean(image[:i420.rgb_shape(image)[0]:8])
    return float(cv2.mean(cv2.cvtColor(image[::8], cv2.COLOR_RGB2GRAY))[0])


def _chroma_table(gain: float, shift: float) -> np.ndarray:
    """A 256-entry lookup table for U or V: scaled about neutral (128), then shifted."""
    levels = np.arange(256, dtype=np.float64)
    return np.clip(np.rint(128 + (levels - 128) * gain + shift), 0, 255).astype(np.uint8)
