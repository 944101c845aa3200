"""What a helpdesk asks first: version, folders, IT settings, the keyring (`kyoso about`)."""

from __future__ import annotations

import platform
import secrets
import sys
from dataclasses import asdict, dataclass
from typing import Any

from kyoso_desktop import __version__
from kyoso_desktop.core.helpdesk.licences import Component, bundled_components, licence_texts

KEYRING_TEST_SERVICE = "KyosoDesktop/self-test"


@dataclass(frozen=True)
class KeyringState:
    """The keyring backend in use and, if asked, whether a secret went in and came back."""

    backend: str
    available: bool
    check: str  # "not_run", "ok", "unavailable" or "failed: <reason>"


@dataclass(frozen=True)
class About:
    version: str
    python: str
    system: str
    frozen: bool
    config_dir: str
    data_dir: str
    log_dir: str
    managed_config: str
    managed_config_present: bool
    managed_keys: list[str]
    managed_problems: list[str]
    offline: bool
    settings: dict[str, dict[str, Any]]  # key -> {"value", "source", "locked"}
    keyring: KeyringState
    components: list[Component]  # the shipped components and their licences
    licence_texts: list[str]  # the licence texts shipped for the binary components (paths)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `kyoso about --json` (components as {name, version, licence})."""
        return asdict(self)


def keyring_state(check: bool = False) -> KeyringState:
    """The backend's name; with check, store, read back and delete a throw-away secret."""
    from kyoso_desktop.core.common import passwords

    available = passwords.keyring_available()
    try:
        import keyring

        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        chained = getattr(backend, "backends", None)
        if chained:
            name += " (" + ", ".join(type(b).__name__ for b in chained) + ")"
    except Exception as exc:  # a broken keyring configuration
        return KeyringState(f"error: {exc}", False, "unavailable" if check else "not_run")
    if not check:
        return KeyringState(name, available, "not_run")
    if not available:
        return KeyringState(name, available, "unavailable")
    return KeyringState(name, available, _round_trip())


def _round_trip() -> str:
    import keyring

    account, value = "check", secrets.token_urlsafe(16)
    try:
        keyring.set_password(KEYRING_TEST_SERVICE, account, value)
        read = keyring.get_password(KEYRING_TEST_SERVICE, account)
        keyring.delete_password(KEYRING_TEST_SERVICE, account)
        left = keyring.get_password(KEYRING_TEST_SERVICE, account)
    except Exception as exc:
        return f"failed: {type(exc).__name__}: {exc}"
    if read != value:
        return "failed: the secret read back differs"
    if left is not None:
        return "failed: the secret was not deleted"
    return "ok"


def about(check_keyring: bool = False) -> About:
    """Facts about this installation, for the helpdesk and the IT department."""
    from kyoso_desktop.core.common.logs import log_dir
    from kyoso_desktop.core.common.settings import managed_config_path, resolve_settings
    from kyoso_desktop.core.common.store import config_dir, data_dir

    resolved = resolve_settings()
    settings = resolved.settings
    managed_path = managed_config_path()
    return About(
        version=__version__,
        python=platform.python_version(),
        system=f"{platform.system()} {platform.release()} ({platform.machine()})",
        frozen=bool(getattr(sys, "frozen", False)),
        config_dir=str(config_dir()), data_dir=str(data_dir()), log_dir=str(log_dir()),
        managed_config=str(managed_path), managed_config_present=managed_path.is_file(),
        managed_keys=sorted(k for k, s in resolved.sources.items()
                            if s in ("policy", "managed_file")),
        managed_problems=[str(p) for p in resolved.problems],
        offline=settings.offline,
        settings=setting_sources(resolved),
        keyring=keyring_state(check_keyring),
        components=bundled_components(),
        licence_texts=[str(p) for p in licence_texts()],
    )


def setting_sources(resolved: Any) -> dict[str, dict[str, Any]]:
    """Every setting's value, where it came from and whether the user may change it."""
    from kyoso_desktop.core.netdiag.proxy import redact

    values = asdict(resolved.settings)
    values.pop("locked")
    values["proxy"] = redact(values["proxy"])  # never a password in a helpdesk's report
    return {key: {"value": list(value) if isinstance(value, tuple) else value,
                  "source": resolved.sources[key], "locked": resolved.settings.is_locked(key)}
            for key, value in sorted(values.items())}
