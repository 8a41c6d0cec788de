"""Docs that show code are checked against the code: the plugin tutorial and the API reference."""

from __future__ import annotations

import re
from pathlib import Path

from studio import apidoc

ROOT = Path(__file__).resolve().parent.parent


def test_tutorial_code_is_the_example_plugin_verbatim():
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 4
    for path, code in blocks:
        assert (ROOT / path).read_text(encoding="utf-8") == code, f"docs/plugins.md is out of date for {path}"


def test_api_reference_is_generated_from_the_current_docstrings():
    assert (ROOT / "docs" / "api.md").read_text(encoding="utf-8") == apidoc.render(), \
        "docs/api.md is stale: run python -m studio.apidoc"
