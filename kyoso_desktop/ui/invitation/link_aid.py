"""Carry the join link to another PC: big chunks to read aloud or retype, a typed-back check,
and a QR code for a phone (screen-transfer systems often block the clipboard)."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.invitation.linkaid import chunks, describe, qr_png
from kyoso_desktop.ui.dialogs import scrolling

JOIN_PREFIX = "https://join.slack.com/t/"
GROUPS_PER_ROW = 6


class LinkAidDialog(QDialog):
    def __init__(self, url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("link_aid")
        self.setWindowTitle(_("Join link for typing"))
        self.url = url
        outer = QVBoxLayout(self)
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(_("Read the link in groups of four; marked characters look "
                         "alike (0/O, 1/l/I). Type it back below to check it.")
                       if url else
                       _("The gateway removed the link. Type it from the original "
                         "mail (for example on the internet-side PC); it is checked "
                         "for the form of a Slack join link."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.chunks = QLabel()
        self.chunks.setObjectName("linkChunks")
        self.chunks.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setObjectName("linkLegend")
        self.legend.setWordWrap(True)
        self.typed = QLineEdit()
        self.typed.setObjectName("typedLink")
        self.typed.setAccessibleName(_("Type the link here"))
        self.typed.setPlaceholderText(JOIN_PREFIX + "…")
        self.typed.textChanged.connect(self._check)
        self.feedback = QLabel()
        self.feedback.setObjectName("typedFeedback")
        self.feedback.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setObjectName("linkQr")
        self.qr.setAccessibleName(_("QR code of the join link"))
        for widget in (self.chunks, self.legend, self.typed, self.feedback, self.qr):
            layout.addWidget(widget)
        outer.addWidget(scrolling(body), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        if url:
            self._show_chunks(url)
            self._show_qr(url)

    def _show_chunks(self, url: str) -> None:
        """Numbered groups in a table (the helpdesk can say "group 5"), look-alikes underlined."""
        cells = []
        base = "font-family:monospace; font-size:18pt"
        for number, chunk in enumerate(chunks(url), 1):
            # one span per character: Qt's rich text does not nest spans reliably
            text = "".join(
                f"<span style='{base}; color:#9b1c1c; text-decoration:underline; "
                f"font-weight:bold'>{escape(c)}</span>" if i in chunk.ambiguous
                else f"<span style='{base}'>{escape(c)}</span>"
                for i, c in enumerate(chunk.text))
            cells.append(f"<td align='center'><small>{number}</small><br>{text}</td>")
        rows = ["<tr>" + "".join(cells[i:i + GROUPS_PER_ROW]) + "</tr>"
                for i in range(0, len(cells), GROUPS_PER_ROW)]
        self.chunks.setText("<table cellspacing='6'>" + "".join(rows) + "</table>")
        marks = sorted({c.text[p] for c in chunks(url) for p in c.ambiguous})
        self.legend.setText(_("Underlined: {list}").format(
            list=", ".join(f"{m} = {describe(m, get_language())}" for m in marks))
            if marks else "")

    def _show_qr(self, url: str) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(url, scale=5))
        self.qr.setPixmap(pixmap)

    def _check(self, text: str) -> None:
        from kyoso_desktop.core.invitation.linkaid import check_typed
        from kyoso_desktop.core.invitation.mailcheck import JOIN_LINK

        typed = "".join(text.split())
        if not self.url:
            ok = bool(JOIN_LINK.match(typed))
            self.feedback.setText(_("✔ This is the form of a Slack join link.") if ok else
                                  _("Not yet a complete join link ({prefix}…).").format(
                                      prefix=JOIN_PREFIX))
            if ok:
                self._show_qr(typed)
            return
        marks = check_typed(self.url, typed)
        wrong = [i + 1 for i, m in enumerate(marks) if m is False]
        if wrong:
            self.feedback.setText(_("✖ Group {groups} differs; check it again.").format(
                groups=", ".join(map(str, wrong))))
        elif all(m is True for m in marks):
            self.feedback.setText(_("✔ The whole link was typed correctly."))
        else:
            done = sum(1 for m in marks if m is True)
            self.feedback.setText(_("{done} of {total} groups correct so far.").format(
                done=done, total=len(marks)))
