"""Plugin discovery: manifests from entry points and from a plugins folder, read without importing
any plugin code. A contribution's code is imported the first time it is used."""

from __future__ import annotations

import importlib.util
import logging
import sys
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

from .plugin_api import API_VERSION
from .registry import KINDS, Contribution, Registry
from .settings_schema import SettingSpec, title_translations

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "studio.plugins"
MANIFEST_NAME = "studio-plugin.toml"
BUILTIN_MANIFEST = Path(__file__).with_name(MANIFEST_NAME)


class PluginError(ValueError):
    """A plugin that cannot be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class ContributionSpec:
    kind: str
    name: str
    factory: str  # "module:attribute", imported on first use
    title: str = ""
    cost_ms: float = 0.0
    settings: tuple[SettingSpec, ...] | None = None  # None: the contribution declares no schema
    titles: dict[str, str] = field(default_factory=dict, compare=False)  # title by language code


@dataclass
class Manifest:
    name: str
    version: str
    api_version: tuple[int, int]
    title: str
    description: str
    contributions: list[ContributionSpec]
    origin: str  # where the manifest was found, for messages
    search_path: Path | None = None  # folder plugins: put on sys.path when first used
    titles: dict[str, str] = field(default_factory=dict)  # title by language code
    builtin: bool = False
    errors: list[str] = field(default_factory=list)


def parse_manifest(text: str, origin: str) -> Manifest:
    try:
        data = tomllib.loads(text)
        name, version = str(data["name"]), str(data["version"])
        api_text = str(data["api_version"])
        major, minor = (int(part) for part in api_text.split("."))
        specs = [ContributionSpec(str(c["kind"]), str(c["name"]), str(c["factory"]), str(c.get("title", "")),
                                  float(c.get("cost_ms", 0.0)),
                                  tuple(SettingSpec.from_table(t) for t in c["settings"]) if "settings" in c else None,
                                  title_translations(c))
                 for c in data.get("contributions", [])]
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PluginError(f"{origin}: invalid plugin manifest ({type(exc).__name__}: {exc})") from exc
    for spec in specs:
        if spec.kind not in KINDS:
            raise PluginError(f"{origin}: contribution {spec.name!r} has unknown kind {spec.kind!r}")
        if ":" not in spec.factory:
            raise PluginError(f"{origin}: factory {spec.factory!r} must look like 'package.module:Name'")
    return Manifest(name, version, (major, minor), str(data.get("title", name)), str(data.get("description", "")),
                    specs, origin, titles=title_translations(data))


def check_api(manifest: Manifest) -> None:
    """Refuse a plugin built for an API this studio does not provide, saying what to do."""
    major, minor = manifest.api_version
    have = f"{API_VERSION[0]}.{API_VERSION[1]}"
    if major != API_VERSION[0] or minor > API_VERSION[1]:
        hint = "update Host Studio" if (major, minor) > API_VERSION else "ask its author for an update"
        raise PluginError(f"plugin {manifest.name!r} {manifest.version} needs plugin API {major}.{minor}, "
                          f"but this Host Studio provides {have}: {hint}")


def _entry_point_manifests() -> list[Manifest]:
    """Each entry point names a top-level package holding a ``studio-plugin.toml``.

    ``find_spec`` on a top-level package locates it without executing it.
    """
    manifests = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        origin = f"entry point {ep.name!r} ({ep.value})"
        package = ep.value.partition(":")[0].strip()
        try:
            spec = importlib.util.find_spec(package) if "." not in package else None
            if spec is None or not spec.submodule_search_locations:
                raise PluginError(f"{origin}: {package!r} is not an installed top-level package")
            path = Path(next(iter(spec.submodule_search_locations))) / MANIFEST_NAME
            manifests.append(parse_manifest(path.read_text(encoding="utf-8"), origin))
        except (PluginError, OSError) as exc:
            manifests.append(_broken(ep.name, origin, str(exc)))
    return manifests


def _folder_manifests(folder: Path) -> list[Manifest]:
    manifests = []
    for path in sorted(folder.glob(f"*/{MANIFEST_NAME}")):
        origin = str(path)
        try:
            manifest = parse_manifest(path.read_text(encoding="utf-8"), origin)
        except (PluginError, OSError) as exc:
            manifests.append(_broken(path.parent.name, origin, str(exc)))
            continue
        manifest.search_path = path.parent
        manifests.append(manifest)
    return manifests


def _broken(name: str, origin: str, error: str) -> Manifest:
    return Manifest(name, "?", API_VERSION, name, "", [], origin, errors=[error])


def builtin_manifest() -> Manifest:
    manifest = parse_manifest(BUILTIN_MANIFEST.read_text(encoding="utf-8"), "Host Studio")
    manifest.builtin = True
    return manifest


def discover(plugin_dirs: list[Path] | None = None, safe_mode: bool = False) -> list[Manifest]:
    """Every plugin's manifest, built-ins first; nothing is imported. Safe mode lists only built-ins."""
    manifests = [builtin_manifest()]
    if safe_mode:
        return manifests
    manifests += _entry_point_manifests()
    for folder in plugin_dirs or []:
        if folder.is_dir():
            manifests += _folder_manifests(folder)
    return manifests


def _lazy_factory(spec: ContributionSpec, manifest: Manifest):
    """A factory that imports the contribution's code on its first call."""
    resolved = []

    def factory(**options):
        if not resolved:
            if manifest.search_path is not None and str(manifest.search_path) not in sys.path:
                sys.path.insert(0, str(manifest.search_path))
            module_name, _, attribute = spec.factory.partition(":")
            try:
                resolved.append(getattr(importlib.import_module(module_name), attribute))
            except (ImportError, AttributeError) as exc:
                raise PluginError(f"plugin {manifest.name!r}: cannot load {spec.factory}: {exc}") from exc
        return resolved[0](**options)

    return factory


def install(registry: Registry, manifests: list[Manifest]) -> list[Manifest]:
    """Register every loadable manifest's contributions; refused ones keep their reason in ``errors``."""
    for manifest in manifests:
        if manifest.errors:
            continue
        try:
            check_api(manifest)
        except PluginError as exc:
            manifest.errors.append(str(exc))
            log.warning("%s", exc)
            continue
        for spec in manifest.contributions:
            try:
                registry.register(Contribution(spec.kind, spec.name, _lazy_factory(spec, manifest), spec.title,
                                               spec.cost_ms, provider=manifest.name, settings=spec.settings,
                                               titles=spec.titles))
            except LookupError as exc:  # a name another plugin already took
                manifest.errors.append(str(exc))
    return manifests
