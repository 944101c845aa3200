"""`kyoso forget`: remove this user's drafts, records, settings, logs and saved passwords."""

from __future__ import annotations

import argparse
import sys

from kyoso_desktop.cli.output import EXIT_OK, EXIT_REJECTED
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    forget = commands.add_parser(
        "forget", parents=[common],
        help=_("remove this user's records, settings, logs and saved passwords from this PC"),
        description=_("For shared PCs: removes this user's drafts and application records, "
                      "settings, logs and the passwords saved in the keyring, after a "
                      "confirmation. The IT department's settings stay. Exit status: 0 removed "
                      "(or nothing to remove), 1 not confirmed or something could not be "
                      "removed."))
    forget.add_argument("--yes", action="store_true",
                        help=_("do not ask for confirmation (for scripts)"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.common.forget import forget, plan_forget
    from kyoso_desktop.core.common.oserrors import error_text

    plan = plan_forget()
    if not plan.files and not plan.accounts:
        print(_("Nothing to remove: this PC keeps no records of this user."))
        return EXIT_OK
    print(_("This removes from this PC:"))
    for path in plan.files:
        print(f"  {path}")
    for account in plan.account_names():
        print("  " + _("the saved password of {account} (keyring)").format(account=account))
    if not args.yes and not _confirmed():
        print(_("Nothing was removed."))
        return EXIT_REJECTED
    result = forget(plan)
    for kept, error in result.kept:
        print(_("{file} could not be removed: {error}").format(
            file=kept, error=error_text(error, i18n.get_language())), file=sys.stderr)
    for account in result.accounts_kept:
        print(_("The saved password of {account} could not be removed from the keyring.")
              .format(account=account), file=sys.stderr)
    print(_("Removed: {files} files, {accounts} saved passwords.").format(
        files=result.removed_files, accounts=result.accounts_removed))
    return EXIT_REJECTED if result.kept or result.accounts_kept else EXIT_OK


def _confirmed() -> bool:
    """Ask; anything but yes (and no terminal at all) means no."""
    if not sys.stdin or not sys.stdin.isatty():
        print(_("Not confirmed (no terminal to ask on): add --yes to remove without asking."),
              file=sys.stderr)
        return False
    answer = input(_("Remove these? [y/N] ")).strip().lower()
    return answer in ("y", "yes", _("y"), "はい")
