"""Exact facet counts of the public records list, kept current by every write.

``FacetCount`` holds, for the unfiltered list and for each single-filter list (one kind,
subject, person, organization, collection or language), how many published records carry
each value of every other facet, and how many records the list has ("total"). A write calls
``refresh(pks)`` (through ``catalogue.changes``) in its own transaction: what the records
counted for before (``RecordFacet``) is taken back and what they count for now is added, as
one upsert per changed count. ``rebuild()`` (the ``rebuild_facet_counts`` command) recounts
everything from the records.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection, models

from .models import FacetCount, Record, RecordFacet, RecordOrganization, RecordPerson, Status

FACET_NAMES = ("kind", "subject", "person", "organization", "collection", "language")
TOTAL = "total"
# Past this many records in one write, recounting everything costs less than the deltas.
REBUILD_ABOVE = 20000
BATCH_SIZE = 2000


def _chunks(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def memberships(pks: Iterable[int]) -> dict[int, set[tuple[str, str]]]:
    """The facet values each published record among ``pks`` counts under (five queries a batch)."""
    found: dict[int, set[tuple[str, str]]] = {}
    for batch in _chunks(sorted(set(pks))):
        published = Record.objects.filter(pk__in=batch, status=Status.PUBLISHED)
        for pk, kind, collection in published.values_list("pk", "kind", "collection_id"):
            found[pk] = {("kind", kind), ("collection", str(collection))}
        links = [
            ("subject", Record.subjects.through.objects, "subject_id"),
            ("language", Record.languages.through.objects, "language_id"),
            ("person", RecordPerson.objects, "person_id"),
            ("organization", RecordOrganization.objects, "organization_id"),
        ]
        for facet, manager, column in links:
            rows = manager.filter(record_id__in=list(found.keys() & set(batch)))
            for record, value in rows.values_list("record_id", column).distinct():
                found[record].add((facet, str(value)))
    return found


def contributions(values: set[tuple[str, str]]) -> Counter:
    """The counts one published record adds to: every list it is in, every value it has."""
    added: Counter = Counter()
    if not values:
        return added
    added[("", "", TOTAL, "")] += 1
    for facet, value in values:
        added[("", "", facet, value)] += 1
        added[(facet, value, TOTAL, "")] += 1
        for other, other_value in values:
            if other != facet:
                added[(facet, value, other, other_value)] += 1
    return added


def refresh(pks: Iterable[int]) -> None:
    """Bring the counts in step with the records ``pks`` as they are now (or deleted)."""
    pks = sorted(set(pks))
    if not pks:
        return
    if len(pks) > REBUILD_ABOVE:
        rebuild()
        return
    before: dict[int, set] = defaultdict(set)
    for batch in _chunks(pks):
        rows = RecordFacet.objects.filter(record_id__in=batch).values_list(
            "record_id", "facet", "value"
        )
        for record, facet, value in rows:
            before[record].add((facet, value))
    after = memberships(pks)
    delta: Counter = Counter()
    changed = [pk for pk in pks if before.get(pk, set()) != after.get(pk, set())]
    for pk in changed:
        delta.update(contributions(after.get(pk, set())))
        delta.subtract(contributions(before.get(pk, set())))
    for batch in _chunks(changed):
        RecordFacet.objects.filter(record_id__in=batch).delete()
    RecordFacet.objects.bulk_create(
        [
            RecordFacet(record_id=pk, facet=facet, value=value)
            for pk in changed
            for facet, value in sorted(after.get(pk, set()))
        ],
        batch_size=500,
    )
    _add([(*key, amount) for key, amount in delta.items() if amount])


def _add(rows: list[tuple]) -> None:
    """Add each row's amount to its count, creating the count if it is new (one upsert)."""
    if not rows:
        return
    table = connection.ops.quote_name(FacetCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (filter_facet, filter_value, facet, value, {_COUNT}) "
        "VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (filter_facet, filter_value, facet, value) "
        f"DO UPDATE SET {_COUNT} = {table}.{_COUNT} + excluded.{_COUNT}"
    )
    with connection.cursor() as cursor:
        for batch in _chunks(rows, 500):
            cursor.executemany(sql, batch)


