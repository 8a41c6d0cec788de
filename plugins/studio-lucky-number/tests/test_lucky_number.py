"""The lucky-number plugin, installed in the venv: rounds, guesses from viewers' pages, a fair reveal."""

from __future__ import annotations

import hashlib

import aiohttp
import pytest

from tests.browser import chromium


@pytest.fixture
async def show(start_show):
    return await start_show(audio_source="none", interactions=[{"name": "lucky_number", "highest": 10}])


async def _page_events(ws, wanted: str, timeout: float = 10.0) -> dict:
    while True:
        message = await ws.receive_json(timeout=timeout)
        for event in message.get("events", []) if message["type"] == "events" else []:
            if event["type"] == wanted:
                return event


async def test_a_round_from_start_to_a_verifiable_result(show):
    async with aiohttp.ClientSession() as http:
        viewers = [await http.ws_connect(show.viewer_url + "events") for _ in range(3)]
        with pytest.raises(ValueError, match="no round is open"):
            show.submit("lucky.guess", {"number": 3}, actor="viewer:early")
        show.submit("lucky.start", {"seconds": 5})
        opened = await _page_events(viewers[0], "lucky.round")
        assert opened["data"]["highest"] == 10 and opened["actor"] == "plugin:studio-lucky-number"
        replies = []
        for i, ws in enumerate(viewers):
            await ws.send_json({"type": "send", "event": "lucky.guess", "data": {"number": i + 1}, "ref": i})
            replies.append(await _reply(ws))
        assert all(r["type"] == "ack" for r in replies)
        await viewers[0].send_json({"type": "send", "event": "lucky.guess", "data": {"number": 9}, "ref": 9})
        assert (await _reply(viewers[0]))["reason"] == "one guess per round"
        await viewers[1].send_json({"type": "send", "event": "lucky.start", "data": {}, "ref": 10})
        assert (await _reply(viewers[1]))["reason"] == "only the host starts a round"
        await viewers[2].send_json({"type": "send", "event": "lucky.guess", "data": {"number": "7"}, "ref": 11})
        assert "whole number from 1 to 10" in (await _reply(viewers[2]))["reason"]
        result = await _page_events(viewers[0], "lucky.result", timeout=10)
        number, salt = result["data"]["number"], result["data"]["salt"]
        # Anyone can check the revealed number against the commitment published at the start.
        assert hashlib.sha256(f"{salt}:{number}".encode()).hexdigest() == opened["data"]["commit"]
        guesses = {r["actor"]: i + 1 for i, r in enumerate(replies)}
        best = min(abs(g - number) for g in guesses.values())
        assert result["data"]["winners"] == sorted(a for a, g in guesses.items() if abs(g - number) == best)
        assert result["data"]["guesses"] == 3
        for ws in viewers:
            await ws.close()
    # Everything is in the event log, in order.
    types = [e.type for e in show.eventlog.replay()]
    assert types == ["lucky.start", "lucky.round", "lucky.guess", "lucky.guess", "lucky.guess", "lucky.result"]


async def _reply(ws) -> dict:
    while True:
        message = await ws.receive_json(timeout=5)
        if message["type"] in ("ack", "error"):
            return message


async def test_the_viewer_page_widget_plays_a_round_in_chromium(show):
    async with chromium() as browser:
        page = await browser.new_page()
        await page.goto(show.viewer_url)
        await page.wait_for_selector("#lucky-number", timeout=10000)
        assert await page.inner_text("#lucky-status") == "等待主播开始"
        show.submit("lucky.start", {"seconds": 5})
        await page.wait_for_function("!document.getElementById('lucky-send').disabled", timeout=5000)
        await page.fill("#lucky-guess", "4")
        await page.click("#lucky-send")
        await page.wait_for_function("document.getElementById('lucky-status').textContent.startsWith('已提交')",
                                     timeout=5000)
        guesses = [e for e in show.eventlog.replay() if e.type == "lucky.guess"]
        assert len(guesses) == 1 and guesses[0].data["number"] == 4 and guesses[0].actor.startswith("viewer:")
        await page.wait_for_function("document.getElementById('lucky-status').textContent.startsWith('幸运数字是')",
                                     timeout=10000)
        result = next(e for e in show.eventlog.replay() if e.type == "lucky.result")
        text = await page.inner_text("#lucky-status")
        assert text.startswith(f"幸运数字是 {result.data['number']}（共 1 人参与）")
        assert text.endswith("恭喜，你猜中了！")  # the only guess is always the closest


async def test_widget_is_served_only_for_running_interactions(show):
    async with aiohttp.ClientSession() as http:
        async with http.get(show.viewer_url + "plugins/widgets.json") as response:
            assert {"name": "lucky_number", "url": "/plugins/widget/lucky_number.js"} in \
                (await response.json())["widgets"]
        async with http.get(show.viewer_url + "plugins/widget/lucky_number.js") as response:
            assert response.status == 200 and "textContent" in await response.text()
        async with http.get(show.viewer_url + "plugins/widget/..%2F..%2Fsetup.js") as response:
            assert response.status == 404


async def test_switching_the_plugin_off_pauses_the_game_and_keeps_the_log(show):
    log = show.eventlog
    show.submit("lucky.start", {"seconds": 30})
    before = log.count()
    show.set_plugin_enabled("studio-lucky-number", False)
    assert "lucky_number" not in show.widgets()
    with pytest.raises(ValueError, match="nothing in this show accepts 'lucky.guess'"):
        show.submit("lucky.guess", {"number": 2}, actor="viewer:a")
    show.set_plugin_enabled("studio-lucky-number", True)
    assert show.eventlog is log and log.count() == before  # the show's history is untouched
    show.submit("lucky.guess", {"number": 2}, actor="viewer:a")
    assert log.count() == before + 1 and "lucky_number" in show.widgets()
