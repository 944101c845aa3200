"""Driving the GUI like a user: Japanese text arrives as an IME commit, never via keyClicks."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def type_text(field: QLineEdit, text: str) -> None:
    """Replace the field's text the way an IME commits it (safe for Japanese)."""
    field.setFocus()
    field.selectAll()
    field.del_() if field.text() else None
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(field, event)
