"""Writes folder plugins (a module and its studio-plugin.toml) for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _toml_value(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def write_folder_plugin(folder: Path, name: str, code: str, contributions: list[dict[str, Any]],
                        api: str = "1.0") -> Path:
    """``contributions`` are manifest tables; ``factory`` may name just the attribute of the module."""
    module = f"{name.replace('-', '_')}_code"
    plugin = folder / name
    plugin.mkdir(parents=True)
    (plugin / f"{module}.py").write_text(code)
    lines = [f'name = "{name}"', 'version = "0.1.0"', f'api_version = "{api}"', f'title = "{name}"']
    for table in contributions:
        table = {**table, "factory": table["factory"] if ":" in table["factory"] else f"{module}:{table['factory']}"}
        lines += ["", "[[contributions]]", *(f"{key} = {_toml_value(value)}" for key, value in table.items())]
    (plugin / "studio-plugin.toml").write_text("\n".join(lines) + "\n")
    return plugin
