"""Keyboard and screen-reader support shared by every screen.

- `spoken`: a control's name as a screen reader should say it ("次へ(&N) >" → "次へ").
- `name_controls`: names every control under a widget (buttons without mnemonic leftovers,
  line edits' clear buttons), and keeps scroll areas and labels out of the Tab order.
- `tab_in_reading_order`: the Tab order of a screen is the order of its layouts (top to bottom,
  left to right), not the order in which widgets happened to be created.
- `announce`: says a verdict or an error now (assertive), as a live region would.
"""

from __future__ import annotations

import itertools
import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _

_MNEMONIC = re.compile(r"\s*[(（]&?[A-Za-z0-9][)）]")  # "(&N)" or "（N）" after Japanese text
_ARROWS = re.compile(r"^[\s<‹«]+|[\s>›»…]+$")


def spoken(text: str) -> str:
    """The text of a control without mnemonic markers and decorative arrows."""
    text = _MNEMONIC.sub("", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return _ARROWS.sub("", text).strip()


def name_controls(root: QWidget) -> None:
    """Give every control under `root` a spoken name, and keep non-controls out of Tab."""
    from PySide6.QtCore import Qt

    for button in root.findChildren(QAbstractButton):
        if isinstance(button, QToolButton) and isinstance(button.parent(), QLineEdit):
            button.setAccessibleName(_("Clear"))  # a line edit's clear button
        elif button.text() and not button.property("kyosoNamed"):
            button.setAccessibleName(spoken(button.text()))
    for area in root.findChildren(QAbstractScrollArea):
        if not isinstance(area, QAbstractItemView):  # a scroll area is not a control
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)  # Tab leaves a table; arrows move inside it
    for label in root.findChildren(QLabel):
        if label.focusPolicy() != Qt.FocusPolicy.NoFocus and not label.openExternalLinks():
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def keep_name(button: QAbstractButton, name: str) -> None:
    """An explicit spoken name that `name_controls` leaves alone (e.g. "Change: Email")."""
    button.setAccessibleName(name)
    button.setProperty("kyosoNamed", True)


def focus_chain(layout: QLayout) -> list[QWidget]:
    """The focusable widgets of a layout in reading order: rows top to bottom, each row left
    to right (a grid by its cells' positions; nested layouts and widgets' own layouts in
    place)."""
    from PySide6.QtCore import Qt

    items = [layout.itemAt(i) for i in range(layout.count())]
    if isinstance(layout, QGridLayout):
        position = {id(item): layout.getItemPosition(i)[:2] for i, item in enumerate(items)}
        items.sort(key=lambda item: position[id(item)])
    chain: list[QWidget] = []
    for item in items:
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not widget.isHidden():
                chain.append(widget)
            if widget.layout() is not None and not isinstance(widget, QAbstractScrollArea):
                chain += focus_chain(widget.layout())
            elif isinstance(widget, QAbstractScrollArea) and not \
                    isinstance(widget, QAbstractItemView):
                content = getattr(widget, "widget", lambda: None)()
                if content is not None and content.layout() is not None:
                    chain += focus_chain(content.layout())
        elif inner is not None:
            chain += focus_chain(inner)
    return chain


def tab_in_reading_order(widgets: list[QWidget]) -> None:
    """Tab moves through `widgets` in this order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def announce(widget: QWidget, text: str) -> None:
    """Have screen readers say `text` now (verdicts, errors, "copied"), interrupting."""
    if not text:
        return
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
