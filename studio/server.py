"""The embedded server: viewer page, WHEP playback, events channel and status, on aiohttp.

It binds 127.0.0.1 unless the host opts in. Every bad request gets a 4xx with a plain-text reason
and touches no other session.
"""

from __future__ import annotations

import html
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

from .commerce.catalog import IMAGE_TYPES
from .events import EventHub
from .guests.invites import InviteRefused
from .messages import HEADER, Coded, StudioError, as_message, catalogue, describe
from .resources import resource_path
from .rtc import stun_only, with_credentials
from .whep import OfferError, Unavailable

if TYPE_CHECKING:
    from .show import Studio

log = logging.getLogger(__name__)

WEB_ROOT = resource_path("web")
MAX_SDP_BYTES = 64 * 1024
SDP_TYPE = "application/sdp"


def _refused_page(refusal: Coded, request: web.Request) -> web.Response:
    """The page a guest sees for a link that does not open: the reason in their browser's language,
    and nothing about the show."""
    language = "zh_CN" if request.headers.get("Accept-Language", "").lower().startswith("zh") else "en"
    text = html.escape(describe(refusal, language))
    body = (f'<!doctype html><html lang="{language.replace("_", "-")}"><meta charset="utf-8"><title>{text}</title>'
            f'<body style="font-family:sans-serif;background:#111418;color:#eee;text-align:center;padding:15vh 1em">'
            f'<h1>🔒</h1><p>{text}</p>'
            '<p>请向主播索取新的邀请链接 · Ask the host for a new invite link.</p></body></html>')
    return web.Response(status=403, text=body, content_type="text/html", charset="utf-8")


def _error(status: int, reason: str, **headers: str) -> web.Response:
    return web.Response(status=status, text=reason + "\n", headers=headers or None)


def _refused(refusal: Coded) -> web.Response:
    """403 with the reason in English and, for the guest page to word, its message as a header."""
    return _error(403, str(refusal), **{HEADER: json.dumps(as_message(refusal))})


async def _created(answering: Awaitable[tuple[str, str]], resource: str,
                   more_headers: Callable[[str], dict[str, str]] | None = None) -> web.Response:
    """201 with the SDP answer and the session's Location (RFC 9725), or the 4xx/503 that says why not."""
    try:
        session_id, answer = await answering
    except OfferError as exc:
        return _error(400, str(exc))
    except Unavailable as exc:
        return _error(503, str(exc), **{"Retry-After": "10"})
    headers = {"Location": f"{resource}{session_id}", "ETag": f'"{session_id}"'}
    return web.Response(status=201, text=answer, content_type=SDP_TYPE,
                        headers={**headers, **(more_headers(session_id) if more_headers else {})})


