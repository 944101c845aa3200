"""What every wizard page shares, and step 1 (kept light: it is built at start-up)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.registration.flow import Draft, Problem, RegistrationFlow
from kyoso_desktop.ui.text import mark_selectable

HINT_SAMPLE = "⚠ Ag"  # measures the height of one line of a hint (never shown)


class WizardPage(QWidget):
    """Base: `edited` carries field changes for the draft; `show_problems` puts them inline."""

    edited = Signal(dict)

    def __init__(self, flow: RegistrationFlow) -> None:
        super().__init__()
        self.flow = flow
        self.layout_ = QVBoxLayout(self)
        self._errors: dict[str, QLabel] = {}
        self._loading = False

    def load(self, draft: Draft) -> None:
        """Show the draft's values (without reporting them back as edits)."""

    def emit(self, **changes) -> None:
        if not self._loading:
            self.edited.emit(changes)

    def error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(True)
        label.setStyleSheet("color: #9b1c1c;")
        # a line is kept free under the field: the fields below do not jump when a hint appears
        label.setText(HINT_SAMPLE)  # one line of a hint, as tall as a real one (the mark's font)
        label.setMinimumHeight(label.sizeHint().height())
        label.setText("")
        self._errors[field] = label
        return label

    def show_problems(self, problems: list[Problem], *, touched: set[str]) -> None:
        """Problems of fields the user has touched appear under the field, with a ⚠ mark."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        appeared = []
        for field, label in self._errors.items():
            messages = by_field.get(field, []) if field in touched else []
            text = "\n".join(f"⚠ {m}" for m in messages)
            if text and not label.text():
                appeared.extend(messages)
            label.setText(text)
            widget = getattr(label, "field_widget", None)
            if widget is not None:  # read with the field: its current error
                widget.setAccessibleDescription(" ".join(messages))
        if appeared:  # an error that was not there: say it (the label alone is silent)
            from kyoso_desktop.ui.a11y import announce

            announce(self, " ".join(appeared))


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return mark_selectable(label)


def _field(grid: QGridLayout, row: int, text: str, widget: QWidget, accessible: str,
           error: QLabel | None = None) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(accessible)
    grid.addWidget(label, row * 2, 0)
    grid.addWidget(widget, row * 2, 1)
    if error is not None:
        error.field_widget = widget  # type: ignore[attr-defined]  # its error describes it
        grid.addWidget(error, row * 2 + 1, 1)


# -- 1 ------------------------------------------------------------------------------------------
class EligibilityPage(WizardPage):
    def __init__(self, flow: RegistrationFlow) -> None:
        super().__init__(flow)
        self.layout_.addWidget(_paragraph(_(
            "The platform is a place where staff of local governments and government agencies "
            "talk directly. Who are you?")))
        self.layout_.addWidget(_paragraph(_(
            "You apply with an address of your organisation that can receive mail from the "
            "internet: lg.jp or a regional-type JP domain (地域型JPドメイン, e.g. "
            "city.X.Y.jp) for local governments, go.jp for government agencies.")))
        self.about = QPushButton(_("What is the platform, and why join?"))
        self.about.setObjectName("aboutPlatformButton")
        self.about.clicked.connect(self.show_about)
        row = QHBoxLayout()
        row.addWidget(self.about)
        row.addStretch(1)
        self.layout_.addLayout(row)
        choices = {
            "local_government": _("Staff of a &local government (prefecture, city, town, "
                                  "village, special ward)"),
            "union": _("Staff of a &union (一部事務組合・広域連合) that has a "
                       "全国地方公共団体コード"),
            "agency": _("Staff of a &government agency (ministry, agency, commission)"),
            "other": _("None of &these"),
        }
        self.buttons: dict[str, QRadioButton] = {}
        for key, text in choices.items():
            button = QRadioButton(text)
            button.setObjectName(f"eligibility_{key}")
            button.toggled.connect(lambda on, k=key: on and self.emit(eligibility=k))
            self.buttons[key] = button
            self.layout_.addWidget(button)
        self.layout_.addWidget(self.error_label("eligibility"))
        self.layout_.addStretch(1)

    def show_about(self) -> QMessageBox:
        """"共創PFとは": the guide's article, in a window that does not block."""
        from kyoso_desktop.core.common.i18n import get_language
        from kyoso_desktop.core.helpdesk import guide

        article = next(a for a in guide.articles(get_language()) if a.id == "about")
        box = QMessageBox(QMessageBox.Icon.Information, article.title, article.body,
                          parent=self)
        box.setObjectName("aboutPlatform")
        box.open()
        return box

    def load(self, draft: Draft) -> None:
        self._loading = True
        for key, button in self.buttons.items():
            button.setChecked(draft.eligibility == key)
        self._loading = False
