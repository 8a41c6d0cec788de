"""The events channel: one WebSocket per page, JSON messages both ways.

Later features (comments, products, polls, lotteries) publish here; today it carries the live
viewer count and a clock ping that lets pages estimate their offset from the server clock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4096


class EventHub:
    def __init__(self) -> None:
        self._clients: set[web.WebSocketResponse] = set()
        self._state: dict[str, dict[str, Any]] = {}  # last message per type, replayed to newcomers

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

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20)
        await ws.prepare(request)
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
        else:
            await ws.send_json({"type": "error", "reason": f"unknown message type {message['type']!r}"})

    async def close(self) -> None:
        clients, self._clients = list(self._clients), set()
        # All at once, and briefly: an unresponsive client must not hold up shutdown.
        if clients:
            await asyncio.wait([asyncio.ensure_future(ws.close()) for ws in clients], timeout=2)
