"""Show configuration: one dataclass, loadable from TOML or JSON and overridable by CLI flags."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .compositor import ORIENTATIONS, SCALE_MODES
from .messages import StudioError
from .rtc import check_ice_servers

RECORDING_FORMATS = ("mp4", "mkv")


class ConfigError(StudioError):
    pass


def default_plugin_dir() -> Path:
    """The user's plugins folder: one subfolder per plugin, each with a studio-plugin.toml."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "host-studio" / "plugins"


@dataclass
class StudioConfig:
    video_source: str = "testcard"  # testcard | camera | file | image
    video_options: dict[str, Any] = field(default_factory=dict)  # e.g. {"index": 0} or {"path": ...}
    audio_source: str = "tone"  # tone | microphone | file | none
    audio_options: dict[str, Any] = field(default_factory=dict)
    orientation: str = "landscape"  # landscape 1280×720 | portrait 720×1280; switchable live (Studio.set_canvas)
    canvas_width: int = 0  # 0: from orientation; else a size of one's own, turned to the orientation
    canvas_height: int = 0
    fps: float = 30.0
    scale_mode: str = "fit"  # fit | fill; switchable live
    filters: list[dict[str, Any]] = field(default_factory=list)  # [{"name": "mirror"}, ...]
    overlays: list[dict[str, Any]] = field(default_factory=list)  # [{"name": "live_badge"}, ...]
    interactions: list[dict[str, Any]] = field(default_factory=list)  # [{"name": "lucky_number"}, ...]
    comment_sources: list[dict[str, Any]] = field(default_factory=list)  # comments from other platforms
    true_colour: bool = False  # product mode: nothing outside faces is recoloured (所见即所得)
    beauty_preset: dict[str, int] = field(default_factory=dict)  # the host's own saved beauty preset
    event_log: str = ""  # SQLite file of the show's events; empty: kept in memory only
    video_codec: str = "vp8"
    video_bitrate: int = 2_500_000
    audio_bitrate: int = 64_000
    outputs: list[dict[str, Any]] = field(default_factory=list)  # RTMP / WHIP targets, started with Go Live
    recording_folder: str = field(default_factory=lambda: str(Path.home() / "Videos" / "Host Studio"))
    recording_format: str = "mp4"  # mp4: H.264 + AAC for editing (shares the RTMP encode); mkv: the live VP8 + Opus
    recording_bitrate: int = 0  # 0: as the live encode (mkv shares the embedded server's)
    ingest_token: str = ""  # bearer token for WHIP streams sent to the studio; empty: a new one per run
    control_token: str = ""  # bearer token for the host's HTTP control (POST /api/host/events); empty: off
    host: str = "127.0.0.1"  # the embedded server stays local unless the host opts in
    port: int = 8080
    max_viewers: int = 100
    guest_limit: int = 3  # co-host guests on the call at once
    # STUN/TURN servers for guests and viewers on other networks (docs/guests.md), in the browser's
    # RTCIceServer shape: [{"urls": "turn:relay.example.com:3478", "username": …, "credential": …}]
    ice_servers: list[dict[str, Any]] = field(default_factory=list)
    guest_relay_only: bool = False  # guests connect through the TURN relay only: no one's address is shown
    safe_mode: bool = False  # start with built-ins only, no third-party plugins
    disabled_plugins: list[str] = field(default_factory=list)  # switched off by the host
    plugin_dirs: list[str] = field(default_factory=lambda: [str(default_plugin_dir())])

    def __post_init__(self) -> None:
        if self.orientation not in ORIENTATIONS:
            raise ConfigError("config.choice", name="orientation", choices=", ".join(sorted(ORIENTATIONS)),
                              value=str(self.orientation))
        if self.scale_mode not in SCALE_MODES:
            raise ConfigError("config.choice", name="scale_mode", choices=", ".join(SCALE_MODES),
                              value=str(self.scale_mode))
        if self.recording_format not in RECORDING_FORMATS:
            raise ConfigError("config.choice", name="recording_format", choices=", ".join(RECORDING_FORMATS),
                              value=str(self.recording_format))
        if not 1 <= self.fps <= 60:
            raise ConfigError("config.fps", value=self.fps)
        if not 0 <= self.port <= 65535:
            raise ConfigError("config.port", value=self.port)
        try:
            check_ice_servers(self.ice_servers)
        except ValueError as exc:
            raise ConfigError("config.ice", problem=exc) from exc
        if self.guest_relay_only and not any("turn" in str(e.get("urls")) for e in self.ice_servers):
            raise ConfigError("config.relay_needs_turn")

    @property
    def canvas_size(self) -> tuple[int, int]:
        if not (self.canvas_width and self.canvas_height):
            return ORIENTATIONS[self.orientation]
        long, short = sorted((self.canvas_width, self.canvas_height), reverse=True)
        return (long, short) if self.orientation == "landscape" else (short, long)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StudioConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError("config.unknown", unknown=", ".join(unknown))
        try:
            return cls(**data)
        except TypeError as exc:
            raise ConfigError("config.bad_value", problem=exc) from exc

    @classmethod
    def load(cls, path: str | Path) -> StudioConfig:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
        except (OSError, ValueError) as exc:
            raise ConfigError("config.unreadable", path=str(path), problem=exc) from exc
        return cls.from_dict(data)
