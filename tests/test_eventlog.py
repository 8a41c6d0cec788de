"""The event log: append, replay, and nothing acknowledged is lost when the process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studio.eventlog import EventLog

ROOT = Path(__file__).resolve().parent.parent


def test_append_and_replay_in_order(tmp_path):
    log = EventLog(tmp_path / "show.db")
    first = log.append("comment", "viewer:a", {"text": "多少钱？"})
    log.append("vote", "viewer:b", {"option": 2})
    log.close()
    again = EventLog(tmp_path / "show.db")
    events = list(again.replay())
    assert [e.type for e in events] == ["comment", "vote"]
    assert events[0] == first and events[0].data == {"text": "多少钱？"}
    assert [e.id for e in again.replay(after_id=first.id)] == [first.id + 1]
    assert again.count() == 2 and again.count("vote") == 1
    assert again._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sigkill_loses_nothing_that_was_appended(tmp_path):
    db = tmp_path / "show.db"
    writer = ("import sys, time; from studio.eventlog import EventLog; log = EventLog(sys.argv[1])\n"
              "for i in range(100000):\n"
              "    log.append('comment', 'viewer:x', {'n': i}); print(i, flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", writer, str(db)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    acknowledged = -1
    deadline = time.monotonic() + 20
    while acknowledged < 2000 and time.monotonic() < deadline:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    numbers = [e.data["n"] for e in EventLog(db).replay()]
    assert numbers[: acknowledged + 1] == list(range(acknowledged + 1))  # every acknowledged event survived
    assert numbers == list(range(len(numbers)))  # and nothing is torn or out of order
