"""Comments from viewers' pages and from comment sources: cleaned, bounded, logged, rate-limited."""

from __future__ import annotations

import asyncio

import aiohttp

from studio.config import StudioConfig
from studio.show import Studio

from .plugin_kit import write_folder_plugin


async def _reply(ws) -> dict:
    while True:
        message = await ws.receive_json(timeout=5)
        if message["type"] in ("ack", "error"):
            return message


async def _send(ws, data, ref) -> dict:
    await ws.send_json({"type": "send", "event": "comment", "data": data, "ref": ref})
    return await _reply(ws)


async def test_viewer_comments_are_cleaned_bounded_and_logged(live_studio):
    async with aiohttp.ClientSession() as http, http.ws_connect(live_studio.viewer_url + "events") as ws:
        xss = '<img src=x onerror="alert(1)">多少钱？'
        ok = await _send(ws, {"nickname": "小\u202eA", "text": xss}, 1)
        assert ok["type"] == "ack" and ok["actor"].startswith("viewer:")
        event = next(e for e in live_studio.eventlog.replay() if e.id == ok["id"])
        assert event.data == {"nickname": "小A", "text": xss}  # markup kept as plain text; bidi override gone
        assert (await _send(ws, {"nickname": "a", "text": "   "}, 2))["reason"] == "comment is empty"
        assert "longer than 200" in (await _send(ws, {"nickname": "a", "text": "赞" * 201}, 3))["reason"]
        assert (await _send(ws, {"nickname": "a", "text": ["x"]}, 4))["reason"] == "comment must be text"
        assert (await _send(ws, {"nickname": "", "text": "hi"}, 5))["reason"] == "nickname is empty"
        assert (await _send(ws, "hello", 6))["reason"] == "event data must be a JSON object"
        assert live_studio.eventlog.count("comment") == 1


async def test_a_comment_flood_from_one_page_is_rate_limited(live_studio):
    async with aiohttp.ClientSession() as http, http.ws_connect(live_studio.viewer_url + "events") as ws:
        replies = [await _send(ws, {"nickname": "flood", "text": f"刷屏 {i}"}, i) for i in range(60)]
    accepted = [r for r in replies if r["type"] == "ack"]
    reasons = {r["reason"] for r in replies if r["type"] == "error"}
    assert len(accepted) == 3  # the viewer's burst of comments
    # the viewer's comment rate says so first, then the page's message rate cuts the rest off
    assert reasons == {"you are commenting too fast: wait a moment", "too many messages: slow down"}
    assert live_studio.eventlog.count("comment") == len(accepted)


SOURCES = '''
import asyncio
from studio.plugin_api import Comment, CommentSource

class FakeChat(CommentSource):
    name = "fake_chat"
    platform = "douyin"
    async def comments(self):
        for nickname, text in (("买家A", "多少钱"), ("买家B", ""), ("买家C", "有优惠吗")):
            await asyncio.sleep(0.01)
            yield Comment(nickname, text)

class BrokenChat(CommentSource):
    name = "broken_chat"
    async def comments(self):
        yield Comment("x", "first")
        raise ConnectionError("platform closed the socket")
'''


async def test_comment_sources_bring_comments_in_and_a_broken_one_is_reported(tmp_path):
    write_folder_plugin(tmp_path, "chats", SOURCES, [
        {"kind": "comment_source", "name": "fake_chat", "factory": "FakeChat"},
        {"kind": "comment_source", "name": "broken_chat", "factory": "BrokenChat"}])
    studio = Studio(StudioConfig(port=0, audio_source="none", plugin_dirs=[str(tmp_path)],
                                 comment_sources=[{"name": "fake_chat"}, {"name": "broken_chat"}]))
    await studio.start()
    try:
        for _ in range(50):
            if studio.eventlog.count("comment") == 3:
                break
            await asyncio.sleep(0.05)
        comments = [(e.actor, e.data) for e in studio.eventlog.replay() if e.type == "comment"]
        assert ("source:fake_chat", {"nickname": "买家A", "text": "多少钱", "platform": "douyin"}) in comments
        assert ("source:fake_chat", {"nickname": "买家C", "text": "有优惠吗", "platform": "douyin"}) in comments
        assert ("source:broken_chat", {"nickname": "x", "text": "first", "platform": "other"}) in comments
        assert len(comments) == 3  # the empty one was refused
        assert studio.stats()["filter_errors"]["broken_chat"] == \
            "raised ConnectionError: platform closed the socket"
        assert studio.stats()["program_fps"] > 25
    finally:
        await studio.close()
