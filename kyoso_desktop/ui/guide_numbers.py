"""案内番号 (guide numbers): small numbered badges on every control of the current screen, so
that a helpdesk on the phone can say "press 9, Next" without seeing the caller's screen.

The numbers come from resources/helpdesk/guide_numbers.toml (by object name, per screen), so
they stay the same across versions and languages. Badges never take focus or clicks, and sit
at the control's top-left corner, outside its text.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget

OVERLAP = 3  # pixels of a badge over its control's frame
BADGE_STYLE = ("QLabel { background: #ffd400; color: #000; border: 1px solid #000; "
               "border-radius: 3px; padding: 0 2px; font-weight: bold; }")


@cache
def numbers_data() -> dict[str, Any]:
    from kyoso_desktop.core.common.paths import resource

    with open(resource("helpdesk", "guide_numbers.toml"), "rb") as fh:
        return tomllib.load(fh)


def control_name(widget: QWidget) -> str:
    """The name the data knows a control by: its object name; a dialog's standard button
    (Close, OK, Cancel, …), which Qt makes unnamed, is "box_" and the button's English key."""
    parent = widget.parentWidget()
    if not widget.objectName() and isinstance(parent, QDialogButtonBox):
        standard = parent.standardButton(widget)  # type: ignore[arg-type]
        if standard != QDialogButtonBox.StandardButton.NoButton:
            return f"box_{standard.name}"
    return widget.objectName()


def numbers_for(screen: str, widgets: list[QWidget]) -> dict[QWidget, str]:
    """Each widget that has a number on this screen, and its number as said."""
    data = numbers_data()
    shared = {} if screen.startswith("dialog_") else data["everywhere"]
    table = {**shared, **data["screens"].get(screen, {})}
    card_table = data["screens"].get(screen, {}).get("card", {})
    found: dict[QWidget, str] = {}
    for widget in widgets:
        name = control_name(widget)
        if name in table and not isinstance(table[name], dict):
            found[widget] = str(table[name])
        elif name in card_table:
            card = _card_number(widget)
            if card:
                found[widget] = f"{card}-{card_table[name]}"
    return found


def _card_number(widget: QWidget) -> int:
    """1 for the first card (the newest application), 2 for the next, …"""
    parent = widget.parentWidget()
    while parent is not None and not parent.property("guideCard"):
        parent = parent.parentWidget()
    return int(parent.property("guideCard")) if parent is not None else 0


class GuideNumbers(QObject):
    """Shows the badges over `window` for the screen `screen()` names, while switched on."""

    def __init__(self, window: QWidget, screen) -> None:
        super().__init__(window)
        self.window = window
        self.screen = screen  # () -> the current screen's id, e.g. "step_email"
        self.badges: dict[QWidget, QLabel] = {}
        self.on = False
        self._timer = QTimer(self, interval=300)  # follow scrolling, resizing, new rows
        self._timer.timeout.connect(self.refresh)
        self.dialogs: list[GuideNumbers] = []  # the badges of the dialogs opened meanwhile

    def set_on(self, on: bool) -> None:
        self.on = on
        app = QApplication.instance()
        if on:
            self._timer.start()
            self.refresh()
            if app is not None and self.screen_is_window():
                app.installEventFilter(self)
                for dialog in self.window.findChildren(QDialog):
                    if dialog.isVisible():
                        self._follow(dialog)
        else:
            self._timer.stop()
            self._clear()
            if app is not None and self.screen_is_window():
                app.removeEventFilter(self)
            for guide in self.dialogs:
                guide.set_on(False)
            self.dialogs = []

    def screen_is_window(self) -> bool:
        return not isinstance(self.window, QDialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A dialog of the app is shown while the numbers are on: it gets its own badges."""
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) \
                and watched.objectName():
            self._follow(watched)
        return False

    def _follow(self, dialog: QDialog) -> None:
        screen = f"dialog_{dialog.objectName()}"
        if screen not in numbers_data()["screens"] or \
                any(g.window is dialog for g in self.dialogs):
            return
        guide = GuideNumbers(dialog, lambda: screen)
        self.dialogs.append(guide)
        guide.destroyed.connect(lambda: self.dialogs.remove(guide)
                                if guide in self.dialogs else None)
        QTimer.singleShot(0, lambda: guide.set_on(True) if guide in self.dialogs else None)

    def _clear(self) -> None:
        for badge in self.badges.values():
            badge.hide()  # at once: the deletion waits for the event loop
            badge.deleteLater()
        self.badges = {}

    def refresh(self) -> None:
        """Badges for the controls shown now; others are removed."""
        if not self.on:
            return
        controls = [w for w in self.window.findChildren(QWidget)
                    if control_name(w) and w.isVisible() and w.window() is self.window]
        numbers = numbers_for(self.screen(), controls)
        for widget in [w for w in self.badges if w not in numbers]:
            badge = self.badges.pop(widget)
            badge.hide()  # at once: the deletion waits for the event loop
            badge.deleteLater()
        for widget, number in numbers.items():
            badge = self.badges.get(widget)
            if badge is None:
                badge = QLabel(number, self.window)
                badge.setObjectName("guideNumber")
                badge.setStyleSheet(BADGE_STYLE)
                badge.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                badge.setAccessibleName(f"{number}")
                self.badges[widget] = badge
            badge.adjustSize()
            badge.move(self._place(widget, badge))
            # a control scrolled out of sight shows no badge
            badge.setVisible(widget.isVisible() and not widget.visibleRegion().isEmpty())
            badge.raise_()

    def _place(self, widget: QWidget, badge: QLabel) -> QPoint:
        """Just above the control's top-right corner, overlapping only its frame (text starts
        on the left and buttons centre theirs); a control too small for that (a check box's
        square) gets its badge just left of it. The control's own text stays readable."""
        corner = widget.mapTo(self.window, QPoint(widget.width(), 0))
        if widget.width() < 2 * badge.width():
            left = widget.mapTo(self.window, QPoint(0, 0))
            return QPoint(max(0, left.x() - badge.width()), left.y())
        return QPoint(corner.x() - badge.width(),
                      max(0, corner.y() - badge.height() + OVERLAP))
