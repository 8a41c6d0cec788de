"""Layering rules from ARCHITECTURE.md, checked on the source text and on a real import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_ui():
    offenders = {}
    for path in (ROOT / "studio").rglob("*.py"):
        # The launcher alone may open the window, and only lazily, inside main().
        launcher = path == ROOT / "studio" / "cli.py"
        bad = {n for n in _imports(path, top_level_only=launcher)
               if n.startswith(("PySide6", "PyQt", "qasync", "ui"))}
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_sources_and_filters_do_not_reach_into_outputs():
    for folder in ("sources", "filters"):
        for path in (ROOT / "studio" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for forbidden in ("from ..encoder", "from ..server", "from ..whep", "from ..show"):
                assert forbidden not in text, f"{path.name} imports {forbidden}"


def test_headless_show_loads_no_qt_modules():
    code = ("import sys, studio.show, studio.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'qasync'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_audio_core_and_the_call_stay_in_their_lanes():
    for path in (ROOT / "studio" / "audio").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from .." not in text.replace("from ..frames", ""), f"{path.name} reaches beyond frames"
    call = (ROOT / "studio" / "guests" / "call.py").read_text(encoding="utf-8")
    for forbidden in ("from ..show", "from ..server"):
        assert forbidden not in call
