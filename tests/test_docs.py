"""Docs that show code are checked against the code: the plugin tutorial and the API reference."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

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


def guide_code(heading: str) -> str:
    """The first Python block under ``heading`` in the plugin guide."""
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    return re.search(rf"## {re.escape(heading)}.*?```python\n(.*?)```", text, flags=re.S).group(1)


def _guide_example(heading: str) -> dict:
    """What the first Python block under ``heading`` in the plugin guide defines, run."""
    namespace: dict = {}
    exec(compile(guide_code(heading), "plugins.md", "exec"), namespace)
    return namespace


def test_the_i420_filter_example_runs_in_a_chain():
    import numpy as np

    from studio.guard import FilterGuard
    from studio.pipeline import run_chain
    from studio.vision.context import FrameContext
    from tests.photos import host_frame
    lift = _guide_example("Filters that work in YUV 4:2:0")["ShadowLift"]()
    frame = host_frame()
    guard = FilterGuard(lift)
    out = run_chain([guard], frame, FrameContext(None, 0.0))
    assert guard.error is None and out.shape == frame.shape
    assert out.mean() > frame.mean() + 5
    lift.strength = 0
    assert run_chain([guard], frame, FrameContext(None, 0.0)) is frame
    assert np.array_equal(lift.apply(frame), frame)


def test_the_lighter_level_example_steps_down_in_a_guard():
    from studio.guard import FilterGuard
    from studio.imaging import psnr
    from tests.photos import host_frame
    glow = _guide_example("Lighter levels over budget")["SoftGlow"]()
    frame = host_frame()
    full = glow.apply(frame)
    # At a million frames a second every call overruns its budget: the guard steps the filter down.
    guard = FilterGuard(glow, fps=1e6)
    for _ in range(15):
        guard.apply(frame)
    assert glow.degrade == 1 and guard.error is None and guard.state(0.0)["state"] == "degraded"
    out = guard.apply(frame)
    assert out.shape == frame.shape and 35 < psnr(out, full) < float("inf")  # the same glow, made more cheaply


def test_the_refusal_example_words_its_own_codes_in_each_language():
    from studio.messages import describe
    example = _guide_example("Refusals in the reader's language")
    quiz = example["Quiz"]()
    quiz.answered.add("viewer:a")
    with pytest.raises(example["StudioError"]) as answered:
        quiz.check("quiz.answer", "viewer:a", {"answer": "B"})
    assert (str(answered.value), describe(answered.value, "zh_CN")) == ("you answered already", "你已经回答过了")
    with pytest.raises(ValueError, match="answer with text") as plain:
        quiz.check("quiz.answer", "viewer:b", {})
    assert describe(plain.value, "zh_CN") == "answer with text"  # no code: as it is
    quiz.closed_at = time.mktime((2026, 12, 6, 21, 5, 0, 0, 0, -1))
    with pytest.raises(example["StudioError"]) as closed:
        quiz.check("quiz.answer", "viewer:b", {"answer": "B"})
    assert describe(closed.value, "zh_CN") == "答题已于 21:05 截止"
