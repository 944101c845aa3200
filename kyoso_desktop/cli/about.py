"""`kyoso about`: version, folders, IT settings, keyring, shipped components."""

from __future__ import annotations

import argparse
import sys

from kyoso_desktop.cli.output import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    add_out_argument,
    write_json,
)
from kyoso_desktop.core.common.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    about = commands.add_parser(
        "about", parents=[common],
        help=_("show the version, the folders used, the IT department's settings and the "
               "keyring"),
        description=_("Facts for the helpdesk: version, where settings, data and logs are "
                      "kept, the IT department's settings file, and the keyring that keeps "
                      "passwords. Exit status: 0; 1 when --check-keyring fails."))
    about.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_out_argument(about)
    about.add_argument("--check-keyring", action="store_true",
                       help=_("store, read back and delete a test secret in the keyring"))
    about.add_argument("--managed-config", metavar="FILE",
                       help=_("check a managed.toml before deploying it: print what it sets "
                              "and its problems, and change nothing (exit 1 on problems)"))




def validate_managed_file(path: str, as_json: bool) -> int:
    """`--managed-config FILE`: read the file as the app would, apply nothing."""
    from pathlib import Path

    from kyoso_desktop.core.common.settings import load_managed

    if not Path(path).is_file():
        print(_("{file} is not a file").format(file=path), file=sys.stderr)
        return EXIT_USAGE
    values, problems = load_managed(Path(path))
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    if as_json:
        write_json({"file": path, "values": values, "problems": [str(p) for p in problems]})
    else:
        for key, value in values.items():
            print(f"{key} = {value!r}")
        for problem in problems:
            print(_("Problem: {problem}").format(problem=problem))
        print(_("{count} settings usable, {problems} problems").format(
            count=len(values), problems=len(problems)))
    return EXIT_REJECTED if problems else EXIT_OK


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.helpdesk.about import about

    if args.managed_config:
        return validate_managed_file(args.managed_config, args.json)
    facts = about(check_keyring=args.check_keyring)
    failed = facts.keyring.check.startswith("failed")
    if args.json:
        write_json(facts.to_dict())
        return EXIT_REJECTED if failed else EXIT_OK
    yes_no = {True: _("yes"), False: _("no")}
    checks = {"not_run": _("not run (--check-keyring)"), "ok": _("ok"),
              "unavailable": _("no keyring: passwords are asked each time, never saved")}
    managed = facts.managed_config if facts.managed_config_present else \
        _("{path} (not present)").format(path=facts.managed_config)
    rows = [
        (_("Version"), f"{facts.version} (Python {facts.python}, {facts.system})"),
        (_("Settings folder"), facts.config_dir),
        (_("Data folder"), facts.data_dir),
        (_("Log folder"), facts.log_dir),
        (_("IT department's settings"), managed),
        (_("Set by IT"), ", ".join(facts.managed_keys) or "-"),
        (_("Offline mode"), yes_no[facts.offline]),
        (_("Keyring"), f"{facts.keyring.backend} ({yes_no[facts.keyring.available]})"),
        (_("Keyring check"), checks.get(facts.keyring.check, facts.keyring.check)),
    ]
    rows += [(_("Problem"), problem) for problem in facts.managed_problems]
    for label, value in rows:
        print(f"{label}: {value}")
    from kyoso_desktop.core.helpdesk.settings_texts import setting_label, source_text, value_text

    print(_("Settings (value, where it comes from):"))
    for key, setting in facts.settings.items():
        lock = " " + _("[locked]") if setting["locked"] else ""
        print(f"  {setting_label(key)} ({key}): {value_text(setting['value'])} "
              f"({source_text(setting['source'])}){lock}")
    print(_("Shipped components and their licences:"))
    for component in facts.components:
        print(f"  {component.name} {component.version}: {component.licence}")
    print(_("Licence texts of the binary components (Qt, Python, OpenSSL, …):"))
    for text in facts.licence_texts:
        print(f"  {text}")
    return EXIT_REJECTED if failed else EXIT_OK
