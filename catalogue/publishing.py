"""Publishing, withdrawing and deleting records: the one path every entry point takes.

The admin's action and change form, the import, the history's revert and recovery, and the
shell all publish through ``publish()`` and withdraw through ``unpublish()``. Each checks
readiness (``missing_for_publication``: the ISAD(G) essentials and image alt text), sets or
clears ``published_at``, moves ``updated_at`` and the change marker, keeps the facet counts
and the search index in step and writes one revision of the history. ``delete_records()`` is where a
record leaves the catalogue altogether.

    from catalogue import publishing
    publishing.publish(Record.objects.filter(reference_code="CPSU20-REP-001"), user=curator)
"""

import dataclasses
from collections.abc import Iterable

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import changes, history, tombstones
from .images import service as images
from .models import Record, Status
from .search.index import set_records_public

ESSENTIAL_FIELDS = {
    "reference_code": gettext_lazy("reference code"),
    "title_en": gettext_lazy("English title"),
    "date": gettext_lazy("date"),
    "level": gettext_lazy("level of description"),
}
# Bounded IN lists: SQLite refuses more than 32,766 parameters in one statement.
BATCH_SIZE = 2000


def missing_for_publication(record: Record, images=None) -> list[str]:
    """Name what ``record`` lacks to be published; empty when it may be published.

    An unknown date or extent is stated, not guessed: an empty date passes with a note on the
    date saying why, and an extent the sources do not give is written as such.

    Reads ``record.images`` (one query unless prefetched) when ``images`` is not given.
    """
    missing = [str(label) for name, label in ESSENTIAL_FIELDS.items() if not getattr(record, name)]
    if not record.date and (record.date_note_en or record.date_note_ru or "").strip():
        # "Unknown" is a value: an undated record whose note says why it has no date (the
        # sources do not date it) may be published; a date left empty without a word may not.
        missing.remove(str(ESSENTIAL_FIELDS["date"]))
    if not (record.extent_en or record.extent_ru):
        missing.append(_("extent"))
    if images is None:
        images = record.images.all() if record.pk else []
    for image in images:
        if not (image.alt_text_en or "").strip():
            missing.append(_("alt text on image %(file)s") % {"file": image.file.name})
    return missing


def describe(refused: dict[str, list[str]]) -> str:
    """``refused`` (reference code: what it lacks) as one sentence per record."""
    return " ".join(
        _("%(record)s cannot be published without: %(missing)s.")
        % {"record": code, "missing": ", ".join(missing)}
        for code, missing in refused.items()
    )


class NotReady(Exception):
    """Records that may not be published, by reference code, each with what it lacks."""

    def __init__(self, refused: dict[str, list[str]]):
        self.refused = refused
        super().__init__(describe(refused))


@dataclasses.dataclass
class Outcome:
    """What a call changed: the records whose status moved, and those refused."""

    changed: list[Record]
    refused: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.changed)


def _records(records) -> list[Record]:
    """The records of a queryset or an iterable of records, read afresh from the database
    with their images (two queries per batch): instances passed in are not changed."""
    if hasattr(records, "values_list"):
        pks = list(records.order_by().values_list("pk", flat=True))
    else:
        pks = [record.pk for record in records]
    found = []
    for start in range(0, len(pks), BATCH_SIZE):
        batch = Record.objects.filter(pk__in=pks[start : start + BATCH_SIZE])
        found.extend(batch.prefetch_related("images").order_by("reference_code"))
    return found


def refusals(records: Iterable[Record]) -> dict[str, list[str]]:
    """The records among ``records`` that may not be published, with what each lacks."""
    refused = {}
    for record in records:
        missing = missing_for_publication(record)
        if missing:
            refused[record.reference_code] = missing
    return refused


def publish(records, *, user, partial: bool = False) -> Outcome:
    """Make ``records`` (a queryset or records) published, in one revision signed by ``user``.

    Every record must be ready, the drafts and those already published alike (a revert may
    have changed a published one). When one is not, ``NotReady`` names each and what it
    lacks and nothing changes; with ``partial=True`` the ready drafts are published and the
    others are named in ``Outcome.refused``. Records already published keep their
    ``published_at``; only drafts count as changed.
    """
    with transaction.atomic():
        found = _records(records)
        refused = refusals(found)
        if refused and not partial:
            raise NotReady(refused)
        drafts = [
            record
            for record in found
            if record.status == Status.DRAFT and record.reference_code not in refused
        ]
        _set_status(drafts, user, Status.PUBLISHED)
        tombstones.clear(record.reference_code for record in drafts)
        images.publish_files([record.pk for record in drafts])
    return Outcome(drafts, refused)


def unpublish(records, *, user) -> Outcome:
    """Withdraw the published records among ``records`` to draft, in one revision.

    The one place a published record stops being public: its tombstone is written here, so
    that its address answers 410 Gone and harvesters are told it is deleted.
    """
    with transaction.atomic():
        published = [record for record in _records(records) if record.is_published]
        tombstones.withdraw(published)
        _set_status(published, user, Status.DRAFT)
        images.withdraw_files([record.pk for record in published])
    return Outcome(published)


def delete_records(records, *, user) -> int:
    """Delete ``records`` after saving their state in the history (so they can be recovered).

    The one place a record leaves the catalogue: the tombstone of a published record is
    written here. Returns how many records were deleted.
    """
    with transaction.atomic():
        found = _records(records)
        tombstones.withdraw(found)
        if len(found) == 1:
            history.delete(found[0], user)
        elif found:
            history.delete_all(Record.objects.filter(pk__in=[record.pk for record in found]), user)
    return len(found)


def _set_status(records: list[Record], user, status: str) -> None:
    if not records:
        return
    now = timezone.now()
    published_at = now if status == Status.PUBLISHED else None
    pks = [record.pk for record in records]
    for start in range(0, len(pks), BATCH_SIZE):
        Record.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(
            status=status, published_at=published_at, updated_at=now
        )
    for record in records:
        record.status, record.published_at, record.updated_at = status, published_at, now
    # update() sends no signals: the search index and the facet counts are told here.
    set_records_public(pks, public=status == Status.PUBLISHED)
    changes.records_changed(pks)
    if reversion.is_active():
        # Inside a revision already open (the admin's change form): the records join it, so
        # that its one revision keeps them as they end up.
        for record in records:
            reversion.add_to_revision(record)
        return
    comment = _("Published") if status == Status.PUBLISHED else _("Unpublished")
    history.save_revision(Record, records, user, comment)
