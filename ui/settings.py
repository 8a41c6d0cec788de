"""The window's memory (QSettings) and how remembered choices fill in a StudioConfig at start-up.
Output keys and tokens are kept apart, in the system keyring or a file only the user can read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from studio.compositor import ORIENTATIONS, SCALE_MODES
from studio.config import StudioConfig
from studio.filters.beauty import BEAUTY_OPTIONS
from studio.registry import Registry, default_registry

from .keychain import SecretStore, open_secrets

ORGANISATION = "HostStudio"
APPLICATION = "Host Studio"
SECRET_FIELDS = ("key", "token")  # an RTMP output's stream key, a WHIP output's bearer token


def open_settings() -> QSettings:
    # INI everywhere (not the Windows registry), so QSettings.setPath(IniFormat, UserScope, dir) isolates
    # tests and the screenshot script.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def config_folder(settings: QSettings) -> Path:
    """The folder of the settings file, where the show's log, the secrets file and the session marker live."""
    return Path(settings.fileName()).parent


def read_json(settings: QSettings, key: str, default: Any,
              kind: type | tuple[type, ...] | None = None) -> Any:
    """A JSON-encoded value of type `kind` (default: the type of `default`), or `default`."""
    try:
        value = json.loads(str(settings.value(key, "")))
    except ValueError:
        return default
    return value if isinstance(value, kind or type(default)) else default


def _secret_name(output: dict[str, Any], field: str) -> str:
    return f"outputs/{output.get('name')}/{field}"


def _declared(registry: Registry, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A remembered contribution without the options it no longer declares (an older version's,
    such as the live badge's corner before it was placed by dragging): the show still starts."""
    settings = registry.get(kind, spec["name"]).settings
    if settings is None:
        return spec
    known = {"name", "enabled", *(setting.name for setting in settings)}
    return {key: value for key, value in spec.items() if key in known}


def restore_config(config: StudioConfig, settings: QSettings, secrets: SecretStore | None = None) -> None:
    """Fill in remembered choices wherever the command line and config file left the default.

    An explicit `--source camera` therefore wins over the last session, and a plain `studio` resumes
    where the host left off. Remembered names the registry no longer knows are ignored.
    """
    default, registry = StudioConfig(), default_registry()
    video = str(settings.value("video/source", ""))
    if (config.video_source, config.video_options) == (default.video_source, default.video_options) \
            and video in registry.names("video_source"):
        config.video_source, config.video_options = video, read_json(settings, "video/options", {})
    audio = str(settings.value("audio/source", ""))
    if (config.audio_source, config.audio_options) == (default.audio_source, default.audio_options) \
            and audio in [*registry.names("audio_source"), "none"]:
        config.audio_source, config.audio_options = audio, read_json(settings, "audio/options", {})
    filters = read_json(settings, "filters", [])
    known = registry.names("video_filter")
    if config.filters == default.filters \
            and all(isinstance(f, dict) and f.get("name") in known for f in filters):
        config.filters = filters
    for key, kind in (("overlays", "overlay"), ("interactions", "interaction")):
        remembered = read_json(settings, key, [])
        if getattr(config, key) == getattr(default, key) and \
                all(isinstance(s, dict) and s.get("name") in registry.names(kind) for s in remembered):
            setattr(config, key, [_declared(registry, kind, spec) for spec in remembered])
    disabled = read_json(settings, "plugins/disabled", [])
    if config.disabled_plugins == default.disabled_plugins and all(isinstance(n, str) for n in disabled):
        config.disabled_plugins = disabled
    if not config.true_colour:
        config.true_colour = settings.value("video/true_colour", False, type=bool)
    preset = read_json(settings, "beauty/preset", {})
    if not config.beauty_preset and isinstance(preset, dict) and set(preset) == set(BEAUTY_OPTIONS) \
            and all(isinstance(v, int) and 0 <= v <= 100 for v in preset.values()):
        config.beauty_preset = preset
    outputs = read_json(settings, "outputs", [])
    if config.outputs == default.outputs and all(isinstance(o, dict) and o.get("kind") in ("rtmp", "whip")
                                                 for o in outputs):
        secrets = secrets or open_secrets(config_folder(settings))
        config.outputs = [{**output, **{field: value for field in SECRET_FIELDS
                                        if (value := secrets.get(_secret_name(output, field))) is not None}}
                          for output in outputs]
    folder = str(settings.value("recording/folder", ""))
    if config.recording_folder == default.recording_folder and folder:
        config.recording_folder = folder
    orientation = str(settings.value("video/orientation", ""))
    if config.orientation == default.orientation and orientation in ORIENTATIONS:
        config.orientation = orientation
    scale_mode = str(settings.value("video/scale_mode", ""))
    if config.scale_mode == default.scale_mode and scale_mode in SCALE_MODES:
        config.scale_mode = scale_mode
    if not config.event_log:  # the show survives a crash: the log is a file beside the settings
        shows = config_folder(settings) / "shows"
        shows.mkdir(parents=True, exist_ok=True)
        config.event_log = str(shows / "current.sqlite")


def remember_outputs(outputs: list[dict[str, Any]], settings: QSettings, secrets: SecretStore) -> None:
    """The outputs in the settings without their keys and tokens, which go to ``secrets``; those of
    outputs no longer there are forgotten."""
    kept = {_secret_name(output, field): str(output[field])
            for output in outputs for field in SECRET_FIELDS if output.get(field)}
    saved = {_secret_name(output, field)
             for output in read_json(settings, "outputs", []) if isinstance(output, dict) for field in SECRET_FIELDS}
    for name in saved - kept.keys():
        secrets.put(name, None)
    for name, value in kept.items():
        secrets.put(name, value)
    settings.setValue("outputs", json.dumps([{k: v for k, v in output.items() if k not in SECRET_FIELDS}
                                             for output in outputs]))


def remember_config(config: StudioConfig, settings: QSettings, secrets: SecretStore) -> None:
    settings.setValue("video/source", config.video_source)
    settings.setValue("video/options", json.dumps(config.video_options))
    settings.setValue("audio/source", config.audio_source)
    settings.setValue("audio/options", json.dumps(config.audio_options))
    settings.setValue("filters", json.dumps(config.filters))
    settings.setValue("overlays", json.dumps(config.overlays))
    settings.setValue("interactions", json.dumps(config.interactions))
    settings.setValue("plugins/disabled", json.dumps(config.disabled_plugins))
    settings.setValue("video/true_colour", config.true_colour)
    settings.setValue("video/orientation", config.orientation)
    settings.setValue("video/scale_mode", config.scale_mode)
    settings.setValue("beauty/preset", json.dumps(config.beauty_preset))
    remember_outputs(config.outputs, settings, secrets)
    settings.setValue("recording/folder", config.recording_folder)
