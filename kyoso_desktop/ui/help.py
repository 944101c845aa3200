"""Help: the platform's rules, the searchable troubleshooting guide, and the helpdesk view that
decodes a support code read over the phone."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.helpdesk import guide
from kyoso_desktop.ui.text import emphasize


class HelpPage(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(emphasize(QLabel(title)))
        search_row = QHBoxLayout()
        search_label = QLabel(_("Search the &guide:"))
        self.search = QLineEdit()
        self.search.setObjectName("guideSearch")
        self.search.setAccessibleName(_("Search the guide"))
        self.search.setPlaceholderText(_("e.g. WebSocket, プロキシ, 無害化"))
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)
        body = QHBoxLayout()
        self.topics = QListWidget()
        self.topics.setObjectName("guideTopics")
        self.topics.setAccessibleName(_("Topics"))
        self.topics.setMaximumWidth(320)
        self.view = QTextBrowser()
        self.view.setObjectName("guideView")
        self.view.setAccessibleName(_("Guide text"))
        body.addWidget(self.topics)
        body.addWidget(self.view, 1)
        layout.addLayout(body, 1)
        helpdesk = QHBoxLayout()
        code_label = QLabel(_("Helpdesk: support &code:"))
        self.code = QLineEdit()
        self.code.setObjectName("helpdeskCode")
        self.code.setAccessibleName(_("Support code to decode"))
        self.code.setPlaceholderText("XXXXXXX-XXXXXXX")
        code_label.setBuddy(self.code)
        helpdesk.addWidget(code_label)
        helpdesk.addWidget(self.code, 1)
        layout.addLayout(helpdesk)
        self.search.textChanged.connect(self._refresh)
        self.topics.currentItemChanged.connect(self._show)
        self.code.textChanged.connect(self._decode)
        self._refresh("")

    def _refresh(self, query: str) -> None:
        found = guide.search(query, get_language()) if query.strip() else \
            [None, *guide.articles(get_language())]
        self.topics.clear()
        for article in found:
            item = QListWidgetItem(_("Rules of the platform") if article is None
                                   else article.title)
            item.setData(256, article.id if article else "")
            self.topics.addItem(item)
        if not found:
            self.view.setHtml(escape(_("Nothing found for “{query}”.").format(query=query)))
        else:
            self.topics.setCurrentRow(0)

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        article_id = item.data(256)
        if not article_id:
            self.view.setHtml(_rules_html())
            return
        article = next(a for a in guide.articles(get_language()) if a.id == article_id)
        # one line per bullet: a single line break inside a paragraph is kept
        paragraphs = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>"
                             for p in article.body.split("\n\n"))
        self.view.setHtml(f"<h2>{escape(article.title)}</h2>{paragraphs}")

    def _decode(self, text: str) -> None:
        from kyoso_desktop.core.helpdesk.decode import explain
        from kyoso_desktop.core.netdiag.supportcode import SupportCodeError
        from kyoso_desktop.core.netdiag.texts import kind_text, status_text

        if len(text.replace("-", "").strip()) < 14:
            return
        try:
            explanation = explain(text)
        except SupportCodeError as exc:
            from kyoso_desktop.ui.a11y import announce

            message = _("Not a valid support code: {reason}").format(reason=exc)
            self.view.setHtml(escape(message))
            announce(self.view, message)
            return
        lang, decoded = get_language(), explanation.decoded
        rows = "".join(f"<tr><td>{escape(kind_text(kind, lang))}</td>"
                       f"<td>{escape(status_text(status, lang))}</td><td>{count}</td></tr>"
                       for kind, (status, count) in decoded.kinds.items())
        findings = "".join(f"<li><b>{escape(f.title)}</b><br>{escape(f.remedy)}</li>"
                           for f in explanation.spoken_findings(lang))
        columns = (_("Step"), _("Result"), _("Hosts not ok"))
        proxy = _("Proxy used: {answer}").format(
            answer=_("yes") if decoded.proxy_used else _("no"))
        header = "".join(f"<th>{escape(c)}</th>" for c in columns)
        from kyoso_desktop.core.common.policy import default_policy
        from kyoso_desktop.core.helpdesk.scripts import script_for

        policy = default_policy()
        script = script_for(explanation, lang, policy.secretariat_email,
                            policy.invitation_delay_business_days)
        say = "".join(f"<li>{escape(line)}</li>" for line in script.lines)
        facts = explanation.situation_lines(lang)
        situation = "<br>".join(escape(line) for line in facts[1:])
        table = f"<table border='1' cellpadding='3'><tr>{header}</tr>{rows}</table>" \
            if decoded.connection_checked else ""
        self.view.setHtml(
            f"<h2>{escape(facts[0])}</h2><p>{situation}</p>"
            f"<h3>{escape(_('What to say:'))}</h3><ol>{say}</ol>"
            f"{table}<p>{escape(proxy)}</p>"
            f"<ul>{findings or escape(_('No problem found.'))}</ul>")

def _rules_html() -> str:
    from kyoso_desktop.core.registration.rules import rules_summary

    rules = rules_summary(default_policy(), get_language())
    return f"<h2>{escape(_('Rules of the platform'))}</h2><ul>" + "".join(
        f"<li>{escape(r)}</li>" for r in rules) + "</ul>"
