"""Headless Firefox for tests, driven over WebDriver BiDi (no geckodriver, no Playwright).

``firefox-esr --remote-debugging-port=0`` starts Firefox's remote agent on a free port and prints
"WebDriver BiDi listening on ws://127.0.0.1:PORT"; we connect to ``ws://127.0.0.1:PORT/session`` with
aiohttp and speak the W3C WebDriver BiDi protocol: JSON commands ``{"id", "method", "params"}``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import tempfile
from typing import Any

import aiohttp

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
START_TIMEOUT = 30.0
COMMAND_TIMEOUT = 30.0
LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")

# Written to user.js in a fresh profile: play without a gesture, stay off the network (the test
# machine has none, and lookups must not stall anything), and let WebRTC connect on one machine.
PREFS: dict[str, Any] = {
    # Autoplay without a user gesture.
    "media.autoplay.default": 0,
    "media.autoplay.blocking_policy": 0,
    # WebRTC between two processes on one machine, with real host addresses (no mDNS names).
    "media.peerconnection.ice.loopback": True,
    "media.peerconnection.ice.obfuscate_host_addresses": False,
    "media.peerconnection.ice.default_address_only": False,
    "media.navigator.permission.disabled": True,
    # No background network traffic.
    "app.update.enabled": False,
    "app.update.auto": False,
    "app.normandy.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.server": "",
    "toolkit.telemetry.archive.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.http.speculative-parallel-limit": 0,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.provider.google4.updateURL": "",
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.newtabpage.activity-stream.feeds.system.topstories": False,
    "browser.newtabpage.activity-stream.feeds.snippets": False,
    "browser.newtabpage.activity-stream.default.sites": "",
    # Anything that still wants the internet (remote settings, whose server URL release builds only
    # let MOZ_REMOTE_SETTINGS_DEVTOOLS override) goes to a proxy on a closed local port and fails at
    # once, without a DNS lookup. Loopback addresses never use the proxy, so the studio is reached.
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.allow_hijacking_localhost": False,
    "network.trr.mode": 5,  # no DNS over HTTPS
    "services.settings.server": "http://127.0.0.1:9/v1",
    "messaging-system.rsexperimentloader.enabled": False,
    "browser.ping-centre.telemetry": False,
    "browser.search.update": False,
    "geo.provider.network.url": "",
}


class BiDiError(RuntimeError):
    """A BiDi command failed, or the page threw."""


def _pref_line(name: str, value: Any) -> str:
    return f"user_pref({json.dumps(name)}, {json.dumps(value)});\n"


def unwrap(remote: dict) -> Any:
    """A BiDi remote value (``{"type": ..., "value": ...}``) as plain Python, for what tests return."""
    kind, value = remote.get("type"), remote.get("value")
    if kind in ("undefined", "null"):
        return None
    if kind == "number":
        specials = {"NaN": float("nan"), "-0": -0.0, "Infinity": float("inf"), "-Infinity": float("-inf")}
        return specials.get(value, value) if isinstance(value, str) else value
    if kind == "bigint":
        return int(value)
    if kind in ("string", "boolean", "date"):
        return value
    if kind in ("array", "set"):
        return [unwrap(item) for item in value or []]
    if kind in ("object", "map"):
        return {(key if isinstance(key, str) else unwrap(key)): unwrap(item) for key, item in value or []}
    return remote  # nodes, windows, functions, ...: the raw serialisation is all we have


class BiDi:
    """A WebDriver BiDi session on one browsing context (tab)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.context: str | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future] = {}
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        error: BaseException = BiDiError("the BiDi connection closed")
        try:
            async for msg in self.ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                future = self._pending.pop(data.get("id"), None)  # events have no id: ignored
                if future is None or future.done():
                    continue
                if data.get("type") == "error":
                    future.set_exception(BiDiError(f"{data.get('error')}: {data.get('message')}"))
                else:
                    future.set_result(data.get("result"))
        except Exception as exc:
            error = exc
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(error)
            self._pending.clear()

    async def send(self, method: str, params: dict | None = None, timeout: float = COMMAND_TIMEOUT) -> dict:
        if self._reader.done():
            raise BiDiError("the BiDi connection is closed")
        command_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[command_id] = future
        await self.ws.send_str(json.dumps({"id": command_id, "method": method, "params": params or {}}))
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise BiDiError(f"{method} got no answer in {timeout:.0f} s") from None
        finally:
            self._pending.pop(command_id, None)

    async def start(self) -> None:
        await self.send("session.new", {"capabilities": {}})
        tree = await self.send("browsingContext.getTree", {"maxDepth": 0})
        if tree["contexts"]:
            self.context = tree["contexts"][0]["context"]
        else:
            self.context = (await self.send("browsingContext.create", {"type": "tab"}))["context"]

    async def navigate(self, url: str) -> None:
        await self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    async def evaluate(self, expression: str) -> Any:
        """Evaluate ``expression`` in the page (awaiting a returned promise) and return its value."""
        result = await self.send("script.evaluate", {
            "expression": expression, "target": {"context": self.context}, "awaitPromise": True,
            "resultOwnership": "none", "serializationOptions": {"maxObjectDepth": 8}})
        if result.get("type") == "exception":
            details = result.get("exceptionDetails", {})
            raise BiDiError(f"page threw: {details.get('text')}")
        return unwrap(result["result"])

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.send("browser.close", timeout=3.0)
        await self.ws.close()
        self._reader.cancel()
        with contextlib.suppress(BaseException):
            await self._reader


