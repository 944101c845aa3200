"""`kyoso check-email`: may these addresses register? One by one, or a CSV for helpdesks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kyoso_desktop.cli.output import (
    EXIT_OK,
    EXIT_REJECTED,
    tell_history_problem,
    write_json,
    write_json_array,
)
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _
from kyoso_desktop.core.common.oserrors import error_text

if TYPE_CHECKING:  # the engine loads only when addresses are checked
    from kyoso_desktop.core.eligibility.batch import CsvTable
    from kyoso_desktop.core.eligibility.engine import EmailCheck

VERDICT_MARKS = {"accepted": "[OK]", "review": "[??]", "rejected": "[NG]"}


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
    check.add_argument("--encoding", choices=("auto", "utf-8", "cp932", "shift_jis"),
                       default="auto",
                       help=_("encoding of the CSV: auto (UTF-8 with or without BOM, else "
                              "Shift_JIS as Excel saves it), utf-8, cp932 or shift_jis; the "
                              "result is written as UTF-8 with BOM, which Excel opens"))
    check.add_argument("--out", metavar="FILE",
                       help=_("with --csv: write the CSV with results to FILE; otherwise "
                              "write the output (with --json: the JSON) to FILE in UTF-8 "
                              "(- or omitted: standard output)"))
    check.add_argument("--dns-server", metavar="ADDR[:PORT]",
                       help=_("DNS server for the online check (default: the OS resolver)"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.common.codes import is_valid_lg_code
    from kyoso_desktop.core.common.settings import load_settings, parse_dns_server
    from kyoso_desktop.core.eligibility.directory import default_directory
    from kyoso_desktop.core.eligibility.engine import EligibilityEngine, PriorUse
    from kyoso_desktop.core.registration.records import load_applications

    if args.csv and args.addresses:
        parser.error(_("give either addresses or --csv, not both"))
    if not args.csv and not args.addresses:
        parser.error(_("give at least one address, or --csv FILE"))
    if args.column and not args.csv:
        parser.error(_("--column needs --csv"))
    if args.dns_server:
        try:
            parse_dns_server(args.dns_server)
        except ValueError:
            parser.error(_("--dns-server {server}: not an address").format(
                server=args.dns_server))
    directory = default_directory()
    settings, _problem = load_settings()
    org = args.org or settings.organization_code  # IT may set the body's code
    if org and not (is_valid_lg_code(org) or directory.by_code(org)):
        parser.error(_("--org {code}: not a valid 全国地方公共団体コード (6 digits with check "
                       "digit) nor a known agency id").format(code=org))
    online = None
    if not (args.offline or settings.offline):
        from kyoso_desktop.core.eligibility.online import MailDomainChecker

        # the IT-set server was validated where the managed file is read
        online = MailDomainChecker(args.dns_server or settings.dns_server)
    records, problem = load_applications()
    tell_history_problem(problem)
    previous = [PriorUse(r.email, r.applied_at or r.created_at) for r in records]
    engine = EligibilityEngine(directory)

    def check(raw: str) -> EmailCheck:
        return engine.check(raw, lang=i18n.get_language(), org_code=org, previous=previous,
                            online=online)

    if args.csv:
        return _check_csv(parser, args, check)
    results = [check(raw) for raw in args.addresses]
    if args.json:
        write_json([r.to_dict() for r in results])
    else:
        for result in results:
            print_result(result, sys.stdout)
    return EXIT_REJECTED if any(r.verdict == "rejected" for r in results) else EXIT_OK


def _check_csv(parser: argparse.ArgumentParser, args: argparse.Namespace,
               check: Callable[[str], EmailCheck]) -> int:
    from kyoso_desktop.core.eligibility.batch import (
        BatchInputError,
        check_table,
        read_table,
        write_table,
    )

    try:
        data = sys.stdin.buffer.read() if args.csv == "-" else Path(args.csv).read_bytes()
    except OSError as exc:
        parser.error(_("cannot read {file}: {error}").format(
            file=args.csv, error=error_text(exc, i18n.get_language())))
    try:
        table = read_table(data, args.column, args.encoding)
    except BatchInputError as exc:
        reasons = {
            "encoding": _("{file} is neither UTF-8 nor Shift_JIS text"),
            "empty": _("{file} contains no rows"),
            "column": _("{file} has no column {column}"),
            "quote": _("{file}, line {line}: a quotation mark is not closed, or a cell is far "
                       "too long; nothing was checked. Fix the line and try again"),
            "no_address_column": _("{file} has no column with addresses (columns: {columns}); "
                                   "name it with --column"),
        }
        parser.error(reasons[exc.code].format(file=args.csv, column=args.column,
                                              **exc.values))
    if args.json:  # streamed: a large roster never sits in memory as JSON
        return _stream_json(table, check)
    results = check_table(table, check)
    if args.out and args.out != "-":
        try:
            Path(args.out).write_text(write_table(table, results), encoding="utf-8-sig",
                                      newline="")
        except OSError as exc:
            parser.error(_("cannot write {file}: {error}").format(
                file=args.out, error=error_text(exc, i18n.get_language())))
        counts = {v: sum(r.verdict == v for r in results)
                  for v in ("accepted", "review", "rejected")}
        print(_("{total} addresses: {accepted} can be registered, {review} need a manual "
                "check, {rejected} cannot. Written to {file}.").format(
            total=len(results), file=args.out, **counts), file=sys.stderr)
    else:
        sys.stdout.write(write_table(table, results))
    return EXIT_REJECTED if any(r.verdict == "rejected" for r in results) else EXIT_OK


def _stream_json(table: CsvTable, check: Callable[[str], EmailCheck]) -> int:
    """One JSON array, written an object at a time."""
    rejected = False

    def results() -> Iterator[dict[str, object]]:
        nonlocal rejected
        for row in table.rows:
            result = check(row[table.column] if table.column < len(row) else "")
            rejected = rejected or result.verdict == "rejected"
            yield result.to_dict()

    write_json_array(results())
    return EXIT_REJECTED if rejected else EXIT_OK


def print_result(result: EmailCheck, out: TextIO) -> None:
    """One result as lines of text in the user's language."""
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
