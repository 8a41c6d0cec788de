"""The auto-reply plugin, installed in the venv, answers a viewer's price question in a running show."""

from __future__ import annotations

import aiohttp
import pytest

from studio.config import StudioConfig
from studio.registry import default_registry
from studio.show import Studio


def test_discovered_through_its_entry_point():
    registry = default_registry([])
    assert registry.get("interaction", "keyword_reply").provider == "studio-auto-reply"


async def _next(ws, wanted: str) -> dict:
    while True:
        message = await ws.receive_json(timeout=5)
        for event in message.get("events", []) if message["type"] == "events" else []:
            if event["type"] == wanted:
                return event


async def test_price_question_gets_the_pinned_products_price():
    studio = Studio(StudioConfig(port=0, audio_source="none", interactions=[{"name": "keyword_reply"}]))
    await studio.start()
    try:
        async with aiohttp.ClientSession() as http, http.ws_connect(studio.viewer_url + "events") as ws:
            await ws.send_json({"type": "send", "event": "comment", "ref": 1,
                                "data": {"nickname": "小美", "text": "这个多少钱？"}})
            early = await _next(ws, "reply")
            assert early["data"]["text"] == "主播马上介绍价格，请稍等～"
            studio.submit("product.pin", {"name": "玻尿酸保湿精华", "price": 129.9})
            await ws.send_json({"type": "send", "event": "comment", "ref": 2,
                                "data": {"nickname": "Amy", "text": "How much is it?"}})
            reply = await _next(ws, "reply")
            assert reply["data"]["text"] == "玻尿酸保湿精华 现价 ¥129.9"
            assert reply["data"]["nickname"] == "Amy" and reply["actor"] == "plugin:studio-auto-reply"
            await ws.send_json({"type": "send", "event": "comment", "ref": 3,
                                "data": {"nickname": "Amy", "text": "好看"}})
            await ws.send_json({"type": "send", "event": "product.pin", "ref": 4,
                                "data": {"name": "假货", "price": 1}})
            refused = await ws.receive_json(timeout=5)
            while refused["type"] != "error":
                refused = await ws.receive_json(timeout=5)
            assert refused["reason"] == "only the host manages products"
        assert studio.eventlog.count("reply") == 2  # "好看" asked nothing
    finally:
        await studio.close()


def test_bad_product_pins_are_refused():
    studio = Studio(StudioConfig(port=0, audio_source="none"))
    with pytest.raises(ValueError, match="price must be above 0"):
        studio.submit("product.pin", {"name": "x", "price": -1})
    with pytest.raises(ValueError, match="product name is empty"):
        studio.submit("product.pin", {"name": " ", "price": 10})
    studio.eventlog.close()
