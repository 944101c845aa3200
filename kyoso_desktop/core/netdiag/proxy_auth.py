"""Signing in to a proxy that answers 407: Negotiate and NTLM (the Windows logon), and Basic.

On Windows, Negotiate/NTLM sign in as the logged-on user through SSPI (sspilib; no password
asked or stored). Elsewhere, and for Basic, explicit credentials are needed (`--proxy-user`,
the password from the keyring or a prompt); NTLM there is pyspnego's. The password never
leaves this module's objects: not in a Check, a log line or a report.
"""

from __future__ import annotations

import base64
import sys
from dataclasses import dataclass, field
from typing import Any

WINDOWS_SCHEMES = ("negotiate", "ntlm")  # strongest first
MAX_LEGS = 3  # NTLM needs two, Negotiate (Kerberos) one or two


@dataclass(frozen=True)
class ProxyCredentials:
    """An explicit proxy account. `repr` never shows the password."""

    user: str
    password: str = field(repr=False)


def offered_schemes(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(scheme in lower case, its parameter) of each Proxy-Authenticate header, in order."""
    found = []
    for name, value in headers:
        if name == "proxy-authenticate" and value.strip():
            scheme, _, param = value.strip().partition(" ")
            found.append((scheme.lower(), param.strip()))
    return found


def scheme_names(headers: list[tuple[str, str]]) -> str:
    """"Negotiate, NTLM, Basic" as the proxy wrote them, for people and the JSON."""
    return ", ".join(dict.fromkeys(v.strip().split()[0] for k, v in headers
                                   if k == "proxy-authenticate" and v.strip()))


class SignIn:
    """One sign-in attempt with one scheme: `header(challenge)` gives each leg's
    Proxy-Authorization value (None when the scheme has nothing more to send)."""

    def __init__(self, scheme: str, host: str, credentials: ProxyCredentials | None) -> None:
        self.scheme = scheme
        self.host = host
        self.credentials = credentials
        self._context: Any = None  # a pyspnego context, made on the first leg
        self._sent = False

    @property
    def as_windows_logon(self) -> bool:
        return self.credentials is None

    @property
    def who(self) -> str:
        """The account, for people: the user name, or "" for the Windows logon."""
        return self.credentials.user if self.credentials else ""

    def header(self, challenge: str = "") -> str | None:
        if self.scheme == "basic":
            if self._sent or self.credentials is None:
                return None
            self._sent = True
            pair = f"{self.credentials.user}:{self.credentials.password}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        token = self._step(base64.b64decode(challenge) if challenge else None)
        return f"{self._label()} {base64.b64encode(token).decode('ascii')}" if token else None

    def _label(self) -> str:
        return {"negotiate": "Negotiate", "ntlm": "NTLM"}[self.scheme]

    def _step(self, challenge: bytes | None) -> bytes | None:
        if self._context is None:
            self._context = self._new_context()
        return self._context.step(challenge) or None

    def _new_context(self) -> Any:
        """A client context: SSPI on Windows (the logged-on user unless an account is given),
        pyspnego elsewhere. Imported only when a proxy asks for Negotiate/NTLM."""
        user = self.credentials.user if self.credentials else None
        password = self.credentials.password if self.credentials else None
        if sys.platform == "win32":
            import sspilib

            domain, _, name = user.rpartition("\\") if user else ("", "", None)
            credential = sspilib.UserCredential(
                username=name, password=password, domain=domain or None,
                protocol={"negotiate": "Negotiate", "ntlm": "NTLM"}[self.scheme])
            return sspilib.ClientSecurityContext(credential=credential,
                                                 target_name=f"HTTP/{self.host}")
        import spnego

        return spnego.client(user, password, hostname=self.host, service="HTTP",
                             protocol=self.scheme)


def choose_sign_in(offered: list[tuple[str, str]], host: str,
                   credentials: ProxyCredentials | None) -> SignIn | None:
    """The scheme to try: Negotiate, then NTLM (on Windows as the logged-on user when no
    account is given; elsewhere only with an account), then Basic (only with an account)."""
    names = [scheme for scheme, _param in offered]
    for scheme in WINDOWS_SCHEMES:
        if scheme in names and (credentials is not None or sys.platform == "win32"):
            return SignIn(scheme, host, credentials)
    if "basic" in names and credentials is not None:
        return SignIn("basic", host, credentials)
    return None


def challenge_for(sign_in: SignIn, offered: list[tuple[str, str]]) -> str:
    """The server's token for the scheme being used ("" when it sent none)."""
    for scheme, param in offered:
        if scheme == sign_in.scheme:
            return param
    return ""
