"""Headless Chromium viewers take part in the show: they comment, vote, enter a lottery by keyword
and verify its draw in the page, and buy in a flash sale that opens on every page at once. What one
viewer does, the studio and the other viewers see; markup from viewers and the catalog stays text."""

from __future__ import annotations

import asyncio
import time

import cv2
import numpy as np

from studio.commerce.lottery import verify
from studio.overlays.commerce import PollOverlay
from studio.text import render_text

from .browser import chromium_browser

XSS = '<img src=x onerror="window.pwned=1">'
XSS_NICK = "<svg onload=pwned=1>"  # within the 24 characters of a nickname


async def _open(viewers, url: str):
    page = await viewers.new_page()
    await page.goto(url)
    await page.wait_for_selector("#comment-send")
    await page.wait_for_function("window.studio.viewer !== null")
    return page


async def _text(page, selector: str) -> str:
    return await page.eval_on_selector(selector, "el => el.textContent")


async def _wait_text(page, selector: str, wanted: str, timeout: float = 15) -> str:
    await page.wait_for_function("([s, w]) => (document.querySelector(s) || {}).textContent?.includes(w)",
                                 arg=[selector, wanted], timeout=timeout * 1000)
    return await _text(page, selector)


async def test_chromium_viewers_comment_vote_enter_a_lottery_and_buy(start_show):
    studio = await start_show(audio_source="none")
    studio.submit("product.catalog", {"products": [
        {"name": XSS + "口红", "price": 89, "list_price": 129, "stock": 10, "sku": "L-1",
         "link": "https://shop.example/l1", "selling_points": ["<b>显白</b>"]}]})
    studio.submit("product.pin", {"product": "L-1"})
    async with chromium_browser() as viewers:
        pages = [await _open(viewers, studio.viewer_url) for _ in range(3)]
        a, b, c = pages
        # The card, markup and all, as text.
        assert await _wait_text(c, "#product-name", "口红") == XSS + "口红"
        assert await _text(c, "#product-points") == "<b>显白</b>"

        # Comments: A writes, everyone sees it as text, and its question is queued for the host.
        await a.fill("#nickname", XSS_NICK)
        await a.fill("#comment-text", "<script>window.pwned=1</script>适合油皮吗")
        await a.click("#comment-send")
        for page in pages:
            line = await _wait_text(page, "#comment-list", "适合油皮吗")
            assert "<script>window.pwned=1</script>" in line and XSS_NICK in line
        questions = next(r.interaction for r in studio.interactions.running if r.name == "questions")
        for _ in range(50):
            if questions.queue:
                break
            await asyncio.sleep(0.05)
        (asked,) = questions.queue.values()
        studio.submit("question.answer", {"question": asked["question"]})
        await _wait_text(a, "#comment-status", "主播已回答")
        # Empty and oversized comments are refused with the reason, in the page's language.
        await b.fill("#comment-text", "   ")
        await b.click("#comment-send")
        assert await _wait_text(b, "#comment-status", "不能为空") == "评论不能为空"

        # A poll: votes from the pages, live counts on another page.
        poll = studio.submit("poll.start", {"question": "下一个讲哪款?", "options": ["面膜", "口红"]})
        for page, option in ((a, 1), (b, 1), (c, 0)):
            await page.click(f"#poll-options button[data-option='{option}']")
        await c.wait_for_function("document.querySelectorAll('#poll-options .count')[1]?.textContent === '2'")
        polls = next(r.interaction for r in studio.interactions.running if r.name == "polls")
        assert polls.tallies() == [1, 2] and polls.poll["poll"] == poll.id
        assert await c.is_disabled("#poll-options button[data-option='1']")  # one vote each
        # The stream shows the same votes (the poll overlay drawn from the show's state).
        overlay = PollOverlay()
        overlay.REFRESH_S = 0.0
        frame = np.full((720, 1280, 3), 90, np.uint8)
        overlay.draw(frame, studio.show_state)
        glyphs = render_text("口红  2 票 (66%)", 19)
        match = cv2.matchTemplate(cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY),
                                  np.where(glyphs[:, :, 3] > 128, 255, 40).astype(np.uint8), cv2.TM_CCOEFF_NORMED)
        assert match.max() > 0.8

        # A keyword lottery and a flash sale, both with a ten-second countdown.
        studio.submit("lottery.start", {"prize": "口红", "winners": 2, "entry": "keyword", "keyword": "想要",
                                        "countdown_s": 10})
        sale = studio.submit("sale.start", {"product": "L-1", "price": 9.9, "stock": 2, "limit": 1,
                                            "countdown_s": 10})
        for page in pages:
            await _wait_text(page, "#lottery-rules", "想要")
            assert not await page.is_visible("#lottery-enter")  # entered by the keyword, not a click
            await page.fill("#comment-text", "想要想要")
            await page.click("#comment-send")
        assert await _text(b, "#sale-countdown") != "" and await b.is_disabled("#sale-buy")
        await asyncio.sleep(max(0.0, sale.data["starts_at"] - time.time()) + 0.3)
        opened = [await page.evaluate("window.studio.saleOpenedAt") for page in pages]
        assert all(t is not None for t in opened)
        spread = max(opened) - min(opened)
        assert spread < 0.1, f"pages opened the sale {spread * 1000:.0f} ms apart"
        assert all(abs(t - sale.data["starts_at"]) < 0.1 for t in opened)
        await asyncio.gather(*(page.click("#sale-buy") for page in pages))
        for page in pages:
            await page.wait_for_function("document.querySelector('#sale-status').textContent !== ''")
        outcomes = [await _text(page, "#sale-status") for page in pages]
        assert sum("抢到了" in o for o in outcomes) == 2 and outcomes.count("已抢光") == 1
        await _wait_text(c, "#sale-countdown", "已抢光")

        # The draw: winners on every page, and the page's own verifier agrees with the studio's.
        winners_line = await _wait_text(a, "#lottery-winners", "中奖", timeout=20)
        assert "viewer:" not in winners_line  # shown by nickname, never by id
        drawn = next(e for e in studio.eventlog.replay() if e.type == "lottery.drawn")
        assert len(drawn.data["record"]["entrants"]) == 3 and verify(drawn.data["record"]) == drawn.data["winners"]
        await b.click("#lottery-verify")
        assert await b.eval_on_selector("#lottery-report", "el => el.dataset.verified") == "true"
        assert (await _text(b, "#lottery-report")).count("✓") == 4
        tampered = await b.evaluate("""(record) => {
            const entrants = [...record.entrants.filter((e) => e !== record.winners[0]), 'viewer:zzz'].sort();
            return window.studio.verifyLottery({...record, entrants}, {}).map(([, ok]) => ok);
        }""", drawn.data["record"])
        assert tampered[2] is False  # the frozen list's hash catches the swap
        assert not any([await page.evaluate("window.pwned === 1") for page in pages])

        # A product with no link: its card shows no buy button (it went to "#").
        assert await a.is_visible("#product-buy")
        studio.submit("product.catalog", {"products": [{"name": "保温杯", "price": 59, "sku": "CUP"}]})
        studio.submit("product.pin", {"product": "CUP"})
        await _wait_text(a, "#product-name", "保温杯")
        assert not await a.is_visible("#product-buy")
