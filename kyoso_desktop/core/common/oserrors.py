"""Errors of the OS and of TLS in the user's language: a short code (ECONNREFUSED,
CERT_SELF_SIGNED, …) for logs and JSON, words for people — never the OS's English text."""

from __future__ import annotations

import errno

from kyoso_desktop.core.common.i18n import N_, translator

ERROR_TEXTS = {
    "ECONNREFUSED": N_("connection refused"), "ETIMEDOUT": N_("no answer"),
    "EHOSTUNREACH": N_("no route to the host"), "ENETUNREACH": N_("no route to the network"),
    "ECONNRESET": N_("connection reset"), "ECONNABORTED": N_("connection aborted"),
    "EAI_NONAME": N_("name not found"), "EAI_AGAIN": N_("DNS temporarily unavailable"),
    "ENOENT": N_("file not found"), "EACCES": N_("no permission"),
    "EISDIR": N_("a folder, not a file"), "EPERM": N_("no permission"),
    "ENOSPC": N_("the disk is full"), "EROFS": N_("the place is read-only"),
    "SSLError": N_("TLS error"),
    "CERT_EXPIRED": N_("the certificate has expired"),
    "CERT_SELF_SIGNED": N_("a self-signed certificate"),
    "CERT_UNKNOWN_ISSUER": N_("the certificate's issuer is not trusted"),
    "CERT_HOST_MISMATCH": N_("the certificate is for another host name"),
}
# OpenSSL's X509 verification codes that people meet
VERIFY_CODES = {10: "CERT_EXPIRED", 18: "CERT_SELF_SIGNED", 19: "CERT_SELF_SIGNED",
                20: "CERT_UNKNOWN_ISSUER", 21: "CERT_UNKNOWN_ISSUER",
                62: "CERT_HOST_MISMATCH"}


def error_code(exc: BaseException) -> str:
    """A short, stable code for an exception."""
    import socket
    import ssl

    if isinstance(exc, ssl.SSLCertVerificationError):
        return VERIFY_CODES.get(exc.verify_code or 0, "CERT_UNKNOWN_ISSUER")
    if isinstance(exc, TimeoutError):
        return "ETIMEDOUT"
    number = getattr(exc, "errno", None)
    if isinstance(exc, socket.gaierror):
        return "EAI_NONAME" if number in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)) \
            else "EAI_AGAIN" if number == socket.EAI_AGAIN else f"EAI_{number}"
    if isinstance(number, int) and number in errno.errorcode:
        return errno.errorcode[number]
    return type(exc).__name__


def code_text(code: str, lang: str) -> str:
    """Words for a code; an unknown code stays a code (never an English sentence)."""
    return translator(lang)(ERROR_TEXTS[code]) if code in ERROR_TEXTS else code


def error_text(exc: BaseException, lang: str) -> str:
    """An exception in the user's words."""
    return code_text(error_code(exc), lang)
