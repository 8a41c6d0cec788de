"""Settings a contribution declares in its manifest. The studio validates values against them,
and the window builds its form from them, so no plugin writes its own settings UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .messages import StudioError

TYPES = ("int", "float", "bool", "str", "choice", "path")
_WHAT = {"int": "setting.whole_number", "float": "setting.number", "bool": "setting.bool", "str": "setting.text",
         "path": "setting.path", "choice": "setting.choice"}


class SettingsError(StudioError):
    pass


def title_translations(table: dict[str, Any]) -> dict[str, str]:
    """``title_zh_CN = "…"`` keys of a manifest table, by language code."""
    return {key.removeprefix("title_"): str(value) for key, value in table.items() if key.startswith("title_")}


def localized(title: str, translations: dict[str, str], language: str) -> str:
    return translations.get(language, title)


@dataclass(frozen=True)
class SettingSpec:
    name: str
    type: str
    default: Any
    title: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    titles: dict[str, str] = field(default_factory=dict, compare=False)  # by language code

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> SettingSpec:
        kind = str(table.get("type", ""))
        if kind not in TYPES:
            raise SettingsError("setting.type", name=str(table.get("name")), types=", ".join(TYPES), kind=kind)
        spec = cls(str(table["name"]), kind, table.get("default"), str(table.get("title", table["name"])),
                   table.get("min"), table.get("max"), tuple(str(c) for c in table.get("choices", ())),
                   title_translations(table))
        if kind == "choice" and not spec.choices:
            raise SettingsError("setting.choices_missing", name=spec.name)
        spec.coerce(spec.default)  # the default itself must be valid
        return spec

    def coerce(self, value: Any) -> Any:
        """``value`` as this setting's type, or a SettingsError that says what is allowed."""
        try:
            if self.type == "bool":
                if not isinstance(value, bool):
                    raise TypeError
                return value
            if self.type in ("int", "float"):
                if isinstance(value, bool):
                    raise TypeError
                number = int(value) if self.type == "int" else float(value)
                if self.type == "int" and number != value:
                    raise TypeError
                if (self.minimum is not None and number < self.minimum) or \
                        (self.maximum is not None and number > self.maximum):
                    raise SettingsError("setting.range", title=self.title, min=str(self.minimum),
                                        max=str(self.maximum), value=str(value))
                return number
            text = str(value) if isinstance(value, str) else None
            if text is None:
                raise TypeError
            if self.type == "choice" and text not in self.choices:
                raise SettingsError("setting.not_a_choice", title=self.title, choices=", ".join(self.choices),
                                    value=text)
            return text
        except (TypeError, ValueError) as exc:
            if isinstance(exc, SettingsError):
                raise
            raise SettingsError("setting.wrong_type", title=self.title, what={"code": _WHAT[self.type], "params": {}},
                                value=repr(value)) from None


def validate(specs: tuple[SettingSpec, ...], values: dict[str, Any]) -> dict[str, Any]:
    """Defaults filled in, every value checked; unknown names are errors (typos must not pass silently)."""
    known = {s.name: s for s in specs}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise SettingsError("setting.unknown", unknown=", ".join(unknown), known=", ".join(known) or "none")
    return {name: spec.coerce(values.get(name, spec.default)) for name, spec in known.items()}
