"""Navigation between the app's areas: a column of buttons, one Tab stop.

Buttons rather than a QListWidget: they read as named places a helpdesk can point at, and
cost far less to create at start-up (QListWidget's first use creates about twenty enum types).
They are plain push buttons (not checkable, which screen readers announce as check boxes); the
current one is marked by its look and its description. Like a tab list, the column is a single
Tab stop (the current area's button); the arrow keys move between areas, so Tab does not walk
through the menu on every screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kyoso_desktop.core.common.i18n import _

CURRENT_STYLE = ('QPushButton[current="true"] { font-weight: bold; '
                 "background: palette(highlight); color: palette(highlighted-text); "
                 "border: 1px solid palette(dark); border-radius: 3px; padding: 4px; }")


class NavigationBar(QWidget):
    """One current button at a time; `currentRowChanged` says which."""

    currentRowChanged = Signal(int)

    def __init__(self, titles: list[str], parent: QWidget | None = None,
                 keys: list[str] | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setStyleSheet(CURRENT_STYLE)
        self.buttons: list[QPushButton] = []
        for row, title in enumerate(titles):
            button = QPushButton(title)
            button.setObjectName(f"nav_{keys[row]}" if keys else "navigationButton")
            button.clicked.connect(lambda _checked=False, r=row: self.setCurrentRow(r))
            button.installEventFilter(self)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
        self._row = -1

    def currentRow(self) -> int:
        return self._row

    def setCurrentRow(self, row: int) -> None:
        from PySide6.QtCore import Qt

        for index, button in enumerate(self.buttons):
            current = index == row
            button.setProperty("current", current)
            button.setAccessibleDescription(_("the screen shown now") if current else "")
            # the current area's button is the column's one Tab stop
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if current
                                  else Qt.FocusPolicy.ClickFocus)
            button.style().unpolish(button)
            button.style().polish(button)
        if row != self._row:
            self._row = row
            self.currentRowChanged.emit(row)

    def text(self, row: int) -> str:
        return self.buttons[row].text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down (and Home/End) on a button move to the previous/next area."""
        from PySide6.QtCore import Qt

        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            key = event.key()  # type: ignore[attr-defined]
            moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1,
                     Qt.Key.Key_Right: 1}
            last = len(self.buttons) - 1
            target = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: last}.get(key)
            if key in moves:
                target = min(max(self.buttons.index(watched) + moves[key], 0), last)
            if target is not None:
                self.setCurrentRow(target)
                self.buttons[target].setFocus()
                return True
        return super().eventFilter(watched, event)
