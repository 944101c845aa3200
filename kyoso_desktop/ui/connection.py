"""The connection-check area: start/cancel, live progress per check, summary, remedies, exports.

The check runs in a worker thread; the GUI thread only receives finished checks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.netdiag.model import KINDS, VERDICT_TEXTS, Check, Diagnosis, Status
from kyoso_desktop.core.netdiag.profile import Profile
from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials
from kyoso_desktop.core.netdiag.supportcode import Situation
from kyoso_desktop.core.netdiag.texts import describe, kind_text, status_text
from kyoso_desktop.ui.proxy_account import ProxyAccount
from kyoso_desktop.ui.text import emphasize, mark_selectable
from kyoso_desktop.ui.workers import Background, describe_failure

STATUS_MARKS = {Status.OK: "✔", Status.SKIPPED: "–", Status.TLS_INTERCEPTED: "⚠",
                Status.CLOCK_SKEW: "⚠"}  # any other status: ✖
VERDICT_MARKS = {"ok": "✔", "warning": "⚠", "failed": "✖"}


class _Relay(QObject):
    check = Signal(object)
    total = Signal(int)


def _credentials(account: ProxyAccount | None) -> ProxyCredentials | None:
    """In the worker: the account with its password (typed, else from the keyring); a typed
    password is kept in the keyring when the user asked."""
    if account is None:
        return None
    from kyoso_desktop.core.common import passwords

    password = account.password or passwords.get_password(account.user,
                                                          passwords.PROXY_SERVICE) or ""
    if account.password and account.remember:
        passwords.set_password(account.user, account.password, passwords.PROXY_SERVICE)
    return ProxyCredentials(account.user, password)


class ConnectionPage(QWidget):
    """Runs the connection check and shows what it found."""

    finished = Signal(object)  # the Diagnosis

    def __init__(self, title: str, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.diagnosis = None
        # the window's place and email verdict, which the support code carries
        self.situation: Callable[[], Situation] = lambda: Situation(place="area_connection")
        self._cancel = threading.Event()
        self._background = Background(self)
        self._relay = _Relay(self)
        self._problem_brush = QBrush(QColor("#9b1c1c"))  # made now, not during a run
        self._relay.check.connect(self._add_check)
        self._relay.total.connect(lambda total: self.progress.setRange(0, total))
        layout = QVBoxLayout(self)
        layout.addWidget(emphasize(QLabel(title)))
        intro = QLabel(_("Checks whether this PC can reach the Slack hosts the platform needs: "
                         "proxy, name resolution, connection, TLS, HTTPS, WebSocket and the "
                         "clock. Nothing is sent except these test connections."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.start_button = QPushButton(_("Start the chec&k"))
        self.start_button.setObjectName("startCheck")
        self.start_button.clicked.connect(lambda: self.start())
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancelCheck")
        self.cancel_button.clicked.connect(self._cancel.set)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("checkProgress")
        self.proxy_account: ProxyAccount | None = None
        self.account_button = QPushButton(_("Proxy &account…"))
        self.account_button.setObjectName("proxyAccount")
        self.account_button.clicked.connect(self._ask_account)
        for widget in (self.start_button, self.cancel_button, self.progress,
                       self.account_button):
            row.addWidget(widget)
        layout.addLayout(row)
        if settings.offline:
            self.start_button.setEnabled(False)
            self.start_button.setToolTip(_("Not available in offline mode."))
        self.summary = emphasize(mark_selectable(QLabel()), 1.15)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        code_row = QHBoxLayout()
        code_label = QLabel(_("Support &code:"))
        self.code = QLineEdit()
        self.code.setObjectName("supportCode")
        self.code.setReadOnly(True)
        self.code.setAccessibleName(_("Support code"))
        code_label.setBuddy(self.code)
        copy = QPushButton(_("Copy"))
        copy.setObjectName("copySupportCode")
        copy.clicked.connect(self._copy_code)
        for widget in (code_label, self.code, copy):
            code_row.addWidget(widget)
        layout.addLayout(code_row)
        self.findings = mark_selectable(QLabel())
        self.findings.setObjectName("checkFindings")
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("checkTable")
        self.table.setAccessibleName(_("Checks"))
        self.table.setHorizontalHeaderLabels([_("Host"), _("Step"), _("Result"), _("Detail")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        layout.addWidget(self.table, 1)
        exports = QHBoxLayout()
        self.export_buttons = []
        for label, kind in ((_("Request sheet for IT as &PDF…"), "pdf"),
                            (_("… as H&TML…"), "html"), (_("Result as &JSON…"), "json")):
            button = QPushButton(label)
            button.setObjectName(f"export_{kind}")
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, k=kind: self._export(k))
            exports.addWidget(button)
            self.export_buttons.append(button)
        exports.addStretch(1)
        layout.addLayout(exports)
        self.summary.setText(_("Press “Start the check”. It takes at most about {seconds} "
                               "seconds.").format(seconds=10))

    # -- running ----------------------------------------------------------------------------------
    def start(self, profile: Profile | None = None,
              resolve: dict[tuple[str, int], str] | None = None, ca_file: str | None = None,
              proxy: str | None = None, no_proxy: bool = False) -> None:
        """Start the check in a worker thread (the arguments are for tests and IT).

        The session (core) sets the run up from these and the settings; everything that reads
        files or imports the network code happens in the worker: the GUI thread only switches
        the buttons and then receives finished checks.
        """
        self._cancel.clear()
        self.table.setRowCount(0)
        self.findings.setText("")
        self.code.setText("")
        self.progress.setRange(0, 0)  # busy until the worker says how many checks come
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        for button in self.export_buttons:
            button.setEnabled(False)
        self.summary.setText(_("Checking…"))
        lang, relay, cancel, settings = get_language(), self._relay, self._cancel, self.settings
        account, situation = self.proxy_account, self.situation()
        request_resolve = [f"{host}:{port}:{address}"
                           for (host, port), address in (resolve or {}).items()]

        def work() -> Diagnosis:
            from datetime import date

            from kyoso_desktop.core.common.policy import default_policy
            from kyoso_desktop.core.invitation.timeline import newest_situation
            from kyoso_desktop.core.netdiag import session
            from kyoso_desktop.core.registration.records import ApplicationStore

            request = session.Request(profile=profile, proxy=proxy, no_proxy=no_proxy,
                                      ca_file=ca_file, resolve=request_resolve,
                                      proxy_credentials=_credentials(account))
            plan = session.prepare(request, settings)
            plan.cancel = cancel
            relay.total.emit(plan.expected_checks)
            records, _problem = ApplicationStore().records()
            state, days = newest_situation(records, date.today(), default_policy())
            situation_now = replace(situation, invitation_state=state,
                                    business_days_waited=days)
            return session.run(plan, lang=lang, situation=situation_now,
                               requester=session.requester_of(records),
                               on_check=relay.check.emit)

        self._background.run(work, self._done, self._failed, what="connection check")

    def _copy_code(self) -> None:
        from kyoso_desktop.ui.a11y import announce

        QApplication.clipboard().setText(self.code.text())
        announce(self.code, _("Copied."))

    def _ask_account(self) -> None:
        from kyoso_desktop.ui.proxy_account import ProxyAccountDialog

        dialog = ProxyAccountDialog(self.proxy_account, self)
        if dialog.exec():
            self.proxy_account = dialog.account()
        user = self.proxy_account.user if self.proxy_account else ""
        self.account_button.setToolTip(_("Signs in to the proxy as {user}").format(user=user)
                                       if user else "")

    def _add_check(self, check: Check) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        lang = get_language()
        mark = STATUS_MARKS.get(check.status, "✖")
        values = (check.host, kind_text(check.kind, lang),
                  f"{mark} {status_text(check.status, lang)}", describe(check, lang))
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 2 and mark == "✖":
                item.setForeground(self._problem_brush)
            self.table.setItem(row, column, item)
        self.progress.setValue(min(self.progress.maximum(), self.progress.value() + 1))

    def _done(self, diagnosis: Diagnosis) -> None:
        self.diagnosis = diagnosis
        self._sorted_table(diagnosis)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setValue(self.progress.maximum())
        text = f"{VERDICT_MARKS[diagnosis.verdict]} {_(VERDICT_TEXTS[diagnosis.verdict])}"
        if self._cancel.is_set():
            text = _("The check was cancelled; the result is incomplete.") + " " + text
        self.summary.setText(text)
        self.code.setText(diagnosis.support_code)
        self.findings.setText("\n\n".join(f"• {f.title}\n  {f.remedy}"
                                          for f in diagnosis.findings))
        for button in self.export_buttons:
            button.setEnabled(True)
        from kyoso_desktop.ui.a11y import announce, name_controls

        name_controls(self)
        titles = " ".join(f.title for f in diagnosis.findings)
        announce(self.summary, f"{_(VERDICT_TEXTS[diagnosis.verdict])} {titles}".strip())
        self.finished.emit(diagnosis)

    def _sorted_table(self, diagnosis: Diagnosis) -> None:
        """Live rows arrive in any order; the final table reads host by host, step by step."""
        hosts = list(dict.fromkeys(c.host for c in diagnosis.checks if c.kind != "clock"))
        ordered = sorted(diagnosis.checks, key=lambda c: (
            hosts.index(c.host) if c.kind != "clock" else len(hosts), KINDS.index(c.kind)))
        self.table.setRowCount(0)
        for check in ordered:
            self._add_check(check)
        self.table.resizeColumnsToContents()

    def _failed(self, error: BaseException) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        message = describe_failure(error)
        self.summary.setText(_("The check could not run: {error}").format(error=message))

    # -- export ------------------------------------------------------------------------------------
    def export_to(self, kind: str, path: str) -> None:
        from kyoso_desktop.core.netdiag.report import report_html, report_json

        if kind == "json":
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(report_json(self.diagnosis))
        elif kind == "html":
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(report_html(self.diagnosis, get_language()))
        else:
            from kyoso_desktop.ui.print_pdf import html_to_pdf

            html_to_pdf(report_html(self.diagnosis, get_language()), path)

    def _export(self, kind: str) -> None:
        from kyoso_desktop.ui.dialogs import ask_save_path

        title, name, file_filter = {
            "pdf": (_("Save the request sheet for IT as PDF"), _("it-request.pdf"),
                    _("PDF documents (*.pdf)")),
            "html": (_("Save the request sheet for IT as HTML"), _("it-request.html"),
                     _("Web pages (*.html)")),
            "json": (_("Save the result as JSON"), "kyoso-connection-check.json",
                     _("JSON files (*.json)")),
        }[kind]
        path = ask_save_path(self, title, name, file_filter)
        if path:
            try:
                self.export_to(kind, path)
                self.summary.setText(_("Saved: {path}").format(path=path))
            except OSError as exc:
                self.summary.setText(_("Could not save: {error}").format(
                    error=describe_failure(exc)))
