"""Two simple filters: horizontal mirror and brightness/contrast."""

from __future__ import annotations

import cv2
import numpy as np

from .base import VideoFilter


class MirrorFilter(VideoFilter):
    """Flip left-right, as hosts expect from a selfie camera."""

    name = "mirror"
    true_colour_safe = True  # moves pixels, never recolours them

    def apply(self, image: np.ndarray) -> np.ndarray:
        return cv2.flip(image, 1)


class BrightnessContrastFilter(VideoFilter):
    """out = (in - 128) * contrast + 128 + brightness, through a 256-entry lookup table."""
    keeps_geometry = True

    name = "brightness_contrast"

    def __init__(self, brightness: float = 0.0, contrast: float = 1.0) -> None:
        self.brightness = brightness  # -100 … 100
        self.contrast = contrast  # 0.5 … 2.0
        self._lut_key: tuple[float, float] | None = None
        self._lut = np.arange(256, dtype=np.uint8)

    def _table(self) -> np.ndarray:
        key = (float(self.brightness), float(self.contrast))
        if key != self._lut_key:
            levels = (np.arange(256, dtype=np.float32) - 128) * key[1] + 128 + key[0]
            self._lut = np.clip(np.rint(levels), 0, 255).astype(np.uint8)
            self._lut_key = key
        return self._lut

    def apply(self, image: np.ndarray) -> np.ndarray:
        return cv2.LUT(image, self._table())
