"""Log file in the user's log folder: where tracebacks go instead of the user's screen."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs


def log_dir() -> Path:
    override = os.environ.get("KYOSO_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("KyosoDesktop", False))


def log_exception(exc: BaseException) -> Path | None:
    """Append the exception with its traceback to kyoso.log; its path, or None if unwritable."""
    path = log_dir() / "kyoso.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    logger = logging.getLogger("kyoso")
    logger.addHandler(handler)
    try:
        logger.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path