_COUNT = '"count"'


def rebuild() -> int:
    """Recount every facet of every published record from the records; returns the rows."""
    quote = connection.ops.quote_name
    facet_table, count_table = quote(RecordFacet._meta.db_table), quote(FacetCount._meta.db_table)
    record = quote(Record._meta.db_table)
    links = [
        ("subject", Record.subjects.through, "subject_id"),
        ("language", Record.languages.through, "language_id"),
        ("person", RecordPerson, "person_id"),
        ("organization", RecordOrganization, "organization_id"),
    ]
    selects = [
        f"SELECT id, 'kind', kind FROM {record} WHERE status = %s",
        f"SELECT id, 'collection', CAST(collection_id AS TEXT) FROM {record} WHERE status = %s",
    ]
    for facet, model, column in links:
        selects.append(
            f"SELECT DISTINCT link.record_id, '{facet}', CAST(link.{column} AS TEXT) "
            f"FROM {quote(model._meta.db_table)} link JOIN {record} r ON r.id = link.record_id "
            "WHERE r.status = %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {facet_table}")
        cursor.execute(f"DELETE FROM {count_table}")
        cursor.execute(
            f"INSERT INTO {facet_table} (record_id, facet, value) " + " UNION ALL ".join(selects),
            [Status.PUBLISHED] * len(selects),
        )
        insert = f"INSERT INTO {count_table} (filter_facet, filter_value, facet, value, {_COUNT}) "
        cursor.execute(
            insert + f"SELECT '', '', '{TOTAL}', '', COUNT(*) FROM {facet_table} "
            "WHERE facet = 'kind' "
            "UNION ALL "
            f"SELECT '', '', facet, value, COUNT(*) FROM {facet_table} GROUP BY facet, value "
            "UNION ALL "
            f"SELECT facet, value, '{TOTAL}', '', COUNT(*) FROM {facet_table} "
            "GROUP BY facet, value"
        )
        cursor.execute(
            insert + "SELECT a.facet, a.value, b.facet, b.value, COUNT(*) "
            f"FROM {facet_table} a JOIN {facet_table} b "
            "ON b.record_id = a.record_id AND b.facet <> a.facet "
            "GROUP BY a.facet, a.value, b.facet, b.value"
        )
    return FacetCount.objects.count()


def largest(filter_facet: str = "", filter_value: str = "", limit: int = 25) -> dict[str, list]:
    """The ``limit`` largest counts of each facet in the list filtered by one value (or none),
    and its total, in one query: ``{facet: [(value, count), ...], "total": n}``.

    A facet's own counts ignore the filter on itself, as the list's facets do.
    """
    condition = models.Q(filter_facet="", filter_value="", facet=TOTAL)
    if filter_facet:
        condition = models.Q(filter_facet=filter_facet, filter_value=filter_value) & ~models.Q(
            facet=filter_facet
        ) | models.Q(filter_facet="", filter_value="", facet=filter_facet)
    else:
        condition |= models.Q(filter_facet="", filter_value="")
    ranked = (
        FacetCount.objects.filter(condition, count__gt=0)
        .annotate(
            rank=models.Window(
                models.functions.RowNumber(),
                partition_by=[models.F("facet")],
                order_by=[models.F("count").desc(), models.F("value").asc()],
            )
        )
        .filter(rank__lte=limit)
        .values_list("facet", "value", "count")
    )
    found: dict = {name: [] for name in FACET_NAMES}
    found[TOTAL] = 0
    for facet, value, count in ranked:
        if facet == TOTAL:
            found[TOTAL] = count
        else:
            found[facet].append((value, count))
    return found
