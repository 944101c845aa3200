"""Wizard pages 2–6, built on first visit. Each shows the draft and reports edits; the core
decides what is valid."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from kyoso_desktop.core.common.dates import format_day
from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.registration.flow import (
    FIELD_STEPS,
    MAX_NAME_LENGTH,
    Draft,
    RegistrationFlow,
)
from kyoso_desktop.core.registration.rules import rules_to_confirm
from kyoso_desktop.ui.a11y import keep_name
from kyoso_desktop.ui.registration.base import WizardPage, _field, _paragraph
from kyoso_desktop.ui.registration.email_check import EmailCheckWidget
from kyoso_desktop.ui.text import clear_layout, mark_selectable
from kyoso_desktop.ui.workers import describe_failure


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self.clicked.emit()


def _wrapping_checkbox(text: str) -> tuple[QCheckBox, QHBoxLayout]:
    """A check box whose long text wraps (QCheckBox itself never wraps)."""
    box = QCheckBox()
    box.setAccessibleName(text)
    label = _ClickableLabel(text)
    label.setWordWrap(True)
    label.clicked.connect(box.toggle)
    row = QHBoxLayout()
    row.addWidget(box, 0)
    row.addWidget(label, 1)
    return box, row


# -- 2 ------------------------------------------------------------------------------------------
class OrganizationPage(WizardPage):
    def __init__(self, flow: RegistrationFlow) -> None:
        super().__init__(flow)
        self.kind = ""
        self.chosen_code = ""
        self.intro = _paragraph("")
        self.layout_.addWidget(self.intro)
        grid = QGridLayout()
        self.search = QLineEdit()
        self.search.setObjectName("organizationSearch")
        self.search.setPlaceholderText(_("Name in kanji, kana or romaji, or the 6-digit code"))
        self.search.setClearButtonEnabled(True)
        self.prefecture = QComboBox()
        self.prefecture.setObjectName("prefectureFilter")
        self.prefecture.addItem(_("All prefectures"), "")
        for name in flow.directory.prefecture_names():
            self.prefecture.addItem(name, name)
        self.results = QListWidget()
        self.results.setObjectName("organizationResults")
        self.results.setAccessibleName(_("Matching organisations"))
        self.selected = QLabel()
        self.selected.setObjectName("selectedOrganization")
        self.union_name = QLineEdit()
        self.union_name.setObjectName("unionName")
        self.union_code = QLineEdit()
        self.union_code.setObjectName("unionCode")
        self.union_code.setMaxLength(6)
        self.union_code.setPlaceholderText("123456")
        self.department = QLineEdit()
        self.department.setObjectName("department")
        self.department.setPlaceholderText(_("e.g. 総務部 情報政策課"))
        _field(grid, 0, _("Sea&rch:"), self.search, _("Search organisations"))
        _field(grid, 1, _("&Prefecture:"), self.prefecture, _("Prefecture filter"))
        _field(grid, 2, _("Results:"), self.results, _("Matching organisations"))
        _field(grid, 3, _("Chosen:"), self.selected, _("Chosen organisation"),
               self.error_label("organization_code"))
        _field(grid, 4, _("Union na&me:"), self.union_name, _("Union name"),
               self.error_label("organization_name"))
        _field(grid, 5, _("Union &code:"), self.union_code, _("Union code"))
        _field(grid, 6, _("&Department (required):"), self.department, _("Department"),
               self.error_label("department"))
        self.grid = grid
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)
        self.search.textChanged.connect(self._refresh)
        self.prefecture.currentIndexChanged.connect(self._refresh)
        self.results.currentItemChanged.connect(self._chosen)
        self.union_name.textChanged.connect(lambda t: self.emit(organization_name=t))
        self.union_code.textChanged.connect(lambda t: self.emit(organization_code=t.strip()))
        self.department.textChanged.connect(lambda t: self.emit(department=t))

    def lock_organization(self, reason: str) -> None:
        """IT set this PC's body: it cannot be changed here."""
        for widget in (self.search, self.prefecture, self.results):
            widget.setEnabled(False)
            widget.setToolTip(reason)
        self.locked_reason = reason

    def load(self, draft: Draft) -> None:
        self._loading = True
        self.kind = draft.eligibility
        union = self.kind == "union"
        agency = self.kind == "agency"
        self.intro.setText(
            _("Enter your union's name and its 全国地方公共団体コード, and your department.")
            if union else _("Search for your agency and choose it, then enter your department.")
            if agency else _("Search for your organisation and choose it, then enter your "
                             "department."))
        for row, visible in ((0, not union), (1, not union and not agency), (2, not union),
                             (3, not union), (4, union), (5, union)):
            for column in (0, 1):
                item = self.grid.itemAtPosition(row * 2, column)
                if item and item.widget():
                    item.widget().setVisible(visible)
        if union:
            self.union_name.setText(draft.organization_name)
            self.union_code.setText(draft.organization_code)
        self.department.setText(draft.department)
        self._show_selected(draft.organization_code)
        self._loading = False
        self._refresh()

    def _refresh(self) -> None:
        if self.kind == "union":
            return
        query = self.search.text()
        lang = get_language()
        matches = self.flow.directory.search(
            query, prefecture=self.prefecture.currentData() or None,
            agencies=self.kind == "agency", limit=100, lang=lang)
        self.results.blockSignals(True)
        self.results.clear()
        for body in matches:
            where = " ・ ".join(x for x in (body.prefecture if body.prefecture != body.name
                                           else None, None if body.is_agency else body.code) if x)
            name = body.display_name(lang)
            if name != body.name:
                where = body.name  # an agency in English: its Japanese name beside it
            item = QListWidgetItem(f"{name}（{where}）" if where else name)
            item.setData(Qt.ItemDataRole.UserRole, body.code)
            self.results.addItem(item)
            if body.code == self.chosen_code:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        digits = query.strip()
        if len(digits) == 6 and digits.isdigit() and self.kind == "local_government":
            self.emit(organization_code=digits)  # the core says whether the code is valid
            self._show_selected(digits)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            code = item.data(Qt.ItemDataRole.UserRole)
            self.emit(organization_code=code)
            self._show_selected(code)

    def _show_selected(self, code: str) -> None:
        self.chosen_code = code
        body = self.flow.directory.by_code(code) if code else None
        if body is None:
            self.selected.setText(_("(none yet)"))
        else:
            where = body.prefecture or _("government agency")
            locked = getattr(self, "locked_reason", "")
            self.selected.setText(f"{body.name}（{where}）" + (f" — {locked}" if locked else ""))