class StudioServer:
    def __init__(self, studio: Studio, events: EventHub) -> None:
        self.studio = studio
        self.events = events
        self.app = web.Application(client_max_size=MAX_SDP_BYTES)
        self.app.add_routes([
            web.get("/", self.viewer_page),
            web.post("/whep", self.whep_offer),
            web.delete("/whep/{session_id}", self.whep_delete),
            web.patch("/whep/{session_id}", self.whep_patch),
            web.options("/whip/{stream}", self.whip_options),
            web.post("/whip/{stream}", self.whip_offer),
            web.delete("/whip/session/{session_id}", self.whip_delete),
            web.patch("/whip/session/{session_id}", self.whep_patch),
            web.get("/events", self.events.handle),
            web.get("/api/status", self.status),
            web.post("/api/host/events", self.host_event),
            web.get("/products/{product}/image", self.product_image),
            web.get("/join/{token}", self.guest_page),
            web.post("/guest/{token}/whip", self.guest_offer),
            web.delete("/guest/session/{session_id}", self.guest_delete),
            web.get("/guest/session/{session_id}", self.guest_status),
            web.get("/guest/{token}/ice", self.guest_ice),
            web.get("/ice", self.viewer_ice),
            web.get("/plugins/widgets.json", self.widget_list),
            web.get("/messages.json", self.messages),
            web.get("/plugins/widget/{name}.js", self.widget_script),
            web.static("/static", WEB_ROOT),
        ])
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self, host: str, port: int) -> None:
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # the real port when 0 was asked
        log.info("serving on http://%s:%d/", host, self.port)

    async def stop(self) -> None:
        await self.events.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def viewer_page(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(WEB_ROOT / "viewer.html")

    async def status(self, request: web.Request) -> web.Response:
        return web.json_response(self.studio.stats())

    async def host_event(self, request: web.Request) -> web.Response:
        """The host's actions from a script: {"type": …, "data": {…}} as the window sends them."""
        token = self.studio.config.control_token
        given = request.headers.get("Authorization", "")
        if not token or not secrets.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return _error(401, "host control needs the show's control token",
                          **{"WWW-Authenticate": 'Bearer realm="host"'})
        try:
            body = await request.json()
            if not isinstance(body, dict) or not isinstance(body.get("type"), str):
                raise StudioError("event.bad_host_request")
            event = self.studio.submit(body["type"], body.get("data", {}))
        except ValueError as exc:  # JSONDecodeError and every refusal are ValueErrors
            return web.json_response(as_message(exc), status=400)
        return web.json_response({"id": event.id, "data": event.data})

    async def product_image(self, request: web.Request) -> web.StreamResponse:
        """A catalog product's picture: a web address is a redirect, a file on the host's disk is
        served (only pictures the catalog names; the id is a key, never a path)."""
        image = self.studio.product_image(request.match_info["product"])
        if image.startswith(("https://", "http://")):
            raise web.HTTPFound(image)
        path = Path(image)
        if not image or path.suffix.lower() not in IMAGE_TYPES or not path.is_file():
            return _error(404, "no picture for this product")
        return web.FileResponse(path, headers={"Content-Type": IMAGE_TYPES[path.suffix.lower()]})

    # -- co-host guests: their link is their only key, and opens only these ---------------------
    async def guest_page(self, request: web.Request) -> web.StreamResponse:
        try:
            self.studio.call.invites.check(request.match_info["token"])
        except InviteRefused as refusal:
            return _refused_page(refusal, request)
        return web.FileResponse(WEB_ROOT / "guest.html")

    async def guest_offer(self, request: web.Request) -> web.Response:
        token, rejoin_key = request.match_info["token"], request.query.get("rejoin", "")
        try:
            self._check_guest(token, rejoin_key)
        except InviteRefused as refusal:
            return _refused(refusal)
        body = await self._read_offer(request)
        if isinstance(body, web.Response):
            return body
        call = self.studio.call
        try:
            answering = call.arrive(token, request.query.get("name", ""), body, rejoin_key)
            # The page keeps the key to come back after a dropped connection.
            return await _created(answering, "/guest/session/",
                                  lambda session: {"Rejoin-Key": call.rejoin_key(session) or ""})
        except InviteRefused as refusal:  # used up by someone else meanwhile
            return _refused(refusal)

    async def guest_delete(self, request: web.Request) -> web.Response:
        if not await self.studio.call.leave(request.match_info["session_id"]):
            return _error(404, "no such guest session")
        return web.Response(status=200, text="left the call\n")

    def _check_guest(self, token: str, rejoin_key: str) -> None:
        """The link opens, or (with their key) it is a guest's own, used, link: InviteRefused if not."""
        if rejoin_key:
            self.studio.call.guests.holder(token, rejoin_key)
        else:
            self.studio.call.invites.check(token)

    async def guest_ice(self, request: web.Request) -> web.Response:
        """The STUN/TURN servers a guest's browser uses (TURN credentials go to invited guests only,
        or to a guest reconnecting with their key)."""
        try:
            self._check_guest(request.match_info["token"], request.query.get("rejoin", ""))
        except InviteRefused as refusal:
            return _refused(refusal)
        config = self.studio.config
        return web.json_response({"iceServers": with_credentials(config.ice_servers),
                                  "iceTransportPolicy": "relay" if config.guest_relay_only else "all"},
                                 headers={"Cache-Control": "no-store"})

    async def viewer_ice(self, request: web.Request) -> web.Response:
        """The STUN servers for viewers' browsers; never a TURN credential (anyone may ask)."""
        return web.json_response({"iceServers": stun_only(self.studio.config.ice_servers)},
                                 headers={"Cache-Control": "no-store"})

    async def guest_status(self, request: web.Request) -> web.Response:
        """What the guest's page shows of itself (the session id, unguessable, is the key)."""
        status = self.studio.call.status(request.match_info["session_id"])
        if status is None:
            return _error(404, "no such guest session")
        return web.json_response(status, headers={"Cache-Control": "no-store"})

    async def widget_list(self, request: web.Request) -> web.Response:
        names = sorted(self.studio.widgets())
        return web.json_response({"widgets": [{"name": n, "url": f"/plugins/widget/{n}.js"} for n in names]})

    async def messages(self, request: web.Request) -> web.Response:
        """Every message code with its wording, for the pages to word refusals in their language."""
        return web.json_response(catalogue())

    async def widget_script(self, request: web.Request) -> web.StreamResponse:
        # Only files the running interactions declared: the name is a key, never a path.
        path = self.studio.widgets().get(request.match_info["name"])
        if path is None or not path.is_file():
            return _error(404, "no such widget")
        return web.FileResponse(path, headers={"Content-Type": "text/javascript; charset=utf-8"})

    @staticmethod
    async def _read_offer(request: web.Request) -> str | web.Response:
        """The SDP offer in the body, or the 4xx that says what is wrong with it."""
        if request.content_type != SDP_TYPE:
            return _error(415, f"Content-Type must be {SDP_TYPE}")
        too_large = _error(413, f"SDP offer larger than {MAX_SDP_BYTES} bytes")
        if request.content_length is not None and request.content_length > MAX_SDP_BYTES:
            return too_large
        try:
            return await request.text()
        except web.HTTPRequestEntityTooLarge:
            return too_large
        except (UnicodeDecodeError, LookupError):  # LookupError: an unknown charset parameter
            return _error(400, "SDP offer is not valid UTF-8 text")

    async def whep_offer(self, request: web.Request) -> web.Response:
        body = await self._read_offer(request)
        if isinstance(body, web.Response):
            return body
        endpoint = self.studio.whep
        if endpoint is None:
            return _error(503, "the show is not live yet; try again shortly", **{"Retry-After": "2"})
        return await _created(endpoint.answer(body), "/whep/")

    async def whep_delete(self, request: web.Request) -> web.Response:
        endpoint = self.studio.whep
        if endpoint is None or not await endpoint.end(request.match_info["session_id"]):
            return _error(404, "no such WHEP session")
        return web.Response(status=200, text="session ended\n")

    async def whep_patch(self, request: web.Request) -> web.Response:
        # Candidates are all in the answer (aiortc gathers before answering): no trickle ICE.
        raise web.HTTPMethodNotAllowed(
            "PATCH", ["DELETE"], text="trickle ICE is not supported; send all candidates in the offer\n")

    # -- WHIP ingest: streams sent to the studio ---------------------------------------------
    def _authorised(self, request: web.Request) -> bool:
        given = request.headers.get("Authorization", "")
        return secrets.compare_digest(given.encode(), f"Bearer {self.studio.ingest_token}".encode())

    async def whip_options(self, request: web.Request) -> web.Response:
        return web.Response(status=204, headers={"Accept-Post": SDP_TYPE, "Allow": "OPTIONS, POST"})

    async def whip_offer(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return _error(401, "a valid bearer token is needed to send a stream here",
                          **{"WWW-Authenticate": 'Bearer realm="whip"'})
        body = await self._read_offer(request)
        if isinstance(body, web.Response):
            return body
        return await _created(self.studio.ingest.accept(request.match_info["stream"], body), "/whip/session/")

    async def whip_delete(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return _error(401, "a valid bearer token is needed to end a stream")
        if not await self.studio.ingest.end(request.match_info["session_id"]):
            return _error(404, "no such WHIP session")
        return web.Response(status=200, text="session ended\n")
