"""Where the host and the guests sit in the program: solo, side by side, picture in picture (a
corner of the host's choosing) and a grid of up to four, each with a portrait variant, name
labels, a placeholder for a guest whose video stalled, and a smooth move when guests come and go."""

from __future__ import annotations

import time
from dataclasses import dataclass

import cv2
import numpy as np

from ..messages import StudioError
from ..text import Sprite, render_text

LAYOUTS = ("solo", "side_by_side", "pip", "grid")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
TRANSITION_S = 0.3
PLACEHOLDER = (36, 40, 48)


@dataclass(frozen=True)
class Tile:
    key: str  # "host" or a guest's id
    name: str  # the label ("" for the host)
    image: np.ndarray | None  # RGB, or None: the guest's video stalled


Rect = tuple[float, float, float, float]  # x, y, w, h in canvas pixels


def rects(layout: str, count: int, width: int, height: int, corner: str = "bottom-right") -> list[Rect]:
    """The tiles' places for ``count`` tiles (the host first) on a canvas; portrait canvases stack
    where landscape ones go side by side."""
    if layout not in LAYOUTS:
        raise StudioError("guest.layout_name", layouts=", ".join(LAYOUTS))
    portrait = height > width
    if layout == "solo" or count == 1:
        return [(0, 0, width, height)] + [(width, 0, 0, 0)] * (count - 1)  # guests off the canvas
    if layout == "side_by_side":
        if portrait:
            step = height / count
            return [(0, i * step, width, step) for i in range(count)]
        step = width / count
        return [(i * step, 0, step, height) for i in range(count)]
    if layout == "pip":
        small_w, small_h = (width * 0.3, height * 0.18) if portrait else (width * 0.25, height * 0.25)
        margin = 0.03 * min(width, height)
        right, bottom = corner.endswith("right"), corner.startswith("bottom")
        x = width - small_w - margin if right else margin
        placed = [(0.0, 0.0, float(width), float(height))]
        for i in range(count - 1):
            offset = i * (small_h + margin)
            y = height - small_h - margin - offset if bottom else margin + offset
            placed.append((x, y, small_w, small_h))
        return placed
    # grid: 2 × 2 (one column of up to 4 rows in portrait would be too thin: 2 × 2 there too)
    columns, rows = (2, 2) if count > 2 else ((1, 2) if portrait else (2, 1))
    cell_w, cell_h = width / columns, height / rows
    return [((i % columns) * cell_w, (i // columns) * cell_h, cell_w, cell_h) for i in range(count)]


def cover(image: np.ndarray, w: int, h: int) -> np.ndarray:
    """``image`` scaled to fill w × h, the overhang cropped evenly (faces stay centred)."""
    src_h, src_w = image.shape[:2]
    scale = max(w / src_w, h / src_h)
    scaled_w, scaled_h = max(w, round(src_w * scale)), max(h, round(src_h * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    scaled = cv2.resize(image, (scaled_w, scaled_h), interpolation=interpolation)
    x, y = (scaled_w - w) // 2, (scaled_h - h) // 2
    return scaled[y:y + h, x:x + w]


class LayoutCompositor:
    """Composes the tiles into the canvas, moving each tile smoothly to a new place."""

    def __init__(self, layout: str = "side_by_side", corner: str = "bottom-right") -> None:
        self.layout, self.corner = layout, corner
        self._moves: dict[str, tuple[Rect, Rect, float]] = {}  # key → (from, to, started)
        self._labels: dict[tuple[str, int], Sprite] = {}
        self._canvas = (0, 0)

    def _place(self, key: str, target: Rect, now: float) -> Rect:
        start, goal, started = self._moves.get(key, (target, target, now))
        if goal != target:  # a new place: move from where it is now
            start, started = self._where(start, goal, started, now), now
            self._moves[key] = (start, target, started)
        elif key not in self._moves:
            self._moves[key] = (target, target, now)
        return self._where(*self._moves[key], now)

    @staticmethod
    def _where(start: Rect, goal: Rect, started: float, now: float) -> Rect:
        t = min(1.0, (now - started) / TRANSITION_S)
        t = t * t * (3 - 2 * t)  # ease in and out
        return tuple(a + (b - a) * t for a, b in zip(start, goal, strict=True))  # type: ignore[return-value]

    def compose(self, canvas: np.ndarray, tiles: list[Tile]) -> np.ndarray:
        height, width = canvas.shape[:2]
        now = time.monotonic()
        if (width, height) != self._canvas:  # a new canvas (orientation switched): tiles take their places at once
            self._canvas = (width, height)
            self._moves.clear()
        places = rects(self.layout, len(tiles), width, height, self.corner)
        for key in set(self._moves) - {t.key for t in tiles}:
            del self._moves[key]
        out = canvas
        for tile, target in zip(tiles, places, strict=True):
            x, y, w, h = (round(v) for v in self._place(tile.key, target, now))
            x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, width), min(y + h, height)
            if x1 - x0 < 2 or y1 - y0 < 2:
                continue
            if tile.key == "host" and (x, y, w, h) == (0, 0, width, height):
                continue  # the host's own picture is the canvas already
            if out is canvas:
                out = canvas.copy()
            if tile.image is None:
                out[y0:y1, x0:x1] = PLACEHOLDER
            else:
                out[y0:y1, x0:x1] = cover(tile.image, w, h)[y0 - y:y1 - y, x0 - x:x1 - x]
            if tile.name:
                self._label(tile.name, max(12, h // 14)).blend_into(out, x0 + 8, y1 - max(12, h // 14) - 12)
        return out

    def _label(self, name: str, size: int) -> Sprite:
        key = (name, size)
        if key not in self._labels:
            self._labels[key] = Sprite(render_text(name, size, outline=2))
        return self._labels[key]
