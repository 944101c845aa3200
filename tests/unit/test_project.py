"""The README's test command is what CI runs; the policy file carries its version."""

from __future__ import annotations

import re
from pathlib import Path

from kyoso_desktop.core.common.policy import default_policy

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_policy_is_versioned_and_complete():
    policy = default_policy()
    assert policy.version
    assert policy.secretariat_email == "co-creation-platform@digital.go.jp"
    assert policy.invitation_delay_business_days == 3
    assert {"docomo.ne.jp", "gmail.com", "i.softbank.jp"} <= policy.free_mail_domains
