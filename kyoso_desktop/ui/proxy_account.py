"""The proxy account for the connection check, for a proxy that asks for a user name and
password. On Windows the Windows logon is used by itself (Negotiate/NTLM), so most users never
need this; the password stays in memory, or in the OS keyring when the user asks."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kyoso_desktop.core.common.i18n import _


@dataclass(frozen=True)
class ProxyAccount:
    """What the user typed; an empty password means "the one in the keyring"."""

    user: str
    password: str = field(repr=False)
    remember: bool = False


class ProxyAccountDialog(QDialog):
    def __init__(self, account: ProxyAccount | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proxy_account")
        self.setWindowTitle(_("Proxy account"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Only for a proxy that asks for a user name and password. On Windows "
                         "the app signs in to the proxy with your Windows logon by itself. "
                         "Leave the password empty to use the one saved in the keyring."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.user = QLineEdit(account.user if account else "")
        self.user.setPlaceholderText(_("DOMAIN\\name"))
        self.user.setObjectName("proxyUser")
        self.password = QLineEdit()
        self.password.setObjectName("proxyPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        user_label, password_label = QLabel(_("&User name:")), QLabel(_("&Password:"))
        user_label.setBuddy(self.user)
        password_label.setBuddy(self.password)
        form.addRow(user_label, self.user)
        form.addRow(password_label, self.password)
        layout.addLayout(form)
        self.remember = QCheckBox(_("&Remember the password in the keyring"))
        self.remember.setObjectName("rememberPassword")
        self.remember.setChecked(bool(account and account.remember))
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel |
                                   QDialogButtonBox.StandardButton.Reset)
        buttons.button(QDialogButtonBox.StandardButton.Reset).setText(_("&No proxy account"))
        buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self._clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.cleared = False

    def _clear(self) -> None:
        self.cleared = True
        self.accept()

    def account(self) -> ProxyAccount | None:
        """The account entered (None: none, or cleared)."""
        user = self.user.text().strip()
        if self.cleared or not user:
            return None
        return ProxyAccount(user, self.password.text(), self.remember.isChecked())
