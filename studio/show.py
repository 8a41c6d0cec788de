"""The Studio: one object that runs a show headless. The window and the CLI both drive it."""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .comments.base import CommentSource
from .commerce.catalog import Catalog, catalog_row, load_catalog
from .compositor import Compositor
from .config import RECORDING_FORMATS, StudioConfig
from .encoder import SharedAudioEncoder, SharedVideoEncoder
from .encoder_pool import AudioSpec, EncoderPool, VideoSpec
from .eventlog import Event, EventLog
from .events import EventHub
from .filters.beauty import BEAUTY_OPTIONS, BEAUTY_PRESETS, MY_PRESET
from .guard import FilterGuard
from .guests.call import GuestCall
from .interactions.runtime import InteractionHost
from .loopwatch import LoopWatch
from .messages import StudioError, as_message, raised
from .outputs.base import Output, OutputError
from .outputs.factory import make_output, rtmp_specs
from .outputs.recording import Recorder
from .overlays.base import OverlayStage
from .overlays.placement import MAX_SIZE, MIN_SIZE, PlacedOverlay
from .pipeline import Pipeline
from .registry import Registry, RegistryError, default_registry
from .rtc import stun_only
from .server import StudioServer
from .settings_schema import SettingsError, validate
from .sources.base import AudioSource, VideoSource
from .stats_history import StatsHistory
from .whep import WhepEndpoint
from .whip_ingest import WhipIngest

log = logging.getLogger(__name__)


# Every show takes comments (moderated, questions queued), pins products, runs sales, polls and lotteries.
BUILTIN_INTERACTIONS = ("comments", "moderation", "questions", "products", "sales", "polls", "followers", "lottery")


def _options(spec: dict[str, Any]) -> dict[str, Any]:
    """A contribution's settings in its spec: all but its name and (an overlay's) on/off switch."""
    return {k: v for k, v in spec.items() if k not in ("name", "enabled")}


def _tell(listeners: list[Callable[..., None]], *args: Any) -> None:
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:  # a window bug must not stop the show
            log.exception("listener %r failed", listener)


