"""SIGKILL mid-show, then a restart on the same event log: nothing acknowledged is lost, and the
poll, the flash sale and the lottery carry on (the lottery closes on its original countdown)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from studio.commerce.lottery import verify

from .events_client import EventsPage

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "host-secret-for-tests"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _start(config: Path, log: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "studio.cli", "--headless", "--config", str(config),
                                "--event-log", str(log), "--stats-interval", "60"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), 60)
    assert "Host Studio live: open " in line, line
    return process, line.split("open ")[1].strip()


async def _host(http: aiohttp.ClientSession, url: str, type_: str, data: dict) -> dict:
    async with http.post(url + "api/host/events", json={"type": type_, "data": data},
                         headers={"Authorization": f"Bearer {TOKEN}"}) as response:
        body = await response.json()
        assert response.status == 200, body
        return body


async def test_sigkill_mid_show_loses_nothing_and_the_show_carries_on(tmp_path):
    config, log = tmp_path / "show.json", tmp_path / "show.sqlite"
    config.write_text(json.dumps({"port": _free_port(), "video_source": "testcard", "audio_source": "none",
                                  "control_token": TOKEN}))
    process, url = await _start(config, log)
    tokens: list[str] = []
    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(url + "api/host/events", json={"type": "poll.close", "data": {}}) as refused:
                assert refused.status == 401  # no token, no host control
            await _host(http, url, "product.catalog", {"products": [
                {"name": "面膜", "price": 99, "stock": 50, "sku": "M", "link": "https://shop.example/m"}]})
            sale = await _host(http, url, "sale.start", {"product": "M", "price": 9.9, "stock": 5, "limit": 1,
                                                         "countdown_s": 10})
            poll = await _host(http, url, "poll.start", {"question": "哪款?", "options": ["A", "B", "C"]})
            lottery = await _host(http, url, "lottery.start", {"prize": "口红", "winners": 2, "entry": "keyword",
                                                               "keyword": "想要", "countdown_s": 25})
            lottery_started = time.time()
            pages = [EventsPage(url) for _ in range(4)]
            for i, page in enumerate(pages):
                async with page:
                    tokens.append(page.token)
                    assert (await page.send("poll.vote", {"poll": poll["id"], "option": i % 2}))["type"] == "ack"
                    assert (await page.send("comment", {"nickname": f"观众{i}", "text": "想要想要"}))["type"] == "ack"
            await asyncio.sleep(sale["data"]["starts_at"] - time.time() + 0.05)
            async with EventsPage(url, tokens[0]) as buyer:
                assert (await buyer.send("sale.order", {"sale": sale["id"]}))["type"] == "ack"
    finally:
        os.kill(process.pid, signal.SIGKILL)  # no goodbye: the power went
        process.wait(10)
    process, url = await _start(config, log)
    try:
        async with EventsPage(url, tokens[0]) as again:
            state = again.snapshot["interactions"]
            assert state["polls"]["tallies"] == [2, 2, 0] and state["polls"]["poll"]["poll"] == poll["id"]
            assert state["sales"]["remaining"] == 4
            assert (await again.send("poll.vote", {"poll": poll["id"], "option": 2}))["reason"] == \
                "you have voted already"
            assert (await again.send("sale.order", {"sale": sale["id"]}))["reason"] == "the limit is 1 per viewer"
            async with EventsPage(url, tokens[1]) as second_buyer:
                assert (await second_buyer.send("sale.order", {"sale": sale["id"]}))["type"] == "ack"
            # The lottery closes on its original countdown and draws from the entries made before the crash.
            drawn = await again.wait_for("lottery.drawn", timeout=lottery_started + 25 - time.time() + 10)
            record = drawn[0]["data"]["record"]
            assert drawn[0]["data"]["round"] == lottery["id"]
            assert len(record["entrants"]) == 4 and record["entrants"] == sorted({e for e in record["entrants"]})
            assert verify(record) == drawn[0]["data"]["winners"] and len(drawn[0]["data"]["winners"]) == 2
            closed_at = next(e["ts"] for e in again.events if e["type"] == "lottery.closed")
            assert abs(closed_at - (lottery_started + 25)) < 2
    finally:
        process.terminate()
        process.wait(10)
