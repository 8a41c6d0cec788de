"""Text drawn into video, with correct Chinese: Pillow renders through a CJK font found by fontconfig.

Rendered strings are cached, so a caption that stays on screen costs one blend per frame.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FALLBACK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


class FontMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def cjk_font_path(bold: bool = False) -> str:
    """A font file that covers Simplified Chinese (install fonts-noto-cjk or fonts-wqy-microhei)."""
    if shutil.which("fc-match"):
        pattern = "sans-serif:lang=zh-cn" + (":weight=bold" if bold else "")
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True).stdout
        if found.endswith((".ttc", ".otf", ".ttf")):
            return found
    for path in FALLBACK_FONTS:
        try:
            ImageFont.truetype(path, 12)
            return path
        except OSError:
            continue
    raise FontMissing("no font with Chinese glyphs: install fonts-noto-cjk (Debian/Ubuntu)")


@functools.lru_cache(maxsize=256)
def render_text(text: str, size: int, colour: tuple[int, int, int] = (255, 255, 255), bold: bool = False,
                outline: int = 0) -> np.ndarray:
    """``text`` as an RGBA image (H×W×4 uint8), tightly cropped; a dark outline keeps it readable."""
    font = ImageFont.truetype(cjk_font_path(bold), size)
    left, top, right, bottom = font.getbbox(text, stroke_width=outline)
    image = Image.new("RGBA", (max(1, right - left), max(1, bottom - top)), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((-left, -top), text, font=font, fill=(*colour, 255), stroke_width=outline,
                               stroke_fill=(0, 0, 0, 255))
    array = np.asarray(image)
    array.flags.writeable = False  # cached and shared: callers must not draw into it
    return array


def blend_into(canvas: np.ndarray, rgba: np.ndarray, x: int, y: int, opacity: float = 1.0) -> None:
    """Composite ``rgba`` onto RGB ``canvas`` at (x, y) in place, clipped to the canvas.

    In place, because the caller owns the canvas (a filter copies its input first; it must not
    modify what it was given).
    """
    out = canvas
    h, w = rgba.shape[:2]
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, canvas.shape[1]), min(y + h, canvas.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    patch = rgba[y0 - y:y1 - y, x0 - x:x1 - x]
    alpha = patch[:, :, 3:4].astype(np.float32) * (opacity / 255.0)
    region = out[y0:y1, x0:x1].astype(np.float32)
    out[y0:y1, x0:x1] = (region * (1 - alpha) + patch[:, :, :3] * alpha + 0.5).astype(np.uint8)
