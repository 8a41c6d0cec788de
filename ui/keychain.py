"""Where stream keys and tokens are kept: the system keyring where one works (GNOME Keyring, KWallet,
the macOS Keychain, the Windows Credential Locker), else a file in the config folder that only the
user can read (0600). Never in the main settings file."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Protocol

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from .atomic import write_atomically

SERVICE = "Host Studio"
SECRETS_FILE = "secrets.json"
log = logging.getLogger(__name__)


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...

    def put(self, name: str, value: str | None) -> None:
        """Keep ``value`` under ``name``; None forgets it."""


class FileSecrets:
    """One JSON object in a file only its owner can read, rewritten whole (atomically) when it changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        self._values: dict[str, str] = {k: v for k, v in stored.items() if isinstance(v, str)} \
            if isinstance(stored, dict) else {}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def put(self, name: str, value: str | None) -> None:
        if self._values.get(name) == value:
            return  # saved every few seconds while the host works: no write unless a secret changed
        if value is None:
            del self._values[name]
        else:
            self._values[name] = value
        write_atomically(self.path, json.dumps(self._values, ensure_ascii=False, indent=1))


class KeyringSecrets:
    """The system keyring. Where it refuses (locked, its daemon gone), the file keeps the secret."""

    def __init__(self, backend: KeyringBackend, fallback: FileSecrets) -> None:
        self.backend, self.fallback = backend, fallback
        self._known: dict[str, str | None] = {}  # read or written already: no keyring call on every save

    def get(self, name: str) -> str | None:
        if name not in self._known:
            try:
                self._known[name] = self.backend.get_password(SERVICE, name)
            except KeyringError as exc:
                log.warning("the keyring could not read %s: %s", name, exc)
                return self.fallback.get(name)
        known = self._known[name]
        return known if known is not None else self.fallback.get(name)  # kept in the file before

    def put(self, name: str, value: str | None) -> None:
        if name in self._known and self._known[name] == value:
            return
        try:
            if value is None:
                with contextlib.suppress(PasswordDeleteError):  # there was none
                    self.backend.delete_password(SERVICE, name)
            else:
                self.backend.set_password(SERVICE, name, value)
        except KeyringError as exc:
            log.warning("the keyring refused %s (%s): kept in %s instead", name, exc, self.fallback.path)
            self.fallback.put(name, value)
            return
        self._known[name] = value
        self.fallback.put(name, None)  # a copy the file kept earlier goes


def usable_keyring() -> KeyringBackend | None:
    """The system's keyring, or None where there is none worth the name: keyring's fail and null
    backends (and a chain with nothing in it) only pretend to keep secrets."""
    backend = keyring.get_keyring()
    if isinstance(backend, (fail.Keyring, null.Keyring)) or backend.priority <= 0:
        return None
    return backend


def open_secrets(folder: Path) -> SecretStore:
    file = FileSecrets(folder / SECRETS_FILE)
    backend = usable_keyring()
    return file if backend is None else KeyringSecrets(backend, file)
