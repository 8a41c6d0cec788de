"""`studio --headless` runs a real show from flags or a config file, and refuses bad settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STUDIO = [sys.executable, "-m", "studio.cli"]
ROOT = Path(__file__).resolve().parent.parent


def test_headless_show_runs_and_reports_stats(tmp_path):
    config = tmp_path / "show.toml"
    config.write_text('orientation = "portrait"\nport = 0\naudio_source = "tone"\n[[filters]]\nname = "mirror"\n')
    out = subprocess.run(STUDIO + ["--headless", "--config", str(config), "--duration", "3.5",
                                   "--stats-interval", "1.5"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "Host Studio live: open http://127.0.0.1:" in out.stdout
    stats = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert len(stats) >= 2
    last = stats[-1]
    assert last["live"] is True and last["program_fps"] > 25 and last["encoder_fps"] > 25
    assert last["source_info"] == {"width": 720, "height": 1280, "fps": 30.0}
    assert last["filter_errors"] == {}


def test_bad_config_is_a_clear_error_not_a_traceback(tmp_path):
    config = tmp_path / "show.toml"
    config.write_text('orientation = "diagonal"\n')
    out = subprocess.run(STUDIO + ["--headless", "--config", str(config)],
                         capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert out.returncode == 2
    assert "orientation must be one of" in out.stderr
    assert "Traceback" not in out.stderr


def test_port_in_use_is_a_clear_error(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = subprocess.run(STUDIO + ["--headless", "--port", str(port), "--duration", "1"],
                             capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert out.returncode == 2
    assert f"port {port} is in use" in out.stderr
    assert "Traceback" not in out.stderr


def test_options_that_do_not_fit_the_source_are_a_clear_error(tmp_path):
    out = subprocess.run(STUDIO + ["--headless", "--file", str(tmp_path / "x.mp4"), "--port", "0"],
                         capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert out.returncode == 2
    assert "video_source 'testcard' cannot take options" in out.stderr
    assert "Traceback" not in out.stderr
