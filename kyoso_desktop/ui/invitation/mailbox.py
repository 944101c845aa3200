"""Look in the mailbox over IMAP: settings, password (OS keyring only), progress, cancel."""

from __future__ import annotations

import contextlib
import threading
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common import passwords
from kyoso_desktop.core.common.dates import day_of
from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.common.settings import Settings, save_settings
from kyoso_desktop.core.invitation.mailbox import (
    ERROR_TEXTS,
    MailboxError,
    MailboxSettings,
    is_microsoft,
    newest_invitation,
    search_invitations,
)
from kyoso_desktop.core.invitation.mailcheck import VERDICT_TEXTS
from kyoso_desktop.core.registration.records import ApplicationRecord
from kyoso_desktop.ui.workers import Background


class _Progress(QObject):
    step = Signal(str, int, int)


class MailboxDialog(QDialog):
    found_invitation = Signal(object)  # the InvitationCheck of the newest invitation

    def __init__(self, record: ApplicationRecord, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailbox")
        self.record, self.settings = record, settings
        self.setWindowTitle(_("Look in my mailbox"))
        self._background = Background(self)
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_step)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The mailbox is opened read-only: nothing is deleted or "
                                  "marked as read. Only mail from slack.com since the "
                                  "application is fetched and checked.")))
        form = QFormLayout()
        self.host = QLineEdit(settings.imap_host)
        self.host.setObjectName("imapHost")
        self.port = QSpinBox()
        self.port.setObjectName("imapPort")
        self.port.setRange(1, 65535)
        self.port.setValue(settings.imap_port)
        self.security = QComboBox()
        self.security.setObjectName("imapSecurity")
        self.security.addItem(_("TLS (port 993)"), "tls")
        self.security.addItem(_("STARTTLS (port 143)"), "starttls")
        self.security.setCurrentIndex(1 if settings.imap_security == "starttls" else 0)
        self.user = QLineEdit(settings.imap_user or record.email)
        self.user.setObjectName("imapUser")
        self.password = QLineEdit()
        self.password.setObjectName("imapPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_("Remember the password in the OS keyring"))
        self.remember.setObjectName("rememberPassword")
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("imapCaFile")
        self.ca_file.setPlaceholderText(_("optional: extra CA certificate (PEM) from IT"))
        for label, widget, name in ((_("&Server:"), self.host, _("IMAP server")),
                                    (_("P&ort:"), self.port, _("Port")),
                                    (_("S&ecurity:"), self.security, _("Security")),
                                    (_("&User name:"), self.user, _("User name")),
                                    (_("Pass&word:"), self.password, _("Password")),
                                    (_("&CA file:"), self.ca_file, _("CA file"))):
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        form.addRow("", self.remember)
        for name, widget in (("imap_host", self.host), ("imap_port", self.port),
                             ("imap_security", self.security)):
            if settings.is_locked(name):
                widget.setEnabled(False)
                widget.setToolTip(_("Set by your IT department"))
        layout.addLayout(form)
        self.notice = QLabel()
        self.notice.setObjectName("mailboxNotice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.bar = QProgressBar()
        self.bar.hide()
        layout.addWidget(self.bar)
        self.results = QLabel()
        self.results.setObjectName("mailboxResults")
        self.results.setWordWrap(True)
        layout.addWidget(self.results)
        self.buttons = QDialogButtonBox()
        self.search = self.buttons.addButton(_("Sea&rch"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(_("Cancel search"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.search.setObjectName("searchMailbox")
        self.cancel.setObjectName("cancelSearch")
        self.cancel.hide()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.search.clicked.connect(self.start_search)
        self.cancel.clicked.connect(self._cancel.set)
        layout.addWidget(self.buttons)
        self.host.textChanged.connect(self._host_changed)
        has_keyring = passwords.keyring_available()
        self.remember.setEnabled(has_keyring)
        if has_keyring:
            stored = passwords.get_password(self._account())
            if stored:
                self.password.setText(stored)
                self.remember.setChecked(True)
        else:
            self.remember.setToolTip(_("No OS keyring is available here: the password is "
                                       "asked each time and never stored."))
            self.notice.setText(self.remember.toolTip())
        self._host_changed(self.host.text())

    def _account(self) -> str:
        return f"{self.user.text().strip()}@{self.host.text().strip()}"

    def _host_changed(self, host: str) -> None:
        microsoft = is_microsoft(host.strip())
        self.search.setEnabled(not microsoft)
        if microsoft:
            self.notice.setText(_(ERROR_TEXTS["microsoft_oauth"]))
        elif self.notice.text() == _(ERROR_TEXTS["microsoft_oauth"]):
            self.notice.setText("")

    def start_search(self) -> None:
        host, user, password = self.host.text().strip(), self.user.text().strip(), \
            self.password.text()
        if not (host and user and password):
            self.notice.setText(_("Enter the server, the user name and the password."))
            return
        settings = MailboxSettings(host=host, username=user, port=self.port.value(),
                                   security=self.security.currentData(),
                                   ca_file=self.ca_file.text().strip() or None)
        self._save_settings(settings, password)
        self._cancel.clear()
        self.search.setEnabled(False)
        self.cancel.show()
        self.bar.setRange(0, 0)
        self.bar.show()
        since = day_of(self.record.applied_at) or date.today()
        lang, trusted = get_language(), frozenset(self.settings.trusted_authserv)
        progress, cancel = self._progress, self._cancel

        def work():
            try:
                return search_invitations(settings, password, since, lang=lang,
                                          trusted_authserv=trusted, cancel=cancel,
                                          progress=progress.step.emit)
            except MailboxError as exc:
                return exc

        self._background.run(work, self._finished, self._failed)

    def _save_settings(self, mailbox: MailboxSettings, password: str) -> None:
        self.settings = self.settings.with_changes(
            imap_host=mailbox.host, imap_user=mailbox.username, imap_port=mailbox.port,
            imap_security=mailbox.security)
        with contextlib.suppress(OSError):  # the search itself does not need the file
            save_settings(self.settings)
        if self.remember.isChecked():
            passwords.set_password(self._account(), password)
        else:
            passwords.delete_password(self._account())

    def _on_step(self, what: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(what)

    def _failed(self, error: BaseException) -> None:
        """An unexpected failure (logged by the worker): the dialog is usable again."""
        self._finished(MailboxError("failed", _("The search stopped unexpectedly ({error}). "
                                                "Nothing was changed; try again.").format(
            error=type(error).__name__)))

    def _finished(self, outcome) -> None:
        self.bar.hide()
        self.cancel.hide()
        self.search.setEnabled(True)
        if isinstance(outcome, MailboxError):
            self.results.setText(f"✖ {outcome}")
            return
        if not outcome:
            self.results.setText(_("No mail from {domain} since the application was found, "
                                   "in the inbox or the junk folder.").format(
                domain=default_policy().invitation_sender_domain))
            return
        lines = [f"{f.folder}: {_(VERDICT_TEXTS[f.check.verdict])} — {f.check.subject or ''}"
                 for f in outcome]
        newest = newest_invitation(outcome, self.record.email)
        if newest is not None:
            lines.append(_("The invitation was found and recorded."))
            self.found_invitation.emit(newest.check)
        self.results.setText("\n".join(lines))
