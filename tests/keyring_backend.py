"""A keyring backend for tests: the keyring API over a JSON file, chosen with
PYTHON_KEYRING_BACKEND=tests.keyring_backend.FileKeyring (file: KYOSO_TEST_KEYRING).

The OS keyrings (Windows Credential Manager, Secret Service) are not available on the test
machine; the frozen Windows app is checked against Wine's Credential Manager instead
(installer/build.py smoke-windows). `BrokenDeleteKeyring` keeps what it is asked to delete.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def path(self) -> Path:
        return Path(os.environ["KYOSO_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def _save(self, data: dict[str, str]) -> None:
        self.path.write_text(json.dumps(data))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)


class BrokenDeleteKeyring(FileKeyring):
    def delete_password(self, service: str, username: str) -> None:
        """Says nothing and deletes nothing."""
