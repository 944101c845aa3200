"""Dates in the user's language (Babel), with optional Japanese era (和暦) display."""

from __future__ import annotations

from datetime import date, timedelta

# The Babel locale behind each interface language (the bundle keeps only their locale data).
BABEL_LOCALES: dict[str, str] = {"ja": "ja_JP", "en": "en_GB"}

# Start dates of the modern eras. Meiji is given from its proclamation (1868-10-23); dates
# before the solar calendar (1873) are not expected in this app.
ERAS: tuple[tuple[date, str, str], ...] = (
    (date(2019, 5, 1), "令和", "Reiwa"),
    (date(1989, 1, 8), "平成", "Heisei"),
    (date(1926, 12, 25), "昭和", "Showa"),
    (date(1912, 7, 30), "大正", "Taisho"),
    (date(1868, 10, 23), "明治", "Meiji"),
)


def era_year(day: date) -> tuple[str, int]:
    """(era name, year of the era) for a date, e.g. 2019-05-01 → ("令和", 1)."""
    for start, name, _romaji in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before the Meiji era")


def format_wareki(day: date) -> str:
    """令和元年5月1日, 令和8年11月29日 (the first year is written 元年)."""
    name, year = era_year(day)
    return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def format_day(day: date, lang: str, *, japanese_era: bool = False) -> str:
    """A date for display: Babel's long format in the language; 和暦 in Japanese on request."""
    if lang == "ja" and japanese_era:
        return format_wareki(day)
    from babel.dates import format_date

    return format_date(day, "long", locale=BABEL_LOCALES.get(lang, BABEL_LOCALES["en"]))


# dates an application can plausibly carry: the platform did not exist before 2020, and nothing
# is applied for more than a year ahead. Outside this range a date is treated as unknown.
FIRST_PLAUSIBLE = date(2020, 1, 1)
LAST_PLAUSIBLE = date(2099, 12, 31)


def plausible(day: date, today: date | None = None) -> bool:
    """Within the plausible range (and, with `today`, not more than a year ahead of it)."""
    last = min(LAST_PLAUSIBLE, (today or LAST_PLAUSIBLE - timedelta(days=366))
               + timedelta(days=366))
    return FIRST_PLAUSIBLE <= day <= last


def day_of(text: str | None) -> date | None:
    """A stored ISO date, or None when it is missing, malformed or implausible (a file edited
    by hand or by a bug never stops the app, and keeps its text)."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return None
    return day if FIRST_PLAUSIBLE <= day <= LAST_PLAUSIBLE else None
