"""Exit codes and output helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable

from kyoso_desktop.core.common.store import StoreProblem

EXIT_OK = 0
EXIT_REJECTED = 1  # check-email: an address cannot be registered; also "warning" / "suspicious"
EXIT_USAGE = 2
EXIT_FAILED = 3  # diagnose: Slack cannot be reached
EXIT_UNREADABLE = 4  # check-invitation: a file could not be checked
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def _json_text(data: object, indent: int | None = 2) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # lone surrogates (from undecodable command-line bytes) as JSON escapes: valid and lossless
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _write(text: str) -> None:
    """UTF-8 on standard output, whatever the console's encoding."""
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        sys.stdout.write(text)


def write_json(data: object) -> None:
    """One JSON document on standard output."""
    _write(_json_text(data) + "\n")
    sys.stdout.flush()


def write_json_array(items: Iterable[object]) -> None:
    """One JSON array, written an item at a time (a long list never sits in memory)."""
    _write("[")
    for number, item in enumerate(items):
        _write(("," if number else "") + "\n" + _json_text(item, indent=None))
    _write("\n]\n")
    sys.stdout.flush()


def add_out_argument(parser: argparse.ArgumentParser) -> None:
    """--out FILE: what the command prints goes to FILE in UTF-8 (PowerShell 5.1 decodes a
    pipe as CP932 and would garble Japanese; a file written here stays intact)."""
    from kyoso_desktop.core.common.i18n import _

    parser.add_argument("--out", metavar="FILE",
                        help=_("write the output (with --json: the JSON) to FILE in UTF-8 "
                               "instead of standard output"))


def configure_streams() -> None:
    """Characters the console cannot show become "?" instead of an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def tell_history_problem(problem: StoreProblem | None) -> None:
    """The application history could not be read: where it was kept (on standard error)."""
    if problem is not None:
        print(problem.message(), file=sys.stderr)

