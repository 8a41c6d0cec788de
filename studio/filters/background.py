"""Virtual background: blur the room or replace it with an image, behind a person mask."""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np

from .. import i420
from ..imaging import mix, shrink
from ..vision.context import FrameContext
from ..vision.segmentation import PersonSegmenter
from .base import I420Filter

MODES = ("off", "blur", "image")
# Person masks a second at each level: full quality, then the lighter level the guard steps down to
# while the background overruns its budget. The model (about 10 ms a run, on its own thread) is the
# heavy step; at half the rate the mask lags a moving person a little more, and the blur is always
# done at an eighth of the size.
MASK_RATES_HZ = (15.0, 7.5)
log = logging.getLogger(__name__)


def quarter_rgb(quarter: np.ndarray) -> np.ndarray:
    """RGB of a YUV 4:4:4 picture, through I420 so the colours match the frame's own conversion."""
    y, u, v = cv2.split(quarter)
    return i420.to_rgb(i420.from_planes(y, shrink(u, 2), shrink(v, 2)))


class BackgroundFilter(I420Filter):
    name = "virtual_background"
    # It repaints everything but the person, so true-colour mode switches it off.
    true_colour_safe = False
    keeps_geometry = True
    degrade_levels = len(MASK_RATES_HZ) - 1

    def __init__(self, mode: str = "blur", blur: int = 60, image: str = "", threaded: bool = True) -> None:
        self.mode, self.blur, self.image = mode, blur, image
        self.threaded = threaded
        self._segmenter: PersonSegmenter | None = None
        self._backdrop_key: tuple[str, tuple[int, ...]] | None = None
        self._backdrop: np.ndarray | None = None  # the picture, I420
        self._mask: tuple[np.ndarray, np.ndarray] = (np.empty(0, np.uint8),) * 2  # I420 weights, inverse
        self._mask_from: np.ndarray | None = None  # the fitted mask they were made from

    def set_options(self, **options: object) -> None:
        if "mode" in options and options["mode"] not in MODES:
            raise ValueError(f"background mode must be one of {', '.join(MODES)}")
        super().set_options(**options)

    @property
    def segmenter(self) -> PersonSegmenter:
        if self._segmenter is None:
            self._segmenter = PersonSegmenter(MASK_RATES_HZ[0], threaded=self.threaded)
        return self._segmenter

    def acts_on(self, image: np.ndarray, context: FrameContext) -> bool:
        return self.mode != "off" and not context.true_colour

    def process_i420(self, yuv: np.ndarray, context: FrameContext) -> np.ndarray:
        y, u, v = i420.planes(yuv)
        # The frame at quarter size, Y, U and V side by side (4:4:4): the mask, the blur and the
        # model's input all start from it.
        quarter = cv2.merge([shrink(y, 4), shrink(u, 2), shrink(v, 2)])
        self.segmenter.rate_hz = MASK_RATES_HZ[self.degrade]
        fitted = self.segmenter.fitted(quarter_rgb(quarter), context.after)
        backdrop = self._blurred(quarter, yuv.shape) if self.mode == "blur" else self._picture(i420.rgb_shape(yuv))
        if fitted is None:  # until the first mask (a frame or two) the room is never shown
            return backdrop.copy() if self.mode == "image" else backdrop  # the picture stays cached
        if fitted is not self._mask_from:
            weights = i420.weights(cv2.resize(fitted, (yuv.shape[1], y.shape[0]), interpolation=cv2.INTER_LINEAR))
            self._mask, self._mask_from = (weights, cv2.bitwise_not(weights)), fitted
        return mix(yuv, backdrop, *self._mask)

    def _blurred(self, quarter: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        sigma = 0.5 + float(self.blur) / 100 * 6  # at quarter size
        if sigma >= 2 or self.degrade:  # a wide blur loses nothing at an eighth of the size, and costs a quarter
            quarter, sigma = shrink(quarter, 2), sigma / 2
        blurred = cv2.GaussianBlur(quarter, (0, 0), sigma)
        backdrop = np.empty(shape, np.uint8)
        for small, plane in zip(cv2.split(blurred), i420.planes(backdrop), strict=True):  # each plane to its own size
            cv2.resize(small, (plane.shape[1], plane.shape[0]), dst=plane, interpolation=cv2.INTER_LINEAR)
        return backdrop

    def _picture(self, shape: tuple[int, ...]) -> np.ndarray:
        key = (str(self.image), shape)
        if key != self._backdrop_key:
            self._backdrop_key = key
            self._backdrop = i420.to_i420(_load_backdrop(Path(self.image), shape))
        assert self._backdrop is not None
        return self._backdrop


def _load_backdrop(path: Path, shape: tuple[int, ...]) -> np.ndarray:
    """The picture cropped to fill the frame; a plain grey card if it cannot be read."""
    h, w = shape[:2]
    picture = None
    if path.is_file():  # imdecode, not imread: imread cannot open non-ASCII paths on Windows
        picture = cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_COLOR)
    if picture is None:
        log.warning("background picture %r cannot be read; showing a plain card", str(path))
        return np.full((h, w, 3), 64, np.uint8)
    picture = cv2.cvtColor(picture, cv2.COLOR_BGR2RGB)
    scale = max(w / picture.shape[1], h / picture.shape[0])
    resized = cv2.resize(picture, (round(picture.shape[1] * scale), round(picture.shape[0] * scale)),
                         interpolation=cv2.INTER_AREA)
    y, x = (resized.shape[0] - h) // 2, (resized.shape[1] - w) // 2
    return np.ascontiguousarray(resized[y:y + h, x:x + w])