async def _drain(stream: asyncio.StreamReader, tail: collections.deque, url: asyncio.Future) -> None:
    """Keep reading Firefox's stderr (so it never blocks on a full pipe); report the BiDi address."""
    while line := await stream.readline():
        text = line.decode(errors="replace").rstrip()
        tail.append(text)
        match = LISTENING.search(text)
        if match and not url.done():
            url.set_result(match.group(1))
    if not url.done():
        url.set_exception(BiDiError("Firefox exited before its remote agent started"))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


@contextlib.asynccontextmanager
async def firefox(locale: str = "zh-CN", fake_media: bool = False):
    """A fresh headless Firefox (new temporary profile) with a BiDi session on its first tab;
    ``fake_media`` gives it Firefox's own fake camera and microphone."""
    if not FIREFOX:
        raise RuntimeError("firefox-esr is not installed: run scripts/setup.sh --test "
                           "(or apt-get install firefox-esr)")
    profile = tempfile.mkdtemp(prefix="studio-firefox-")
    proc = None
    drain = None
    tail: collections.deque[str] = collections.deque(maxlen=40)
    try:
        with open(os.path.join(profile, "user.js"), "w") as f:
            prefs = dict(PREFS, **{"intl.accept_languages": locale})  # sets navigator.language
            if fake_media:
                prefs["media.navigator.streams.fake"] = True
            f.writelines(_pref_line(name, value) for name, value in prefs.items())
        env = dict(os.environ, MOZ_CRASHREPORTER_DISABLE="1", MOZ_HEADLESS="1",
                   MOZ_REMOTE_SETTINGS_DEVTOOLS="1")
        proc = await asyncio.create_subprocess_exec(
            FIREFOX, "--headless", "--remote-debugging-port=0", "--profile", profile, "--no-remote",
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            env=env, start_new_session=True)  # its own process group: we kill content processes too
        url_future = asyncio.get_running_loop().create_future()
        drain = asyncio.ensure_future(_drain(proc.stderr, tail, url_future))
        try:
            base = await asyncio.wait_for(url_future, START_TIMEOUT)
        except (TimeoutError, BiDiError) as exc:
            log = "\n".join(tail)
            raise BiDiError(f"Firefox's remote agent did not start ({exc or 'timed out'}):\n{log}") from None
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(base.rstrip("/") + "/session", max_msg_size=0)
            bidi = BiDi(ws)
            try:
                await bidi.start()
                yield bidi
            finally:
                await bidi.close()
    finally:
        if proc is not None:
            if proc.returncode is None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(proc.wait(), 3.0)  # browser.close usually ends it
            _kill_group(proc.pid)  # whatever is left, leader and children alike
            if proc.returncode is None:
                await proc.wait()
        if drain is not None:
            drain.cancel()
            with contextlib.suppress(BaseException):
                await drain
        shutil.rmtree(profile, ignore_errors=True)
