"""Engine throughput against email-validator's syntax check alone, side by side in one run.

    python benchmarks/bench_engine.py [N]     (default 50,000 addresses; goal: ratio ≤ 1.5)
"""

from __future__ import annotations

import contextlib
import random
import sys
import time

from email_validator import EmailNotValidError, validate_email

from kyoso_desktop.core.eligibility.engine import EligibilityEngine

DOMAINS = [
    "city.hakodate.lg.jp", "pref.hokkaido.lg.jp", "city.tokyo-nakano.lg.jp", "mhlw.go.jp",
    "xx.mlit.go.jp", "city.yokohama.jp", "city.minato.tokyo.jp", "e-rumoi.jp", "gmail.com",
    "docomo.ne.jp", "example.co.jp", "city.hakodate.lg.jo", "evil-lg.jp", "town.mori.lg.jp",
    "shinsei-xx.lg.jp", "example.tokyo.jp", "city.hakodata.lg.jp", "pref.kanagawa.jp",
]
LOCALS = ["taro", "hanako.yamada", "soumu", "joho-ka", "t-suzuki", "info", "k.sato2"]


def corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    items = []
    for i in range(n):
        local = f"{rng.choice(LOCALS)}{i % 997}"
        domain = rng.choice(DOMAINS)
        text = f"{local}@{domain}"
        if i % 10 == 0:
            text = f"  {text.upper()} "
        items.append(text)
    return items


def syntax_only(addresses: list[str]) -> None:
    for address in addresses:
        with contextlib.suppress(EmailNotValidError):
            validate_email(address.strip(), check_deliverability=False)


def full_engine(addresses: list[str], engine: EligibilityEngine) -> None:
    for address in addresses:
        engine.check(address, lang="ja")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    addresses = corpus(n)
    engine = EligibilityEngine()
    engine.check("warm@up.lg.jp")  # load the directory outside the timing
    rounds = []
    for _ in range(3):  # alternate, take the best of each
        t0 = time.perf_counter()
        syntax_only(addresses)
        t1 = time.perf_counter()
        full_engine(addresses, engine)
        t2 = time.perf_counter()
        rounds.append((t1 - t0, t2 - t1))
    baseline = min(r[0] for r in rounds)
    full = min(r[1] for r in rounds)
    print(f"{n} addresses: email-validator alone {baseline:.3f} s, full engine {full:.3f} s")
    print(f"ratio full/baseline: {full / baseline:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
