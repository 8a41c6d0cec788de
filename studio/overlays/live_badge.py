"""The built-in "直播中 · N 人观看" badge: live state and the real viewer count, never inflated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..text import blend_into, render_text
from .placement import PlacedOverlay


class LiveBadge(PlacedOverlay):
    name = "live_badge"

    def __init__(self, live_text: str = "直播中", viewers_text: str = "{0} 人观看", x: float = 2.0, y: float = 11.0,
                 size: float = 100.0) -> None:
        super().__init__(x, y, size)
        self.live_text, self.viewers_text = live_text, viewers_text

    def draw(self, canvas: np.ndarray, state: Mapping[str, Any]) -> None:
        if not state.get("live"):
            return
        size = max(10, int(24 * self.scale(canvas)))
        label = f"● {self.live_text}  {self.viewers_text.format(state.get('viewers', 0))}"
        text = render_text(label, size, outline=max(1, size // 12))  # cached while the count is unchanged
        pad = size // 3
        x0, y0 = self.origin(canvas, text.shape[1] + 2 * pad, text.shape[0] + 2 * pad)
        x1, y1 = x0 + text.shape[1] + 2 * pad, y0 + text.shape[0] + 2 * pad
        canvas[y0:y1, x0:x1] = (canvas[y0:y1, x0:x1] * 0.4 + np.array([200, 30, 40]) * 0.6).astype(np.uint8)
        blend_into(canvas, text, x0 + pad, y0 + pad)
