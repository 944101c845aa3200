"""Passwords only in the OS keyring. "No keyring here" is a normal state: the app then asks
each time and keeps the password in memory only, never in a file."""

from __future__ import annotations

import contextlib

SERVICE = "KyosoDesktop/IMAP"
PROXY_SERVICE = "KyosoDesktop/proxy"  # a proxy account's password (--proxy-user)
INDEX = "keyring_accounts"  # the accounts (never the passwords) saved, so `forget` finds them


def saved_accounts() -> list[str]:
    """The "service\\naccount" entries whose password this user saved in the keyring."""
    from kyoso_desktop.core.common.store import DocumentStore, config_dir

    data, _problem = DocumentStore(config_dir()).load(INDEX, 1)
    accounts = (data or {}).get("accounts", [])
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def _remember_account(account: str, saved: bool) -> None:
    from kyoso_desktop.core.common.store import DocumentStore, config_dir

    accounts = [a for a in saved_accounts() if a != account] + ([account] if saved else [])
    with contextlib.suppress(OSError):  # the index is a convenience: the password is saved
        DocumentStore(config_dir()).save(INDEX, {"format": 1, "accounts": accounts})


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


def get_password(account: str, service: str = SERVICE) -> str | None:
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(service, account)
    except Exception:
        return None


def set_password(account: str, password: str, service: str = SERVICE) -> bool:
    """Store the password in the keyring; False (and nothing written) when there is none."""
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(service, account, password)
    except Exception:
        return False
    _remember_account(f"{service}\n{account}", True)
    return True


def delete_password(account: str, service: str = SERVICE) -> bool:
    """Remove the account's password from the keyring; False when it could not be removed."""
    if not keyring_available():
        return True
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(service, account)
    except PasswordDeleteError:  # not there (any more)
        pass
    except Exception:
        return False
    _remember_account(f"{service}\n{account}", False)
    return True
