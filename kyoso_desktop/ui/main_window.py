"""Main window: navigation between the app's areas."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop import __version__
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.common.settings import Settings, save_settings
from kyoso_desktop.core.common.store import StoreProblem
from kyoso_desktop.core.netdiag.supportcode import Situation, encode, with_situation
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.navigation import NavigationBar
from kyoso_desktop.ui.registration import RegistrationWizard
from kyoso_desktop.ui.text import enable_selection, mark_selectable
from kyoso_desktop.ui.workers import Background, describe_failure

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from kyoso_desktop.core.registration.flow import Draft

AREAS = ("registration", "status", "connection", "help")
ENGINE_START_DELAY_MS = 100


class MainWindow(QMainWindow):
    """Navigation list on the left, the chosen area on the right."""

    first_painted = Signal()
    language_changed = Signal(str)
    history_problem = Signal(object)  # a StoreProblem: the application history was moved aside

    def __init__(self, settings: Settings, draft: Draft | None = None,
                 store: ApplicationStore | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store = store or ApplicationStore()
        self._initial_draft = draft
        self._painted = False
        self._background = Background(self)
        # what the support code carries besides the last check's result
        self._checked_code = ""  # the last connection check's code
        self.opened_file = None  # the last file given to the PC's viewer (Help → Manual)
        self._email = ("none", "none")  # verdict, category of the address last checked
        self.manual_progress = None  # the busy dialog while Help → Manual makes one
        self._application: tuple[str, int | None] = ("none", None)  # state, days waited
        self.resize(960, 640)
        self._build()

    # -- building (again after a language change) ----------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(_("Kyoso Desktop — co-creation platform assistant"))
        central = QWidget()
        layout = QHBoxLayout(central)
        self.pages = QStackedWidget()
        titles = {
            # one spoken name per place, without numbers that clash with the wizard's steps
            "registration": _("Registration"),
            "status": _("Invitation status"),
            "connection": _("Connection check"),
            "help": _("Help"),
        }
        self.navigation = NavigationBar([titles[area] for area in AREAS], keys=list(AREAS))
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Areas"))
        self.navigation.setFixedWidth(220)
        draft = self.wizard.draft if hasattr(self, "wizard") else self._initial_draft
        self.wizard = RegistrationWizard(self.settings, draft, self.store)
        self.wizard.setObjectName("registrationWizard")
        self.wizard.applied.connect(self._applied)
        self.wizard.open_application.connect(self.show_application)
        self.wizard.step_changed.connect(lambda _step: self._show_place())
        self.wizard.email_checked.connect(self._email_checked)
        if self._painted:
            self._after_first_paint()
        else:  # first paint before any heavy loading: the window appears at once
            self.first_painted.connect(
                lambda: QTimer.singleShot(ENGINE_START_DELAY_MS, self._after_first_paint))
        self.pages.addWidget(self._registration_page())
        self._titles = titles
        self._built = {0}
        for _area in AREAS[1:]:  # built on first visit: a faster first paint
            self.pages.addWidget(QWidget())
        self.navigation.currentRowChanged.connect(self._show_area)
        self.navigation.setCurrentRow(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        mode = _("Offline mode: no network access") if self.settings.offline else \
            _("Online: the domain's mail records are looked up")
        self.statusBar().showMessage(mode)
        # where the user is, in words a helpdesk can ask for ("read me the line at the bottom")
        self.place = mark_selectable(QLabel())
        self.place.setObjectName("currentPlace")
        self.statusBar().addPermanentWidget(self.place)
        from PySide6.QtWidgets import QToolButton

        from kyoso_desktop.ui.guide_numbers import GuideNumbers

        was_on = hasattr(self, "guide") and self.guide.on
        if hasattr(self, "guide"):  # rebuilt (language, settings): the badges start afresh
            self.guide.set_on(False)
            self.guide.deleteLater()
        self.guide = GuideNumbers(self, self.screen_id)
        self.guide_button = QToolButton()
        self.guide_button.setObjectName("guideNumbersToggle")
        self.guide_button.setText(_("Guide numbers"))
        self.guide_button.setCheckable(True)
        self.guide_button.setToolTip(_("Show the guide numbers (案内番号) a helpdesk can name "
                                       "(Ctrl+G)"))
        self.guide_button.toggled.connect(self.set_guide_numbers)
        self.statusBar().addPermanentWidget(self.guide_button)
        self._apply_phone_mode()
        if was_on:
            self.set_guide_numbers(True)
        self._show_place()

    def _after_first_paint(self) -> None:
        enable_selection(self)
        store = self.store
        self._background.run(lambda: _preload(store), self._preloaded)

    def _preloaded(self, loaded: tuple[StoreProblem | None, bool, tuple[str, int | None]]) \
            -> None:
        problem, waiting, self._application = loaded
        self._show_place()
        if problem is not None:
            self.history_problem.emit(problem)
        if waiting and self.wizard.is_untouched() and self.navigation.currentRow() == 0:
            # an application awaits its invitation and nothing new is being entered: open there
            self.navigation.setCurrentRow(AREAS.index("status"))

    def _checked(self, diagnosis) -> None:
        """A connection check ran: its result stays in the status bar's support code."""
        self._checked_code = diagnosis.support_code
        self._show_place()

    def _email_checked(self, result) -> None:
        self._email = (result.verdict, result.category) if result is not None else ("none", "none")
        self._show_place()

    def _application_changed(self, _record=None) -> None:
        """An application was recorded or changed: its state and days, read in a worker."""
        store = self.store
        self._background.run(lambda: _application_situation(store), self._application_read)

    def _application_read(self, situation: tuple[str, int | None]) -> None:
        self._application = situation
        self._show_place()

    def situation(self) -> Situation:
        """Where the user is and what the app knows, for the support code."""
        state, days = self._application
        return Situation(self.screen_id(), *self._email, state, days)

    def support_code(self) -> str:
        """The current support code: the situation and the last check's result, if any."""
        situation = self.situation()
        return with_situation(self._checked_code, situation) if self._checked_code \
            else encode(None, situation)

    def show_application(self, email: str) -> None:
        """The status area, scrolled to the card of the application with this address."""
        self.navigation.setCurrentRow(AREAS.index("status"))
        self.status_page.show_card(email)

    def _applied(self, _record) -> None:
        """A new application: show it in the status area."""
        self.navigation.setCurrentRow(AREAS.index("status"))
        self.status_page.refresh()
        self._application_changed()

    def _show_area(self, row: int) -> None:
        if row not in self._built and row >= 0:
            self._built.add(row)
            placeholder = self.pages.widget(row)
            page = self._area_page(AREAS[row])
            if self._painted:
                enable_selection(page)
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            from kyoso_desktop.ui.a11y import name_controls

            name_controls(page)
        self.pages.setCurrentIndex(row)
        if row >= 0:  # the place, then (added by Qt) the app's name: said once, place first
            from kyoso_desktop.ui.a11y import spoken

            self.setWindowTitle(spoken(self.navigation.text(row)))
        if hasattr(self, "place"):
            self._show_place()

    def screen_id(self) -> str:
        """The current screen's id in the guide numbers' data (step_email, area_help, …)."""
        area = AREAS[max(self.navigation.currentRow(), 0)]
        return f"step_{self.wizard.step}" if area == "registration" else f"area_{area}"

    def set_guide_numbers(self, on: bool) -> None:
        """Badges on every control of the screen (Ctrl+G, the status bar's button)."""
        if self.guide_button.isChecked() != on:
            self.guide_button.setChecked(on)  # comes back here through `toggled`
            return
        self.guide.set_on(on)

    def set_phone_mode(self, on: bool) -> None:
        self._change_setting(phone_mode=on)

    def _apply_phone_mode(self) -> None:
        """Phone mode: the place and the support code large, the step title larger, and the
        guide numbers on."""
        if not self.settings.phone_mode:
            return
        from kyoso_desktop.ui.text import emphasize

        emphasize(self.place, 1.4)
        emphasize(self.wizard.title, 1.25)
        self.set_guide_numbers(True)

    def _show_place(self) -> None:
        """The status bar's place: the area, the wizard's step, the last support code."""
        row = self.navigation.currentRow()
        if row < 0:
            return
        place = self.navigation.text(row)
        if AREAS[row] == "registration":
            place += " › " + self.wizard.title.text()
        text = _("You are at: {place}").format(place=place)
        text += "   " + _("Support code: {code}").format(code=self.support_code())
        self.place.setText(text)

    def _area_page(self, area: str) -> QWidget:
        titles = self._titles
        if area == "status":
            from kyoso_desktop.ui.invitation.status import StatusPage

            self.status_page = StatusPage(titles["status"], self.settings, self.store)
            self.status_page.changed.connect(self._application_changed)
            return self.status_page
        if area == "connection":
            from kyoso_desktop.ui.connection import ConnectionPage

            self.connection_page = ConnectionPage(titles["connection"], self.settings)
            self.connection_page.finished.connect(self._checked)
            self.connection_page.situation = self.situation
            return self.connection_page
        from kyoso_desktop.ui.help import HelpPage

        self.help_page = HelpPage(titles["help"])
        return self.help_page

    def _registration_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.wizard, 1)
        return page

    def _build_menus(self) -> None:
        self.menuBar().clear()
        settings_menu = self.menuBar().addMenu(_("&Settings"))
        language_menu = settings_menu.addMenu(_("&Language"))
        group = QActionGroup(self)
        for code, label in (("ja", "日本語"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(i18n.get_language() == code)
            action.setData(code)
            action.triggered.connect(lambda _c=False, lang=code: self.set_language(lang))
            group.addAction(action)
            language_menu.addAction(action)
        self.offline_action = QAction(_("&Offline mode (no network access)"), self,
                                      checkable=True)
        self.offline_action.setChecked(self.settings.offline)
        self.offline_action.toggled.connect(self.set_offline)
        settings_menu.addAction(self.offline_action)
        locked_hint = _("Set by your IT department")
        if self.settings.is_locked("offline"):
            self.offline_action.setEnabled(False)
            self.offline_action.setText(self.offline_action.text() + f" — {locked_hint}")
        if self.settings.is_locked("language"):
            language_menu.setEnabled(False)
            language_menu.setTitle(language_menu.title() + f" — {locked_hint}")
        self.era_action = QAction(_("Show dates in the &Japanese era (令和)"), self,
                                  checkable=True)
        self.era_action.setChecked(self.settings.japanese_era)
        self.era_action.toggled.connect(self.set_japanese_era)
        settings_menu.addAction(self.era_action)
        self.phone_action = QAction(_("&Phone mode (large place and support code, guide "
                                      "numbers)"), self, checkable=True)
        self.phone_action.setChecked(self.settings.phone_mode)
        self.phone_action.toggled.connect(self.set_phone_mode)
        settings_menu.addAction(self.phone_action)
        guide = QAction(_("Show &guide numbers"), self)
        guide.setShortcut("Ctrl+G")
        guide.triggered.connect(lambda: self.set_guide_numbers(not self.guide.on))
        self.addAction(guide)
        settings_menu.addAction(guide)
        settings_menu.addSeparator()
        sources = QAction(_("&Where the settings come from…"), self)
        sources.triggered.connect(self._show_sources)
        settings_menu.addAction(sources)
        self.forget_action = QAction(_("&Remove my records from this PC…"), self)
        self.forget_action.triggered.connect(self._forget)
        settings_menu.addAction(self.forget_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.manual_action = QAction(_("&Manual (PDF)"), self)
        self.manual_action.triggered.connect(self.open_manual)
        help_menu.addAction(self.manual_action)
        about = QAction(_("&About Kyoso Desktop"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- actions ---------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang == i18n.get_language():
            return
        i18n.set_language(lang)
        self.settings = self.settings.with_changes(language=lang)
        self._save()
        self.language_changed.emit(lang)
        self._rebuild()

    def set_offline(self, offline: bool) -> None:
        self._change_setting(offline=offline)

    def set_japanese_era(self, on: bool) -> None:
        self._change_setting(japanese_era=on)

    def _change_setting(self, **changes) -> None:
        """Save a changed setting and rebuild the window with it (nothing entered is lost)."""
        changed = self.settings.with_changes(**changes)
        if changed != self.settings:
            self.settings = changed
            self._save()
            self._rebuild()

    def _rebuild(self) -> None:
        """Build everything again (new language or settings); the draft and step are kept."""
        row = self.navigation.currentRow()
        self.wizard.save_now()
        self._build()
        self.navigation.setCurrentRow(row)

    def _save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, _("Settings not saved"),
                                _("The settings could not be saved: {error}").format(
                                    error=describe_failure(exc)))

    def open_manual(self) -> None:
        """Help → Manual: the PDF the installer carries, else the one made on this PC before,
        else made now from the screens (in a helper process, offline) and then opened."""
        from kyoso_desktop.core.helpdesk.manual import bundled_manual, made_manual

        lang = i18n.get_language()
        found = bundled_manual(lang) or (made_manual(lang) if made_manual(lang).is_file()
                                         else None)
        if found is not None:
            self._open_file(found)
            return
        self.manual_action.setEnabled(False)
        self.statusBar().showMessage(_("Making the manual from the app's screens…"))
        stop = threading.Event()
        self.manual_progress = _manual_progress(self, stop)

        def make():
            from kyoso_desktop.core.helpdesk.manual import make_manual

            return make_manual(lang, "pdf", made_manual(lang), cancelled=stop.is_set)

        self._background.run(make, self._manual_made, self._manual_failed, what="manual")

    def _manual_done(self) -> None:
        self.manual_action.setEnabled(True)
        if self.manual_progress is not None:
            self.manual_progress.close()
            self.manual_progress.deleteLater()
            self.manual_progress = None

    def _manual_made(self, path) -> None:
        self._manual_done()
        self.statusBar().showMessage(_("Manual: {file}").format(file=path))
        self._open_file(path)

    def _manual_failed(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._manual_done()
        if getattr(error, "code", "") == "cancelled":
            self.statusBar().showMessage(str(error), 10_000)
            return
        self.statusBar().clearMessage()
        QMessageBox.warning(self, _("Manual"), describe_failure(error))

    def _open_file(self, path) -> None:
        """Open a file with the program the PC uses for it (a PDF viewer); offline."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.opened_file = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, _("Manual"), _(
                "No program to show PDF files was found. The manual is here: {file}").format(
                file=path))

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from kyoso_desktop.core.common.policy import default_policy
        from kyoso_desktop.core.helpdesk.licences import (
            QT_NOTICE,
            bundled_components,
            licence_texts,
        )

        box = QMessageBox(self)
        box.setObjectName("about")
        box.setWindowTitle(_("About Kyoso Desktop"))
        box.setText(_("Kyoso Desktop {version}\nAn assistant for joining the Digital Agency's "
                      "co-creation platform (デジタル改革共創プラットフォーム).\nRules version: "
                      "{rules}").format(version=__version__, rules=default_policy().version))
        from kyoso_desktop.core.helpdesk.settings_texts import setting_label

        locked = ", ".join(setting_label(k) for k in sorted(self.settings.locked)) or _("none")
        box.setInformativeText(_("No data is sent anywhere except the checks you start; the "
                                 "app does not update itself over the internet.") + "\n" +
                               _("Set by your IT department: {settings} (Settings → Where the "
                                 "settings come from).").format(settings=locked))
        texts = licence_texts()
        box.setDetailedText(QT_NOTICE + "\n\n" + "\n".join(
            f"{c.name} {c.version}: {c.licence}" for c in bundled_components()) + "\n\n" +
            _("Licence texts of the binary components (Qt, Python, OpenSSL, …):") + "\n" +
            "\n".join(str(p) for p in texts))
        for button in box.buttons():  # named for the guide numbers
            if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
                button.setObjectName("showDetails")
        box.open()

    def _show_sources(self) -> None:
        """The settings with their sources, read in a worker (registry and files)."""
        from kyoso_desktop.core.common.settings import resolve_settings
        from kyoso_desktop.core.helpdesk.about import setting_sources

        def read() -> tuple[dict, list[str]]:
            resolved = resolve_settings()
            return setting_sources(resolved), [str(p) for p in resolved.problems]

        def show(result: tuple[dict, list[str]]) -> None:
            from kyoso_desktop.ui.settings_sources import SettingsSourcesDialog

            self.sources_dialog = SettingsSourcesDialog(*result, parent=self)
            self.sources_dialog.open()

        self._background.run(read, show)

    def _forget(self) -> None:
        """Settings → Remove my records: after a confirmation (default No), remove this user's
        files and saved passwords in a worker, say what happened, and close the window."""
        from kyoso_desktop.core.common.forget import forget, plan_forget
        from kyoso_desktop.ui.dialogs import confirm_destructive

        if not confirm_destructive(
                self, _("Remove my records from this PC"),
                _("Remove from this PC everything Kyoso Desktop keeps for you: the draft, the "
                  "application records, your settings, the logs and the passwords saved in "
                  "the keyring? This cannot be undone. The IT department's settings stay. "
                  "The window closes afterwards.")):
            return
        self.wizard.reset(save=False)
        self.store.invalidate_pending_saves()
        self.forget_action.setEnabled(False)
        self._background.run(lambda: forget(plan_forget()), self._forgotten)

    def _forgotten(self, result) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from kyoso_desktop.core.common.oserrors import error_text

        text = _("Removed: {files} files, {accounts} saved passwords.").format(
            files=result.removed_files, accounts=result.accounts_removed)
        kept = [_("{file} could not be removed: {error}").format(
                    file=path, error=error_text(error, i18n.get_language()))
                for path, error in result.kept]
        kept += [_("The saved password of {account} could not be removed from the keyring.")
                 .format(account=account) for account in result.accounts_kept]
        box = QMessageBox(QMessageBox.Icon.Warning if kept else QMessageBox.Icon.Information,
                          _("Remove my records from this PC"), text, parent=self)
        if kept:
            box.setInformativeText("\n".join(kept))
        box.finished.connect(lambda _r: QApplication.quit())
        self.forgotten_box = box
        box.open()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()


def _preload(store: ApplicationStore) -> tuple[StoreProblem | None, bool, tuple[str, int | None]]:
    """After the first paint, in a worker: the log file, the engine the wizard needs, and a
    look at the application history (a corrupt file is moved aside now and reported)."""
    from kyoso_desktop.core.common.logs import setup_logging
    from kyoso_desktop.core.eligibility.engine import default_engine

    setup_logging()
    default_engine()
    records, problem = store.records()
    waiting = any(r.state in ("applied", "invitation_received") for r in records)
    return problem, waiting, _newest(records)


def _newest(records) -> tuple[str, int | None]:
    from datetime import date

    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.invitation.timeline import newest_situation

    return newest_situation(records, date.today(), default_policy())


def _application_situation(store: ApplicationStore) -> tuple[str, int | None]:
    """The newest application's state and business days waited (in a worker)."""
    records, _problem = store.records()
    return _newest(records)


def _manual_progress(parent: QWidget, stop: threading.Event):
    """A busy dialog while the manual is made; Cancel (or Esc) stops the helper process."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    dialog = QProgressDialog(_("Making the manual from the app's screens…"), _("Cancel"), 0, 0,
                             parent)
    dialog.setObjectName("manual_progress")
    dialog.findChild(QPushButton).setObjectName("cancelManual")  # its own: Esc works on it
    dialog.setWindowTitle(_("Manual"))
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.canceled.connect(stop.set)
    dialog.show()
    return dialog
