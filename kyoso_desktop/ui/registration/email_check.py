"""The live email check: a field that checks as you type, with verdict, reasons and fixes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.eligibility.texts import ONLINE_TEXTS, VERDICT_TEXTS
from kyoso_desktop.ui.text import emphasize, mark_selectable
from kyoso_desktop.ui.workers import Background, describe_failure

DEBOUNCE_MS = 150
VERDICT_STYLE = {
    "accepted": ("✔", "#e6f4ea", "#1e6b34"),
    "review": ("△", "#fff4e0", "#7a4b00"),
    "rejected": ("✖", "#fde8e8", "#9b1c1c"),
}


class EmailCheckWidget(QWidget):
    """Checks the address as it is typed; suggestions are buttons that apply themselves."""

    checked = Signal(object)  # the EmailCheck shown, None when the field was emptied
    open_application = Signal(str)  # the address already applied for: show its card

    def __init__(self, offline: bool, dns_server: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offline = offline
        self.dns_server = dns_server
        self._engine = None
        self._previous: list = []
        self._online_checker = None
        self._online: dict[str, str] = {}
        self._generation = 0
        self._background = Background(self)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_check)
        self.last_result = None
        self.org_code: str | None = None  # the chosen organisation, for the mismatch warning
        self._build()
        self._started = False

    def start(self) -> None:
        """Load the engine in the background (called once the window has been painted)."""
        if not self._started:
            self._started = True
            self._background.run(_load_engine, self._engine_ready, self._engine_failed)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        label = QLabel(_("Work email &address"))
        self.field = QLineEdit()
        self.field.setObjectName("emailField")
        self.field.setPlaceholderText(_("e.g. taro@city.example.lg.jp"))
        self.field.setAccessibleName(_("Work email address"))
        self.field.setAccessibleDescription(
            _("Checked as you type against the platform's rules, without network access."))
        self.field.setClearButtonEnabled(True)
        self.field.setMaxLength(1000)
        label.setBuddy(self.field)
        self.field.textChanged.connect(self._on_text_changed)
        layout.addWidget(label)
        layout.addWidget(self.field)

        self.panel = QFrame()
        self.panel.setObjectName("resultPanel")
        panel_layout = QVBoxLayout(self.panel)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdictLabel")
        emphasize(self.verdict, 1.25)
        self.organization = QLabel()
        self.organization.setObjectName("organizationLabel")
        self.corrected = _wrapping_label("correctedLabel")  # ｔａｒｏ＠… → taro@…
        self.applied_row = QWidget()  # already applied for: a clear warning and a way to it
        applied_layout = QHBoxLayout(self.applied_row)
        applied_layout.setContentsMargins(0, 0, 0, 0)
        self.applied_notice = _wrapping_label("alreadyAppliedNotice")
        self.applied_button = QPushButton(_("Show that application"))
        self.applied_button.setObjectName("showApplicationButton")
        self.applied_button.clicked.connect(
            lambda: self.open_application.emit(self.last_result.address
                                               if self.last_result else ""))
        applied_layout.addWidget(self.applied_notice, 1)
        applied_layout.addWidget(self.applied_button)
        self.reasons = _wrapping_label("reasonsLabel")
        self.warnings = _wrapping_label("warningsLabel")
        self.online = _wrapping_label("onlineLabel")
        self.suggestion_row = QHBoxLayout()
        self.suggestion_title = QLabel(_("Did you mean:"))
        self.suggestion_row.addWidget(self.suggestion_title)
        self.suggestion_row.addStretch(1)
        for widget in (self.verdict, self.applied_row, self.corrected, self.organization,
                       self.reasons, self.warnings, self.online):
            panel_layout.addWidget(widget)
        panel_layout.addLayout(self.suggestion_row)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        self.suggestion_buttons: list[QPushButton] = []
        self._show_idle()

    # -- engine --------------------------------------------------------------------------------
    def _engine_ready(self, loaded: tuple) -> None:
        self._engine, self._previous, problem = loaded
        if problem is not None:
            self.warnings.setText(problem.message())
            self.warnings.show()
        if self.field.text():
            self.run_check()

    def _engine_failed(self, error: BaseException) -> None:
        self.verdict.setText(_("The check could not start: {error}").format(
            error=describe_failure(error)))

    @property
    def ready(self) -> bool:
        return self._engine is not None

    # -- checking ------------------------------------------------------------------------------
    def _on_text_changed(self, _text: str) -> None:
        self._generation += 1
        self._timer.start()

    def set_address(self, text: str) -> None:
        """Put an address in the field and check it at once."""
        self.field.setText(text)
        self.run_check()

    def run_check(self) -> None:
        self._timer.stop()
        text = self.field.text()
        if not text.strip():
            self._show_idle()
            return
        if self._engine is None:
            self.verdict.setText(_("Preparing the check…"))
            return
        options = {"lang": get_language(), "previous": self._previous, "org_code": self.org_code}
        result = self._engine.check(text, **options)
        # the online answer is kept per domain of the *normalised* address (ｔａｒｏ＠… → taro@…)
        domain = result.address.rpartition("@")[2] if result.address else None
        known = self._online.get(domain) if domain else None
        if known:
            result = self._engine.check(text, online=lambda _d: known, **options)
        self._show(result)
        if not self.offline and domain and known is None and result.verdict != "rejected":
            self._start_online(domain)

    def _start_online(self, domain: str) -> None:
        generation = self._generation
        self.online.setText(_("Checking whether the domain can receive internet mail…"))
        self.online.show()
        self._background.run(lambda: (domain, self._checker()(domain)),
                             lambda r: self._online_done(generation, r),
                             lambda _error: self._online_done(generation,
                                                              (domain, "dns_unavailable")),
                             what="online mail-domain check")

    def _checker(self) -> Callable[[str], str]:
        """The DNS checker, made in the worker (reading the OS resolver set-up can fail)."""
        if self._online_checker is None:
            from kyoso_desktop.core.eligibility.online import MailDomainChecker

            self._online_checker = MailDomainChecker(self.dns_server)
        return self._online_checker

    def _online_done(self, generation: int, outcome: tuple[str, str]) -> None:
        domain, value = outcome
        self._online[domain] = value
        if generation == self._generation:  # the text did not change meanwhile
            self.run_check()

    # -- display -------------------------------------------------------------------------------
    def _show_idle(self) -> None:
        had_result = self.last_result is not None
        self.last_result = None
        self.verdict.setText(_("Enter your work email address; it is checked as you type."))
        if self.panel.styleSheet():  # style sheets cost start-up time: none until needed
            self.panel.setStyleSheet("")
        for widget in (self.applied_row, self.corrected, self.organization, self.reasons,
                       self.warnings, self.online):
            widget.hide()
        self._set_suggestions([])
        if had_result:  # nothing is checked any more: the support code must not keep the verdict
            self.checked.emit(None)

    def _show(self, result) -> None:
        self.last_result = result
        mark, background, foreground = VERDICT_STYLE[result.verdict]
        self.panel.setStyleSheet(
            f"#resultPanel {{ background: {background}; border: 1px solid {foreground}; "
            f"border-radius: 6px; }} #verdictLabel {{ color: {foreground}; }}")
        spoken_verdict = _(VERDICT_TEXTS[result.verdict])
        if self.verdict.accessibleName() != spoken_verdict:  # a new verdict: say it once
            from kyoso_desktop.ui.a11y import announce

            reason = result.reasons[0].message if result.reasons else ""
            announce(self.verdict, f"{spoken_verdict} {reason}".strip())
        self.verdict.setText(f"{mark} {spoken_verdict}")
        self.verdict.setAccessibleName(spoken_verdict)
        corrected = result.address and result.address != result.input.strip()
        if corrected:
            self.corrected.setText(_("Read as: {address} — check that this is your address.")
                                   .format(address=result.address))
        self.corrected.setVisible(bool(corrected))
        org = result.organization
        if org:
            where = " ・ ".join(x for x in (org.prefecture if org.prefecture != org.name
                                           else None, org.code) if x)
            self.organization.setText(_("Organisation: {name}").format(
                name=f"{org.name}（{where}）" if where else org.name))
        self.organization.setVisible(org is not None)
        self.reasons.setText("\n".join(n.message for n in result.reasons))
        self.reasons.show()
        applied = next((n for n in result.warnings if n.code == "already_applied"), None)
        if applied is not None:
            self.applied_notice.setText(f"⚠ <b>{_escape(applied.message)}</b>")
        self.applied_row.setVisible(applied is not None)
        others = [n for n in result.warnings if n.code != "already_applied"]
        self.warnings.setText("\n".join(f"⚠ {n.message}" for n in others))
        self.warnings.setVisible(bool(others))
        if result.online:
            self.online.setText(_("Internet mail: {outcome}").format(
                outcome=_(ONLINE_TEXTS[result.online])))
        self.online.setVisible(bool(result.online))
        self._set_suggestions(result.suggestions)
        self.checked.emit(result)

    def _set_suggestions(self, suggestions: list[str]) -> None:
        for button in self.suggestion_buttons:
            self.suggestion_row.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        if suggestions:
            from PySide6.QtCore import Qt
        for index, suggestion in enumerate(suggestions):
            button = QPushButton(suggestion)
            button.setObjectName(f"suggestion_{index}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)  # after start-up: cheap
            button.setToolTip(_("Use this address"))
            button.setAccessibleName(_("Use the suggested address {address}").format(
                address=suggestion))
            button.clicked.connect(lambda _checked=False, s=suggestion: self.set_address(s))
            self.suggestion_row.insertWidget(self.suggestion_row.count() - 1, button)
            self.suggestion_buttons.append(button)
        self.suggestion_title.setVisible(bool(suggestions))


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


def _wrapping_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return mark_selectable(label)


def _load_engine() -> tuple:
    """Runs in a worker thread: build the engine and read the application history."""
    from kyoso_desktop.core.eligibility.engine import PriorUse, default_engine
    from kyoso_desktop.core.registration.records import load_applications

    engine = default_engine()
    records, problem = load_applications()
    previous = [PriorUse(r.email, r.applied_at or r.created_at) for r in records]
    return engine, previous, problem
