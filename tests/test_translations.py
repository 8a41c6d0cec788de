"""Every UI string is translated into Chinese, and the shipped .qm files match their .ts sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_all_ui_strings_are_translated_and_compiled(tmp_path, language):
    ts = tmp_path / f"host_studio_{language}.ts"
    shutil.copy(TRANSLATIONS / ts.name, ts)
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([BIN / "pyside6-lupdate", *sources, "-ts", str(ts)], check=True, capture_output=True)
    untranslated = [m.findtext("source") for m in ET.parse(ts).iter("message")
                    if m.find("translation").get("type") in ("unfinished",) or not m.findtext("translation")]
    assert untranslated == [], f"strings missing a {language} translation (run pyside6-lupdate, then translate)"
    qm = tmp_path / f"host_studio_{language}.qm"
    subprocess.run([BIN / "pyside6-lrelease", str(TRANSLATIONS / ts.name), "-qm", str(qm)], check=True,
                   capture_output=True)
    assert qm.read_bytes() == (TRANSLATIONS / qm.name).read_bytes(), "the shipped .qm is stale: run pyside6-lrelease"


def test_chinese_translations_are_chinese():
    messages = list(ET.parse(TRANSLATIONS / "host_studio_zh_CN.ts").iter("message"))
    assert len(messages) >= 50
    with_cjk = [m for m in messages if any("\u4e00" <= ch <= "\u9fff" for ch in m.findtext("translation"))]
    # Only names, units and symbols may stay as they are (e.g. "English", "Mbit/s").
    assert len(with_cjk) / len(messages) > 0.85
