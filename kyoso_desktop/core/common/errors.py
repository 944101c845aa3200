"""One root error: every error the core raises on purpose is a `KyosoError` with a stable code.

Callers catch `KyosoError` (or a subclass) and show `str(error)`; they never parse the text.
"""

from __future__ import annotations


class KyosoError(Exception):
    """An expected failure: a stable `code` for tools, a message for people."""

    code: str = "error"

    def __init__(self, message: str = "", code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
