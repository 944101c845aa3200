"""Application records kept on this PC (a history), and the wizard's draft."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from kyoso_desktop.core.common.notes import Note
from kyoso_desktop.core.common.store import DocumentStore, StoreProblem, data_dir

if TYPE_CHECKING:
    from datetime import date, datetime

    from kyoso_desktop.core.registration.flow import Draft

FORMAT = 1
LOCK_FILE = "applications.lock"
DOCUMENT = "applications"
DRAFT_DOCUMENT = "draft"


@dataclass(frozen=True)
class InvitationRecord:
    """What is remembered of the invitation mail found for an application (the mail check's
    result; stored as the check's JSON object)."""

    file: str
    verdict: str
    sender: str | None = None
    subject: str | None = None
    received_at: str | None = None
    workspace: str | None = None
    join_url: str | None = None
    reasons: tuple[Note, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"reasons": [asdict(r) for r in self.reasons]}

    @classmethod
    def from_dict(cls, data: object) -> InvitationRecord | None:
        """Tolerant: None when not an object; wrongly typed fields become None/empty."""
        if not isinstance(data, dict):
            return None

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        reasons = data.get("reasons")
        notes = tuple(Note(r["code"], r["message"]) for r in reasons
                      if isinstance(r, dict) and isinstance(r.get("code"), str)
                      and isinstance(r.get("message"), str)) if isinstance(reasons, list) else ()
        return cls(file=text("file") or "", verdict=text("verdict") or "unreadable",
                   sender=text("sender"), subject=text("subject"),
                   received_at=text("received_at"), workspace=text("workspace"),
                   join_url=text("join_url"), reasons=notes)


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
    organization_name: str = ""
    department: str = ""
    invitation_received_at: str | None = None
    invitation: InvitationRecord | None = None  # the invitation mail found, as checked
    joined_at: str | None = None
    withdrawn_at: str | None = None
    agency_id: str | None = None  # a government agency (which has no organisation code)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["invitation"] = self.invitation.to_dict() if self.invitation else None
        return data


class ApplicationStore:
    """The history of applications and the draft, in the user's data folder."""

    _lock = threading.Lock()  # drafts are saved from worker threads
    LOCK_TIMEOUT = 10.0

    def __init__(self, store: DocumentStore | None = None) -> None:
        self.store = store or DocumentStore(data_dir())
        self.generation = 0  # bumped when the draft is discarded; older saves are dropped

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Read-modify-write by one thread of one process at a time: two windows, or a window
        and `kyoso status`, never lose each other's changes (filelock, Unlicense)."""
        from filelock import FileLock

        self.store.directory.mkdir(parents=True, exist_ok=True)
        with self._lock, FileLock(self.store.directory / LOCK_FILE, timeout=self.LOCK_TIMEOUT):
            yield

    # -- records -----------------------------------------------------------------------------
    def records(self) -> tuple[list[ApplicationRecord], StoreProblem | None]:
        """Every record, oldest first; malformed entries are skipped."""
        data, problem = self.store.load(DOCUMENT, FORMAT)
        items = (data or {}).get("applications", [])
        if not isinstance(items, list):
            problem = self.store.set_aside(DOCUMENT, "'applications' is not a list")
            items = []
        records = [r for r in map(_record_from, items) if r]
        return records, problem

    def add(self, draft: Draft, applied_on: date, *, email: str, organization_name: str,
            now: datetime | None = None) -> ApplicationRecord:
        """Record a submitted application (state `applied`) and forget the draft."""
        import uuid

        code, agency = draft.organization_code.strip(), draft.eligibility == "agency"
        with self._exclusive():
            document, items = self._document()
            record = ApplicationRecord(
                id=uuid.uuid4().hex[:12],
                created_at=(now or _now()).isoformat(timespec="seconds"),
                applied_at=applied_on.isoformat(),
                email=email,
                # a government agency has no 全国地方公共団体コード: its id is kept apart
                organization_code=None if agency else code or None,
                agency_id=code or None if agency else None,
                name=draft.full_name,
                state="applied",
                organization_name=organization_name,
                department=draft.department.strip(),
            )
            self.store.save(DOCUMENT, {**document, "format": FORMAT,
                                       "applications": [*items, record.to_dict()]})
            self.generation += 1
            self.store.path(DRAFT_DOCUMENT).unlink(missing_ok=True)
        return record

    def update(self, record: ApplicationRecord) -> ApplicationRecord:
        """Replace the record with the same id (after a transition)."""
        with self._exclusive():
            document, items = self._document()
            matches = [i for i, item in enumerate(items)
                       if isinstance(item, dict) and item.get("id") == record.id]
            if not matches:
                raise KeyError(record.id)
            # fields this version does not know stay as they were
            items[matches[0]] = {**items[matches[0]], **record.to_dict()}
            self.store.save(DOCUMENT, {**document, "format": FORMAT, "applications": items})
        return record

    def _document(self) -> tuple[dict[str, Any], list[Any]]:
        """The stored document and its entries as they are (unknown fields and entries this
        version cannot use are written back unchanged: nothing is lost)."""
        self.records()  # a document of the wrong shape is set aside first
        data, _problem = self.store.load(DOCUMENT, FORMAT)
        items = (data or {}).get("applications", [])
        return dict(data or {}), list(items) if isinstance(items, list) else []

    def find(self, record_id: str) -> ApplicationRecord | None:
        """The record whose id is `record_id` (or starts with it, if only one does)."""
        records, _problem = self.records()
        exact = [r for r in records if r.id == record_id]
        prefixed = [r for r in records if record_id and r.id.startswith(record_id)]
        if exact:
            return exact[0]
        return prefixed[0] if len(prefixed) == 1 else None

    # -- draft -------------------------------------------------------------------------------
    def load_draft(self) -> tuple[Draft | None, StoreProblem | None]:
        from kyoso_desktop.core.registration.flow import Draft

        data, problem = self.store.load(DRAFT_DOCUMENT, FORMAT)
        if not data or not isinstance(data.get("draft"), dict):
            return None, problem
        return Draft.from_dict(data["draft"]), problem

    def invalidate_pending_saves(self) -> None:
        """Saves of the draft started before now are dropped (the user's data was removed)."""
        with self._lock:
            self.generation += 1

    def save_draft(self, draft: Draft, generation: int | None = None) -> bool:
        """Save the draft, unless it was discarded since `generation` was read."""
        with self._exclusive():
            if generation is not None and generation != self.generation:
                return False
            self.store.save(DRAFT_DOCUMENT, {"format": FORMAT, "draft": draft.to_dict()})
            return True

    def clear_draft(self) -> None:
        with self._exclusive():
            self.generation += 1
            self.store.path(DRAFT_DOCUMENT).unlink(missing_ok=True)


def _now() -> datetime:
    from datetime import datetime  # not needed at start-up (the draft is read then)

    return datetime.now()


def _organization_ids(code: str | None, agency_id: str | None) -> dict[str, str | None]:
    """Records of earlier versions kept an agency's id as its organisation code."""
    from kyoso_desktop.core.common.codes import is_valid_lg_code

    if code and not is_valid_lg_code(code) and agency_id is None:
        return {"organization_code": None, "agency_id": code}
    return {"organization_code": code, "agency_id": agency_id}


def _record_from(item: object) -> ApplicationRecord | None:
    if not isinstance(item, dict) or not isinstance(item.get("email"), str):
        return None

    def text(key: str) -> str | None:
        value = item.get(key)
        return value if isinstance(value, str) else None

    return ApplicationRecord(
        id=text("id") or "",
        created_at=text("created_at") or "",
        applied_at=text("applied_at"),
        email=item["email"],
        name=text("name") or "",
        state=text("state") or "applied",
        organization_name=text("organization_name") or "",
        department=text("department") or "",
        invitation_received_at=text("invitation_received_at"),
        invitation=InvitationRecord.from_dict(item.get("invitation")),
        joined_at=text("joined_at"),
        withdrawn_at=text("withdrawn_at"),
        **_organization_ids(text("organization_code"), text("agency_id")),
    )


def load_applications(store: DocumentStore | None = None) -> tuple[
    list[ApplicationRecord], StoreProblem | None
]:
    """Every application record on this PC."""
    return ApplicationStore(store).records()
