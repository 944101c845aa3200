"""Passwords only in the OS keyring. "No keyring here" is a normal state: the app then asks
each time and keeps the password in memory only, never in a file."""

from __future__ import annotations

import contextlib

SERVICE = "KyosoDesktop/IMAP"


def keyring_available() -> bool:
    """True when a real keyring backend (Windows Credential Manager, Secret Service, …) exists."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration is "no keyring"
        return False
    chained = getattr(backend, "backends", None)
    if chained is not None:
        return any(not isinstance(b, (fail.Keyring, null.Keyring)) for b in chained)
    return not isinstance(backend, (fail.Keyring, null.Keyring))


def get_password(account: str) -> str | None:
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, account)
    except Exception:
        return None


def set_password(account: str, password: str) -> bool:
    """Store the password in the keyring; False (and nothing written) when there is none."""
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, account, password)
    except Exception:
        return False
    return True


def delete_password(account: str) -> None:
    if keyring_available():
        import keyring

        with contextlib.suppress(Exception):
            keyring.delete_password(SERVICE, account)