# -- 3 ------------------------------------------------------------------------------------------
class ApplicantPage(WizardPage):
    def __init__(self, flow: RegistrationFlow) -> None:
        super().__init__(flow)
        self.layout_.addWidget(_paragraph(_(
            "Enter your own name. Every account belongs to one person, also when you apply from "
            "a shared mailbox of your department; the display name shows it to the other "
            "members.")))
        grid = QGridLayout()
        self.inputs: dict[str, QLineEdit] = {}
        rows = (("family_name", _("&Family name:"), _("Family name"), "山田"),
                ("given_name", _("&Given name:"), _("Given name"), "太郎"),
                ("family_kana", _("Family name in &kana (optional):"),
                 _("Family name in kana"), "ヤマダ"),
                ("given_kana", _("Given name in k&ana (optional):"),
                 _("Given name in kana"), "タロウ"))
        for row, (key, label, accessible, example) in enumerate(rows):
            field = QLineEdit()
            field.setObjectName(key)
            field.setPlaceholderText(example)
            field.setMaxLength(MAX_NAME_LENGTH * 4)
            field.textChanged.connect(lambda t, k=key: self.emit(**{k: t}))
            self.inputs[key] = field
            _field(grid, row, label, field, accessible, self.error_label(key))
        self.layout_.addLayout(grid)
        self.preview = QLabel()
        self.preview.setObjectName("displayNamePreview")
        self.layout_.addWidget(self.preview)
        self.layout_.addStretch(1)

    def load(self, draft: Draft) -> None:
        self._loading = True
        for key, field in self.inputs.items():
            if field.text() != getattr(draft, key):
                field.setText(getattr(draft, key))
        self._loading = False
        self.preview.setText(_("Display name on the platform: {name}").format(
            name=self.flow.display_name(draft)))


