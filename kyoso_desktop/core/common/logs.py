"""The log: one size-bounded rotating file in the user's log folder, where tracebacks and the
warnings of background work go instead of the user's screen. Addresses, names and passwords
never reach it: every record is masked on the way out."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

import platformdirs

LOG_FILE = "kyoso.log"
MAX_BYTES = 1_000_000
BACKUPS = 2
ROOT_LOGGER = "kyoso_desktop"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s:]+(?::[^/@\s]*)?@", re.I)
SECRET_FIELD = re.compile(
    r"(?P<key>password|passwd|pwd|secret|token|name|family_name|given_name|"
    r"family_kana|given_kana|full_name|username|user)"
    r"(?P<sep>\s*[=:]\s*|['\"]\s*:\s*['\"]?)(?P<value>[^\s,;'\"}&]+)", re.I)


def mask(text: str) -> str:
    """The text with email addresses, URL credentials and name/password values replaced."""
    text = URL_CREDENTIALS.sub(r"\g<scheme>***@", text)
    text = EMAIL.sub(lambda m: "***@" + m.group().rpartition("@")[2], text)
    return SECRET_FIELD.sub(r"\g<key>\g<sep>***", text)


class MaskingFormatter(logging.Formatter):
    """Formats as usual (traceback included), then masks what must not be written."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


def log_dir() -> Path:
    """The user's log folder (KYOSO_LOG_DIR overrides it)."""
    override = os.environ.get("KYOSO_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("KyosoDesktop", False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's loggers to the rotating file (once per process); its path, or None when
    the folder cannot be written (the app runs on without a log)."""
    logger = logging.getLogger(ROOT_LOGGER)
    logger.propagate = False  # never onto the console (the user sees messages, not logs)
    path = log_dir() / LOG_FILE
    for handler in list(logger.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path.absolute():
                return path
            logger.removeHandler(handler)  # the log folder changed (tests, a new setting)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(MaskingFormatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def log_exception(exc: BaseException, where: str = "unexpected error") -> Path | None:
    """Record the exception with its traceback; the log file's path, or None if unwritable."""
    path = setup_logging()
    logging.getLogger(ROOT_LOGGER).error(where, exc_info=(type(exc), exc, exc.__traceback__))
    return path