class Studio:
    def __init__(self, config: StudioConfig | None = None, registry: Registry | None = None) -> None:
        self.config = config or StudioConfig()
        self.registry = registry or default_registry([Path(d) for d in self.config.plugin_dirs],
                                                     self.config.safe_mode)
        self.registry.disabled = set(self.config.disabled_plugins)
        width, height = self.config.canvas_size
        self.pipeline = Pipeline(self._make_video_source(), self._make_audio_source(),
                                 Compositor(width, height, self.config.scale_mode), self.config.fps,
                                 self._make_filters(self.config.filters))
        self.show_state: dict[str, Any] = {"live": False, "viewers": 0}  # replaced whole: the program thread reads it
        self.pipeline.set_overlays(self._make_overlays(self.config.overlays))
        self.pipeline.true_colour = self.config.true_colour
        self.eventlog = EventLog(self.config.event_log or ":memory:")
        self.interactions = InteractionHost(self.eventlog, self._broadcast_event, lambda: self.show_state,
                                            self._refresh_show_state)
        self.replayed_events = 0
        # The built-ins run on the same rails as plugins.
        specs = self.config.interactions
        named = {s.get("name") for s in specs}
        for spec in [{"name": n} for n in BUILTIN_INTERACTIONS if n not in named] + specs:
            contribution = self.registry.get("interaction", spec["name"])
            options = {k: v for k, v in spec.items() if k != "name"}
            self.interactions.add(spec["name"], self.registry.create("interaction", spec["name"], **options),
                                  contribution.provider, paused=contribution.provider in self.registry.disabled)
        self.comment_sources = [(spec["name"], self.registry.create(
            "comment_source", spec["name"], **{k: v for k, v in spec.items() if k != "name"}))
            for spec in self.config.comment_sources]
        self.source_errors: dict[str, dict[str, Any]] = {}  # comment sources that failed: why, as messages
        self._source_tasks: list[asyncio.Task] = []
        viewer_key = self.eventlog.secret("events:viewer-key")
        if viewer_key is None:  # viewers keep who they are across restarts of the show
            viewer_key = secrets.token_hex(32)
            self.eventlog.keep_secret("events:viewer-key", viewer_key)
        self.events = EventHub(on_send=self._viewer_sent, snapshot=self.public_state, key=bytes.fromhex(viewer_key))
        self.event_listeners: list[Callable[[Event], None]] = []  # the host window: every event, host-only too
        # Told after every change of the set-up (sources, filters, overlays, interactions, outputs,
        # plugins, the canvas) and of what runs (live, recording): the window saves then, not only on quit.
        self.setup_listeners: list[Callable[[], None]] = []
        self.server = StudioServer(self, self.events)
        self.loop_watch = LoopWatch()
        self.video_encoder: SharedVideoEncoder | None = None
        self.audio_encoder: SharedAudioEncoder | None = None
        self.whep: WhepEndpoint | None = None
        self.encoders = EncoderPool(self.pipeline)
        self.outputs: dict[str, Output] = {}
        for spec in list(self.config.outputs):
            try:
                output = make_output(spec, self.encoders, self.config)
            except OutputError as exc:  # a remembered output that no longer makes sense: the show starts anyway
                log.error("output %s left out: %s", spec.get("name"), exc)
                self.config.outputs.remove(spec)
                continue
            self.outputs[output.name] = output
        self.recorder: Recorder | None = None
        # Streams sent to the studio over WHIP need this bearer token.
        self.ingest_token = self.config.ingest_token or secrets.token_urlsafe(16)
        self.ingest = WhipIngest(ice_config=self.config.ice_servers)
        self.call = GuestCall(self.pipeline, self.ingest, self.encoders, self.config.guest_limit,
                              lambda: self.config.canvas_size, lambda: self.viewer_url, self.eventlog,
                              relay_only=self.config.guest_relay_only)
        self.history = StatsHistory()  # the last minutes, a sample a second when read (the stats dock's graphs)
        self.live_since: float | None = None
        self._live_lock = asyncio.Lock()  # Go Live and Stop never interleave

    # -- construction from the registry -------------------------------------------------------
    def _make_video_source(self) -> VideoSource:
        options = dict(self.config.video_options)
        if self.config.video_source in ("testcard", "camera"):
            width, height = self.config.canvas_size
            options = {"width": width, "height": height, "fps": self.config.fps, **options}
        return self.registry.create("video_source", self.config.video_source, **options)

    def _make_audio_source(self) -> AudioSource | None:
        if self.config.audio_source == "none":
            return None
        return self.registry.create("audio_source", self.config.audio_source, **self.config.audio_options)

    def _make_filters(self, specs: list[dict[str, Any]]) -> list[FilterGuard]:
        return self._make_guards("video_filter", specs)

    def _make_overlays(self, specs: list[dict[str, Any]]) -> list[FilterGuard]:
        return self._make_guards("overlay", specs)

    def _make_guards(self, kind: str, specs: list[dict[str, Any]]) -> list[FilterGuard]:
        guards = []
        for spec in specs:
            if "name" not in spec:
                raise RegistryError("registry.needs_name", kind=kind, spec=str(spec))
            contribution = self.registry.get(kind, spec["name"])
            if contribution.provider in self.registry.disabled:
                continue  # kept in the show's settings, skipped while its plugin is off
            made = self.registry.create(kind, spec["name"], **_options(spec))
            if kind == "overlay":
                made.enabled = spec.get("enabled", True)  # a hidden overlay keeps its place
                made = OverlayStage(made, lambda: self.show_state)
            guards.append(FilterGuard(made, spec["name"], contribution.cost_ms, self.config.fps,
                                      contribution.provider))
        return guards

    # -- control ----------------------------------------------------------------------------
    @property
    def is_live(self) -> bool:
        return self.whep is not None

    @property
    def viewer_url(self) -> str:
        host = "127.0.0.1" if self.config.host in ("0.0.0.0", "::", "") else self.config.host
        return f"http://{host}:{self.server.port or self.config.port}/"

    async def start(self) -> None:
        """Start capture and preview, and the server (which answers 503 until Go Live)."""
        self.replayed_events = self.interactions.replay()  # a restart picks the show up where it was
        self._refresh_show_state()
        self.loop_watch.start()
        self.pipeline.start()
        self._source_tasks = [asyncio.ensure_future(self._read_comments(name, source))
                              for name, source in self.comment_sources]
        await self.server.start(self.config.host, self.config.port)

    async def go_live(self) -> None:
        async with self._live_lock:
            if self.is_live:
                return
            video = self.encoders.video(self.server_video_spec())
            # Always an audio encoder: a source picked later while live is heard at once.
            audio = self.encoders.audio(AudioSpec("opus", self.config.audio_bitrate))
            self.video_encoder, self.audio_encoder = video, audio
            # Viewers: STUN only. A TURN relay serves the guests; an unreachable one would hold up
            # every viewer's join for its gathering timeout.
            self.whep = WhepEndpoint(video, audio, self.config.max_viewers, self._publish_viewers,
                                     stun_only(self.config.ice_servers))
            self.live_since = time.time()
            self.show_state = {**self.show_state, "live": True, "viewers": 0}
        for output in self.outputs.values():
            output.start()
        self.setup_changed()
        await self.events.publish("live", live=True, since=self.live_since)
        log.info("live: viewers at %s", self.viewer_url)

    @property
    def ingest_url(self) -> str:
        """Where a stream can be sent to the studio over WHIP (with ``ingest_token``)."""
        return f"{self.viewer_url}whip/"

    def server_video_spec(self) -> VideoSpec:
        width, height = self.config.canvas_size
        return VideoSpec(self.config.video_codec, width, height, self.config.fps, self.config.video_bitrate)

    def set_canvas(self, orientation: str | None = None, scale_mode: str | None = None) -> None:
        """Switch the canvas while the show runs, live or not: ``orientation`` landscape (1280×720)
        or portrait (720×1280), ``scale_mode`` fit or fill (ConfigError for anything else). From
        the next frame the program, the guests' layout and the overlays take the new canvas; a new
        orientation re-opens every encoder at its aspect with a keyframe (viewers play on at the
        new size), and RTMP and the recording start a new stream or file (a container cannot
        change size mid-stream). Fit or fill alone touches no encoder."""
        checked = replace(self.config, orientation=orientation or self.config.orientation,
                          scale_mode=scale_mode or self.config.scale_mode)  # ConfigError if either is wrong
        self.config.orientation, self.config.scale_mode = checked.orientation, checked.scale_mode
        canvas = self.config.canvas_size
        running = self.pipeline.compositor
        if canvas != (running.width, running.height):
            self.encoders.set_canvas(canvas)
            for output in [*self.outputs.values(), *([self.recorder] if self.recorder is not None else [])]:
                output.video_spec = output.video_spec.for_canvas(canvas)  # what it asks for when it starts again
        self.pipeline.set_canvas(Compositor(*canvas, self.config.scale_mode))
        self.setup_changed()

    def setup_changed(self) -> None:
        """Tell the ``setup_listeners`` that the set-up or what runs has changed."""
        _tell(self.setup_listeners)

    # -- outputs ------------------------------------------------------------------------------
    def add_output(self, spec: dict[str, Any]) -> Output:
        """An RTMP or WHIP output from its settings (started with the show, or at once if live).
        OutputError says what is wrong with the settings."""
        output = make_output(spec, self.encoders, self.config)
        if output.name in self.outputs:
            raise OutputError("output.duplicate", retry=False, name=output.name)
        self.outputs[output.name] = output
        self.config.outputs = [s for s in self.config.outputs if s.get("name") != output.name] + [dict(spec)]
        if self.is_live:
            output.start()
        self.setup_changed()
        return output

    async def remove_output(self, name: str) -> None:
        output = self.outputs.pop(name, None)
        if output is not None:
            await output.stop()
        self.config.outputs = [s for s in self.config.outputs if s.get("name") != name]
        self.setup_changed()

    def start_recording(self, folder: str | None = None, recording_format: str | None = None) -> Recorder:
        """Record the program with its audio (``recording_format``: mp4 or mkv, see
        ``StudioConfig``); independent of Go Live."""
        if self.recorder is not None and self.recorder.running:
            return self.recorder
        if recording_format not in (None, *RECORDING_FORMATS):
            raise StudioError("config.choice", name="recording_format", choices=", ".join(RECORDING_FORMATS),
                              value=str(recording_format))
        if folder:
            self.config.recording_folder = folder
        if recording_format:
            self.config.recording_format = recording_format
        if self.config.recording_format == "mkv":  # the live encode itself
            video, audio = self.server_video_spec(), AudioSpec("opus", self.config.audio_bitrate)
        else:  # H.264 + AAC as RTMP sends them: one encode for both when their rates match
            video, audio = rtmp_specs(self.config, self.config.video_bitrate)
        if self.config.recording_bitrate:
            video = replace(video, bitrate=self.config.recording_bitrate)
        self.recorder = Recorder(self.config.recording_folder, self.encoders, video, audio,
                                 self.config.recording_format)
        self.recorder.start()
        self.setup_changed()
        return self.recorder

    async def stop_recording(self) -> None:
        if self.recorder is not None:
            await self.recorder.stop()
            self.setup_changed()

    async def stop_live(self) -> None:
        async with self._live_lock:
            if not self.is_live:
                return
            whep, self.whep = self.whep, None
            encoders = [e for e in (self.video_encoder, self.audio_encoder) if e is not None]
            self.video_encoder = self.audio_encoder = None
            self.live_since = None
            await whep.end_all()
            await asyncio.gather(*(output.stop() for output in self.outputs.values()))
            for encoder in encoders:
                await self.encoders.release(encoder)
        self.setup_changed()
        await self.events.publish("live", live=False)
        await self._publish_viewers()

    async def close(self) -> None:
        await self.stop_live()
        await self.stop_recording()
        await self.ingest.end_all()
        await self.call.close()
        await self.server.stop()
        for task in self._source_tasks:
            task.cancel()
        await asyncio.gather(*self._source_tasks, return_exceptions=True)
        self.pipeline.stop()
        self.loop_watch.stop()
        self.eventlog.close()

    async def _publish_viewers(self) -> None:
        self.show_state = {**self.show_state, "live": self.is_live, "viewers": self.viewer_count}
        await self.events.publish("viewers", count=self.viewer_count)

    @property
    def viewer_count(self) -> int:
        return self.whep.viewer_count if self.whep else 0

    def set_video_source(self, name: str, **options: Any) -> None:
        self.config.video_source, self.config.video_options = name, options
        self.pipeline.set_video_source(self._make_video_source())
        self.setup_changed()

    def set_audio_source(self, name: str, **options: Any) -> None:
        self.config.audio_source, self.config.audio_options = name, options
        self.pipeline.set_audio_source(self._make_audio_source())
        self.setup_changed()

    def set_filters(self, specs: list[dict[str, Any]]) -> None:
        """The filter chain, in order. A filter already running keeps its instance, and with it
        its state (a person mask, an exposure curve, a face track), taking the new settings; only
        filters new to the chain are made."""
        running = {g.name: g for g in self.pipeline.filters if g.error is None}
        chain: list[tuple[FilterGuard, dict[str, Any] | None]] = []  # (guard, new settings if kept)
        for spec in specs:  # everything is checked before anything running changes
            guard = running.pop(spec.get("name", ""), None)
            if guard is None:
                chain += [(made, None) for made in self._make_filters([spec])]
                continue
            options = {k: v for k, v in spec.items() if k != "name"}
            settings = self.registry.get("video_filter", spec["name"]).settings
            if settings is not None:
                try:
                    options = validate(settings, options)
                except SettingsError as exc:
                    raise RegistryError("registry.settings", kind="video_filter", name=spec["name"],
                                        problem=exc) from exc
            chain.append((guard, options))
        for guard, options in chain:
            if options is not None:
                guard.filter.set_options(**options)
        guards = [guard for guard, _ in chain]
        self.config.filters = specs
        self.pipeline.set_filters(guards)
        self.setup_changed()

    def set_true_colour(self, on: bool) -> None:
        """True-colour product mode: from the next frame, pixels outside faces are only denoised and
        sharpened; filters that could recolour them are bypassed."""
        self.config.true_colour = self.pipeline.true_colour = bool(on)
        self.setup_changed()

    def beauty_presets(self) -> dict[str, dict[str, int]]:
        presets = dict(BEAUTY_PRESETS)
        if self.config.beauty_preset:
            presets[MY_PRESET] = dict(self.config.beauty_preset)
        return presets

    def apply_beauty_preset(self, name: str) -> None:
        presets = self.beauty_presets()
        if name not in presets:
            raise RegistryError("registry.no_preset", name=name, presets=", ".join(presets))
        self.set_options("video_filter", "beauty", **presets[name])

    def save_beauty_preset(self, values: dict[str, Any] | None = None) -> dict[str, int]:
        """``values`` (by default the beauty filter's current sliders) become the host's own preset."""
        spec = values or next((s for s in self.config.filters if s.get("name") == "beauty"), {})
        defaults = {s.name: s.default for s in self.registry.get("video_filter", "beauty").settings or []}
        self.config.beauty_preset = {k: int(spec.get(k, defaults[k])) for k in BEAUTY_OPTIONS}
        self.setup_changed()
        return dict(self.config.beauty_preset)

    def configured(self, kind: str) -> list[dict[str, Any]]:
        """The show's settings list for a kind: filters, overlays or interactions."""
        return {"video_filter": self.config.filters, "overlay": self.config.overlays,
                "interaction": self.config.interactions}[kind]

    def _running(self, kind: str, name: str) -> list[Any]:
        if kind == "interaction":
            return [r.interaction for r in self.interactions.running if r.name == name]
        guards = self.pipeline.filters if kind == "video_filter" else self.pipeline.overlays
        return [g.filter for g in guards if g.name == name]

    def set_options(self, kind: str, name: str, **values: Any) -> None:
        """Change a running contribution's settings live, checked against its schema; the show's
        settings keep them (the window saves those)."""
        contribution = self.registry.get(kind, name)
        spec = next((s for s in self.configured(kind) if s.get("name") == name), None)
        if spec is None:
            spec = {"name": name}  # a built-in that runs without being listed (comments, products)
            self.configured(kind).append(spec)
        merged = {**_options(spec), **values}
        if contribution.settings is not None:
            try:
                merged = validate(contribution.settings, merged)
            except SettingsError as exc:
                raise RegistryError("registry.settings", kind=kind, name=name, problem=exc) from exc
        for running in self._running(kind, name):
            running.set_options(**{k: merged[k] for k in values})
        spec.update(merged)
        self.setup_changed()

    # -- overlays -------------------------------------------------------------------------------
    def overlays(self) -> list[dict[str, Any]]:
        """Every overlay the host can put on the program, in drawing order (the last on top):
        ``name``, ``title`` and its ``titles`` by language, ``enabled``, ``box``: where it is
        (left, top, width, height in % of the canvas) and ``size`` (% of its standard size), both
        None while off or if it places itself."""
        running = {g.name: g.filter.overlay for g in self.pipeline.overlays}
        configured = [s["name"] for s in self.config.overlays]
        listed = []
        for name in configured + [n for n in self.registry.names("overlay") if n not in configured]:
            contribution = self.registry.get("overlay", name)
            if contribution.provider in self.registry.disabled:
                continue
            overlay = running.get(name)
            enabled = overlay is not None and overlay.enabled
            placed = enabled and isinstance(overlay, PlacedOverlay)
            listed.append({"name": name, "title": contribution.title or name, "titles": contribution.titles,
                           "enabled": enabled, "box": overlay.box() if placed else None,
                           "size": float(overlay.size) if placed else None})
        return listed

    def _overlay_spec(self, name: str) -> dict[str, Any]:
        self.registry.get("overlay", name)  # RegistryError for one the studio does not know
        spec = next((s for s in self.config.overlays if s.get("name") == name), None)
        if spec is None:
            spec = {"name": name}
            self.config.overlays.append(spec)
        return spec

    def set_overlay_enabled(self, name: str, enabled: bool) -> None:
        """Show or hide an overlay from the next frame; a hidden one keeps its place and settings."""
        spec = self._overlay_spec(name)
        if enabled:
            spec.pop("enabled", None)
        else:
            spec["enabled"] = False
        self._sync_overlays()
        self.setup_changed()

    def place_overlay(self, name: str, x: float, y: float, size: float | None = None) -> tuple[float, float, float]:
        """Put an overlay's top-left corner at ``x``, ``y`` (% of the canvas) at ``size`` (% of its
        standard size; default: unchanged), from the next frame. Kept inside the canvas: the place
        and size it got are returned. RegistryError for an overlay that places itself."""
        overlay = next((g.filter.overlay for g in self.pipeline.overlays if g.name == name), None)
        if not isinstance(overlay, PlacedOverlay):
            raise RegistryError("overlay.not_placeable", name=name)
        size = float(overlay.size if size is None else size)
        width, height = overlay.extent(100)
        # As big as asked, but no bigger than the canvas, nor than its limits allow.
        size = max(MIN_SIZE, min(MAX_SIZE, size, 100 * 100 / max(width, height, 1e-6)))
        width, height = overlay.extent(size)
        x, y = max(0.0, min(float(x), 100 - width)), max(0.0, min(float(y), 100 - height))
        placed = {"x": round(x, 2), "y": round(y, 2), "size": round(size, 2)}
        self.set_options("overlay", name, **placed)
        return placed["x"], placed["y"], placed["size"]

    def _sync_overlays(self) -> None:
        """The program's overlays as the show's settings list them: those running keep their
        instance (a danmaku in flight, a picture rendered), new ones are made."""
        running = {g.name: g for g in self.pipeline.overlays}
        guards = []
        for spec in self.config.overlays:
            guard = running.get(spec["name"])
            if guard is None:
                guards += self._make_overlays([spec])
            else:
                guard.filter.overlay.enabled = spec.get("enabled", True)
                guards.append(guard)
        self.pipeline.set_overlays(guards)

    def plugins(self) -> list[dict[str, Any]]:
        """Every discovered plugin with its state, for the plugin manager."""
        return [{"name": m.name, "version": m.version, "title": m.title, "titles": m.titles,
                 "description": m.description,
                 "builtin": m.builtin, "origin": m.origin, "errors": list(m.errors),
                 "enabled": m.name not in self.registry.disabled,
                 "contributions": [f"{c.kind}: {c.name}" for c in m.contributions]}
                for m in self.registry.plugins]

    def set_plugin_enabled(self, name: str, enabled: bool) -> None:
        """Switch a third-party plugin on or off while the show runs; its filters stop or restart at once."""
        manifest = next((m for m in self.registry.plugins if m.name == name), None)
        if manifest is None:
            raise RegistryError("registry.no_plugin", name=name)
        if manifest.builtin:
            raise RegistryError("registry.builtins")
        if enabled:
            self.registry.disabled.discard(name)
        else:
            self.registry.disabled.add(name)
        self.config.disabled_plugins = sorted(self.registry.disabled)
        for guard in self.pipeline.filters + self.pipeline.overlays:
            if guard.provider == name:
                guard.paused = not enabled
                if enabled:
                    guard.resume()
        if enabled:  # contributions of this plugin that were skipped while it was off
            if {s.get("name") for s in self.config.filters} - {g.name for g in self.pipeline.filters}:
                self.pipeline.set_filters(self._make_filters(self.config.filters))
            self._sync_overlays()
        for running in self.interactions.running:
            if running.provider == name:
                running.paused = not enabled
        self.setup_changed()

    # -- interactions ---------------------------------------------------------------------------
    def import_catalog(self, path: str | Path) -> Catalog:
        """Load a catalog file and put its good products in the show (one ``product.catalog``
        event); the returned catalog lists each bad row with its line and reason. CatalogError if
        the file cannot be read at all."""
        catalog = load_catalog(path)
        self.submit("product.catalog", {"products": [catalog_row(p) for p in catalog.products]})
        return catalog

    def _products(self) -> Any:
        return next(r.interaction for r in self.interactions.running if r.name == "products")

    def product_image(self, product_id: str) -> str:
        """The catalog's picture (a path or a web address) for a product, "" if none."""
        product = self._products().catalog.get(product_id)
        return str(product.get("image") or "") if product else ""

    def pinned_product(self) -> dict[str, Any] | None:
        """The product on air (its card, with the catalog ``id`` if it came from the catalog), or None."""
        return self._products().pinned

    def pin_next_product(self) -> Event | None:
        """Pin the catalog's next product after the one on air (the first after the last, or when
        none is); None if there is no catalog. ValueError: refused, with why."""
        ids = list(self._products().catalog)
        if not ids:
            return None
        pinned = self.pinned_product() or {}
        following = ids.index(pinned["id"]) + 1 if pinned.get("id") in ids else 0
        return self.submit("product.pin", {"product": ids[following % len(ids)]})

    def submit(self, type_: str, data: dict[str, Any], actor: str = "host") -> Event:
        """Send an event into the show, as the host does from the window (ValueError: refused, with why)."""
        return self.interactions.submit(type_, actor, data)

    async def _read_comments(self, name: str, source: CommentSource) -> None:
        try:
            async for comment in source.comments():
                try:
                    self.interactions.submit("comment", f"source:{name}", {
                        "nickname": comment.nickname, "text": comment.text, "platform": source.platform})
                except ValueError as exc:  # an empty or oversized comment from the platform: skip it
                    log.info("comment from %s refused: %s", name, exc)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.source_errors[name] = as_message(raised(exc))
            log.exception("comment source %s failed", name)

    def _viewer_sent(self, actor: str, type_: str, data: Any) -> Event:
        return self.interactions.submit(type_, actor, data)

    def _broadcast_event(self, event: Event) -> None:
        _tell(self.event_listeners, event)
        if event.type not in self.interactions.host_only:
            self.events.publish_event(event.to_json())

    def _refresh_show_state(self) -> None:
        # The overlays draw what the pages show (replaced whole: the program thread reads it).
        self.show_state = {**self.show_state, "show": self.interactions.public_state()}

    def public_state(self) -> dict[str, Any]:
        """What is on now, as viewers' pages see it (for a page that joins late): each running
        interaction's public state, and the last event it reflects."""
        return {"last_event": self.eventlog.last_id(), "interactions": self.interactions.public_state()}

    def widgets(self) -> dict[str, Path]:
        """Viewer-page scripts of the running interactions, by interaction name."""
        found = {}
        for running in self.interactions.running:
            widget = running.interaction.widget
            if widget and running.active:
                module_file = sys.modules[type(running.interaction).__module__].__file__
                found[running.name] = Path(module_file).parent / widget
        return found

    # -- read-outs --------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = {"live": self.is_live, "viewers": self.viewer_count,
                                 "viewer_url": self.viewer_url, **self.pipeline.stats(),
                                 "loop_max_lag_ms": round(self.loop_watch.max_lag_ms, 1),
                                 "loop_stalls": self.loop_watch.stalls}
        # Every switched-off contribution, why in English and as a message to word.
        stats["filter_error_messages"].update(self.interactions.error_messages)
        stats["filter_error_messages"].update(self.source_errors)
        stats["filter_errors"].update({name: m["reason"] for name, m in stats["filter_error_messages"].items()})
        video = self.video_encoder
        if video is not None:
            fps, bps = video.meter.rates()
            stats.update(encoder_fps=round(fps, 2), bitrate_bps=int(bps), encode_ms=round(video.encode_ms, 2),
                         dropped_encoder=video.input.dropped, keyframes=video.keyframe_count,
                         keyframe_requests=video.keyframes.requests, encoder_errors=video.errors)
        if self.audio_encoder is not None:
            stats["dropped_audio"] = self.audio_encoder.input.dropped
        stats["dropped_viewers"] = sum(track.subscriber.dropped for session in (self.whep.sessions.values()
                                       if self.whep else []) for track in session.tracks if track.subscriber)
        stats["outputs"] = [output.status() for output in self.outputs.values()]
        stats["recording"] = self.recorder.status() if self.recorder is not None else None
        stats["dropped_total"] = stats["dropped_source"] + stats.get("dropped_encoder", 0)
        # Whoever reads the stats (the window twice a second, /api/status) keeps the history:
        # no timer of its own, which under qasync outlived closed shows.
        self.history.sample_if_due(stats, self.pipeline.video_runner.items)
        return stats
