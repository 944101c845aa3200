"""Render the manual from the app itself: every step, area and dialog offscreen with sample data
and the guide numbers on, then an A4 PDF (page numbers, contents with pages, bookmarks, Japanese
text embedded and selectable) or one HTML file with the pictures inside.

Runs in its own process (`python -m kyoso_desktop.ui.manual --lang ja --format pdf OUT`;
frozen: `kyoso-desktop --manual …`), with a throw-away data folder: nothing of the user's is read
or written, and no network is used (offline settings, a sample connection result).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from kyoso_desktop.core.helpdesk.manual import Control, Shot

SAMPLE = dict(eligibility="local_government", organization_code="012025",
              department="総務部 情報政策課", family_name="函館", given_name="太郎",
              family_kana="ハコダテ", given_kana="タロウ", email="taro@city.hakodate.lg.jp")
WINDOW_SIZE = (1000, 700)
SETTLE_ROUNDS = 30


def _settle(app: QApplication, rounds: int = SETTLE_ROUNDS) -> None:
    for _ in range(rounds):
        app.processEvents()


def _wait(app: QApplication, done, limit: int = 2000) -> None:
    """Process events until `done()` (or a bounded number of rounds: never hangs)."""
    from PySide6.QtCore import QThread

    for _ in range(limit):
        if done():
            return
        app.processEvents()
        QThread.msleep(5)


def describe_control(widget: QWidget) -> tuple[str, str]:
    """A control's line in the legend: its kind and name as shown, and its tooltip."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QRadioButton,
    )

    from kyoso_desktop.core.common.i18n import _

    name = widget.accessibleName()  # "Copy: To" says more than the button's "Copy"
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(widget, QLineEdit):
        name = name or widget.placeholderText()
    kinds = ((QCheckBox, _("check box")), (QRadioButton, _("choice")),
             (QAbstractButton, _("button")), (QLineEdit, _("field")),
             (QPlainTextEdit, _("text")), (QComboBox, _("drop-down list")),
             (QAbstractSpinBox, _("number field")), (QAbstractItemView, _("list")))
    kind = next((word for cls, word in kinds if isinstance(widget, cls)), "")
    label = _("{name} ({kind})").format(name=name, kind=kind) if name and kind \
        else name or kind
    tip = widget.toolTip() or widget.accessibleDescription()
    return " ".join(label.split()), " ".join(tip.split())


def _number_key(number: str) -> tuple[bool, tuple[int, ...]]:
    """1, 2, … 30, then the cards' 1-1, 1-2, …"""
    return "-" in number, tuple(int(part) for part in number.split("-") if part.isdigit())


def _controls(guide) -> tuple[Control, ...]:
    from kyoso_desktop.core.helpdesk.manual import Control

    guide.refresh()
    seen: dict[str, Control] = {}
    for widget, badge in guide.badges.items():
        if badge.isVisible() and badge.text() not in seen:
            label, tip = describe_control(widget)
            seen[badge.text()] = Control(badge.text(), label, tip)
    return tuple(sorted(seen.values(), key=lambda c: _number_key(c.number)))


def _shot(app: QApplication, widget: QWidget, guide, screen: str, folder: Path) -> Shot:
    from kyoso_desktop.core.helpdesk.manual import Shot

    _settle(app)
    guide.refresh()
    _settle(app, 5)
    image = folder / f"{screen}.png"
    widget.grab().save(str(image))
    return Shot(screen, image, widget.width(), _controls(guide))


def _sample_diagnosis(lang: str):
    """A realistic result to show: Slack reached through the office proxy, but WebSockets
    blocked (the commonest finding); made from the core's own types and texts."""
    from kyoso_desktop.core.netdiag.findings import text
    from kyoso_desktop.core.netdiag.model import Check, Diagnosis, Finding

    hosts = ("slack.com", "app.slack.com", "wss-primary.slack.com")
    checks = [Check(f"{kind}:{host}", host, 443, kind, "ok") for host in hosts
              for kind in ("dns", "tcp", "tls", "https")]
    checks.append(Check("websocket:wss-primary.slack.com", "wss-primary.slack.com", 443,
                        "websocket", "websocket_blocked"))
    checks.append(Check("clock", "", 0, "clock", "ok"))
    finding = Finding("websocket_blocked", text("websocket_blocked", "title", lang),
                      text("websocket_blocked", "remedy", lang,
                           hosts="wss-primary.slack.com"))
    routes = {host: {"proxy": "http://proxy.example.lg.jp:8080", "source": "pac"}
              for host in hosts}
    return Diagnosis("warning", checks, [finding], {"routes": routes})


