"""A viewer's page on the events channel, without a browser: what the viewer page's script does
over the same WebSocket (identity, snapshot, batched events, sends with a reply)."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import aiohttp


class EventsPage:
    def __init__(self, base_url: str, token: str | None = None, session: aiohttp.ClientSession | None = None,
                 ) -> None:
        self.url = base_url + "events" + (f"?viewer={token}" if token else "")
        self.viewer = ""  # "viewer:…", from the hello
        self.token = ""
        self.snapshot: dict[str, Any] = {}
        self.events: list[dict[str, Any]] = []
        self.errors: list[str] = []  # refusals of unreadable messages (they carry no ref)
        self.arrival_wall: list[float] = []  # wall-clock time each event arrived
        self._replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._refs = itertools.count(1)
        self._hello = asyncio.Event()
        self._http = session
        self._own_session = session is None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task | None = None

    async def __aenter__(self) -> EventsPage:
        if self._http is None:
            self._http = aiohttp.ClientSession()
        self._ws = await self._http.ws_connect(self.url, max_msg_size=0)
        self._reader = asyncio.ensure_future(self._read())
        await asyncio.wait_for(self._hello.wait(), 5)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self._http is not None and self._own_session:
            await self._http.close()

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            msg = message.json()
            if msg["type"] == "hello":
                self.viewer, self.token = msg["viewer"], msg["token"]
            elif msg["type"] == "snapshot":
                self.snapshot = msg["state"]
                self._hello.set()
            elif msg["type"] == "events":
                self.events.extend(msg["events"])
                self.arrival_wall.extend([time.time()] * len(msg["events"]))
            elif msg["type"] in ("ack", "error") and msg.get("ref") in self._replies:
                self._replies.pop(msg["ref"]).set_result(msg)
            elif msg["type"] == "error":  # about a message the hub could not even read
                self.errors.append(msg["reason"])

    async def send(self, event: str, data: Any) -> dict[str, Any]:
        """The server's reply: {"type": "ack", "id": …} or {"type": "error", "reason": …}."""
        assert self._ws is not None
        ref = next(self._refs)
        reply = self._replies[ref] = asyncio.get_running_loop().create_future()
        await self._ws.send_json({"type": "send", "event": event, "data": data, "ref": ref})
        return await asyncio.wait_for(reply, 5)

    def of_type(self, type_: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == type_]

    async def wait_for(self, type_: str, count: int = 1, timeout: float = 5) -> list[dict[str, Any]]:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.of_type(type_)) < count:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{self.viewer}: {len(self.of_type(type_))} {type_} events, not {count}")
            await asyncio.sleep(0.02)
        return self.of_type(type_)
