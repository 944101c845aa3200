"""Exit codes and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import re
import sys

from kyoso_desktop.core.common.store import StoreProblem

EXIT_OK = 0
EXIT_REJECTED = 1  # check-email: an address cannot be registered; also "warning" / "suspicious"
EXIT_USAGE = 2
EXIT_FAILED = 3  # diagnose: Slack cannot be reached
EXIT_UNREADABLE = 4  # check-invitation: a file could not be checked
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def write_json(data: object) -> None:
    """One JSON document on standard output, UTF-8 whatever the console's encoding."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # lone surrogates (from undecodable command-line bytes) as JSON escapes: valid and lossless
    text = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    else:
        sys.stdout.write(text + "\n")
    sys.stdout.flush()


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
