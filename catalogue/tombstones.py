"""Permanent addresses that never silently break.

A published record that is withdrawn (returned to draft) or deleted leaves a ``Tombstone``:
its address answers 410 Gone and OAI-PMH reports it deleted. Publishing it again clears the
tombstone. A record whose reference code changes keeps its old code as a
``FormerReference``, and the old address redirects (301) to the new one.

Every path that withdraws, deletes, publishes or renames a record calls these functions.
"""

from collections.abc import Iterable

from django.db import transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.utils import timezone

from .models import FormerReference, Record, Status, Tombstone


def withdraw(records: Iterable[Record]) -> int:
    """Leave a tombstone for each published record among ``records``; returns how many.

    Call it before the records are returned to draft or deleted. A tombstone already there
    for the same code is replaced, so its date is the latest withdrawal.
    """
    now = timezone.now()
    stones = [
        Tombstone(
            reference_code=record.reference_code,
            title_en=record.title_en,
            title_ru=record.title_ru or "",
            withdrawn_at=now,
            collection_id=record.collection_id,
            kind=record.kind,
        )
        for record in records
        if record.status == Status.PUBLISHED
    ]
    with transaction.atomic():
        codes = [stone.reference_code for stone in stones]
        for start in range(0, len(codes), 2000):
            Tombstone.objects.filter(reference_code__in=codes[start : start + 2000]).delete()
        Tombstone.objects.bulk_create(stones, batch_size=500)
    return len(stones)


def clear(reference_codes: Iterable[str]) -> int:
    """Remove the tombstones of records published again; returns how many went."""
    codes = list(reference_codes)
    removed = 0
    for start in range(0, len(codes), 2000):
        removed += Tombstone.objects.filter(
            reference_code__in=codes[start : start + 2000]
        ).delete()[0]
    return removed


def renamed(record: Record, former_code: str, *, was_published: bool) -> None:
    """Record that ``record`` was known as ``former_code`` until now.

    The old address redirects to the new one; harvesters that hold the old identifier are
    told it is deleted (a tombstone), since OAI-PMH identifiers cannot move.
    """
    if not former_code or former_code == record.reference_code:
        return
    with transaction.atomic():
        FormerReference.objects.filter(reference_code=record.reference_code).delete()
        FormerReference.objects.update_or_create(
            reference_code=former_code,
            defaults={"record": record, "replaced_at": timezone.now()},
        )
        if was_published:
            withdraw([_as_published(record, former_code)])
        if record.status == Status.PUBLISHED:
            clear([record.reference_code])


def _as_published(record: Record, code: str) -> Record:
    stand_in = Record(
        reference_code=code,
        title_en=record.title_en,
        title_ru=record.title_ru,
        collection_id=record.collection_id,
        kind=record.kind,
        status=Status.PUBLISHED,
    )
    return stand_in


def lookup(reference: str) -> tuple[Record | None, Tombstone | None]:
    """What a code that names no published record stands for: the published record it was
    renamed to, or the tombstone it left, or neither. The pages and the API both ask here."""
    former = (
        FormerReference.objects.filter(reference_code=reference, record__status=Status.PUBLISHED)
        .select_related("record")
        .first()
    )
    if former is not None:
        return former.record, None
    return None, Tombstone.objects.filter(reference_code=reference).first()


def answer(request, reference: str) -> HttpResponse | None:
    """The answer at the address of a record that is not published: 301, 410, or None (404).

    A former code redirects to the record's current address while that record is public.
    """
    renamed_to, stone = lookup(reference)
    if renamed_to is not None:
        return HttpResponsePermanentRedirect(renamed_to.get_absolute_url())
    if stone is None:
        return None
    content = render_to_string(
        "catalogue/tombstone_detail.html", {"tombstone": stone}, request=request
    )
    return HttpResponse(content, status=410)
