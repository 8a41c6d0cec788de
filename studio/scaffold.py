"""`studio plugin new NAME`: an installable plugin package with a working filter and its test."""

from __future__ import annotations

import re
from pathlib import Path

from .plugin_api import API_VERSION

FILES = {
    "pyproject.toml": '''[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "0.1.0"
description = "A Host Studio plugin."
requires-python = ">=3.11"

[project.entry-points."studio.plugins"]
{name} = "{package}"

[tool.setuptools.packages.find]
include = ["{package}*"]

[tool.setuptools.package-data]
{package} = ["studio-plugin.toml"]
''',
    "{package}/__init__.py": '''"""{name}: a Host Studio plugin. Keep this light: code is imported only when used."""
''',
    "{package}/studio-plugin.toml": '''name = "{name}"
version = "0.1.0"
api_version = "{api}"
title = "{title}"
description = "A warm tint for the picture."

[[contributions]]
kind = "video_filter"
name = "{package}_tint"
title = "Warm tint"
factory = "{package}.filters:WarmTint"
cost_ms = 1.0
''',
    "{package}/filters.py": '''"""Filters contributed by {name}."""

from __future__ import annotations

import numpy as np

from studio.plugin_api import VideoFilter


class WarmTint(VideoFilter):
    """Adds ``amount`` to red and takes it from blue. Returns a new image: never modify the input."""

    name = "{package}_tint"

    def __init__(self, amount: int = 12) -> None:
        self.amount = amount

    def apply(self, image: np.ndarray) -> np.ndarray:
        out = image.astype(np.int16)
        out[:, :, 0] += self.amount
        out[:, :, 2] -= self.amount
        return np.clip(out, 0, 255).astype(np.uint8)
''',
    "tests/test_{package}.py": '''"""The plugin is found through its entry point and its filter works."""

import numpy as np

from studio.registry import default_registry


def test_discovered_and_tints():
    registry = default_registry([])
    assert "{package}_tint" in registry.names("video_filter")
    image = np.full((4, 4, 3), 100, np.uint8)
    out = registry.create("video_filter", "{package}_tint", amount=10).apply(image)
    assert out[0, 0].tolist() == [110, 100, 90]
    assert image[0, 0].tolist() == [100, 100, 100]
''',
}


def new_plugin(name: str, where: Path) -> Path:
    """Write a plugin project called ``name`` into ``where/name``; returns its folder."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*[a-z0-9]", name):
        raise ValueError(f"plugin name {name!r}: use lower-case letters, digits and dashes, like 'shop-logo'")
    root = where / name
    if root.exists():
        raise FileExistsError(f"{root} already exists")
    values = {"name": name, "package": name.replace("-", "_"), "title": name.replace("-", " ").title(),
              "api": f"{API_VERSION[0]}.{API_VERSION[1]}"}
    for template_path, template in FILES.items():
        path = root / template_path.format(**values)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return root
