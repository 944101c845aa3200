"""Start the GUI: QApplication, translators, error handling, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.window_args import parse_gui_args

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `kyoso-desktop`."""
    from kyoso_desktop.core.common.settings import choose_language, load_settings

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--print-pdf"]:  # the frozen CLI's way to a PDF (see ui/print_pdf.py)
        from kyoso_desktop.ui.print_pdf import main as print_pdf

        return print_pdf(argv[1:])
    if argv[:1] == ["--manual"]:  # the frozen CLI's way to the manual (see ui/manual.py)
        from kyoso_desktop.ui.manual import main as write_manual

        return write_manual(argv[1:])
    settings, problem = load_settings()
    i18n.set_language(choose_language(i18n.requested_language(argv), settings))
    args, qt_args = parse_gui_args(argv)
    from PySide6.QtCore import QTimer, QTranslator
    from PySide6.QtWidgets import QApplication

    from kyoso_desktop.ui.main_window import MainWindow

    if args.offline:
        settings = settings.with_changes(offline=True)
    if args.phone_mode:
        settings = settings.with_changes(phone_mode=True)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("KyosoDesktop")
    app.setApplicationDisplayName(_("Kyoso Desktop"))
    qt_translator = QTranslator(app)

    default_font = app.font()

    def install_qt_translations(lang: str) -> None:
        use_qt_translations(app, qt_translator, lang)
        use_language_font(app, default_font, lang)

    install_qt_translations(i18n.get_language())
    from kyoso_desktop.ui import single_instance

    instance_lock = None if args.screenshot else single_instance.claim()
    if instance_lock is None and not args.screenshot:
        if single_instance.bring_forward():
            log.info("another window runs; it was asked to come forward")
            return 0
        log.warning("another window holds the lock but does not answer; starting anyway")
    sys.excepthook = _show_unexpected_error
    from kyoso_desktop.core.registration.records import ApplicationStore

    store = ApplicationStore()
    draft, draft_problem = store.load_draft()
    window = MainWindow(settings, draft, store)
    if args.guide_numbers:
        window.set_guide_numbers(True)
    window.language_changed.connect(install_qt_translations)
    window.show()
    for broken in (problem, draft_problem):
        if broken is not None:
            _tell_moved_aside(window, broken)
    from kyoso_desktop.core.common.settings import managed_problems

    for managed_problem in managed_problems():
        _tell_managed_problem(window, managed_problem)
    # the history is read off the GUI thread once the window is up; a corrupt one is told then
    window.history_problem.connect(lambda broken: _tell_moved_aside(window, broken))
    if instance_lock is not None:
        window.first_painted.connect(lambda: single_instance.serve(window))
    if args.screenshot:
        def save_and_quit() -> None:
            window.grab().save(args.screenshot)
            app.quit()

        window.first_painted.connect(lambda: QTimer.singleShot(300, save_and_quit))
    elif args.quit_after_show:
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    status = app.exec()
    if hasattr(instance_lock, "release"):
        instance_lock.release()
    # let background work (at most one network timeout) end before Python tears Qt down
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    return status


# Japanese UI fonts per platform, tried in order before the system's default font: text set
# in them shows Japanese glyph shapes (not Chinese ones from a fallback font) and Qt skips
# the slow search for a fallback font on the first paint.
JAPANESE_FONTS = {
    "win32": ("Yu Gothic UI", "Meiryo UI", "MS UI Gothic"),
    "darwin": ("Hiragino Sans", "Hiragino Kaku Gothic ProN"),
    "other": ("Noto Sans CJK JP", "Source Han Sans JP", "IPAexGothic", "IPAPGothic",
              "VL PGothic", "TakaoPGothic"),
}


def use_language_font(app, default_font, lang: str) -> None:
    """The application font: Japanese UI fonts first in Japanese; in English, the default
    font first and the Japanese ones right after it (names like 函館市 stay Japanese)."""
    font = type(default_font)(default_font)
    japanese = list(JAPANESE_FONTS.get(sys.platform, JAPANESE_FONTS["other"]))
    default = default_font.families()
    font.setFamilies([*japanese, *default] if lang == "ja" else [*default, *japanese])
    app.setFont(font)


def use_qt_translations(app, translator, lang: str) -> None:
    """Qt's own texts (Back, Close, Yes/No, file dialogs) from qtbase_ja.qm in Japanese."""
    from PySide6.QtCore import QLibraryInfo, QLocale

    app.removeTranslator(translator)
    if lang == "ja" and translator.load(
        QLocale(QLocale.Language.Japanese), "qtbase", "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)


def _tell_moved_aside(window, problem) -> None:
    """A file could not be read: it was kept aside; say so, the app goes on."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, _("A file could not be read"), problem.message(),
                      parent=window)
    box.setObjectName("movedAsideNotice")
    box.open()  # not modal-blocking: the window stays usable and start-up goes on


def _tell_managed_problem(window, problem) -> None:
    """The IT department's file is broken: say where; the app goes on without it."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, _("IT settings not used"),
                      _("The IT department's settings file could not be used: {problem}. "
                        "The app continues with the user's settings; please tell your IT "
                        "department.").format(problem=problem), parent=window)
    box.setObjectName("managedProblemNotice")
    box.open()


def _show_unexpected_error(exc_type, exc, tb) -> None:
    """Log the traceback; show the user a plain message and where the details are."""
    import traceback

    from PySide6.QtWidgets import QMessageBox

    from kyoso_desktop.core.common.logs import log_exception

    path = log_exception(exc) or "-"
    sys.stderr.write("".join(traceback.format_exception(exc_type, exc, tb)))
    QMessageBox.critical(
        None, _("Unexpected error"),
        _("Something went wrong; your input is kept. Details were written to: {path}").format(
            path=path))


if __name__ == "__main__":
    sys.exit(main())
