"""Beauty: skin smoothing, whitening, rosy tone, face slimming and eye enlarging. Every effect acts
inside a face's own region (landmark masks), so hair, background and the product stay untouched."""

from __future__ import annotations

import cv2
import numpy as np

from ..imaging import blend, guided_smooth, shrink
from ..vision.context import FrameContext
from ..vision.regions import CHIN, JAW, LEFT_EYE, NOSE_TIP, RIGHT_EYE, FaceRegions
from .base import VideoFilter

SMOOTH_WIDTH = 120  # faces are smoothed at about this width in pixels: fast, and pores are gone there
WARP_STEP = 4  # displacement fields are computed on a grid this coarse, then interpolated
# (smoothing width, warp grid step): full quality, then the lighter level the guard steps down to
# while beauty overruns its budget: the same effects at half the working size (about 30% less time;
# a quarter of the width saves nothing more, the warp's remap and the blends stay).
LEVELS = ((SMOOTH_WIDTH, WARP_STEP), (SMOOTH_WIDTH // 2, 2 * WARP_STEP))

BEAUTY_OPTIONS = ("smoothing", "whitening", "rosy", "slimming", "eyes")
BEAUTY_PRESETS = {
    "natural": {"smoothing": 40, "whitening": 20, "rosy": 10, "slimming": 10, "eyes": 5},
    "glam": {"smoothing": 75, "whitening": 45, "rosy": 35, "slimming": 40, "eyes": 35},
}
MY_PRESET = "mine"


class BeautyFilter(VideoFilter):
    """All sliders 0–100."""

    name = "beauty"
    true_colour_safe = True  # it only ever changes pixels inside face regions
    uses_faces = True
    keeps_geometry = True  # its warps move pixels by a few at most, inside the faces' own regions
    degrade_levels = len(LEVELS) - 1

    def __init__(self, smoothing: int = 50, whitening: int = 25, rosy: int = 15, slimming: int = 15,
                 eyes: int = 10) -> None:
        self.smoothing, self.whitening, self.rosy, self.slimming, self.eyes = smoothing, whitening, rosy, slimming, eyes
        self._lut_key = -1
        self._lut = np.arange(256, dtype=np.uint8)

    def apply(self, image: np.ndarray) -> np.ndarray:
        return self.process(image, FrameContext(None, 0.0))

    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        if not any(getattr(self, option) for option in BEAUTY_OPTIONS):
            return image
        regions = context.regions(image)
        if not regions:
            return image
        out = image if context.owns(image) else image.copy()
        smooth_width, warp_step = LEVELS[self.degrade]
        for region in regions:
            window = out[region.window]
            toned = self._tone(window, region, smooth_width)
            warped = self._warp(toned, region, warp_step)
            # Only the face region is written back: a hard guarantee, whatever feathering and
            # interpolation did.
            cv2.copyTo(warped, region.region, window)
        return out

    # -- colour ------------------------------------------------------------------------------
    def _whitening_table(self) -> np.ndarray:
        whitening = self.whitening  # read once: the window may change it meanwhile
        if self._lut_key != whitening:
            beta = 1 + 0.06 * float(whitening)  # log curve: lifts shadows and mids, keeps white
            x = np.arange(256, dtype=np.float64) / 255
            self._lut = np.clip(np.rint(255 * np.log1p((beta - 1) * x) / np.log(beta)), 0, 255).astype(np.uint8)
            self._lut_key = whitening
        return self._lut

    def _tone(self, window: np.ndarray, region: FaceRegions, smooth_width: int) -> np.ndarray:
        skin = region.skin
        result = window
        if self.smoothing:
            strength = min(float(self.smoothing), 100) / 100
            scale = min(1.0, smooth_width / max(region.face.width, 1.0))
            small = _downscale(window, scale) if scale < 1 else window
            radius = max(2, round(region.face.width * scale * 0.03))
            smooth = guided_smooth(small, radius, (6 + 20 * strength) ** 2)
            if scale < 1:
                smooth = cv2.resize(smooth, (window.shape[1], window.shape[0]), interpolation=cv2.INTER_LINEAR)
            result = blend(result, smooth, skin * (0.95 * strength))
        if self.whitening or self.rosy:
            toned = cv2.LUT(result, self._whitening_table()) if self.whitening else result
            if self.rosy:
                tint = np.diag([1.0 + 0.0012 * self.rosy, 1.0 - 0.0008 * self.rosy, 1.0 + 0.0002 * self.rosy])
                toned = cv2.transform(toned, tint)
            result = blend(result, toned, skin)
        return result if result is not window else window.copy()

    # -- shape -------------------------------------------------------------------------------
    def _warp(self, window: np.ndarray, region: FaceRegions, step: int) -> np.ndarray:
        if not (self.slimming or self.eyes):
            return window
        h, w = window.shape[:2]
        # Coarse cells sit where cv2.resize puts them when it enlarges the field (pixel centres):
        # cell i at step·i + (step − 1)/2.
        rows, cols = -(-h // step), -(-w // step)
        gy, gx = (np.mgrid[0:rows, 0:cols].astype(np.float32) * step + (step - 1) / 2)
        dx, dy = np.zeros_like(gx), np.zeros_like(gy)
        points = region.face.landmarks - np.array(region.origin, np.float32)
        width = max(region.face.width, 1.0)
        if self.slimming:
            centre = (points[NOSE_TIP] + points[CHIN]) / 2
            jaw = points[JAW]
            inward = centre - jaw
            inward /= np.maximum(np.hypot(inward[:, 0], inward[:, 1]), 1e-3)[:, None]
            _translate(gx, gy, dx, dy, step, jaw, inward * (0.0006 * float(self.slimming) * width), 0.12 * width)
        if self.eyes:
            for eye in (RIGHT_EYE, LEFT_EYE):
                ring = points[eye]
                eye_width = float(np.hypot(*(ring.max(axis=0) - ring.min(axis=0))))
                _magnify(gx, gy, dx, dy, step, ring.mean(axis=0), 0.9 * eye_width, 0.0025 * float(self.eyes))
        # Only the displacement is interpolated; the identity is exact, so where nothing moves,
        # every pixel samples itself.
        size = (cols * step, rows * step)
        map_x = cv2.resize(dx, size, interpolation=cv2.INTER_LINEAR)[:h, :w] + np.arange(w, dtype=np.float32)
        map_y = cv2.resize(dy, size, interpolation=cv2.INTER_LINEAR)[:h, :w] + np.arange(h, dtype=np.float32)[:, None]
        return cv2.remap(window, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _downscale(image: np.ndarray, scale: float) -> np.ndarray:
    """``image`` scaled by ``scale`` < 1: exact halvings, then bilinear for the rest (above ½ it
    reads every pixel), at a sixth of INTER_AREA's cost for a fractional scale."""
    while scale <= 0.5:
        image, scale = shrink(image, 2), scale * 2
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)


def _window(gx: np.ndarray, step: int, low: np.ndarray, high: np.ndarray) -> tuple[slice, slice]:
    """The grid cells between corners ``low`` and ``high``: each warp only computes where it acts."""
    x0 = max(int(low[0] // step), 0)
    y0 = max(int(low[1] // step), 0)
    x1 = min(int(high[0] // step) + 2, gx.shape[1])
    y1 = min(int(high[1] // step) + 2, gx.shape[0])
    return slice(y0, max(y1, y0)), slice(x0, max(x1, x0))


def _translate(gx: np.ndarray, gy: np.ndarray, dx: np.ndarray, dy: np.ndarray, step: int, centres: np.ndarray,
               shifts: np.ndarray, radius: float) -> None:
    """Gustafson's local translation warp, for N points at once: content near ``centres[i]`` moves
    by ``shifts[i]``, fading to nothing at ``radius``. Adds the backward displacement (where each
    pixel samples from)."""
    cells = _window(gx, step, centres.min(axis=0) - radius, centres.max(axis=0) + radius)
    ox = gx[cells][..., None] - centres[:, 0]  # cells × points
    oy = gy[cells][..., None] - centres[:, 1]
    d2 = ox * ox + oy * oy
    r2 = radius * radius
    m2 = (shifts * shifts).sum(axis=1)
    weight = np.where(d2 < r2, ((r2 - d2) / (r2 - d2 + m2 + 1e-6)) ** 2, 0).astype(np.float32)
    dx[cells] -= weight @ shifts[:, 0].astype(np.float32)
    dy[cells] -= weight @ shifts[:, 1].astype(np.float32)


def _magnify(gx: np.ndarray, gy: np.ndarray, dx: np.ndarray, dy: np.ndarray, step: int, centre: np.ndarray,
             radius: float, amount: float) -> None:
    """Local scaling warp: magnification 1/(1−amount) at the centre, none at ``radius``."""
    cells = _window(gx, step, centre - radius, centre + radius)
    ox, oy = gx[cells] - centre[0], gy[cells] - centre[1]
    r = np.sqrt(ox * ox + oy * oy) / max(radius, 1e-3)
    pull = np.where(r < 1, amount * (1 - r * r) ** 2, 0).astype(np.float32)
    dx[cells] -= pull * ox
    dy[cells] -= pull * oy