def render_shots(app: QApplication, lang: str, folder: Path) -> list[Shot]:
    """Every screen and dialog of the manual, in `lang`, as PNG files in `folder`."""
    from kyoso_desktop.core.common.settings import Settings
    from kyoso_desktop.core.netdiag.supportcode import encode
    from kyoso_desktop.core.registration.flow import STEPS, Draft
    from kyoso_desktop.core.registration.records import ApplicationStore
    from kyoso_desktop.ui.main_window import MainWindow

    store = ApplicationStore()
    if not store.records()[0]:
        store.add(Draft(**SAMPLE), date.today() - timedelta(days=2), email=SAMPLE["email"],
                  organization_name="北海道函館市")
    record = store.records()[0][-1]
    settings = Settings(language=lang, offline=True)
    window = MainWindow(settings, Draft(**SAMPLE, rules_confirmed=True), store)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.set_guide_numbers(True)
    _settle(app)
    shots = []
    for step in STEPS:
        window.navigation.setCurrentRow(0)
        window.wizard._show_step(step)
        if step == "email":
            check = window.wizard.pages["email"].check
            _wait(app, lambda check=check: check.ready)
            check.start()
            _wait(app, lambda check=check: check.ready)
            check.set_address(SAMPLE["email"])
        shots.append(_shot(app, window, window.guide, f"step_{step}", folder))
    window.navigation.setCurrentRow(1)
    _wait(app, lambda: any(c.isVisible() for c in window.status_page.card_widgets()))
    shots.append(_shot(app, window, window.guide, "area_status", folder))
    window.navigation.setCurrentRow(2)
    diagnosis = _sample_diagnosis(lang)
    diagnosis.support_code = encode(diagnosis, window.situation())
    window.connection_page._done(diagnosis)
    shots.append(_shot(app, window, window.guide, "area_connection", folder))
    window.navigation.setCurrentRow(3)
    from kyoso_desktop.core.helpdesk.manual import sample_code

    window.help_page.code.setText(sample_code())
    shots.append(_shot(app, window, window.guide, "area_help", folder))
    shots += _dialog_shots(app, window, record, folder)
    window.set_guide_numbers(False)
    window.close()
    return shots


def _dialog_shots(app: QApplication, window, record, folder: Path) -> list[Shot]:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from kyoso_desktop.core.common.settings import Settings, resolve_settings
    from kyoso_desktop.core.helpdesk.about import setting_sources
    from kyoso_desktop.ui.invitation.inquiry import InquiryDialog
    from kyoso_desktop.ui.invitation.link_aid import LinkAidDialog
    from kyoso_desktop.ui.invitation.mailbox import MailboxDialog
    from kyoso_desktop.ui.proxy_account import ProxyAccountDialog
    from kyoso_desktop.ui.settings_sources import SettingsSourcesDialog

    sources = setting_sources(resolve_settings())  # of the throw-away folder: the defaults
    dialogs: list[QDialog] = [
        InquiryDialog(record, window),
        MailboxDialog(record, Settings(imap_host="mail.city.hakodate.lg.jp"), window),
        LinkAidDialog("https://join.slack.com/t/kyoso-pf/shared_invite/"
                      "zt-1abc2def3-0Ol1IxYz9AbCdEfGhIjKlMnOpQrStUv", window),
        ProxyAccountDialog(None, window), SettingsSourcesDialog(sources, [], window)]
    window._about()
    about = window.findChild(QMessageBox, "about")
    if about is not None:
        dialogs.append(about)
    shots = []
    for dialog in dialogs:
        dialog.show()
        _wait(app, lambda dialog=dialog: any(g.window is dialog and g.badges
                                             for g in window.guide.dialogs))
        guide = next(g for g in window.guide.dialogs if g.window is dialog)
        shots.append(_shot(app, dialog, guide, f"dialog_{dialog.objectName()}", folder))
        dialog.hide()
        dialog.deleteLater()
    return shots


