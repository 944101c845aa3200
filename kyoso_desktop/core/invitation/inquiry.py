"""A ready inquiry to the secretariat, as mailto: link, copyable text and .eml draft.

Never sent automatically: the user's own mail program sends it. The text is Japanese whatever
the UI language, because it is written to the (Japanese) secretariat, so it is not translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from urllib.parse import quote

from kyoso_desktop.core.common.policy import default_policy

MAX_MAILTO = 1900  # Windows hands URLs over 2,000-odd characters to no program
SUBJECT = "【共創PF】招待メールが届きません（{name}・{organization}）"
BODY_LINES = (
    "デジタル改革共創プラットフォーム 事務局 御中",
    "",
    "共創PFへの参加を申請しましたが、招待メールが届いていません。ご確認をお願いいたします。",
    "",
    "氏名: {name}",
    "所属: {organization}",
    "全国地方公共団体コード: {code}",
    "部課名: {department}",
    "メールアドレス: {email}",
    "申請日: {applied_at}（{waited}開庁日経過）",
    "",
    "{checks}",
    "よろしくお願いいたします。",
)
# what the applicant may have checked; only what they tick goes into the mail
CHECKS = {
    "junk_folder": "・迷惑メールフォルダーを確認しました",
    "sanitising": "・メール無害化・隔離の対象になっていないか確認しました",
    "allowlist": "・{domain} からのメールを受信できる設定か確認しました",
}


@dataclass(frozen=True)
class Inquiry:
    to: str
    subject: str
    body: str

    def mailto(self, limit: int = MAX_MAILTO) -> str:
        """RFC 6068 mailto: with UTF-8 percent-encoding, shortened to stay under `limit`.

        The body is shortened line by line from the end (never inside an escape); if even the
        subject alone is too long, the link carries no body and the user copies it instead.
        """
        lines = self.body.split("\n")
        while True:
            url = _mailto(self.to, self.subject, "\n".join(lines))
            if len(url) <= limit or not lines:
                break
            lines = lines[:-1]
        return url if len(url) <= limit else _mailto(self.to, self.subject, "")

    def eml(self, sender: str | None = None) -> bytes:
        """A draft mail (.eml, X-Unsent: 1) that Outlook and Thunderbird open for editing."""
        message = EmailMessage()
        message["To"] = self.to
        if sender:
            message["From"] = sender
        message["Subject"] = self.subject
        message["X-Unsent"] = "1"
        message.set_content(self.body)
        return message.as_bytes()


def _mailto(to: str, subject: str, body: str) -> str:
    query = f"subject={quote(subject, safe='')}"
    if body:
        query += f"&body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"


def _checks_text(checks: Iterable[str], sender_domain: str | None) -> str:
    done = [CHECKS[c] for c in CHECKS if c in set(checks)]
    if not done:
        return ""
    domain = sender_domain or default_policy().invitation_sender_domain
    return "確認したこと:\n" + "\n".join(done).format(domain=domain) + "\n"


def build_inquiry(*, to: str, name: str, organization: str, code: str | None, department: str,
                  email: str, applied_at: date | None, waited: int | None,
                  checks: Iterable[str] = (), sender_domain: str | None = None) -> Inquiry:
    """The inquiry text, always in Japanese (the secretariat's language); `checks` are the
    CHECKS the applicant really did (nothing is claimed for them)."""
    values = {
        "name": name or "-", "organization": organization or "-", "code": code or "-",
        "department": department or "-", "email": email or "-",
        "applied_at": applied_at.isoformat() if applied_at else "-",
        "waited": str(waited) if waited is not None else "-",
        "checks": _checks_text(checks, sender_domain),
    }
    # a government agency has no 全国地方公共団体コード: its line is left out, not filled with an id
    lines = [line for line in BODY_LINES if (code or "{code}" not in line)
             and (values["checks"] or "{checks}" not in line)]
    body = "\n".join(line.format(**values) for line in lines)
    return Inquiry(to=to, subject=SUBJECT.format(**values), body=body)
