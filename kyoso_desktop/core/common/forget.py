"""`kyoso forget`: remove this user's traces from a shared PC (drafts, records, settings, logs
and the passwords in the keyring).

Only the files the app writes are removed (by name pattern, never a whole folder), then each
folder if it is empty: a folder pointed elsewhere by KYOSO_*_DIR keeps everything else.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

# What the app writes in its folders: JSON documents (and corrupt copies kept aside), their
# temporary files, lock files, the log and its rotations, the window's show request.
APP_FILES = ("*.json", ".*.tmp", "*.lock", "kyoso.log", "kyoso.log.*", "window.show-request")


@dataclass
class ForgetPlan:
    """What `forget` would remove: files, then folders if empty, and keyring accounts."""

    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)  # "service\naccount" in the keyring

    def account_names(self) -> list[str]:
        return [entry.partition("\n")[2] for entry in self.accounts]


@dataclass
class ForgetResult:
    removed_files: int = 0
    kept: list[tuple[str, OSError]] = field(default_factory=list)  # could not be removed
    accounts_removed: int = 0
    accounts_kept: list[str] = field(default_factory=list)


def plan_forget() -> ForgetPlan:
    """This user's files and keyring accounts, deepest folders first."""
    from kyoso_desktop.core.common.logs import log_dir
    from kyoso_desktop.core.common.passwords import saved_accounts
    from kyoso_desktop.core.common.settings import load_settings
    from kyoso_desktop.core.common.store import config_dir, data_dir

    folders = sorted({log_dir(), data_dir(), config_dir()}, key=lambda p: len(p.parts),
                     reverse=True)
    plan = ForgetPlan(folders=[f for f in folders if f.is_dir()])
    for folder in plan.folders:
        found = {p for pattern in APP_FILES for p in folder.glob(pattern)
                 if p.is_file() and p.name != "window.lock"}  # held by a running window; empty
        plan.files.extend(sorted(found))
    from kyoso_desktop.core.common.passwords import SERVICE, get_password

    settings, _problem = load_settings()
    accounts = saved_accounts()
    current = f"{settings.imap_user}@{settings.imap_host}"
    if settings.imap_user and settings.imap_host and get_password(current) is not None:
        accounts.append(f"{SERVICE}\n{current}")  # saved before the index existed
    plan.accounts = list(dict.fromkeys(accounts))
    return plan


def forget(plan: ForgetPlan) -> ForgetResult:
    """Remove what the plan lists; what cannot be removed is reported, the rest goes on."""
    from kyoso_desktop.core.common.passwords import delete_password

    result = ForgetResult()
    _close_log_files(plan.folders)
    for entry in plan.accounts:  # first, while the index of accounts still exists
        service, _, account = entry.partition("\n")
        if delete_password(account, service):
            result.accounts_removed += 1
        else:
            result.accounts_kept.append(account)
    for path in plan.files:
        try:
            path.unlink(missing_ok=True)
            result.removed_files += 1
        except OSError as exc:
            result.kept.append((str(path), exc))
    for folder in plan.folders:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
    return result


def _close_log_files(folders: list[Path]) -> None:
    """Close this process's log file in those folders (Windows cannot delete an open file)."""
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        name = getattr(handler, "baseFilename", None)
        if name and any(Path(name).parent == folder for folder in folders):
            root.removeHandler(handler)
            handler.close()
