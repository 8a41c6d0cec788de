"""Generates docs/api.md, the plugin API reference, from the docstrings of `studio.plugin_api`.

Run `python -m studio.apidoc` after changing the API; tests/test_docs.py fails while it is stale.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from . import plugin_api

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


def _members(cls: type) -> list[str]:
    members: dict[str, object] = {}
    for base in reversed(cls.__mro__):  # inherited from the studio's own bases too, nearest last
        if base.__module__.startswith("studio"):
            members.update(vars(base))
    lines = []
    for name, member in members.items():
        if name.startswith("_") or not callable(member) or not member.__doc__:
            continue
        lines.append(f"- `{name}{_signature(member)}`: {inspect.cleandoc(member.__doc__)}")
    return lines


def render() -> str:
    major, minor = plugin_api.API_VERSION
    out = [f"# Plugin API reference (version {major}.{minor})", "",
           "Generated from the docstrings of `studio/plugin_api.py` by `python -m studio.apidoc`.", "",
           inspect.cleandoc(plugin_api.__doc__ or ""), ""]
    for name in sorted(plugin_api.__all__):
        obj = getattr(plugin_api, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        kind = "class" if inspect.isclass(obj) else "function"
        out += [f"## `{name}{_signature(obj) if kind == 'function' else ''}` ({kind})", "",
                inspect.cleandoc(obj.__doc__ or "(undocumented)"), ""]
        if inspect.isclass(obj):
            out += _members(obj) + [""]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
