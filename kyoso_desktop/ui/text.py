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


def emphasize(label: QLabel, scale: float = 1.4) -> QLabel:
    """Bold and larger: headings and verdicts (scales with the user's font size)."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def clear_layout(layout) -> None:
    """Remove and delete every widget of a layout (pages that are filled again on each visit)."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.deleteLater()


def enable_selection(root: QWidget) -> None:
    """Make every marked label under root selectable with the mouse."""
    from PySide6.QtCore import Qt

    for label in root.findChildren(QLabel):
        if label.property(SELECTABLE):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
