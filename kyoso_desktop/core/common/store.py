"""Small versioned JSON documents in the user's folders, written atomically.

A document that cannot be read is moved aside (never deleted) and the caller is told, so the app
still starts and nothing is lost.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kyoso_desktop.core.common.errors import KyosoError

APP_NAME = "KyosoDesktop"
log = logging.getLogger(__name__)


def data_dir() -> Path:
    """The user's data folder for this app (KYOSO_DATA_DIR overrides it)."""
    override = os.environ.get("KYOSO_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def config_dir() -> Path:
    """The user's configuration folder for this app (KYOSO_CONFIG_DIR overrides it)."""
    override = os.environ.get("KYOSO_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))


NEWER = "format {found} is newer than this app ({fmt}): kept unchanged, read-only here"


class NewerDocumentError(KyosoError, OSError):
    """A document written by a newer version: never overwritten (update the app)."""


@dataclass(frozen=True)
class StoreProblem:
    """A document that could not be read and where it was moved."""

    path: Path
    moved_to: Path | None
    error: str
    code: str = "unreadable"  # or "newer": written by a newer app, kept and read-only

    def message(self) -> str:
        """What to tell the user, in the current language."""
        from kyoso_desktop.core.common.i18n import _

        if self.code == "newer":
            return _("{file} was written by a newer version of this app: it is kept unchanged "
                     "and not shown here. Update the app to use it.").format(file=self.path)
        return _("{file} could not be read and was moved to {path}; the app goes on "
                 "without it.").format(file=self.path.name, path=self.moved_to or "-")


class DocumentStore:
    """JSON documents `<name>.json` in one folder, each `{"format": N, ...}`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.json"

    def load(self, name: str, fmt: int) -> tuple[dict[str, Any] | None, StoreProblem | None]:
        """The document, or None when absent; a corrupt one is moved aside and reported."""
        path = self.path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            return None, StoreProblem(path, None, str(exc))
        try:
            import json  # only when a document exists: not on a fresh start

            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("format"), int):
                raise ValueError("not a versioned document")
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # nesting too deep too
            moved = self._move_aside(path)
            log.warning("%s could not be read (%s), kept as %s", path, exc, moved)
            return None, StoreProblem(path, moved, str(exc))
        if data["format"] > fmt:  # written by a newer app: kept as it is, and read-only here
            return None, StoreProblem(path, None, NEWER.format(found=data["format"], fmt=fmt),
                                      "newer")
        return data, None

    def save(self, name: str, data: dict[str, Any]) -> Path:
        """Write atomically: temp file in the same folder, fsync, rename. A document of a newer
        format is never overwritten (NewerDocumentError)."""
        import tempfile  # not needed at start-up (it pulls in random, shutil, bz2, lzma)

        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.path(name)
        self._refuse_newer(path, data.get("format", 0))
        self._clean_stale_temporaries(name)
        import json

        payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return path

    def set_aside(self, name: str, error: str) -> StoreProblem:
        """A document that parsed but makes no sense: moved aside (kept) and reported."""
        path = self.path(name)
        moved = self._move_aside(path)
        log.warning("%s set aside (%s), kept as %s", path, error, moved)
        return StoreProblem(path, moved, error)

    @staticmethod
    def _refuse_newer(path: Path, fmt: int) -> None:
        import json

        try:
            found = json.loads(path.read_bytes().decode("utf-8")).get("format", 0)
        except (OSError, ValueError, AttributeError, RecursionError):
            return  # absent or unreadable: nothing newer to protect
        if isinstance(found, int) and found > fmt:
            raise NewerDocumentError(NEWER.format(found=found, fmt=fmt))

    def _clean_stale_temporaries(self, name: str, age: float = 600.0) -> None:
        """Temporary files of this document left by a killed write (ours only, older than
        ten minutes)."""
        import time

        for stale in self.directory.glob(f".{name}.*.tmp"):
            try:
                if time.time() - stale.stat().st_mtime > age:
                    stale.unlink()
            except OSError:
                continue

    def _move_aside(self, path: Path) -> Path | None:
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for number in range(1000):  # two in one second never overwrite each other
            suffix = f"-{number}" if number else ""
            target = path.with_name(f"{path.stem}.corrupt-{stamp}{suffix}{path.suffix}")
            if target.exists():
                continue
            try:
                os.replace(path, target)
            except OSError:
                return None
            return target
        return None