def write_pdf(app: QApplication, lang: str, shots: list[Shot], out: Path) -> None:
    """The manual as an A4 PDF: contents with page numbers, page numbers, bookmarks."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    from kyoso_desktop.core.helpdesk.manual import manual_html, sections
    from kyoso_desktop.ui.print_pdf import pdf_font

    def document(pages: dict[str, int] | None) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(pdf_font(app.font()))
        for shot in shots:
            doc.addResource(QTextDocument.ResourceType.ImageResource,
                            QUrl(f"shot-{shot.screen}"), QImage(str(shot.image)))
        doc.setHtml(manual_html(lang, shots, embed=False, pages=pages,
                                stylesheet=lambda: "table.legend td { vertical-align: top; }"))
        return doc

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(_title(lang))
    printer.setCreator("Kyoso Desktop")
    pages = _section_pages(document({}), printer)
    for _round in range(3):  # the page numbers' digits can move a line: settle them
        doc = document(pages)
        again = _section_pages(doc, printer)
        if again == pages:
            break
        pages = again
    temporary = out.with_name(out.name + ".part")
    printer.setOutputFileName(str(temporary))
    doc.print_(printer)
    _add_bookmarks(temporary, out, [(s.title, pages[s.anchor]) for s in sections(lang)
                                    if s.anchor in pages], _title(lang))
    temporary.unlink(missing_ok=True)


def _title(lang: str) -> str:
    from kyoso_desktop.core.helpdesk.manual import manual_data

    return str(manual_data()["text"]["title"][lang])


def _section_pages(doc, printer) -> dict[str, int]:
    """The page of each section's anchor, laid out exactly as QTextDocument.print_ lays out an
    unpaginated document: on the printer, with 2 cm margins, a printer page per page."""
    from PySide6.QtCore import QSizeF

    clone = doc.clone()
    layout = clone.documentLayout()
    layout.setPaintDevice(printer)
    source_dpi_x, source_dpi_y = _default_dpi()
    frame = clone.rootFrame().frameFormat()
    frame.setLeftMargin(int((2 / 2.54) * source_dpi_x))
    frame.setRightMargin(int((2 / 2.54) * source_dpi_x))
    frame.setTopMargin(int((2 / 2.54) * source_dpi_y))
    frame.setBottomMargin(int((2 / 2.54) * source_dpi_y))
    clone.rootFrame().setFrameFormat(frame)
    height = printer.height()
    clone.setPageSize(QSizeF(printer.width(), height))
    pages: dict[str, int] = {}
    block = clone.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            for name in fmt.anchorNames():
                top = layout.blockBoundingRect(block).top()
                pages.setdefault(name, int(top // height) + 1)
            fragments += 1
        block = block.next()
    return pages


def _default_dpi() -> tuple[float, float]:
    """Qt's default source resolution for documents (the primary screen's logical DPI)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 96.0, 96.0
    return screen.logicalDotsPerInchX(), screen.logicalDotsPerInchY()


def _add_bookmarks(source: Path, out: Path, marks: list[tuple[str, int]], title: str) -> None:
    """The PDF's outline (bookmarks) and title, with pypdf; copied text gives ordinary kanji."""
    from pypdf import PdfReader, PdfWriter

    from kyoso_desktop.ui.print_pdf import plain_text_map

    writer = PdfWriter(clone_from=PdfReader(source))
    plain_text_map(writer)
    for name, page in marks:
        writer.add_outline_item(title=name, page_number=page - 1)
    writer.add_metadata({"/Title": title, "/Creator": "Kyoso Desktop"})
    writer.page_mode = "/UseOutlines"
    with open(out, "wb") as fh:
        writer.write(fh)


def write_html(lang: str, shots: list[Shot], out: Path) -> None:
    from kyoso_desktop.core.helpdesk.manual import manual_html

    out.write_text(manual_html(lang, shots, embed=True), encoding="utf-8")


def build(lang: str, fmt: str, out: Path) -> None:
    """Render and write one manual (in this process, which must own no window)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from kyoso_desktop.core.common import i18n
    from kyoso_desktop.ui.app import use_language_font, use_qt_translations

    app = QApplication.instance() or QApplication(["kyoso-manual"])
    i18n.set_language(lang)
    use_qt_translations(app, QTranslator(app), lang)
    use_language_font(app, app.font(), lang)
    with tempfile.TemporaryDirectory(prefix="kyoso-manual-") as folder:
        shots = render_shots(app, lang, Path(folder))
        if fmt == "pdf":
            write_pdf(app, lang, shots, out)
        else:
            write_html(lang, shots, out)


def main(argv: Sequence[str] | None = None) -> int:
    """--lang ja|en --format pdf|html OUT → 0; 2 with a message on standard error."""
    parser = argparse.ArgumentParser(prog="kyoso-manual")  # internal: called by `kyoso manual`
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    parser.add_argument("--format", choices=("pdf", "html"), default="pdf")
    parser.add_argument("out")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    # a throw-away data folder: the sample application never meets the user's history
    with tempfile.TemporaryDirectory(prefix="kyoso-manual-data-",
                                     ignore_cleanup_errors=True) as data:
        os.environ["KYOSO_DATA_DIR"] = str(Path(data) / "data")
        os.environ["KYOSO_CONFIG_DIR"] = str(Path(data) / "config")
        os.environ["KYOSO_LOG_DIR"] = str(Path(data) / "log")
        build(args.lang, args.format, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