# -- 4 ------------------------------------------------------------------------------------------
class EmailPage(WizardPage):
    open_application = Signal(str)

    def __init__(self, flow: RegistrationFlow, offline: bool, dns_server: str | None) -> None:
        super().__init__(flow)
        self.layout_.addWidget(_paragraph(_(
            "Enter the work address that will receive the invitation. It is checked against the "
            "platform's rules as you type.")))
        self.check = EmailCheckWidget(offline, dns_server)
        self.check.field.textChanged.connect(lambda t: self.emit(email=t))
        self.check.checked.connect(lambda _r: self.emit(email=self.check.field.text()))
        self.check.open_application.connect(self.open_application)
        self.layout_.addWidget(self.check, 1)
        error = self.error_label("email")
        error.field_widget = self.check.field  # type: ignore[attr-defined]
        self.layout_.addWidget(error)
        self.check.start()

    def load(self, draft: Draft) -> None:
        self._loading = True
        self.check.org_code = draft.organization_code.strip() \
            if draft.eligibility != "union" else None
        if self.check.field.text() != draft.email:
            self.check.field.setText(draft.email)
        self._loading = False


# -- 5 ------------------------------------------------------------------------------------------
class ReviewPage(WizardPage):
    go_to = Signal(str)

    def __init__(self, flow: RegistrationFlow) -> None:
        super().__init__(flow)
        self.layout_.addWidget(_paragraph(_(
            "Check every entry. Use “Change” to go back to its step; nothing is lost.")))
        self.summary = QGridLayout()
        self.summary.setColumnStretch(1, 1)
        self.layout_.addLayout(self.summary)
        self.layout_.addWidget(_paragraph(_("Please confirm that you know these rules:")))
        texts = rules_to_confirm(flow.policy, get_language())
        self.rules: list[QCheckBox] = []
        for index, text in enumerate(texts):
            box, row = _wrapping_checkbox(text)
            box.setObjectName(f"rule_{index}")
            box.toggled.connect(self._rules_changed)
            self.rules.append(box)
            self.layout_.addLayout(row)
        self.layout_.addWidget(self.error_label("rules_confirmed"))
        self.layout_.addStretch(1)

    def _rules_changed(self) -> None:
        self.emit(rules_confirmed=all(box.isChecked() for box in self.rules))

    def load(self, draft: Draft) -> None:
        self._loading = True
        clear_layout(self.summary)
        for row, (key, label, value) in enumerate(self.flow.form_fields(draft,
                                                                          get_language())):
            self.summary.addWidget(QLabel(label), row, 0)
            self.summary.addWidget(mark_selectable(QLabel(value)), row, 1)
            change = QPushButton(_("Change"))
            change.setObjectName(f"change_{key}")
            keep_name(change, _("Change: {field}").format(field=label))
            change.clicked.connect(lambda _c=False, s=FIELD_STEPS[key]: self.go_to.emit(s))
            self.summary.addWidget(change, row, 2)
        for box in self.rules:
            box.setChecked(draft.rules_confirmed)
        self._loading = False


