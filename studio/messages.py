"""What the studio tells hosts, guests and viewers, in every language it speaks, from one table.

An error a person sees carries a code and named parameters (``Coded``); it is worded when shown,
in the language of who reads it: the window's, or a web page's (the pages get this same table from
``/messages.json``). ``str()`` of such an error is its English wording, so logs and old clients
read as before. A parameter is text kept as given (a name, a reason the host chose), a number, or
another message (a catalog line's own reason). A template's fields are ``{name}``, ``{name:.Nf}``
(a number with N decimals) or ``{name:time}`` (a wall-clock time, hours and minutes); the pages'
wording (``resources/web/messages.js``) knows the same three.
"""

from __future__ import annotations

import json
import re
import string
import time
from collections.abc import Mapping
from typing import Any

from .message_catalogue import BUILTIN

LANGUAGES = ("en", "zh_CN")
HEADER = "Studio-Message"  # an HTTP refusal's message as JSON (ASCII), beside its English text
_SPEC = re.compile(r"(\.\d+f|time)?")
_codes: dict[str, dict[str, str]] = {}


def fields(template: str) -> list[tuple[str, str]]:
    """The (name, spec) of each field in ``template``; ValueError for one the pages cannot word."""
    found = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or conversion or not _SPEC.fullmatch(spec or ""):
            raise ValueError(f"{template!r}: a field is {{name}}, {{name:.2f}} or {{name:time}}, not {{{name}:{spec}}}")
        found.append((name, spec or ""))
    return found


def params_of(code: str) -> set[str]:
    """The names of the parameters ``code`` takes."""
    return {name for name, _ in fields(_codes[code]["en"])}


def register(codes: Mapping[str, Mapping[str, str]]) -> None:
    """Add message codes (``plugin_name.what``, dotted lower case): each with its ``en`` and
    ``zh_CN`` wording, the same fields in both (``{name}``, ``{name:.1f}``, ``{name:time}``). A code
    cannot be worded twice (a plugin must not reword the studio's). Raise ``StudioError(code,
    **params)`` with one: the window and the pages word it in their reader's language."""
    checked = {}
    for code, wording in codes.items():
        if _codes.get(code) == wording:  # the same plugin loaded again
            continue
        if code in _codes or not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", code):
            raise ValueError(f"message code {code!r} is taken or not dotted.lower_case")
        if set(wording) != set(LANGUAGES) or not all(isinstance(t, str) and t.strip() for t in wording.values()):
            raise ValueError(f"message {code!r} needs non-empty wording in exactly {', '.join(LANGUAGES)}")
        if {n for n, _ in fields(wording["en"])} != {n for n, _ in fields(wording["zh_CN"])}:
            raise ValueError(f"message {code!r}: en and zh_CN take different parameters")
        checked[code] = dict(wording)
    _codes.update(checked)


def catalogue() -> dict[str, dict[str, str]]:
    """Every code with its wording (the built-in ones and those plugins added), for the pages."""
    return {code: dict(wording) for code, wording in _codes.items()}


class _Formatter(string.Formatter):
    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Mapping):  # a message inside a message
            return word(value, self.language)
        if format_spec == "time":
            return time.strftime("%H:%M", time.localtime(float(value)))
        if format_spec and not isinstance(value, int | float):
            return str(value)
        return format(value, format_spec)


def word(message: Mapping[str, Any], language: str = "en") -> str:
    """A message (``as_message``) in ``language`` (English for one the table lacks); a message
    without a code is text that was never coded (a plugin's plain ValueError): shown as given, and
    so is one whose code or parameters this studio does not know (from another host's studio)."""
    code, params = message.get("code"), message.get("params")
    if code not in _codes or not isinstance(params, Mapping) or set(params) != params_of(code):
        return str(message.get("reason", code or ""))
    templates = _codes[code]
    try:
        return _Formatter(language).vformat(templates.get(language) or templates["en"], (), params)
    except (TypeError, ValueError):  # a number field given text, from another studio
        return str(message.get("reason", code))


class Coded(Exception):
    """An error with a code from the table and its parameters; ``str()`` is its English wording."""

    def __init__(self, code: str, /, **params: Any) -> None:
        if code not in _codes:
            raise KeyError(f"no message {code!r}: register it first")
        missing = params_of(code) ^ set(params)
        if missing:
            raise TypeError(f"message {code!r}: parameters {sorted(missing)} missing or unknown")
        self.code = code
        self.params = {k: as_param(v) for k, v in params.items()}
        super().__init__(word({"code": code, "params": self.params}))


class StudioError(Coded, ValueError):
    """``StudioError(code, **params)``: a refusal or an error a person reads (bad input, a sold-out
    sale), worded in the reader's language (the window's, a viewer's page's) from its registered
    code (``register_messages``); ``str()`` is the English. A ValueError, so every ``except
    ValueError`` still catches it."""


def as_param(value: Any) -> Any:
    """A parameter as the wire carries it: a coded error becomes its message, other errors their text."""
    if isinstance(value, Coded):
        return as_message(value)
    if isinstance(value, BaseException):
        return str(value)
    return value


def raised(error: BaseException) -> StudioError:
    """What a contribution that raised ``error`` is switched off for."""
    return StudioError("contribution.raised", kind=type(error).__name__, error=error)


def field_name(what: str) -> dict[str, Any]:
    """What a field is called (``field.<what>``), as a message inside another."""
    return {"reason": what, "code": "field." + what.replace(" ", "_"), "params": {}}


def as_message(error: BaseException | str) -> dict[str, Any]:
    """What the wire carries and the window keeps: ``reason`` (English, for old clients), and for a
    coded error its ``code`` and ``params``."""
    if isinstance(error, Coded):
        return {"reason": str(error), "code": error.code, "params": error.params}
    return {"reason": str(error)}


def from_header(headers: Mapping[str, str], text: str) -> dict[str, Any]:
    """The message of a refusal over HTTP: the ``Studio-Message`` header (JSON) if the studio sent
    one, else the body's text."""
    try:
        message = json.loads(headers.get(HEADER, ""))
    except ValueError:
        message = None
    if isinstance(message, dict) and isinstance(message.get("reason"), str):
        return message
    return {"reason": text.strip()[:200]}


def describe(error: BaseException, language: str) -> str:
    """An error worded in ``language``."""
    return word(as_message(error), language)


register(BUILTIN)
