"""The invitation-status area: one card per application, with its timeline and actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.dates import day_of, format_day
from kyoso_desktop.core.common.i18n import N_, _, get_language
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.invitation import timeline as tl
from kyoso_desktop.core.invitation.mailcheck import VERDICT_TEXTS, InvitationCheck
from kyoso_desktop.core.registration.records import ApplicationRecord, ApplicationStore
from kyoso_desktop.ui.text import clear_layout, emphasize, mark_selectable
from kyoso_desktop.ui.workers import Background, describe_failure

MAIL_SUFFIXES = (".eml", ".msg")
WARNING_COLOUR = "#9b1c1c"
SUSPICIOUS_ADVICE = N_("Do not open its links or reply. Forward it to your IT department as an "
                       "attachment, then delete it.")
STATE_MARKS = {"applied": "●", "waiting": "●", "overdue": "▲", "invitation_received": "✉",
               "joined": "✔", "expired": "▲", "withdrawn": "–", "draft": "○"}


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return mark_selectable(label)


class ApplicationCard(QFrame):
    """Timeline, state in words, next step; check a saved mail; mailbox; inquiry; changes."""

    changed = Signal(object)  # the updated ApplicationRecord

    def __init__(self, record: ApplicationRecord, settings: Settings, store: ApplicationStore):
        super().__init__()
        self.record, self.settings, self.store = record, settings, store
        self.last_check: InvitationCheck | None = None
        self._background = Background(self)
        self.setObjectName(f"card_{record.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.title = emphasize(_label(name="cardTitle"), 1.15)
        self.timeline = _label(name="cardTimeline")
        self.state = emphasize(_label(name="cardState"), 1.0)
        self.next_step = _label(name="cardNextStep")
        self.mail_result = _label(name="mailResult")
        self.mail_result.hide()
        for widget in (self.title, self.timeline, self.state, self.next_step, self.mail_result):
            layout.addWidget(widget)
        self.link_text = _label(name="joinLink")
        self.link_text.hide()
        layout.addWidget(self.link_text)
        self.link_row = QHBoxLayout()
        layout.addLayout(self.link_row)
        buttons = QHBoxLayout()
        self.check_mail = QPushButton(_("Check a saved mail…"))
        self.check_mail.setObjectName("checkMailButton")
        self.check_mail.setToolTip(_("Or drop a .eml or .msg file on this card."))
        self.check_mail.clicked.connect(self._choose_mail)
        self.mailbox = QPushButton(_("Look in my mailbox…"))
        self.mailbox.setObjectName("mailboxButton")
        self.mailbox.setEnabled(not settings.offline)
        if settings.offline:
            self.mailbox.setToolTip(_("Not available in offline mode."))
        self.mailbox.clicked.connect(self._open_mailbox)
        self.inquiry = QPushButton(_("Inquiry to the secretariat…"))
        self.inquiry.setObjectName("inquiryButton")
        self.inquiry.clicked.connect(self._open_inquiry)
        self.joined = QPushButton(_("I have joined"))
        self.joined.setObjectName("joinedButton")
        self.joined.clicked.connect(lambda: self._transition(tl.mark_joined))
        self.withdraw = QPushButton(_("Withdraw"))
        self.withdraw.setObjectName("withdrawButton")
        self.withdraw.clicked.connect(self._confirm_withdraw)
        for button in (self.check_mail, self.mailbox, self.inquiry, self.joined, self.withdraw):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    # -- display -----------------------------------------------------------
    def refresh(self) -> None:
        record, lang = self.record, get_language()
        era = self.settings.japanese_era

        def show(day: date) -> str:
            return format_day(day, lang, japanese_era=era)

        line = tl.timeline(record, date.today(), default_policy(), lang, show)
        org = record.organization_name or record.organization_code or ""
        self.title.setText(f"{record.email} — {record.name} {org}".strip())
        parts = [
            _("Sent: {date}").format(date=show(sent) if (sent := day_of(record.applied_at))
                                     else "-"),
            _("Expected by: {date}").format(date=show(date.fromisoformat(line.expected_by))
                                            if line.expected_by else "-"),
            _("Today: {date} ({days} business days waited)").format(
                date=show(date.today()), days=line.business_days_waited
                if line.business_days_waited is not None else "-"),
        ]
        if record.invitation_received_at:
            parts.append(_("Invitation received: {date}").format(
                date=show(day_of(record.invitation_received_at) or date.today())))
        self.timeline.setText("   →   ".join(parts))
        self.state.setText(f"{STATE_MARKS.get(line.state, '')} {line.state_text}")
        self.state.setAccessibleName(line.state_text)
        self.next_step.setText(_("What to do now: {step}").format(
            step=line.next_step.message))
        allowed = tl.allowed_actions(record)
        self.joined.setVisible("mark_joined" in allowed)
        self.withdraw.setVisible("withdraw" in allowed)
        self.inquiry.setVisible("inquiry" in allowed)
        self.mailbox.setVisible("search_mailbox" in allowed)
        if record.invitation and not self.last_check:
            self._show_join_link(record.invitation.join_url)

    # -- saved mail -----------------------------------------------------------
    def _choose_mail(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open a saved mail"), "", _("Mail files (*.eml *.msg);;All files (*)"))
        if path:
            self.check_file(path)

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().lower().endswith(MAIL_SUFFIXES) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(MAIL_SUFFIXES):
                self.check_file(url.toLocalFile())
                break

    def check_file(self, path: str) -> None:
        """Check a mail file in a worker thread, then show the verdict here."""
        from kyoso_desktop.core.invitation.mailcheck import check_file_isolated

        self.mail_result.setText(_("Checking {file}…").format(file=path))
        self.mail_result.show()
        trusted = frozenset(self.settings.trusted_authserv)
        lang = get_language()
        # in a child process with a deadline: a hostile mail cannot stall the window
        self._background.run(lambda: check_file_isolated(path, trusted_authserv=trusted,
                                                         lang=lang),
                             self.show_check, self._check_failed, what="check a saved mail")

    def _check_failed(self, error: BaseException) -> None:
        self.mail_result.setText(_("The mail could not be checked: {error}").format(
            error=describe_failure(error)))

    def show_check(self, result: InvitationCheck) -> None:
        self.last_check = result
        elsewhere = result.is_invitation and result.addressed_to(self.record.email) is False
        if result.verdict == "suspicious":  # a warning: mark, colour and what to do
            lines = [f"<span style='color:{WARNING_COLOUR}'><b>⚠ "
                     f"{_escape(_(VERDICT_TEXTS[result.verdict]))}</b></span>",
                     f"<b>{_escape(_(SUSPICIOUS_ADVICE))}</b>"]
        else:
            lines = [f"<b>{_escape(_(VERDICT_TEXTS[result.verdict]))}</b>"]
        if elsewhere:
            lines.append(f"<span style='color:{WARNING_COLOUR}'><b>⚠ " + _escape(_(
                "This invitation is addressed to {to}, not to {address}: it belongs to "
                "another application.").format(to=", ".join(result.recipients),
                                              address=self.record.email)) + "</b></span>")
        lines += [f"• {_escape(r.message)}" for r in result.reasons]
        self.mail_result.setText("<br>".join(lines))
        self.mail_result.show()
        clear_layout(self.link_row)
        if result.is_invitation:
            self._show_join_link(result.join_url)
            if "record_invitation" in tl.allowed_actions(self.record) and not elsewhere:
                record = QPushButton(_("Record this invitation"))
                record.setObjectName("recordInvitation")
                record.clicked.connect(lambda: self.record_invitation(result))
                self.link_row.addWidget(record)
        self.link_row.addStretch(1)

    def _show_join_link(self, url: str | None) -> None:
        clear_layout(self.link_row)
        self.link_text.setVisible(bool(url))
        if url:
            from PySide6.QtWidgets import QApplication

            # a zero-width space after each "/" lets the long link wrap in narrow windows
            self.link_text.setText(_("Join link: {url}").format(url=url.replace("/", "/\u200b")))
            copy = QPushButton(_("Copy link"))
            copy.setObjectName("copyLinkButton")
            copy.clicked.connect(lambda: QApplication.clipboard().setText(url))
            aid = QPushButton(_("Show for typing / QR…"))
            aid.setObjectName("linkAidButton")
            aid.clicked.connect(lambda: self._open_link_aid(url))
            for widget in (copy, aid):
                self.link_row.addWidget(widget)
        else:
            manual = QPushButton(_("Type the link from the original…"))
            manual.setObjectName("linkAidButton")
            manual.clicked.connect(lambda: self._open_link_aid(None))
            self.link_row.addWidget(manual)

    def record_invitation(self, result: InvitationCheck) -> None:
        received = date.today()
        if result.received_at:
            received = day_of(result.received_at) or received
        self._transition(lambda r, _d: tl.receive_invitation(r, received, result.to_record()))

    # -- changes -----------------------------------------------------------
    def _transition(self, change) -> None:
        try:
            updated = self.store.update(change(self.record, date.today()))
        except (tl.TransitionError, KeyError, OSError) as exc:
            self.mail_result.setText(_("The change could not be saved: {error}").format(
                error=describe_failure(exc)))
            self.mail_result.show()
            return
        self.record = updated
        self.refresh()
        self.changed.emit(updated)

    def _confirm_withdraw(self) -> None:
        from kyoso_desktop.ui.dialogs import confirm_destructive

        if confirm_destructive(self, _("Withdraw"), _(
                "Withdraw this application? It stays in the history as withdrawn.")):
            self._transition(tl.withdraw)

    # -- dialogs -----------------------------------------------------------
    def _open_link_aid(self, url: str | None) -> None:
        from kyoso_desktop.ui.invitation.link_aid import LinkAidDialog

        LinkAidDialog(url, self).open()

    def _open_inquiry(self) -> None:
        from kyoso_desktop.ui.invitation.inquiry import InquiryDialog

        InquiryDialog(self.record, self).open()

    def _open_mailbox(self) -> None:
        from kyoso_desktop.ui.invitation.mailbox import MailboxDialog

        dialog = MailboxDialog(self.record, self.settings, self)
        dialog.found_invitation.connect(self.record_invitation)
        dialog.open()


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


class StatusPage(QWidget):
    """All applications made from this PC, newest first, as cards."""

    changed = Signal(object)  # an application's record was updated on its card

    def __init__(self, title: str, settings: Settings, store: ApplicationStore | None = None):
        super().__init__()
        self.settings = settings
        self.store = store or ApplicationStore()
        self._background = Background(self)
        layout = QVBoxLayout(self)
        layout.addWidget(emphasize(QLabel(title)))
        self.message = _label(name="statusMessage")
        self.message.hide()
        layout.addWidget(self.message)
        self.cards_host = QWidget()
        self.cards = QVBoxLayout(self.cards_host)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.cards_host)
        layout.addWidget(scroll, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the records in a worker thread, then show them."""
        self._background.run(self.store.records, self._show, self._failed,
                             what="read the application history")

    def _failed(self, error: BaseException) -> None:
        self.message.setText(_("The application history could not be read: {error}").format(
            error=describe_failure(error)))
        self.message.show()

    def show_card(self, email: str) -> None:
        """Bring the card of this address into view and give it the focus (once loaded)."""
        self._wanted = email.casefold()
        self._reveal()

    def _reveal(self) -> None:
        wanted = getattr(self, "_wanted", "")
        card = next((c for c in self.card_widgets() if c.record.email.casefold() == wanted),
                    None)
        if card is not None:
            self._wanted = ""
            self.scroll.ensureWidgetVisible(card)
            card.check_mail.setFocus()

    def card_widgets(self) -> list[ApplicationCard]:
        return self.cards_host.findChildren(ApplicationCard)

    def _show(self, loaded) -> None:
        records, problem = loaded
        notes = []
        if problem is not None:
            notes.append(problem.message())
        if not records:
            notes.append(_("No application has been recorded on this PC yet. Use "
                           "“Registration” to apply."))
        self.message.setText("\n".join(notes))
        self.message.setVisible(bool(notes))
        clear_layout(self.cards)
        for number, record in enumerate(reversed(records), 1):
            card = ApplicationCard(record, self.settings, self.store)
            card.setProperty("guideCard", number)  # the newest is 1 (its guide numbers: 1-…)
            card.changed.connect(self.changed)
            self.cards.addWidget(card)
        self.cards.addStretch(1)
        self._reveal()
