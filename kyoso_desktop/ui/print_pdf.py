"""HTML to PDF with Qt's own printer (Japanese fonts embedded, text selectable).

The window prints in-process (`html_to_pdf`); the command line, which never loads Qt, runs this
module in a separate process: `python -m kyoso_desktop.ui.print_pdf IN.html OUT.pdf` (frozen:
`kyoso-desktop --print-pdf IN.html OUT.pdf`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def html_to_pdf(html: str, path: str) -> None:
    """Print an HTML document to a PDF file (A4)."""
    from PySide6.QtGui import QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    document = QTextDocument()
    document.setHtml(html)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(path)
    document.print_(printer)


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
