"""Virtual background: blur the room or replace it with an image, behind a person mask."""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np

from ..imaging import composite, shrink
from ..vision.context import FrameContext
from ..vision.segmentation import PersonSegmenter
from .base import VideoFilter

MODES = ("off", "blur", "image")
log = logging.getLogger(__name__)


class BackgroundFilter(VideoFilter):
    name = "virtual_background"
    # It repaints everything but the person, so true-colour mode switches it off.
    true_colour_safe = False
    keeps_geometry = True

    def __init__(self, mode: str = "blur", blur: int = 60, image: str = "", threaded: bool = True) -> None:
        self.mode, self.blur, self.image = mode, blur, image
        self.threaded = threaded
        self._segmenter: PersonSegmenter | None = None
        self._backdrop_key: tuple[str, tuple[int, ...]] | None = None
        self._backdrop: np.ndarray | None = None

    def set_options(self, **options: object) -> None:
        if "mode" in options and options["mode"] not in MODES:
            raise ValueError(f"background mode must be one of {', '.join(MODES)}")
        super().set_options(**options)

    @property
    def segmenter(self) -> PersonSegmenter:
        if self._segmenter is None:
            self._segmenter = PersonSegmenter(threaded=self.threaded)
        return self._segmenter

    def apply(self, image: np.ndarray) -> np.ndarray:
        return self.process(image, FrameContext(None, 0.0))

    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        if self.mode == "off" or context.true_colour:
            return image
        h, w = image.shape[:2]
        quarter = shrink(image, 4)
        mask = self.segmenter.mask(image, quarter, context.after)
        backdrop = self._blurred(quarter, (w, h)) if self.mode == "blur" else self._picture(image.shape)
        if mask is None:  # until the first mask (a frame or two) the room is never shown
            return backdrop.copy() if self.mode == "image" else backdrop  # the picture stays cached
        return composite(image, backdrop, mask)

    def _blurred(self, quarter: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        sigma = 0.5 + float(self.blur) / 100 * 6  # at quarter size
        if sigma >= 2:  # a wide blur loses nothing at an eighth of the size, and costs a quarter
            quarter, sigma = shrink(quarter, 2), sigma / 2
        blurred = cv2.GaussianBlur(quarter, (0, 0), sigma)
        return cv2.resize(blurred, size, interpolation=cv2.INTER_LINEAR)

    def _picture(self, shape: tuple[int, ...]) -> np.ndarray:
        key = (str(self.image), shape)
        if key != self._backdrop_key:
            self._backdrop_key = key
            self._backdrop = _load_backdrop(Path(self.image), shape)
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
