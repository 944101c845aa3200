"""Hostile mails are answered quickly: patterns on untrusted text run in linear time, and what
is scanned per part is capped. Each case runs in its own process with a deadline (a regression
hangs that process, not the test run); times are recorded by benchmarks/bench_mail.py."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import mailcorpus as corpus

DEADLINE = 20  # seconds for the whole process, start-up included (the old code took 33-60 s)


CASES = ["dashes_after_slack", "twenty_thousand_urls", "forward_with_blank_lines",
         "forged_authentication_results", "one_tag_with_many_attributes"]


def make(case: str) -> bytes:
    base = corpus.invitation().decode("utf-8", "replace")
    if case == "dashes_after_slack":
        return f"Subject: slack\r\nFrom: a@b.jp\r\n\r\nslack {'-' * 40_000}".encode()
    if case == "twenty_thousand_urls":
        urls = " ".join(f"https://e{n}.example.jp/{n}" for n in range(20_000))
        return f"Subject: slack\r\nFrom: a@b.jp\r\n\r\n{urls}".encode()
    if case == "forward_with_blank_lines":
        return ("Subject: Fwd: invitation\r\nFrom: a@b.lg.jp\r\n\r\n-----Forwarded message\r\n"
                + "\r\n" * 100_000 + "slack From: x@y\r\n").encode()
    if case == "forged_authentication_results":
        forged = "dkim=pass header.x=y " * 50_000
        return base.replace("Authentication-Results: ",
                            f"Authentication-Results: mx.city.example.lg.jp; {forged}\r\n"
                            "X-Old: ", 1).encode()
    return ("Subject: slack\r\nFrom: a@b.jp\r\nContent-Type: text/html\r\n\r\n<a "
            + "x=1 " * 2_000_000 + ">join</a>").encode()


# peak memory of the check itself (tracemalloc): the process's high-water mark would include
# what a forked child inherits from a big parent (pytest with Qt loaded)
CHECK = ("import sys, time, tracemalloc; from kyoso_desktop.core.invitation.mailcheck import "
         "check_file; tracemalloc.start(); started = time.monotonic(); "
         "r = check_file(sys.argv[1], trusted_authserv=frozenset({'mx.city.example.lg.jp'})); "
         "peak = tracemalloc.get_traced_memory()[1] // 2**20; "
         "print(r.verdict, round(time.monotonic() - started, 2), peak)")


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_mail_is_answered_in_bounded_time_and_memory(case, tmp_path):
    mail = tmp_path / f"{case}.eml"
    mail.write_bytes(make(case))
    run = subprocess.run([sys.executable, "-c", CHECK, str(mail)], capture_output=True,
                         text=True, timeout=DEADLINE)
    assert run.returncode == 0, run.stderr
    verdict, _seconds, peak_mb = run.stdout.split()
    assert verdict in ("genuine", "likely_genuine", "sanitized", "suspicious", "not_invitation",
                       "unreadable")
    assert int(peak_mb) < 200, f"{case}: {peak_mb} MB"  # the goal: ≤ 200 MB
