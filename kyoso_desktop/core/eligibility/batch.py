"""Batch checking from CSV, for helpdesks: read addresses from a column, write verdicts beside."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.eligibility.engine import EmailCheck

ADDRESS_HEADERS = ("email", "e-mail", "mail", "mail address", "email address", "address",
                   "メールアドレス", "メール", "アドレス", "電子メール")
RESULT_COLUMNS = ("verdict", "category", "address", "organization_code", "organization_name",
                  "reasons", "warnings", "suggestions", "online")


class BatchInputError(KyosoError, ValueError):
    """The CSV cannot be used; `code` says why (encoding, empty, column, quote,
    no_address_column) and `values` what the caller needs to word it."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code, code)
        self.values = values


@dataclass(frozen=True)
class CsvTable:
    header: list[str] | None
    rows: list[list[str]]
    column: int


ENCODINGS = {"auto": ("utf-8-sig", "cp932"), "utf-8": ("utf-8-sig",), "cp932": ("cp932",),
             "shift_jis": ("cp932",)}  # Excel's "Shift_JIS" is Windows' CP932


def decode_csv(data: bytes, encoding: str = "auto") -> str:
    """UTF-8 (with or without BOM), else Shift_JIS/CP932 as Japanese Excel writes it; or the
    one encoding asked for."""
    for candidate in ENCODINGS[encoding]:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise BatchInputError("encoding")


MAX_FIELD = 4096  # an address cell is short; a longer one is not a roster


def read_table(data: bytes, column: str | None, encoding: str = "auto") -> CsvTable:
    """Parse a CSV and find the address column (by name, 1-based number, or guessed).

    A quote left open (which would swallow the rows after it), an oversized cell, or no column
    with addresses is a BatchInputError naming the line or the columns found."""
    reader = csv.reader(io.StringIO(decode_csv(data, encoding), newline=""))
    rows: list[list[str]] = []
    first_line = 1  # where the row being read starts: an open quote is reported there
    try:
        for row in reader:
            if any("\n" in cell or "\r" in cell or len(cell) > MAX_FIELD for cell in row):
                raise BatchInputError("quote", line=first_line)
            if row:
                rows.append(row)
            first_line = reader.line_num + 1
    except csv.Error as exc:
        raise BatchInputError("quote", line=first_line) from exc
    if not rows:
        raise BatchInputError("empty")
    has_header = not any("@" in cell or "＠" in cell for cell in rows[0])
    header = rows[0] if has_header else None
    body = rows[1:] if has_header else rows
    if column is not None:
        if column.isdigit() and 1 <= int(column) <= max(len(r) for r in rows):
            index = int(column) - 1
        elif header and column.strip().lower() in [h.strip().lower() for h in header]:
            index = [h.strip().lower() for h in header].index(column.strip().lower())
        else:
            raise BatchInputError("column")
    elif header:
        lowered = [h.strip().lower() for h in header]
        index = next((lowered.index(h) for h in ADDRESS_HEADERS if h in lowered), -1)
        if index < 0:  # no known name: the column that holds addresses, if one does
            index = next((i for i in range(len(header)) if any(
                "@" in r[i] or "＠" in r[i] for r in body if i < len(r))), -1)
        if index < 0:
            raise BatchInputError("no_address_column", columns=", ".join(header))
    else:
        index = 0
    return CsvTable(header, body, index)


def check_table(table: CsvTable, check: Callable[[str], EmailCheck]) -> list[EmailCheck]:
    """Check the address cell of every row (a missing cell counts as empty input)."""
    return [check(row[table.column] if table.column < len(row) else "") for row in table.rows]


def write_table(table: CsvTable, results: Iterable[EmailCheck]) -> str:
    """The input table with the result columns appended."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if table.header is not None:
        writer.writerow([*table.header, *RESULT_COLUMNS])
    for row, result in zip(table.rows, results, strict=True):
        org = result.organization
        writer.writerow([
            *row,
            result.verdict,
            result.category,
            result.address or "",
            org.code or "" if org else "",
            org.name if org else "",
            " / ".join(f"{n.code}: {n.message}" for n in result.reasons),
            " / ".join(f"{n.code}: {n.message}" for n in result.warnings),
            " ".join(result.suggestions),
            result.online or "",
        ])
    return out.getvalue()
