"""The events channel: one WebSocket per page, JSON messages both ways.

It carries the show's events (comments, products, sales, polls, lotteries) in batches, the live
viewer count, a snapshot of what is on for pages that join late, and a clock ping that lets pages
estimate their offset from the server clock. Each page is a viewer with a stable identity: the
hub signs the id it hands out, and a page that comes back with it is the same viewer (one vote,
one entry, one mute, across reloads and restarts). A refusal (``error``) carries its English
``reason`` and, when coded, its ``code`` and ``params`` (``studio/messages.py``).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .messages import StudioError, as_message

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4096


SEND_RATE = 10.0  # events a page may send per second, on average
SEND_BURST = 20
BATCH_S = 0.05  # show events go out in batches this far apart: one message per page, not per event


@dataclass
class _Page:
    actor: str  # how this page's events are attributed in the log
    tokens: float = SEND_BURST
    last: float = field(default_factory=time.monotonic)


def _no_constants(name: str) -> Any:
    raise StudioError("event.not_a_number", name=name)


class EventHub:
    """``on_send(actor, type, data)`` records an event a page sent, or raises ValueError with a
    reason; ``snapshot()`` is what is on now, for a page that joins; ``key`` signs viewer ids."""

    def __init__(self, on_send: Callable[[str, str, Any], Any] | None = None,
                 snapshot: Callable[[], dict[str, Any]] | None = None, key: bytes | None = None) -> None:
        self._clients: set[web.WebSocketResponse] = set()
        self._state: dict[str, dict[str, Any]] = {}  # last message per type, replayed to newcomers
        self._on_send = on_send
        self._snapshot = snapshot
        self._key = key or secrets.token_bytes(32)
        self._tasks: set[asyncio.Task] = set()
        self._pages: dict[web.WebSocketResponse, _Page] = {}
        self._batch: list[dict[str, Any]] = []
        self.events_sent = 0  # show events handed to pages (an event to 3 pages counts 3)

    def viewer_token(self, viewer_id: str) -> str:
        signature = hmac.new(self._key, viewer_id.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{viewer_id}.{signature}"

    def viewer_id(self, token: str | None) -> str | None:
        """The viewer a token names, if the hub signed it."""
        if not token or token.count(".") != 1:
            return None
        viewer_id = token.split(".")[0]
        return viewer_id if hmac.compare_digest(self.viewer_token(viewer_id), token) else None

    @property
    def client_count(self) -> int:
        return len(self._clients)

    async def publish(self, type_: str, **payload: Any) -> None:
        message = {"type": type_, **payload}
        if type_ != "events":  # show events reach newcomers through the snapshot
            self._state[type_] = message
        text = json.dumps(message, ensure_ascii=False)
        clients = list(self._clients)
        results = await asyncio.gather(*(ws.send_str(text) for ws in clients), return_exceptions=True)
        for ws, result in zip(clients, results, strict=True):
            if isinstance(result, Exception):
                self._clients.discard(ws)

    def publish_event(self, event: dict[str, Any]) -> None:
        """Queue a show event for every page; they go out together every ``BATCH_S``."""
        self._batch.append(event)
        if len(self._batch) == 1:
            asyncio.get_running_loop().call_later(BATCH_S, self._flush)

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        if batch:
            self.events_sent += len(batch) * len(self._clients)
            self.publish_soon("events", events=batch)

    def publish_soon(self, type_: str, **payload: Any) -> None:
        """``publish`` from synchronous code on the loop (the task is kept until it is done)."""
        task = asyncio.ensure_future(self.publish(type_, **payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20)
        await ws.prepare(request)
        viewer_id = self.viewer_id(request.query.get("viewer")) or secrets.token_urlsafe(9)
        self._pages[ws] = _Page(f"viewer:{viewer_id}")
        self._clients.add(ws)
        try:
            await ws.send_json({"type": "hello", "server_time": time.time(), "viewer": f"viewer:{viewer_id}",
                                "token": self.viewer_token(viewer_id)})
            for message in list(self._state.values()):  # a new type may be published meanwhile
                await ws.send_json(message)
            if self._snapshot is not None:
                await ws.send_json({"type": "snapshot", "state": self._snapshot()})
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
            message = json.loads(text, parse_constant=_no_constants)
            if not isinstance(message, dict) or not isinstance(message.get("type"), str):
                raise StudioError("event.not_a_message")
        except ValueError as exc:
            await ws.send_json({"type": "error", **as_message(StudioError("event.bad_message", problem=exc))})
            return
        if message["type"] == "ping":
            await ws.send_json({"type": "pong", "t": message.get("t"), "server_time": time.time()})
        elif message["type"] == "send" and self._on_send is not None:
            await ws.send_json(self._send(ws, message))
        else:
            await ws.send_json({"type": "error", **as_message(StudioError("event.unknown_type", type=message["type"]))})

    def _send(self, ws: web.WebSocketResponse, message: dict[str, Any]) -> dict[str, Any]:
        page = self._pages[ws]
        now = time.monotonic()
        page.tokens, page.last = min(SEND_BURST, page.tokens + (now - page.last) * SEND_RATE), now
        if page.tokens < 1:
            return {"type": "error", **as_message(StudioError("event.too_many")), "ref": message.get("ref")}
        page.tokens -= 1
        try:
            event = self._on_send(page.actor, str(message.get("event")), message.get("data", {}))
        except ValueError as exc:  # coded: the page words it in its language; plain: shown as given
            return {"type": "error", **as_message(exc), "ref": message.get("ref")}
        return {"type": "ack", "id": event.id, "actor": page.actor, "ref": message.get("ref")}

    async def close(self) -> None:
        clients, self._clients = list(self._clients), set()
        # All at once, and briefly: an unresponsive client must not hold up shutdown.
        if clients:
            await asyncio.wait([asyncio.ensure_future(ws.close()) for ws in clients], timeout=2)
