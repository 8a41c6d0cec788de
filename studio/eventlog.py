"""The show's event log: every interaction is an event appended to SQLite in WAL mode.

State is rebuilt by replaying the log, so a crash loses nothing that was acknowledged: an append
returns only after SQLite has the row (WAL, synchronous=NORMAL: durable across a process kill),
and an event is committed together with the events its handling adds (``transaction``).
"""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE TABLE IF NOT EXISTS secrets (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Event:
    id: int
    ts: float
    type: str
    actor: str  # "host", "viewer:<id>", "plugin:<name>"
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "ts": self.ts, "type": self.type, "actor": self.actor, "data": self.data}


class EventLog:
    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        # check_same_thread off: the loop appends; exports and replays may run in a worker thread.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @staticmethod
    def encode(data: dict[str, Any]) -> str:
        """The event data as stored; TypeError or ValueError if it is not plain JSON."""
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def append(self, type_: str, actor: str, data: dict[str, Any]) -> Event:
        ts = time.time()
        text = self.encode(data)
        cursor = self._db.execute("INSERT INTO events (ts, type, actor, data) VALUES (?, ?, ?, ?)",
                                  (ts, type_, actor, text))
        return Event(int(cursor.lastrowid), ts, type_, actor, data)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Appends and secrets inside are kept together or not at all: an event and what its
        handling adds reach the disk in one commit, so a crash midway leaves neither."""
        if self._db.in_transaction:  # already inside one: the outer commit covers this too
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # also after a failed COMMIT: never left open for good
                self._db.execute("ROLLBACK")
            raise

    def replay(self, after_id: int = 0) -> Iterator[Event]:
        rows = self._db.execute("SELECT id, ts, type, actor, data FROM events WHERE id > ? ORDER BY id", (after_id,))
        for row in rows:
            yield Event(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def keep_secret(self, key: str, value: str) -> None:
        """Keep ``value`` beside the log, never in it: events are pushed to pages and exported,
        secrets (a lottery's seed until its draw) are not, and they survive a crash as events do."""
        self._db.execute("INSERT OR REPLACE INTO secrets (key, value) VALUES (?, ?)", (key, value))

    def secret(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM secrets WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def last_id(self) -> int:
        row = self._db.execute("SELECT MAX(id) FROM events").fetchone()
        return int(row[0] or 0)

    def count(self, type_: str | None = None) -> int:
        if type_ is None:
            return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        return int(self._db.execute("SELECT COUNT(*) FROM events WHERE type = ?", (type_,)).fetchone()[0])

    def close(self) -> None:
        self._db.close()


def export_json(log: EventLog, out: TextIO) -> int:
    """The show's events as one JSON document (secrets are not events: they never leave)."""
    events = [event.to_json() for event in log.replay()]
    json.dump({"format": "host-studio-show", "version": 1, "events": events}, out, ensure_ascii=False, indent=1)
    return len(events)


def export_csv(log: EventLog, out: TextIO) -> int:
    """The show's events a row each (UTF-8 with a BOM, so Excel reads the Chinese): id, time,
    type, actor, and the event's data as JSON."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["id", "time", "type", "actor", "data"])
    count = 0
    for event in log.replay():
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(event.ts)) + f".{int(event.ts % 1 * 1000):03d}"
        writer.writerow([event.id, stamp, event.type, event.actor, json.dumps(event.data, ensure_ascii=False)])
        count += 1
    return count
