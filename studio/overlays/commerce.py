"""The show's commerce drawn into the video, with correct Chinese: comments (a chat box or
danmaku), the product on air with its price and flash-sale countdown, the poll, and the lottery.

Each reads the interactions' public state (the same the viewers' pages get) from the show's state.
The host places and sizes each one (``x``, ``y``: its top-left corner in % of the canvas; ``size``:
% of its standard size). Text is rendered once per change, not per frame: a frame costs blends.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from ..text import Sprite, render_text
from .placement import PlacedOverlay

PANEL = (24, 28, 36, 200)  # RGBA of the panels' background
ACCENT = (255, 77, 79)
GOLD = (255, 214, 102)


def _interaction(state: Mapping[str, Any], name: str) -> dict[str, Any]:
    return state.get("show", {}).get(name) or {}


def panel(lines: list[np.ndarray], pad: int, width: int | None = None) -> np.ndarray:
    """Text lines (RGBA) stacked on a rounded dark panel."""
    inner_w = max([line.shape[1] for line in lines] + [width or 0])
    height = sum(line.shape[0] for line in lines) + pad * (len(lines) + 1)
    card = np.zeros((height, inner_w + 2 * pad, 4), np.uint8)
    card[:] = PANEL
    y = pad
    for line in lines:
        h, w = line.shape[:2]
        alpha = line[:, :, 3:4].astype(np.float32) / 255
        region = card[y:y + h, pad:pad + w]
        region[:, :, :3] = (region[:, :, :3] * (1 - alpha) + line[:, :, :3] * alpha).astype(np.uint8)
        region[:, :, 3] = np.maximum(region[:, :, 3], line[:, :, 3])
        y += h + pad
    return card


class TextOverlay(PlacedOverlay):
    """A placed overlay of rendered text. Subclasses say what to show (``content``: a hashable
    summary, None for nothing) and how it looks (``render``, a pure function of the content).
    Rendering text takes milliseconds, so it happens on a text thread, at most every
    ``REFRESH_S``; frames blend the newest picture."""

    REFRESH_S = 0.2  # nobody reads faster; a flood of votes or comments re-renders 5 times a second

    def __init__(self, x: float = 2.0, y: float = 60.0, size: float = 100.0) -> None:
        super().__init__(x, y, size)
        self._key: Any = None
        self._picture: Sprite | None = None
        self._pending: Future[Sprite] | None = None
        self._rendered_at = -1e9

    def content(self, state: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def render(self, content: Any, scale: float) -> np.ndarray:
        raise NotImplementedError

    def draw(self, canvas: np.ndarray, state: Mapping[str, Any]) -> None:
        content = self.content(state)
        if content is None:
            self._key, self._picture = None, None
            return
        scale = self.scale(canvas)
        key = (content, round(scale, 3))
        now = time.monotonic()
        if key != self._key and self._pending is None and now - self._rendered_at >= self.REFRESH_S:
            self._key, self._rendered_at = key, now
            self._pending = _text_thread().submit(lambda: Sprite(self.render(content, scale)))
        if self._pending is not None and (self._pending.done() or self._picture is None):
            self._picture, self._pending = self._pending.result(), None  # the first picture is waited for
        if self._picture is not None:
            self.put(canvas, self._picture)


_renderer: ThreadPoolExecutor | None = None


def _text_thread() -> ThreadPoolExecutor:
    global _renderer
    if _renderer is None:
        _renderer = ThreadPoolExecutor(1, thread_name_prefix="overlay-text")
    return _renderer


class ProductCardOverlay(TextOverlay):
    """The product on air: name, price (the list price struck through) and the flash sale."""

    name = "product_card"

    def __init__(self, x: float = 66.0, y: float = 52.0, size: float = 100.0) -> None:
        super().__init__(x, y, size)

    def content(self, state: Mapping[str, Any]) -> Any:
        pinned = _interaction(state, "products").get("pinned")
        sales = _interaction(state, "sales")
        sale = sales.get("sale")
        line = None
        if sale:
            left = sale["starts_at"] - time.time()
            if sale.get("sold_out"):
                line = f"秒杀 ¥{sale['price']:g} · 已抢光"
            elif left > 0:
                line = f"秒杀 ¥{sale['price']:g} · {int(left) + 1} 秒后开抢"
            else:
                line = f"秒杀 ¥{sale['price']:g} · 剩余 {sales.get('remaining', 0)}"
            pinned = pinned or sale["product"]
        if not pinned:
            return None
        return (pinned["name"], pinned["price"], pinned.get("list_price"), tuple(pinned.get("selling_points") or ()),
                line)

    def render(self, content: Any, scale: float) -> np.ndarray:
        name, price, list_price, points, sale_line = content
        size = max(10, int(26 * scale))
        lines = [render_text(name[:24], size, bold=True)]
        price_text = f"¥{price:g}" + (f"  原价 ¥{list_price:g}" if list_price else "")
        lines.append(render_text(price_text, int(size * 1.3), colour=ACCENT, bold=True))
        lines += [render_text("· " + p[:20], int(size * 0.8), colour=(220, 220, 220)) for p in points[:3]]
        if sale_line:
            lines.append(render_text(sale_line, size, colour=GOLD, bold=True))
        return panel(lines, max(4, size // 3))


class CommentsOverlay(TextOverlay):
    """Comments on stream: the latest in a chat box, or flying across as danmaku. The pinned
    comment stays at the top of the box."""

    name = "comments_overlay"
    LINES = 6
    DANMAKU_LANES = 5
    DANMAKU_SECONDS = 8.0  # to cross the screen
    # In a flood, danmaku take the comments that find a free lane (the rest are on every page and
    # in the host's dock): nobody reads two hundred a second.

    def __init__(self, mode: str = "box", x: float = 2.0, y: float = 55.0, size: float = 100.0) -> None:
        super().__init__(x, y, size)
        self.mode = mode
        self._flying: list[tuple[float, int, Future[Sprite]]] = []  # (start, lane, picture on its way)
        self._last_id = 0

    def content(self, state: Mapping[str, Any]) -> Any:
        comments = _interaction(state, "comments")
        recent = comments.get("recent") or []
        pinned = comments.get("pinned")
        if not recent and not pinned:
            return None
        return (tuple((c["nickname"], c["text"]) for c in recent[-self.LINES:]),
                (pinned["nickname"], pinned["text"]) if pinned else None)

    def draw(self, canvas: np.ndarray, state: Mapping[str, Any]) -> None:
        if self.mode == "danmaku":
            self._danmaku(canvas, state)
        else:
            super().draw(canvas, state)

    def render(self, content: Any, scale: float) -> np.ndarray:
        size = max(10, int(22 * scale))
        lines = [render_text(f"{nickname[:10]}：{text[:40]}", size, outline=1) for nickname, text in content[0]]
        if content[1]:
            nickname, text = content[1]
            lines.insert(0, render_text(f"📌 {nickname[:10]}：{text[:40]}", size, colour=GOLD, outline=1))
        return panel(lines, max(3, size // 4), width=int(360 * scale))

    def _danmaku(self, canvas: np.ndarray, state: Mapping[str, Any]) -> None:
        width = canvas.shape[1]
        size = max(10, int(26 * self.scale(canvas)))
        lane_height = int(size * 1.4)
        now = time.monotonic()
        for comment in _interaction(state, "comments").get("recent") or []:
            if comment["id"] > self._last_id:
                self._last_id = comment["id"]
                busy = {lane for start, lane, _ in self._flying if now - start < 1.5}
                lane = next((n for n in range(self.DANMAKU_LANES) if n not in busy), None)
                if lane is not None:
                    text = f"{comment['nickname'][:10]}：{comment['text'][:40]}"
                    self._flying.append((now, lane, _text_thread().submit(
                        lambda text=text: Sprite(render_text(text, size, outline=1)))))
        top = self.origin(canvas, width, lane_height * self.DANMAKU_LANES)[1]  # they fly across the whole width
        kept = []
        for start, lane, rendering in self._flying:
            if not rendering.done():  # it enters from beyond the right edge: a frame late is unseen
                kept.append((start, lane, rendering))
                continue
            picture = rendering.result()
            progress = (now - start) / self.DANMAKU_SECONDS
            x = int(width - progress * (width + picture.shape[1]))
            if x + picture.shape[1] > 0:
                picture.blend_into(canvas, x, top + lane * lane_height)
                kept.append((start, lane, rendering))
        self._flying = kept


class PollOverlay(TextOverlay):
    """The poll with live counts and bars; the final result after it closes."""

    name = "poll_overlay"

    def __init__(self, x: float = 66.0, y: float = 8.0, size: float = 100.0) -> None:
        super().__init__(x, y, size)

    def content(self, state: Mapping[str, Any]) -> Any:
        polls = _interaction(state, "polls")
        poll = polls.get("poll")
        if poll:
            return (poll["question"], tuple(poll["options"]), tuple(polls.get("tallies") or ()), False)
        return None

    def render(self, content: Any, scale: float) -> np.ndarray:
        question, options, tallies, _ = content
        size = max(10, int(22 * scale))
        total = max(1, sum(tallies))
        lines = [render_text(question[:24], size, bold=True)]
        bar_width = int(260 * scale)
        for option, count in zip(options, tallies, strict=True):
            lines.append(render_text(f"{option[:12]}  {count} 票 ({100 * count // total}%)", int(size * 0.9)))
            bar = np.zeros((max(3, size // 4), bar_width, 4), np.uint8)
            bar[:, : int(bar_width * count / total)] = (*ACCENT, 255)
            bar[:, int(bar_width * count / total):] = (80, 80, 90, 255)
            lines.append(bar)
        return panel(lines, max(3, size // 4))


class LotteryOverlay(TextOverlay):
    """The lottery: prize, how to enter and the countdown; then the winners."""

    name = "lottery_overlay"

    def __init__(self, x: float = 2.0, y: float = 8.0, size: float = 100.0) -> None:
        super().__init__(x, y, size)

    def content(self, state: Mapping[str, Any]) -> Any:
        lottery = _interaction(state, "lottery")
        running = lottery.get("open")
        if running:
            rules = running["rules"]
            how = f"评论“{rules['keyword']}”参与" if rules["entry"] == "keyword" else "点击福袋参与"
            left = max(0, int(running["closes_at"] - time.time()) + 1)
            return (f"福袋 · {rules['prize']} × {rules['winners']}", how, f"{left} 秒后开奖")
        last = lottery.get("last")
        if last and time.time() - last["ts"] < 60:  # the winners stay a minute
            names = "、".join(last["names"].get(w) or w.split(":", 1)[-1][:6] for w in last["winners"]) or "无人参与"
            return (f"福袋 · {last['prize']}", f"中奖：{names}", "可在观看页验证")
        return None

    def render(self, content: Any, scale: float) -> np.ndarray:
        size = max(10, int(22 * scale))
        colours = ((255, 255, 255), GOLD, (200, 200, 200))
        return panel([render_text(text, size, colour=colour, bold=i == 0)
                      for i, (text, colour) in enumerate(zip(content, colours, strict=True))], max(3, size // 4))
