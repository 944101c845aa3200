"""Selectable text, switched on after the first paint.

Touching Qt's `Qt` namespace creates all of its enums (about 40 ms): too slow for start-up,
so labels are only marked here, and `enable_selection` applies the flag once the window shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

SELECTABLE = "kyosoSelectable"


def mark_selectable(label: QLabel) -> QLabel:
    """Let the user select and copy this label's text (applied by `enable_selection`)."""
    label.setProperty(SELECTABLE, True)
    return label


def enable_selection(root: QWidget) -> None:
    """Make every marked label under root selectable with the mouse."""
    from PySide6.QtCore import Qt

    for label in root.findChildren(QLabel):
        if label.property(SELECTABLE):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
