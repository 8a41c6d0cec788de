"""The registry of contributions: built-in filters and sources register here exactly as plugins will.

A contribution is a factory (class or callable) under a kind ("video_filter", "video_source", ...)
and a unique name, with a human title and a declared cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .messages import Coded

# "dock" factories take the Studio and return a Qt widget: only ui/ creates them, so studio/ stays Qt-free.
KINDS = ("video_filter", "overlay", "interaction", "comment_source", "video_source", "audio_source", "dock")


@dataclass(frozen=True)
class Contribution:
    kind: str
    name: str
    factory: Callable[..., Any]
    title: str = ""
    cost_ms: float = 0.0  # declared per-frame cost at 720p, for budgeting the chain
    provider: str = "builtin"
    settings: tuple | None = None  # SettingSpec schema; options are validated against it when given
    titles: dict = field(default_factory=dict, compare=False)  # title by language code


class RegistryError(Coded, LookupError):
    """A contribution that is not there, or options it does not take, as a message for the host."""


class Registry:
    def __init__(self) -> None:
        self._items: dict[tuple[str, str], Contribution] = {}
        self.plugins: list = []  # the manifests behind the contributions (studio.plugins.Manifest)
        self.disabled: set[str] = set()  # plugin names the host switched off

    def register(self, contribution: Contribution) -> None:
        if contribution.kind not in KINDS:
            raise RegistryError("registry.kind", kind=contribution.kind, kinds=", ".join(KINDS))
        key = (contribution.kind, contribution.name)
        if key in self._items:
            raise RegistryError("registry.taken", kind=contribution.kind, name=contribution.name,
                                provider=self._items[key].provider)
        self._items[key] = contribution

    def get(self, kind: str, name: str) -> Contribution:
        try:
            return self._items[(kind, name)]
        except KeyError:
            known = ", ".join(sorted(n for k, n in self._items if k == kind)) or "none"
            raise RegistryError("registry.not_found", kind=kind, name=name, known=known) from None

    def create(self, kind: str, name: str, **options: Any) -> Any:
        contribution = self.get(kind, name)
        if contribution.provider in self.disabled:
            raise RegistryError("registry.plugin_off", kind=kind, name=name, provider=contribution.provider)
        if contribution.settings is not None:
            from .settings_schema import SettingsError, validate

            try:
                options = validate(contribution.settings, options)
            except SettingsError as exc:
                raise RegistryError("registry.settings", kind=kind, name=name, problem=exc) from exc
        try:
            return contribution.factory(**options)
        except TypeError as exc:  # wrong or missing options: say which contribution refused them
            raise RegistryError("registry.options", kind=kind, name=name, options=str(sorted(options)),
                                problem=exc) from exc

    def names(self, kind: str) -> list[str]:
        return sorted(n for k, n in self._items if k == kind)


def default_registry(plugin_dirs: list | None = None, safe_mode: bool = False) -> Registry:
    """A registry holding the built-ins and, unless in safe mode, every discovered plugin."""
    from . import plugins

    registry = Registry()
    registry.plugins = plugins.install(registry, plugins.discover(plugin_dirs, safe_mode))
    return registry