# -- 6 ------------------------------------------------------------------------------------------
class ApplyPage(WizardPage):
    applied = Signal(object)  # date

    def __init__(self, flow: RegistrationFlow) -> None:
        super().__init__(flow)
        self.draft = Draft()
        self.japanese_era = False
        self.layout_.addWidget(_paragraph(_(
            "The application itself is a form on the Digital Agency's website. Open it, then "
            "copy each entry into the form in this order.")))
        self.open_form = QPushButton(_("Open the application &form"))
        self.open_form.setObjectName("openForm")
        self.open_form.setToolTip(flow.policy.application_form_url)
        self.open_form.clicked.connect(self._open_form)
        self.layout_.addWidget(self.open_form)
        self.rows = QGridLayout()
        self.rows.setColumnStretch(1, 1)
        self.layout_.addLayout(self.rows)
        buttons = QHBoxLayout()
        self.copy_all = QPushButton(_("Copy a&ll"))
        self.copy_all.setObjectName("copyAll")
        self.copy_all.clicked.connect(self._copy_all)
        self.save_pdf = QPushButton(_("Save summary as P&DF…"))
        self.save_pdf.setObjectName("saveSummaryPdf")
        self.save_pdf.clicked.connect(self._save_pdf)
        self.print_button = QPushButton(_("&Print summary…"))
        self.print_button.setObjectName("printSummary")
        self.print_button.clicked.connect(self._print)
        for button in (self.copy_all, self.save_pdf, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("applyStatus")
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(_paragraph(_(
            "When you have sent the form, record it here with the date you sent it.")))
        done = QHBoxLayout()
        self.date = QDateEdit()
        self.date.setObjectName("appliedDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDate(QDate.currentDate())
        date_label = QLabel(_("Date s&ent:"))
        date_label.setBuddy(self.date)
        self.date.setAccessibleName(_("Date the application was sent"))
        self.date_text = QLabel()
        self.date.dateChanged.connect(self._show_date)
        self.confirm = QPushButton(_("I have &applied"))
        self.confirm.setObjectName("confirmApplied")
        self.confirm.clicked.connect(lambda: self.applied.emit(self.date.date().toPython()))
        for widget in (date_label, self.date, self.date_text, self.confirm):
            done.addWidget(widget)
        done.addStretch(1)
        self.layout_.addLayout(done)
        self.layout_.addStretch(1)

    def load(self, draft: Draft) -> None:
        self.draft = draft
        clear_layout(self.rows)
        for row, (key, label, value) in enumerate(self.flow.form_fields(draft,
                                                                          get_language())):
            name = QLabel(f"{row + 1}. {label}")
            self.rows.addWidget(name, row, 0)
            shown = QLineEdit(value)
            name.setBuddy(shown)  # read with its label
            shown.setReadOnly(True)
            shown.setObjectName(f"value_{key}")
            shown.setAccessibleName(label)
            self.rows.addWidget(shown, row, 1)
            copy = QPushButton(_("Copy"))
            copy.setObjectName(f"copy_{key}")
            keep_name(copy, _("Copy: {field}").format(field=label))
            copy.clicked.connect(lambda _c=False, v=value, lab=label: self._copy(v, lab))
            self.rows.addWidget(copy, row, 2)
        self._show_date()

    def _show_date(self) -> None:
        self.date_text.setText(format_day(self.date.date().toPython(), get_language(),
                                          japanese_era=self.japanese_era))

    def _copy(self, value: str, label: str) -> None:
        QApplication.clipboard().setText(value)
        self._tell(_("Copied: {field}").format(field=label))

    def _copy_all(self) -> None:
        QApplication.clipboard().setText(self.flow.summary_text(self.draft, get_language()))
        self._tell(_("Copied all entries."))

    def _tell(self, text: str) -> None:
        from kyoso_desktop.ui.a11y import announce

        self.status.setText(text)
        announce(self.status, text)

    def _open_form(self) -> None:
        from PySide6.QtGui import QDesktopServices

        url = self.flow.policy.application_form_url
        if not QDesktopServices.openUrl(QUrl(url)):
            QApplication.clipboard().setText(url)
            self.status.setText(_("No browser could be opened here. The address was copied: "
                                  "{url}").format(url=url))

    def summary_document(self):
        """The application summary as a QTextDocument (for PDF and printing)."""
        from html import escape

        from PySide6.QtGui import QTextDocument

        rows = "".join(f"<tr><th align='left'>{escape(label)}</th><td>{escape(value)}</td></tr>"
                       for _k, label, value in self.flow.form_fields(self.draft, get_language()))
        title = _("Application to the co-creation platform")
        prepared = _("Prepared on {date} with Kyoso Desktop.").format(
            date=format_day(date.today(), get_language()))
        form = _("Application form: {url}").format(url=self.flow.policy.application_form_url)
        document = QTextDocument()
        document.setHtml(f"<h2>{escape(title)}</h2><p>{escape(prepared)}</p>"
                         f"<table cellpadding='4'>{rows}</table><p>{escape(form)}</p>")
        return document

    def save_pdf_to(self, path: str) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.summary_document().print_(printer)
        self.status.setText(_("Saved: {path}").format(path=path))

    def _save_pdf(self) -> None:
        from kyoso_desktop.ui.dialogs import ask_save_path

        path = ask_save_path(self, _("Save summary as PDF"), _("application-summary.pdf"),
                             _("PDF documents (*.pdf)"))
        if path:
            try:
                self.save_pdf_to(path)
            except OSError as exc:
                self.status.setText(_("Could not save: {error}").format(
                    error=describe_failure(exc)))

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            self.summary_document().print_(printer)
