"""The events channel: one WebSocket per page, JSON messages both ways.

Later features (comments, products, polls, lotteries) publish here; today it carries the live
viewer count and a clock ping that lets pages estimate their offset from the server clock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4096


SEND_RATE = 10.0  # events a page may send per second, on average
SEND_BURST = 20


@dataclass
class _Page:
    actor: str  # how this page's events are attributed in the log
    tokens: float = SEND_BURST
    last: float = field(default_factory=time.monotonic)


class EventHub:
    """``on_send(actor, type, data)`` records an event a page sent, or raises ValueError with a reason."""

    def __init__(self, on_send: Callable[[str, str, Any], Any] | None = None) -> None:
        self._clients: set[web.WebSocketResponse] = set()
        self._state: dict[str, dict[str, Any]] = {}  # last message per type, replayed to newcomers
        self._on_send = on_send
        self._tasks: set[asyncio.Task] = set()
        self._pages: dict[web.WebSocketResponse, _Page] = {}

    @property
    def client_count(self) -> int:
        return len(self._clients)

    async def publish(self, type_: str, **payload: Any) -> None:
        message = {"type": type_, **payload}
        self._state[type_] = message
        text = json.dumps(message, ensure_ascii=False)
        clients = list(self._clients)
        results = await asyncio.gather(*(ws.send_str(text) for ws in clients), return_exceptions=True)
        for ws, result in zip(clients, results, strict=True):
            if isinstance(result, Exception):
                self._clients.discard(ws)

    def publish_soon(self, type_: str, **payload: Any) -> None:
        """``publish`` from synchronous code on the loop (the task is kept until it is done)."""
        task = asyncio.ensure_future(self.publish(type_, **payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20)
        await ws.prepare(request)
        self._pages[ws] = _Page(f"viewer:{secrets.token_urlsafe(8)}")
        self._clients.add(ws)
        try:
            await ws.send_json({"type": "hello", "server_time": time.time()})
            for message in self._state.values():
                await ws.send_json(message)
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_text(ws, msg.data)
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            self._clients.discard(ws)
            self._pages.pop(ws, None)
        return ws

    async def _on_text(self, ws: web.WebSocketResponse, text: str) -> None:
        try:
            message = json.loads(text)
            if not isinstance(message, dict) or not isinstance(message.get("type"), str):
                raise ValueError("a message is a JSON object with a string 'type'")
        except ValueError as exc:
            await ws.send_json({"type": "error", "reason": f"bad message: {exc}"})
            return
        if message["type"] == "ping":
            await ws.send_json({"type": "pong", "t": message.get("t"), "server_time": time.time()})
        elif message["type"] == "send" and self._on_send is not None:
            await ws.send_json(self._send(ws, message))
        else:
            await ws.send_json({"type": "error", "reason": f"unknown message type {message['type']!r}"})

    def _send(self, ws: web.WebSocketResponse, message: dict[str, Any]) -> dict[str, Any]:
        page = self._pages[ws]
        now = time.monotonic()
        page.tokens, page.last = min(SEND_BURST, page.tokens + (now - page.last) * SEND_RATE), now
        if page.tokens < 1:
            return {"type": "error", "reason": "too many messages: slow down", "ref": message.get("ref")}
        page.tokens -= 1
        try:
            event = self._on_send(page.actor, str(message.get("event")), message.get("data", {}))
        except ValueError as exc:
            return {"type": "error", "reason": str(exc), "ref": message.get("ref")}
        return {"type": "ack", "id": event.id, "actor": page.actor, "ref": message.get("ref")}

    async def close(self) -> None:
        clients, self._clients = list(self._clients), set()
        # All at once, and briefly: an unresponsive client must not hold up shutdown.
        if clients:
            await asyncio.wait([asyncio.ensure_future(ws.close()) for ws in clients], timeout=2)
