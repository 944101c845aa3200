"""Command line: `kyoso [gui]`, `kyoso check-email …`. Same core as the GUI, JSON for tools."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kyoso_desktop import __version__
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import N_, _

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

# argparse's own texts, so that they are extracted into our catalogs and shown translated.
ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"), N_("expected at least one argument"),
)
VERDICT_MARKS = {"accepted": "[OK]", "review": "[??]", "rejected": "[NG]"}


def _wants_window(argv: Sequence[str]) -> bool:
    """No subcommand (or `gui`), and no --help/--version: Qt options like -platform X pass."""
    from kyoso_desktop.ui.app import GUI_VALUES  # the window's options that take a value

    if {"-h", "--help", "--version"} & set(argv):
        return False
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg in GUI_VALUES or (arg.startswith("-") and not arg.startswith("--")):
            skip_next = True  # its value follows (Qt's options are single-dash: -platform X)
        elif not arg.startswith("-"):
            return arg == "gui"
    return True


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, in the current language."""
    i18n.translate_argparse()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=_("language of messages: ja (default) or en"))
    parser = argparse.ArgumentParser(
        prog="kyoso", parents=[common],
        description=_("Kyoso Desktop: join the Digital Agency's co-creation platform (共創PF). "
                      "Without a subcommand the window opens."),
    )
    parser.add_argument("--version", action="version", version=f"kyoso {__version__}",
                        help=_("show program's version number and exit"))
    commands = parser.add_subparsers(dest="command", title=_("subcommands"), metavar="COMMAND")
    commands.add_parser("gui", parents=[common], help=_("open the window (default)"),
                        description=_("Open the Kyoso Desktop window."))
    check = commands.add_parser(
        "check-email", parents=[common],
        help=_("check whether email addresses can be registered"),
        description=_("Check work email addresses against the platform's rules, offline. "
                      "Exit status: 0 all can be registered (some perhaps after a manual "
                      "check), 1 at least one cannot, 2 usage error."),
    )
    check.add_argument("addresses", nargs="*", metavar="ADDRESS",
                       help=_("addresses to check (quote each one)"))
    check.add_argument("--json", action="store_true",
                       help=_("print one JSON array, an object per input"))
    check.add_argument("--offline", action="store_true",
                       help=_("make no network call at all (no DNS check)"))
    check.add_argument("--org", metavar="CODE",
                       help=_("the chosen organisation: 全国地方公共団体コード (6 digits) or an "
                              "agency id such as mhlw; warns when the domain does not match"))
    check.add_argument("--csv", metavar="IN.csv",
                       help=_("check the addresses in a CSV file (- reads standard input)"))
    check.add_argument("--column", metavar="NAME",
                       help=_("CSV column with the addresses: its header or number "
                              "(default: guessed)"))
    check.add_argument("--out", metavar="OUT.csv",
                       help=_("write the CSV with results to this file (- or omitted: "
                              "standard output)"))
    status = commands.add_parser(
        "status", parents=[common], help=_("list the applications made from this PC"),
        description=_("List the applications recorded on this PC, oldest first."))
    status.add_argument("--json", action="store_true",
                        help=_("print one JSON array, an object per application"))
    status.add_argument("action", nargs="?", choices=("mark-applied", "mark-joined", "withdraw"),
                        help=_("change an application's state (by its id)"))
    status.add_argument("id", nargs="?", metavar="ID", help=_("the application's id"))
    status.add_argument("--date", metavar="YYYY-MM-DD",
                        help=_("the date of the change (default: today)"))
    diagnose = commands.add_parser(
        "diagnose", parents=[common],
        help=_("check the connection from this PC to Slack (proxy, DNS, TLS, WebSocket)"),
        description=_("Check the route from this PC to the platform's Slack hosts. Exit status: "
                      "0 ok, 1 warnings, 3 failed, 2 usage error."))
    diagnose.add_argument("--json", action="store_true", help=_("print one JSON object"))
    diagnose.add_argument("--profile", metavar="FILE",
                          help=_("hosts to check (TOML or JSON; see README)"))
    route = diagnose.add_mutually_exclusive_group()
    route.add_argument("--proxy", metavar="URL",
                       help=_("use this proxy, e.g. http://user:pass@proxy:8080"))
    route.add_argument("--no-proxy", action="store_true", help=_("connect directly"))
    diagnose.add_argument("--pac", metavar="URL|FILE",
                          help=_("proxy auto-configuration script to use"))
    diagnose.add_argument("--ca-file", metavar="PEM",
                          help=_("an extra CA certificate to trust, besides the OS's"))
    diagnose.add_argument("--resolve", action="append", default=[], metavar="HOST:PORT:ADDR",
                          help=_("connect to ADDR for HOST:PORT (SNI and Host stay HOST)"))
    diagnose.add_argument("--timeout", type=float, metavar="SECONDS",
                          help=_("time limit per host (default: the profile's)"))
    diagnose.add_argument("--dns-server", metavar="ADDR[:PORT]",
                          help=_("DNS server to use instead of the OS resolver"))
    diagnose.add_argument("--decode", metavar="CODE",
                          help=_("print what a support code says, and check nothing"))
    invitation = commands.add_parser(
        "check-invitation", parents=[common],
        help=_("check whether saved mails (.eml, .msg) are the genuine Slack invitation"),
        description=_("Check saved mails offline: genuine, likely_genuine, sanitized, "
                      "suspicious, not_invitation or unreadable. Exit status: 0 all genuine, "
                      "likely genuine or sanitized; 1 any suspicious; 4 any unreadable; 2 usage "
                      "error."))
    invitation.add_argument("files", nargs="+", metavar="FILE", help=_("saved mail files"))
    invitation.add_argument("--json", action="store_true",
                            help=_("print one JSON array, an object per file"))
    invitation.add_argument("--trusted-authserv", action="append", default=[], metavar="ID",
                            help=_("authserv-id of your own mail server, whose "
                                   "Authentication-Results can be trusted (repeatable)"))
    check.add_argument("--dns-server", metavar="ADDR[:PORT]",
                       help=_("DNS server for the online check (default: the OS resolver)"))
    about = commands.add_parser(
        "about", parents=[common],
        help=_("show the version, the folders used, the IT department's settings and the "
               "keyring"),
        description=_("Facts for the helpdesk: version, where settings, data and logs are "
                      "kept, the IT department's settings file, and the keyring that keeps "
                      "passwords. Exit status: 0; 1 when --check-keyring fails."))
    about.add_argument("--json", action="store_true", help=_("print one JSON object"))
    about.add_argument("--check-keyring", action="store_true",
                       help=_("store, read back and delete a test secret in the keyring"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `kyoso`; returns the exit status (and exits with it when run as script)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        status = _run(args_list)
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:  # output piped into e.g. `head`: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the interpreter closes it)
        status = 0
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        status = exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except Exception as exc:  # never show a traceback: log it and say where it is
        from kyoso_desktop.core.common.logs import log_exception

        print(_("An unexpected error occurred. Details were written to: {path}").format(
            path=log_exception(exc) or "-"), file=sys.stderr)
        status = EXIT_INTERNAL
    if argv is None:
        sys.exit(status)
    return status


def _run(argv: list[str]) -> int:
    from kyoso_desktop.core.common.settings import choose_language, managed_problems

    i18n.set_language(choose_language(i18n.requested_language(argv)))
    for problem in managed_problems():
        print(_("The IT department's settings file could not be used: {problem}").format(
            problem=problem), file=sys.stderr)
    _configure_streams()
    parser = build_parser()
    if _wants_window(argv):
        # the window: our GUI options and Qt's own (-platform offscreen) pass through
        from kyoso_desktop.ui.app import main as gui_main

        return gui_main([a for a in argv if a != "gui"])
    args = parser.parse_args(argv)
    if args.command == "check-email":
        return _check_email(parser, args)
    if args.command == "status":
        return _status(parser, args)
    if args.command == "check-invitation":
        return _check_invitation(args)
    if args.command == "about":
        return _about(args)
    if args.command == "diagnose":
        from kyoso_desktop.cli.diagnose import run_diagnose

        return run_diagnose(parser, args, _write_json)
    parser.error(_("unknown command"))
    return EXIT_USAGE


def _about(args: argparse.Namespace) -> int:
    from kyoso_desktop.core.helpdesk.about import about

    facts = about(check_keyring=args.check_keyring)
    failed = facts.keyring.check.startswith("failed")
    if args.json:
        _write_json(facts.to_dict())
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
    print(_("Shipped components and their licences:"))
    for component in facts.components:
        print(f"  {component['name']} {component['version']}: {component['licence']}")
    return EXIT_REJECTED if failed else EXIT_OK


def _configure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _check_email(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.registration.records import load_applications
    from kyoso_desktop.core.eligibility.directory import default_directory, is_valid_lg_code
    from kyoso_desktop.core.eligibility.engine import EligibilityEngine, PriorUse
    from kyoso_desktop.core.common.settings import load_settings

    if args.csv and args.addresses:
        parser.error(_("give either addresses or --csv, not both"))
    if not args.csv and not args.addresses:
        parser.error(_("give at least one address, or --csv FILE"))
    if (args.column or args.out) and not args.csv:
        parser.error(_("--column and --out need --csv"))
    directory = default_directory()
    settings, _problem = load_settings()
    args.org = args.org or settings.organization_code  # IT may set the body's code
    if args.org and not (is_valid_lg_code(args.org) or directory.by_code(args.org)):
        parser.error(_("--org {code}: not a valid 全国地方公共団体コード (6 digits with check "
                       "digit) nor a known agency id").format(code=args.org))
    offline = args.offline or settings.offline
    online = None
    if not offline:
        from kyoso_desktop.core.eligibility.online import MailDomainChecker

        dns_server = args.dns_server or settings.dns_server
        try:
            online = MailDomainChecker(dns_server)
        except ValueError:
            parser.error(_("--dns-server {server}: not an address").format(server=dns_server))
    records, problem = load_applications()
    if problem:
        print(_("The application history could not be read and was moved to {path}.").format(
            path=problem.moved_to or problem.path), file=sys.stderr)
    previous = [PriorUse(r.email, r.applied_at or r.created_at) for r in records]
    engine = EligibilityEngine(directory)

    def check(raw: str):
        return engine.check(raw, lang=i18n.get_language(), org_code=args.org,
                            previous=previous, online=online)

    if args.csv:
        return _check_csv(parser, args, check)
    results = [check(raw) for raw in args.addresses]
    if args.json:
        _write_json([r.to_dict() for r in results])
    else:
        for result in results:
            _print_result(result, sys.stdout)
    return EXIT_REJECTED if any(r.verdict == "rejected" for r in results) else EXIT_OK


def _status(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from datetime import date

    from kyoso_desktop.core.invitation import timeline
    from kyoso_desktop.core.registration.records import ApplicationStore
    from kyoso_desktop.core.common.dates import format_day
    from kyoso_desktop.core.common.policy import default_policy

    store = ApplicationStore()
    records, problem = store.records()
    if problem:
        print(_("The application history could not be read and was moved to {path}.").format(
            path=problem.moved_to or problem.path), file=sys.stderr)
    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        parser.error(_("--date {value}: use the form YYYY-MM-DD").format(value=args.date))
    if args.action:
        if not args.id:
            parser.error(_("{action} needs the application's id (see kyoso status)").format(
                action=args.action))
        record = store.find(args.id)
        if record is None:
            parser.error(_("no application with the id {id}").format(id=args.id))
        change = {"mark-applied": timeline.mark_applied, "mark-joined": timeline.mark_joined,
                  "withdraw": timeline.withdraw}[args.action]
        try:
            record = store.update(change(record, day))
        except timeline.TransitionError:
            parser.error(_("{action} is not possible for an application that is “{state}”").format(
                action=args.action, state=_(timeline.STATE_TEXTS[record.state])))
        records = [record]
    lang = i18n.get_language()
    policy = default_policy()
    today = date.today()
    rows = []
    for record in records:
        line = timeline.timeline(record, today, policy, lang,
                                 lambda d: format_day(d, lang))
        rows.append({**record.to_dict(), "state": line.state, "expected_by": line.expected_by,
                     "business_days_waited": line.business_days_waited,
                     "next_step": line.next_step})
    if args.json:
        _write_json(rows)
        return EXIT_OK
    if not records:
        print(_("No application has been recorded on this PC yet."))
        return EXIT_OK
    for row in rows:
        applied = format_day(date.fromisoformat(row["applied_at"]), lang) \
            if row["applied_at"] else "-"
        print(f"{row['id']}  {row['email']}  {row['name']}  "
              f"{row['organization_name'] or row['organization_code'] or ''}")
        print("    " + _("State: {state} (sent {applied})").format(
            state=_(timeline.STATE_TEXTS[row["state"]]), applied=applied))
        print("    " + _("Next: {step}").format(step=row["next_step"]["message"]))
    return EXIT_OK


def _check_invitation(args: argparse.Namespace) -> int:
    from kyoso_desktop.core.invitation.mailcheck import VERDICT_TEXTS, check_file
    from kyoso_desktop.core.common.settings import load_settings

    settings, _problem = load_settings()
    trusted = frozenset(a.lower() for a in [*args.trusted_authserv, *settings.trusted_authserv])
    results = [check_file(path, trusted_authserv=trusted, lang=i18n.get_language())
               for path in args.files]
    if args.json:
        _write_json([r.to_dict() for r in results])
    else:
        for result in results:
            print(f"{result.file}: {_(VERDICT_TEXTS[result.verdict])} ({result.verdict})")
            for reason in result.reasons:
                print(f"    - {reason.message}")
            if result.join_url:
                from kyoso_desktop.core.invitation.linkaid import text_chunks

                print("    " + _("Join link: {url}").format(url=result.join_url))
                print("    " + _("In groups of four, for typing:"))
                for line in text_chunks(result.join_url).splitlines():
                    print(f"      {line}")
    verdicts = {r.verdict for r in results}
    if "unreadable" in verdicts:
        return 4
    return EXIT_REJECTED if "suspicious" in verdicts else EXIT_OK


def _check_csv(parser: argparse.ArgumentParser, args: argparse.Namespace, check) -> int:
    from kyoso_desktop.core.eligibility.batch import BatchInputError, check_table, read_table, write_table

    try:
        data = sys.stdin.buffer.read() if args.csv == "-" else Path(args.csv).read_bytes()
    except OSError as exc:
        parser.error(_("cannot read {file}: {error}").format(file=args.csv,
                                                            error=exc.strerror or exc))
    try:
        table = read_table(data, args.column)
    except BatchInputError as exc:
        reasons = {
            "encoding": _("{file} is neither UTF-8 nor Shift_JIS text"),
            "empty": _("{file} contains no rows"),
            "column": _("{file} has no column {column}"),
        }
        parser.error(reasons[str(exc)].format(file=args.csv, column=args.column))
    results = check_table(table, check)
    if args.json:
        _write_json([r.to_dict() for r in results])
    else:
        text = write_table(table, results)
        if args.out and args.out != "-":
            try:
                Path(args.out).write_text(text, encoding="utf-8-sig", newline="")
            except OSError as exc:
                parser.error(_("cannot write {file}: {error}").format(
                    file=args.out, error=exc.strerror or exc))
            counts = {v: sum(r.verdict == v for r in results)
                      for v in ("accepted", "review", "rejected")}
            print(_("{total} addresses: {accepted} can be registered, {review} need a manual "
                    "check, {rejected} cannot. Written to {file}.").format(
                total=len(results), file=args.out, **counts), file=sys.stderr)
        else:
            sys.stdout.write(text)
    return EXIT_REJECTED if any(r.verdict == "rejected" for r in results) else EXIT_OK


def _write_json(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # lone surrogates (from undecodable command-line bytes) as JSON escapes: valid and lossless
    text = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n") if hasattr(sys.stdout, "buffer") \
        else sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _print_result(result, out: TextIO) -> None:
    from kyoso_desktop.core.eligibility.texts import ONLINE_TEXTS, VERDICT_TEXTS

    shown = result.address or result.input.strip()[:80]
    print(f"{VERDICT_MARKS[result.verdict]} {shown}", file=out)
    print("    " + _("Verdict: {verdict}").format(verdict=_(VERDICT_TEXTS[result.verdict])),
          file=out)
    if result.organization:
        org = result.organization
        where = " / ".join(x for x in (org.prefecture if org.prefecture != org.name else None,
                                       org.code) if x)
        print("    " + _("Organisation: {name}").format(
            name=f"{org.name} ({where})" if where else org.name), file=out)
    for note in result.reasons:
        print("    " + _("Reason: {text}").format(text=note.message), file=out)
    for note in result.warnings:
        print("    " + _("Note: {text}").format(text=note.message), file=out)
    for suggestion in result.suggestions:
        print("    " + _("Did you mean: {address}").format(address=suggestion), file=out)
    if result.online:
        print("    " + _("Internet mail: {outcome}").format(
            outcome=_(ONLINE_TEXTS[result.online])), file=out)


if __name__ == "__main__":
    main()
