"""One note type: a stable code (the contract) and a message in the user's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    """A reason, a warning or a problem: `code` for tools, `message` for people."""

    code: str
    message: str
