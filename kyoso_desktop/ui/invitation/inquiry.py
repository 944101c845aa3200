"""The inquiry to the secretariat: copy, open in the mail program, or save as a draft."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.dates import day_of, format_day
from kyoso_desktop.core.common.i18n import N_, _, get_language
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.invitation import timeline as tl
from kyoso_desktop.core.invitation.inquiry import Inquiry, build_inquiry
from kyoso_desktop.core.registration.records import ApplicationRecord
from kyoso_desktop.ui.workers import describe_failure

# what the applicant may tick, in their language (the mail itself is in Japanese)
CHECK_LABELS = {
    "junk_folder": N_("I looked in the junk (spam) folder"),
    "sanitising": N_("I asked whether the mail gateway held or sanitised it (無害化)"),
    "allowlist": N_("I asked that mail from {domain} is let through"),
}


class InquiryDialog(QDialog):
    def __init__(self, record: ApplicationRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inquiry")
        self.setWindowTitle(_("Inquiry to the secretariat"))
        self.record, policy = record, default_policy()
        layout = QVBoxLayout(self)
        line = tl.timeline(record, date.today(), policy, get_language())
        if not tl.inquiry_due(record, date.today(), policy):
            self.not_due = QLabel(_("Not due yet: the invitation is expected by {date}. Usually "
                                    "it is enough to wait until then.").format(
                date=format_day(date.fromisoformat(line.expected_by), get_language())
                if line.expected_by else "-"))
            self.not_due.setObjectName("inquiryNotDue")
            self.not_due.setWordWrap(True)
            layout.addWidget(self.not_due)
        layout.addWidget(QLabel(_("Nothing is sent by this app. Copy the parts into a new mail, "
                                  "or open it in your mail program.")))
        layout.addWidget(QLabel(_("Tick only what you have really checked:")))
        self.checks: dict[str, QCheckBox] = {}
        for code, text in CHECK_LABELS.items():
            box = QCheckBox(_(text).format(domain=policy.invitation_sender_domain))
            box.setObjectName(f"check_{code}")
            box.toggled.connect(self._rebuild)
            self.checks[code] = box
            layout.addWidget(box)
        self.inquiry = self._build()
        grid = QGridLayout()
        self.to = QLineEdit(self.inquiry.to)
        self.subject = QLineEdit(self.inquiry.subject)
        self.body = QPlainTextEdit(self.inquiry.body)
        for widget, name in ((self.to, "inquiryTo"), (self.subject, "inquirySubject"),
                             (self.body, "inquiryBody")):
            widget.setObjectName(name)
        for widget in (self.to, self.subject):
            widget.setReadOnly(True)
        self.body.setReadOnly(True)
        rows = ((_("To:"), self.to, lambda: self.inquiry.to),
                (_("Subject:"), self.subject, lambda: self.inquiry.subject),
                (_("Body:"), self.body, lambda: self.inquiry.body))
        for row, (text, widget, value) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.rstrip(":："))
            copy = QPushButton(_("Copy"))
            copy.setObjectName(f"copy_{widget.objectName()}")
            copy.setAccessibleName(_("Copy: {field}").format(field=text.rstrip(":：")))
            copy.clicked.connect(lambda _c=False, v=value: self._copy(v()))
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
            grid.addWidget(copy, row, 2)
        layout.addLayout(grid)
        self.status = QLabel()
        self.status.setObjectName("inquiryStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_mail = buttons.addButton(_("Open in my mail program"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.save_draft = buttons.addButton(_("Save as draft (.eml)…"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.open_mail.setObjectName("openMailProgram")
        self.save_draft.setObjectName("saveDraft")
        self.open_mail.clicked.connect(self._open_mail)
        self.save_draft.clicked.connect(self._save_draft)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def _build(self) -> Inquiry:
        record, policy = self.record, default_policy()
        applied = day_of(record.applied_at)
        return build_inquiry(
            to=policy.secretariat_email, name=record.name,
            organization=record.organization_name, code=record.organization_code,
            department=record.department, email=record.email, applied_at=applied,
            waited=tl.business_days_between(applied, date.today()) if applied else None,
            checks=[code for code, box in self.checks.items() if box.isChecked()])

    def _rebuild(self) -> None:
        self.inquiry = self._build()
        self.body.setPlainText(self.inquiry.body)

    def _copy(self, value: str) -> None:
        QApplication.clipboard().setText(value)
        self.status.setText(_("Copied."))
        from kyoso_desktop.ui.a11y import announce

        announce(self.status, _("Copied."))

    def _open_mail(self) -> None:
        from PySide6.QtGui import QDesktopServices

        if not QDesktopServices.openUrl(QUrl(self.inquiry.mailto(), QUrl.ParsingMode.StrictMode)):
            self.status.setText(_("No mail program could be opened here; copy the parts "
                                  "instead."))

    def save_draft_to(self, path: str) -> None:
        with open(path, "wb") as fh:
            fh.write(self.inquiry.eml())
        self.status.setText(_("Saved: {path}").format(path=path))

    def _save_draft(self) -> None:
        from kyoso_desktop.ui.dialogs import ask_save_path

        path = ask_save_path(self, _("Save the inquiry as a draft mail"), _("inquiry.eml"),
                             _("Mail files (*.eml)"))
        if path:
            try:
                self.save_draft_to(path)
            except OSError as exc:
                self.status.setText(_("Could not save: {error}").format(
                    error=describe_failure(exc)))
