"""Places the program source on a canvas of a given size and orientation (fit or fill). The show
may switch either while it runs (``Studio.set_canvas``): the program thread takes a new
compositor from the next frame."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

ORIENTATIONS = {"landscape": (1280, 720), "portrait": (720, 1280)}
SCALE_MODES = ("fit", "fill")


@dataclass(frozen=True)
class Placement:
    """Where the scaled source lands on the canvas (x, y, w, h); may overhang in fill mode."""

    x: int
    y: int
    width: int
    height: int


def with_short_side(short: int, canvas: tuple[int, int]) -> tuple[int, int]:
    """A picture size of ``canvas``'s aspect (landscape or portrait) whose short side is ``short``,
    both sides even (what encoders take)."""
    width, height = canvas
    scale = short / min(width, height)
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def place(src_w: int, src_h: int, canvas_w: int, canvas_h: int, mode: str) -> Placement:
    if mode not in SCALE_MODES:
        raise ValueError(f"scale mode must be one of {SCALE_MODES}, not {mode!r}")
    pick = min if mode == "fit" else max
    scale = pick(canvas_w / src_w, canvas_h / src_h)
    w, h = max(1, round(src_w * scale)), max(1, round(src_h * scale))
    return Placement((canvas_w - w) // 2, (canvas_h - h) // 2, w, h)


class Compositor:
    def __init__(self, width: int = 1280, height: int = 720, mode: str = "fit") -> None:
        if width % 2 or height % 2 or width < 16 or height < 16:
            raise ValueError(f"canvas must be even and at least 16×16, not {width}×{height}")
        place(16, 9, width, height, mode)  # validates the mode
        self.width, self.height, self.mode = width, height, mode

    def compose(self, image: np.ndarray) -> np.ndarray:
        src_h, src_w = image.shape[:2]
        if (src_w, src_h) == (self.width, self.height):
            return image
        p = place(src_w, src_h, self.width, self.height, self.mode)
        interpolation = cv2.INTER_AREA if p.width < src_w else cv2.INTER_LINEAR
        scaled = cv2.resize(image, (p.width, p.height), interpolation=interpolation)
        canvas = np.zeros((self.height, self.width, 3), np.uint8)
        # Clip the scaled image to the canvas (fill mode overhangs on one axis).
        cx0, cy0 = max(p.x, 0), max(p.y, 0)
        cx1, cy1 = min(p.x + p.width, self.width), min(p.y + p.height, self.height)
        canvas[cy0:cy1, cx0:cx1] = scaled[cy0 - p.y:cy1 - p.y, cx0 - p.x:cx1 - p.x]
        return canvas

    def placeholder(self, message: str) -> np.ndarray:
        """A calm slate shown instead of a missing source, so the stream never stops."""
        canvas = np.full((self.height, self.width, 3), (28, 32, 40), np.uint8)
        scale = min(self.width, self.height) / 720
        for i, line in enumerate(("Host Studio", message[:60], "Waiting for the source to return...")):
            size = (1.4 if i == 0 else 0.8) * scale
            (tw, th), _ = cv2.getTextSize(line, cv2.FONT_HERSHEY_SIMPLEX, size, 2)
            y = int(self.height / 2 + (i - 1) * 60 * scale)
            cv2.putText(canvas, line, ((self.width - tw) // 2, y), cv2.FONT_HERSHEY_SIMPLEX, size,
                        (230, 230, 230), 2, cv2.LINE_AA)
        return canvas
