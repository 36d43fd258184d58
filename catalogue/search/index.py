"""Keeping the search documents in step with the catalogue.

``reindex(kind, pks)`` rewrites the documents of some objects (and removes those whose
object is gone); ``rebuild()`` rewrites them all. Both work in batches with bulk queries, so
publishing ten thousand records costs a few dozen queries, not ten thousand.
"""

from collections.abc import Callable, Iterable

from django.db import connections, router, transaction

from .. import changes
from ..models import DocumentKind, Person, Record, SearchDocument
from . import documents

BATCH_SIZE = 2000
CONTENT_FIELDS = ["public", "title", "variants", "body"]


def _batches(pks: list, size: int = BATCH_SIZE):
    for start in range(0, len(pks), size):
        yield pks[start : start + size]


def reindex(kind: str, pks: Iterable[int]) -> int:
    """Rewrite the documents of the ``kind`` objects with these primary keys."""
    pks = sorted(set(pks))
    written = 0
    with transaction.atomic(using=router.db_for_write(SearchDocument)):
        for batch in _batches(pks):
            written += _write_batch(kind, batch)
    return written


def _write_batch(kind: str, batch: list[int]) -> int:
    """Bring one batch's documents in step, rewriting only those whose words changed.

    Unchanged documents keep their rows, so reloading the same data leaves the index as it was.
    """
    link = f"{kind}_id"
    existing = {
        getattr(document, link): document
        for document in SearchDocument.objects.filter(**{f"{link}__in": batch})
    }
    created, changed = [], []
    for document in documents.build(kind, batch):
        current = existing.pop(getattr(document, link), None)
        if current is None:
            created.append(document)
        elif any(getattr(current, field) != getattr(document, field) for field in CONTENT_FIELDS):
            for field in CONTENT_FIELDS:
                setattr(current, field, getattr(document, field))
            changed.append(current)
    if existing:
        SearchDocument.objects.filter(pk__in=[doc.pk for doc in existing.values()]).delete()
    SearchDocument.objects.bulk_create(created, batch_size=500)
    SearchDocument.objects.bulk_update(changed, CONTENT_FIELDS, batch_size=500)
    if created or changed or existing:
        # What a search finds has changed: cached search results are keyed on the marker.
        changes.bump()
    return len(created) + len(changed)


def reindex_records(pks: Iterable[int]) -> int:
    return reindex(DocumentKind.RECORD, pks)


def reindex_person(person: Person, names_changed: bool = True) -> None:
    """Rewrite a person's document and, if their names changed, those of their records."""
    reindex(DocumentKind.PERSON, [person.pk])
    if names_changed:
        records = Record.objects.filter(people__person=person).values_list("pk", flat=True)
        reindex_records(records.distinct())


def person_terms(person_pk: int) -> tuple[str, str] | None:
    """The name words a person's document holds now (to tell whether a save changed them)."""
    return (
        SearchDocument.objects.filter(person_id=person_pk).values_list("title", "variants").first()
    )


def rebuild(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Rewrite every document; returns how many of each kind were written."""
    counts = {}
    database = router.db_for_write(SearchDocument)
    with transaction.atomic(using=database):
        SearchDocument.objects.all().delete()
        for kind in documents.BUILDERS:
            pks = documents.all_pks(kind)
            counts[kind] = 0
            for batch in _batches(pks):
                built = documents.build(kind, batch)
                SearchDocument.objects.bulk_create(built, batch_size=500)
                counts[kind] += len(built)
                if progress:
                    progress(kind, counts[kind], len(pks))
    optimize(database)
    return counts


def optimize(database: str = "default") -> None:
    """Merge the FTS5 index segments after a bulk load (SQLite; a no-op elsewhere)."""
    connection = connections[database]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO catalogue_searchdocument_fts(catalogue_searchdocument_fts) "
                "VALUES ('optimize')"
            )


def set_records_public(pks: Iterable[int], public: bool) -> None:
    """Show or hide the documents of records just published or unpublished in bulk.

    Only the flag changes (the words are the same); records without a document get one.
    """
    pks = list(pks)
    with transaction.atomic(using=router.db_for_write(SearchDocument)):
        missing = []
        for batch in _batches(pks):
            documents_ = SearchDocument.objects.filter(record_id__in=batch)
            documents_.update(public=public)
            found = set(documents_.values_list("record_id", flat=True))
            missing.extend(pk for pk in batch if pk not in found)
        if missing:
            reindex_records(missing)
