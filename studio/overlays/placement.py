"""Overlays the host places and sizes by dragging them in the preview: the top-left corner in % of
the canvas (``x``, ``y``) and the size in % of the standard one (``size``). Both are relative, so
a placement survives a change of canvas size or orientation, and every picture is kept inside the
canvas whatever its content."""

from __future__ import annotations

import numpy as np

from ..text import Sprite
from .base import Overlay

STANDARD_SIDE = 720  # at size 100, an overlay looks as it does on a canvas whose short side is this
MIN_SIZE, MAX_SIZE = 30.0, 300.0  # % of the standard size (the manifests' limits)
UNSEEN_EXTENT = (20.0, 10.0)  # % of the canvas: the box of an overlay not drawn yet, to grab it by


class PlacedOverlay(Overlay):
    """An overlay with a place and a size, which the host drags and resizes in the preview:
    ``PlacedOverlay.__init__(self, x, y, size)``, the top-left corner in % of the canvas and the
    size in % of the standard one. ``draw`` asks ``origin`` where its picture goes (moved inside the
    canvas), which also remembers how big it was, so ``box`` can say where it is between frames."""

    def __init__(self, x: float, y: float, size: float = 100.0) -> None:
        self.x, self.y, self.size = x, y, size
        self._extent: tuple[float, float] | None = None  # last picture's size at size 100, % of the canvas

    def scale(self, canvas: np.ndarray) -> float:
        """How much bigger than standard to draw on ``canvas``."""
        return min(canvas.shape[:2]) / STANDARD_SIDE * max(MIN_SIZE, float(self.size)) / 100

    def origin(self, canvas: np.ndarray, width: int, height: int) -> tuple[int, int]:
        """Where a ``width``×``height`` picture goes on ``canvas``: at the host's place, moved in
        as far as it needs to lie inside; remembered as this overlay's box."""
        canvas_h, canvas_w = canvas.shape[:2]
        size = max(MIN_SIZE, float(self.size)) / 100
        self._extent = (100 * width / canvas_w / size, 100 * height / canvas_h / size)
        x = min(int(canvas_w * float(self.x) / 100), canvas_w - width)
        y = min(int(canvas_h * float(self.y) / 100), canvas_h - height)
        return max(0, x), max(0, y)

    def put(self, canvas: np.ndarray, picture: Sprite) -> None:
        picture.blend_into(canvas, *self.origin(canvas, picture.shape[1], picture.shape[0]))

    def extent(self, size: float | None = None) -> tuple[float, float]:
        """Width and height in % of the canvas at ``size`` (default: the current one), as last drawn."""
        width, height = self._extent or UNSEEN_EXTENT
        factor = max(MIN_SIZE, float(self.size if size is None else size)) / 100
        return width * factor, height * factor

    def box(self) -> tuple[float, float, float, float]:
        """Where it is, for the frame the window draws: left, top, width, height in % of the canvas."""
        width, height = self.extent()
        return (min(float(self.x), max(0.0, 100 - width)), min(float(self.y), max(0.0, 100 - height)),
                width, height)
