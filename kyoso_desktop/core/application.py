"""Application records kept on this PC (history of applications to the platform)."""

from __future__ import annotations

from dataclasses import dataclass

from kyoso_desktop.core.store import DocumentStore, StoreProblem, data_dir

FORMAT = 1
DOCUMENT = "applications"


@dataclass(frozen=True)
class ApplicationRecord:
    """One application made from this PC."""

    id: str
    created_at: str
    applied_at: str | None
    email: str
    organization_code: str | None
    name: str
    state: str


def load_applications(store: DocumentStore | None = None) -> tuple[
    list[ApplicationRecord], StoreProblem | None
]:
    """Every application record on this PC; malformed entries are skipped."""
    data, problem = (store or DocumentStore(data_dir())).load(DOCUMENT, FORMAT)
    records: list[ApplicationRecord] = []
    for item in (data or {}).get("applications", []):
        if not isinstance(item, dict) or not isinstance(item.get("email"), str):
            continue
        records.append(
            ApplicationRecord(
                id=str(item.get("id", "")),
                created_at=str(item.get("created_at", "")),
                applied_at=item.get("applied_at") if isinstance(item.get("applied_at"), str)
                else None,
                email=item["email"],
                organization_code=item.get("organization_code")
                if isinstance(item.get("organization_code"), str) else None,
                name=str(item.get("name", "")),
                state=str(item.get("state", "draft")),
            )
        )
    return records, problem
