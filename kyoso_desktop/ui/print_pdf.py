"""HTML to PDF with Qt's own printer (Japanese fonts embedded, text selectable).

The window prints in-process (`html_to_pdf`); the command line, which never loads Qt, runs this
module in a separate process: `python -m kyoso_desktop.ui.print_pdf IN.html OUT.pdf` (frozen:
`kyoso-desktop --print-pdf IN.html OUT.pdf`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

# Latin letters and digits from a Latin font: Qt's PDF text map loses the digits of Noto CJK
# (copied text had "Step  of " for "Step 1 of 6"); Japanese falls back to the app's fonts
LATIN_FIRST = ("DejaVu Sans", "Noto Sans", "Segoe UI", "Arial", "Liberation Sans")
# characters Noto CJK draws with the glyph of another, which Qt's text map names instead
SHARED_GLYPHS = {0x2027: "・", 0x2215: "／"}


def pdf_font(base):
    """The documents' font: `base` (the app's) with Latin families first."""
    from PySide6.QtGui import QFont

    font = QFont(base)
    font.setFamilies([*LATIN_FIRST, *base.families()])
    return font


def html_to_pdf(html: str, path: str) -> None:
    """Print an HTML document to a PDF file (A4); its text copies as typed."""
    from PySide6.QtGui import QGuiApplication, QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    document = QTextDocument()
    document.setDefaultFont(pdf_font(QGuiApplication.font()))
    document.setHtml(html)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    part = Path(path).with_name(Path(path).name + ".part")
    printer.setOutputFileName(str(part))
    document.print_(printer)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(part))
    plain_text_map(writer)
    with open(path, "wb") as fh:
        writer.write(fh)
    part.unlink(missing_ok=True)


def plain_text_map(writer) -> None:
    """Noto CJK draws 手 and the radical ⼿ with one glyph, and Qt's text map names the radical
    (U+2F00–U+2FDF, U+2E80–U+2EFF): copied or searched text would not match. Map them back to
    the ordinary characters (Unicode's compatibility mapping), in a pypdf PdfWriter."""
    import re
    import unicodedata

    def plain(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        char = SHARED_GLYPHS.get(code) or unicodedata.normalize("NFKC", chr(code))
        return b"<%04X>" % ord(char) if len(char) == 1 and ord(char) <= 0xFFFF \
            else match.group(0)

    done: set[int] = set()
    for page in writer.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            cmap = font.get_object().get("/ToUnicode")
            if cmap is None or id(cmap.get_object()) in done:
                continue
            stream = cmap.get_object()
            done.add(id(stream))
            stream.set_data(re.sub(rb"<(2[EF][0-9A-F]{2}|2027|2215)>", plain,
                                   stream.get_data()))


def main(argv: Sequence[str] | None = None) -> int:
    """IN.html OUT.pdf → 0, or 2 with a message on standard error."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        sys.stderr.write("print_pdf IN.html OUT.pdf\n")  # internal: called by kyoso only
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is shown
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["kyoso-print-pdf"])
    from kyoso_desktop.ui.app import use_language_font

    use_language_font(app, app.font(), "ja")
    with open(args[0], encoding="utf-8") as fh:
        html_to_pdf(fh.read(), args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
