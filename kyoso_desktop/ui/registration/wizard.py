"""Moves between the steps, keeps the draft, saves it off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.registration.flow import STEP_TITLES, STEPS, Draft, RegistrationFlow
from kyoso_desktop.core.registration.records import ApplicationRecord, ApplicationStore
from kyoso_desktop.ui.dialogs import scrolling
from kyoso_desktop.ui.text import emphasize
from kyoso_desktop.ui.workers import Background, describe_failure

SAVE_DELAY_MS = 300


class RegistrationWizard(QWidget):
    """Step header, the current page, problems inline, Back / Next."""

    applied = Signal(object)  # the ApplicationRecord created
    open_application = Signal(str)  # show the card of an earlier application (its address)
    draft_saved = Signal()
    step_changed = Signal(str)
    email_checked = Signal(object)  # the EmailCheck the email step shows

    def __init__(self, settings: Settings, draft: Draft | None = None,
                 store: ApplicationStore | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store = store or ApplicationStore()
        self.draft = draft or self._fresh_draft()
        self._flow: RegistrationFlow | None = None
        self.touched: set[str] = set()
        self.pages: dict[str, QWidget] = {}
        self._background = Background(self)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._build()
        self._show_step(self.draft.step, save=False)

    def _fresh_draft(self) -> Draft:
        """An empty draft; the organisation pre-filled when IT set this PC's body."""
        code = self.settings.organization_code
        return Draft(eligibility="local_government", organization_code=code) if code \
            else Draft()

    def is_untouched(self) -> bool:
        """Nothing entered yet (a fresh draft on step 1)."""
        return self.draft == self._fresh_draft() and not self.touched

    @property
    def flow(self) -> RegistrationFlow:
        if self._flow is None:  # the directory loads on first use (preloaded after paint)
            self._flow = RegistrationFlow()
        return self._flow

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.steps_label = QLabel()
        self.steps_label.setObjectName("stepList")
        self.steps_label.setWordWrap(True)
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        emphasize(self.title)
        self.stack = QStackedWidget()
        buttons = QHBoxLayout()
        self.restart = QPushButton(_("Start &over"))
        self.restart.setObjectName("restartButton")
        self.restart.clicked.connect(self._start_over)
        self.back = QPushButton(_("< &Back"))
        self.back.setObjectName("backButton")
        self.back.clicked.connect(self.go_back)
        self.next = QPushButton(_("&Next >"))
        self.next.setObjectName("nextButton")
        # not a default button: its frame would look like focus (Enter is handled below)
        self.next.clicked.connect(self.go_next)
        self.blocked = QLabel()
        self.blocked.setObjectName("blockedReason")
        self.blocked.setWordWrap(True)
        buttons.addWidget(self.restart)
        buttons.addWidget(self.blocked, 1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.title)
        layout.addWidget(scrolling(self.stack, "stepScroll"), 1)  # small screens scroll
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.back, self.next)

    def _page(self, step: str) -> QWidget:
        page = self.pages.get(step)
        if page is None:
            from kyoso_desktop.ui.text import enable_selection

            if step == "eligibility":  # the only page built at start-up: kept light
                from kyoso_desktop.ui.registration.base import EligibilityPage

                page = EligibilityPage(self.flow)
            else:
                from kyoso_desktop.ui.registration import pages as p

                page = p.EmailPage(self.flow, self.settings.offline, self.settings.dns_server) \
                    if step == "email" else {
                        "organization": p.OrganizationPage, "applicant": p.ApplicantPage,
                        "review": p.ReviewPage, "apply": p.ApplyPage}[step](self.flow)
            page.setObjectName(f"page_{step}")
            page.edited.connect(self._edited)
            if step == "review":
                page.go_to.connect(lambda s: self._show_step(s))
            if step == "email":
                page.open_application.connect(self.open_application)
                page.check.checked.connect(self.email_checked)
            if step == "organization" and self.settings.is_locked("organization_code"):
                page.lock_organization(_("Set by your IT department"))
            if step == "apply":
                page.japanese_era = self.settings.japanese_era
                page.applied.connect(self._record_application)
            self.pages[step] = page
            self.stack.addWidget(page)
            if self.window().isVisible():
                enable_selection(page)
        return page

    # -- navigation -----------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.draft.step

    def _show_step(self, step: str, save: bool = True) -> None:
        self.draft = self.draft.with_changes(step=step)
        page = self._page(step)
        page.load(self.draft)
        self.stack.setCurrentWidget(page)
        number = RegistrationFlow.number(step)
        self.title.setText(_("Step {number} of {total}: {title}").format(
            number=number, total=len(STEPS), title=_(STEP_TITLES[step])))
        self.steps_label.setText("  ›  ".join(
            (f"<b>[{i}. {_(STEP_TITLES[s])}]</b>" if s == step else f"{i}. {_(STEP_TITLES[s])}")
            for i, s in enumerate(STEPS, 1)))
        self.steps_label.setAccessibleName(_("Steps: {list}").format(list=", ".join(
            f"{i}. {_(STEP_TITLES[s])}" + (" " + _("(current)") if s == step else "")
            for i, s in enumerate(STEPS, 1))))
        self.back.setEnabled(number > 1)
        self.next.setVisible(step != "apply")
        self._update_state()
        self._keyboard_order(page)
        self.step_changed.emit(step)
        if save:
            self.save_now()

    def _keyboard_order(self, page: QWidget) -> None:
        """Names for every control, and Tab in reading order: the page, then the buttons.
        (Moving the wizard into the window rebuilds the focus chain: done again on show.)"""
        from kyoso_desktop.ui.a11y import focus_chain, name_controls, tab_in_reading_order

        name_controls(self)
        tab_in_reading_order([*focus_chain(page.layout()), self.restart, self.back,
                              self.next])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.step in self.pages:
            self._keyboard_order(self.pages[self.step])

    @property
    def step_complete(self) -> bool:
        """No problem left on this step (Next then moves on)."""
        return not self.flow.problems(self.step, self.draft, get_language())

    def go_next(self) -> None:
        """The next step; with problems left, show and say every one of them (Next stays
        enabled, so that a keyboard user reaches it and hears why)."""
        target = self.flow.next_step(self.draft, get_language())
        if target is None:  # show every problem of this step, also of untouched fields
            problems = self.flow.problems(self.step, self.draft, get_language())
            self.touched |= {p.field for p in problems}
            self._update_state()
            from kyoso_desktop.ui.a11y import announce

            announce(self.next, _("Not yet: {problems}").format(
                problems=" ".join(dict.fromkeys(p.message for p in problems))))
            return
        self._show_step(target)

    def go_back(self) -> None:
        previous = self.flow.previous_step(self.step)
        if previous:
            self._show_step(previous)

    def _edited(self, changes: dict) -> None:
        if changes.get("eligibility") not in (None, self.draft.eligibility):
            changes |= {"organization_code": "", "organization_name": ""}
        self.draft = self.draft.with_changes(**changes)
        self.touched |= set(changes)
        if "email" in changes:
            self.touched.add("email")
        if self.step in ("applicant",):
            self.pages[self.step].load(self.draft)  # refresh the display-name preview
        self._update_state()
        self._save_timer.start()

    def _update_state(self) -> None:
        problems = self.flow.problems(self.step, self.draft, get_language())
        page = self.pages[self.step]
        page.show_problems(problems, touched=self.touched)
        self.next.setAccessibleDescription(
            _("Not yet: {problems}").format(problems=problems[0].message) if problems else "")
        blocked = problems[0].message if problems and (
            self.step == "eligibility" and self.draft.eligibility == "other") else ""
        if blocked and blocked != self.blocked.text():
            from kyoso_desktop.ui.a11y import announce

            announce(self.blocked, blocked)
        self.blocked.setText(blocked)

    def keyPressEvent(self, event) -> None:
        """Enter presses the focused push button; anywhere else on a step it is Next (as the
        default button of a dialog would be), which moves on or says what is missing."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QTextEdit

        focus = self.focusWidget()
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or \
                isinstance(focus, QTextEdit | QPlainTextEdit):
            super().keyPressEvent(event)
        elif isinstance(focus, QPushButton) and focus.isEnabled():
            focus.click()
        elif self.next.isVisible():
            self.go_next()

    # -- persistence ------------------------------------------------------------------------------
    def save_now(self) -> None:
        """Write the draft in a worker thread (atomic write; never on the GUI thread)."""
        self._save_timer.stop()
        draft, store, generation = self.draft, self.store, self.store.generation
        self._background.run(lambda: store.save_draft(draft, generation),
                             lambda _r: self.draft_saved.emit(), self._save_failed)

    def _save_failed(self, error: BaseException) -> None:
        self.blocked.setText(_("The draft could not be saved: {error}").format(
            error=describe_failure(error)))

    def _start_over(self) -> None:
        from kyoso_desktop.ui.dialogs import confirm_destructive

        if confirm_destructive(self, _("Start over"),
                               _("Discard everything entered so far and start again?")):
            self.reset()

    def reset(self, save: bool = True) -> None:
        """Back to step 1 with an empty draft."""
        self._save_timer.stop()
        self.draft = self._fresh_draft()
        self.touched = set()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        if save:
            self.store.clear_draft()
        self._show_step("eligibility", save=False)

    def _record_application(self, applied_on) -> None:
        email = self.flow.check_email(self.draft).address or self.draft.email.strip()
        try:
            record: ApplicationRecord = self.store.add(
                self.draft, applied_on, email=email,
                organization_name=self.flow.organization_name(self.draft))
        except OSError as exc:
            self.blocked.setText(_("The application could not be recorded: {error}").format(
                error=describe_failure(exc)))
            return
        self.reset(save=False)  # the store already removed the draft
        self.applied.emit(record)
