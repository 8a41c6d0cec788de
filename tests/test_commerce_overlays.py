"""The commerce overlays drawn into the live video: the product card with its price and sale
countdown, comments as a chat box or danmaku, the poll and the lottery, in correct Chinese, where
the host put them and as big as the host made them."""

from __future__ import annotations

import asyncio
import time

import cv2
import numpy as np

from studio.overlays.commerce import CommentsOverlay, LotteryOverlay, PollOverlay, ProductCardOverlay
from studio.text import render_text

from .events_client import EventsPage

CARD = {"products": [{"name": "玻尿酸保湿精华", "price": 129, "list_price": 199, "stock": 20, "sku": "S-1",
                      "link": "https://shop.example/s1", "selling_points": ["补水", "温和"]}]}


def _drawn(overlay, state, canvas: np.ndarray | None = None) -> np.ndarray:
    """A frame with the overlay once its text thread has rendered what ``state`` holds."""
    overlay.REFRESH_S = 0.0
    for _ in range(2):
        frame = np.full((720, 1280, 3), 90, np.uint8) if canvas is None else canvas.copy()
        overlay.draw(frame, state)
        if overlay._pending is not None:
            overlay._pending.result()
    return frame


def _found(canvas: np.ndarray, text: str, size: int, bold: bool = False) -> tuple[float, tuple[int, int]]:
    """How well the rendered ``text`` matches somewhere in ``canvas`` (1 = exactly), and where."""
    glyphs = render_text(text, size, bold=bold)
    mask = glyphs[:, :, 3]
    gray = cv2.cvtColor(canvas, cv2.COLOR_RGB2GRAY)
    score = cv2.matchTemplate(gray, np.where(mask > 128, 255, 40).astype(np.uint8), cv2.TM_CCOEFF_NORMED)
    _, best, _, where = cv2.minMaxLoc(score)
    return best, where


async def test_the_product_card_shows_the_pinned_product_and_the_sale_countdown_in_chinese(start_show):
    studio = await start_show(audio_source="none", overlays=[{"name": "product_card", "x": 60, "y": 40}])
    studio.submit("product.catalog", CARD)
    studio.submit("product.pin", {"product": "S-1"})
    card = ProductCardOverlay(x=60, y=40)
    canvas = _drawn(card, studio.show_state)
    score, (x, y) = _found(canvas, "玻尿酸保湿精华", 26, bold=True)
    assert score > 0.8 and abs(x - 0.6 * 1280) < 30 and abs(y - 0.4 * 720) < 30  # where the host put it
    assert _found(canvas, "¥129  原价 ¥199", 33, bold=True)[0] > 0.8
    assert (canvas[:280] == 90).all() and (canvas[:, :700] == 90).all()  # nothing drawn elsewhere
    # Bigger when the host makes it bigger.
    big = ProductCardOverlay(x=10, y=10, size=150)
    canvas = _drawn(big, studio.show_state)
    assert _found(canvas, "玻尿酸保湿精华", 39, bold=True)[0] > 0.8
    # The flash sale's countdown runs on the card, then the stock left.
    studio.submit("sale.start", {"product": "S-1", "price": 9.9, "stock": 3, "limit": 1, "countdown_s": 10})
    canvas = _drawn(card, studio.show_state)
    assert _found(canvas, "秒杀 ¥9.9 · 10 秒后开抢", 26, bold=True)[0] > 0.8
    await asyncio.sleep(1.05)
    canvas = _drawn(card, studio.show_state)
    assert _found(canvas, "秒杀 ¥9.9 · 9 秒后开抢", 26, bold=True)[0] > 0.8
    # And the card is in the live program itself.
    await asyncio.sleep(0.3)
    program = studio.pipeline.last_program
    assert program is not None and _found(program.image, "玻尿酸保湿精华", 26, bold=True)[0] > 0.8


async def test_comments_show_as_a_chat_box_or_fly_as_danmaku(start_show):
    studio = await start_show(audio_source="none")
    async with EventsPage(studio.viewer_url) as page:
        for text in ("主播好", "<b>这个多少钱</b>", "已下单"):
            assert (await page.send("comment", {"nickname": "小美", "text": text}))["type"] == "ack"
    box = CommentsOverlay(mode="box", x=2, y=50)
    canvas = _drawn(box, studio.show_state)
    for text in ("小美：主播好", "小美：<b>这个多少钱</b>", "小美：已下单"):
        assert _found(canvas, text, 22)[0] > 0.7, text
    flying = CommentsOverlay(mode="danmaku", y=10)
    flying.draw(np.full((720, 1280, 3), 90, np.uint8), studio.show_state)  # they enter from the right
    frames = []
    for _ in range(2):
        await asyncio.sleep(0.5)
        frames.append(np.full((720, 1280, 3), 90, np.uint8))
        flying.draw(frames[-1], studio.show_state)
    first, later = frames
    columns = [np.flatnonzero((c != 90).any(axis=(0, 2))) for c in (first, later)]
    assert columns[0].size and columns[1].size and columns[1].min() < columns[0].min() - 50  # flying left


async def test_the_poll_and_the_lottery_on_stream(start_show):
    studio = await start_show(audio_source="none")
    poll = studio.submit("poll.start", {"question": "下一个讲哪款?", "options": ["面膜", "口红"]})
    studio.submit("poll.vote", {"poll": poll.id, "option": 1}, actor="viewer:a")
    overlay = PollOverlay(x=60, y=5)
    canvas = _drawn(overlay, studio.show_state)
    assert _found(canvas, "口红  1 票 (100%)", 19)[0] > 0.8
    studio.submit("poll.vote", {"poll": poll.id, "option": 0}, actor="viewer:b")
    canvas = _drawn(overlay, studio.show_state)
    assert _found(canvas, "口红  1 票 (50%)", 19)[0] > 0.8
    studio.submit("lottery.start", {"prize": "口红", "winners": 1, "entry": "keyword", "keyword": "想要",
                                    "countdown_s": 10})
    lottery = LotteryOverlay()
    canvas = _drawn(lottery, studio.show_state)
    assert _found(canvas, "评论“想要”参与", 22)[0] > 0.8
    studio.submit("comment", {"nickname": "阿花", "text": "想要"}, actor="viewer:a")
    studio.submit("lottery.close", {})
    canvas = _drawn(lottery, studio.show_state)
    assert _found(canvas, "中奖：阿花", 22)[0] > 0.8
    assert time.time() - studio.show_state["show"]["lottery"]["last"]["ts"] < 5
