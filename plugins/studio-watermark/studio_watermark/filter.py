"""A logo image or a caption, in a corner of the picture, at a chosen opacity."""

from __future__ import annotations

import cv2
import numpy as np

from studio.plugin_api import VideoFilter, blend_into, render_text

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


class WatermarkFilter(VideoFilter):
    name = "watermark"

    def __init__(self, text: str = "", image: str = "", corner: str = "top-right", opacity: float = 0.8,
                 width_fraction: float = 0.15, margin_fraction: float = 0.03) -> None:
        if corner not in CORNERS:
            raise ValueError(f"corner must be one of {CORNERS}, not {corner!r}")
        if not text and not image:
            raise ValueError("give the watermark a caption (text) or a logo (image)")
        self.text, self.image, self.corner = text, image, corner
        self.opacity, self.width_fraction, self.margin_fraction = opacity, width_fraction, margin_fraction
        self._logo = self._load_logo(image) if image else None
        self._scaled: tuple[tuple[int, int], np.ndarray] | None = None  # per frame size, computed once

    def set_options(self, **options: object) -> None:
        super().set_options(**options)
        if "image" in options:
            self._logo = self._load_logo(self.image) if self.image else None
        self._scaled = None  # redraw the mark with the new settings

    @staticmethod
    def _load_logo(path: str) -> np.ndarray:
        logo = cv2.imread(path, cv2.IMREAD_UNCHANGED)
        if logo is None:
            raise ValueError(f"cannot read logo image {path}")
        if logo.ndim == 2:
            logo = cv2.cvtColor(logo, cv2.COLOR_GRAY2BGRA)
        elif logo.shape[2] == 3:
            logo = cv2.cvtColor(logo, cv2.COLOR_BGR2BGRA)
        return cv2.cvtColor(logo, cv2.COLOR_BGRA2RGBA)

    def _mark(self, width: int, height: int) -> np.ndarray:
        if self._scaled is None or self._scaled[0] != (width, height):
            if self._logo is not None:
                target_w = max(1, int(width * self.width_fraction))
                target_h = max(1, round(self._logo.shape[0] * target_w / self._logo.shape[1]))
                mark = cv2.resize(self._logo, (target_w, target_h), interpolation=cv2.INTER_AREA)
            else:
                mark = render_text(self.text, max(12, height // 24), outline=max(1, height // 360))
            self._scaled = ((width, height), mark)
        return self._scaled[1]

    def apply(self, image: np.ndarray) -> np.ndarray:
        height, width = image.shape[:2]
        mark = self._mark(width, height)
        margin = int(min(width, height) * self.margin_fraction)
        x = margin if self.corner.endswith("left") else width - mark.shape[1] - margin
        y = margin if self.corner.startswith("top") else height - mark.shape[0] - margin
        out = image.copy()
        blend_into(out, mark, x, y, self.opacity)
        return out
