"""全国地方公共団体コード: the organisation code and its check digit."""

from __future__ import annotations

import re

CODE_WEIGHTS = (6, 5, 4, 3, 2)
CODE_PATTERN = re.compile(r"\d{6}")


def is_valid_lg_code(code: str) -> bool:
    """5 digits plus a check digit (weights 6..2, modulus 11)."""
    if not CODE_PATTERN.fullmatch(code):
        return False
    total = sum(int(d) * w for d, w in zip(code[:5], CODE_WEIGHTS, strict=True))
    return int(code[5]) == (11 - total % 11) % 10
