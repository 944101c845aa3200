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

from kyoso_desktop.core.helpdesk import guide
from kyoso_desktop.core.common.i18n import _, get_language
from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.ui.text import emphasize


class HelpPage(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(emphasize(QLabel(title)))
        search_row = QHBoxLayout()
        search_label = QLabel(_("&Search the guide:"))
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
        code_label = QLabel(_("Helpdesk: &support code:"))
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
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.body.split("\n\n"))
        self.view.setHtml(f"<h2>{escape(article.title)}</h2>{paragraphs}")

    def _decode(self, text: str) -> None:
        from kyoso_desktop.core.netdiag.findings import STATUS_FINDING
        from kyoso_desktop.core.netdiag.findings import text as finding_text
        from kyoso_desktop.core.netdiag.supportcode import SupportCodeError, decode

        if len(text.replace("-", "").strip()) < 14:
            return
        try:
            decoded = decode(text)
        except SupportCodeError as exc:
            self.view.setHtml(escape(_("Not a valid support code: {reason}").format(
                reason=exc)))
            return
        lang = get_language()
        rows = "".join(f"<tr><td>{escape(kind)}</td><td>{escape(status)}</td>"
                       f"<td>{count}</td></tr>" for kind, (status, count)
                       in decoded.kinds.items())
        codes = (["lgwan_side"] if decoded.lgwan_side else []) + list(dict.fromkeys(
            STATUS_FINDING[s] for s, _n in decoded.kinds.values() if s in STATUS_FINDING))
        hosts = _("the Slack hosts (the code does not carry host names)")
        findings = "".join(f"<li><b>{escape(finding_text(c, 'title', lang))}</b><br>"
                           f"{escape(finding_text(c, 'remedy', lang, hosts=hosts))}</li>"
                           for c in codes)
        heading = _("Support code {code}").format(code=text.strip().upper())
        columns = (_("Step"), _("Result"), _("Hosts not ok"))
        proxy = _("Proxy used: {answer}").format(
            answer=_("yes") if decoded.proxy_used else _("no"))
        from kyoso_desktop.core.invitation.timeline import STATE_TEXTS

        state = decoded.invitation_state
        invitation = _("Invitation: {state}").format(
            state=_(STATE_TEXTS[state]) if state in STATE_TEXTS else _("no application"))
        header = "".join(f"<th>{escape(c)}</th>" for c in columns)
        self.view.setHtml(
            f"<h2>{escape(heading)}</h2><table border='1' cellpadding='3'><tr>{header}</tr>"
            f"{rows}</table><p>{escape(proxy)}<br>{escape(invitation)}</p>"
            f"<ul>{findings or escape(_('No problem found.'))}</ul>")


def _rules_html() -> str:
    policy = default_policy()
    rules = [
        _("Who can join: staff of local governments (including unions with a local "
          "government code) and of government agencies."),
        _("One account per email address; register with your own name, even from a "
          "shared mailbox. Free of charge, no limit per organisation."),
        _("The invitation comes from Slack (an address at {domain}) within about {days} "
          "business days. Let it through spam and sanitising filters.").format(
            domain=policy.invitation_sender_domain, days=policy.invitation_delay_business_days),
        _("No invitation after that? Write to the secretariat: {email}").format(
            email=policy.secretariat_email),
        _("Using the platform from LGWAN needs network settings on your organisation's "
          "side: ask your information policy department (情報政策担当課)."),
        _("Rules version {version} (updated {updated}).").format(
            version=policy.version, updated=policy.updated),
    ]
    return f"<h2>{escape(_('Rules of the platform'))}</h2><ul>" + "".join(
        f"<li>{escape(r)}</li>" for r in rules) + "</ul>"
