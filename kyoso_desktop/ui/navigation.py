"""Navigation between the app's areas: a column of checkable buttons.

Buttons rather than a QListWidget: they read as numbered steps a helpdesk can name, are reached
with Tab like any button, and cost far less to create at start-up (QListWidget's first use
creates about twenty enum types).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget


class NavigationBar(QWidget):
    """One checked button at a time; `currentRowChanged` says which."""

    currentRowChanged = Signal(int)

    def __init__(self, titles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        for row, title in enumerate(titles):
            button = QPushButton(title)
            button.setCheckable(True)
            button.setObjectName("navigationButton")
            button.clicked.connect(lambda _checked=False, r=row: self.setCurrentRow(r))
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
        self._row = -1

    def currentRow(self) -> int:
        return self._row

    def setCurrentRow(self, row: int) -> None:
        for index, button in enumerate(self.buttons):
            button.setChecked(index == row)
        if row != self._row:
            self._row = row
            self.currentRowChanged.emit(row)

    def text(self, row: int) -> str:
        return self.buttons[row].text()
