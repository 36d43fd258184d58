"""What the repository holds for harvesters: published records and tombstones, as items.

A list is one ordered stream of records (source 0) and tombstones (source 1) by
``(datestamp, source, id)``, read by keyset from the position a token carries: two queries
for the batch (and the prefetches of the records' metadata), never an OFFSET.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from .. import crosswalk
from ..models import Collection, Record, RecordKind, Tombstone
from .protocol import BATCH_SIZE, Window

RECORD, DELETED = 0, 1
KIND_SET = "kind"


@dataclass
class Item:
    reference_code: str
    datestamp: datetime.datetime
    source: int
    pk: int
    set_specs: list[str]
    row: dict | None = None  # a record's fields for the crosswalk; None when deleted

    @property
    def deleted(self) -> bool:
        return self.source == DELETED

    @property
    def position(self) -> tuple[datetime.datetime, int, int]:
        return (self.datestamp, self.source, self.pk)


class Sets:
    """Every set: one per collection, nested by ``:`` as the arrangement is, and one per kind.

    Built from one query on the collections.
    """

    def __init__(self):
        units = list(Collection.objects.order_by().values("pk", "slug", "parent_id", "title_en"))
        by_pk = {unit["pk"]: unit for unit in units}
        self.paths: dict[int, str] = {}
        self.names: dict[str, str] = {}
        self.children: dict[int, list[int]] = {}
        for unit in units:
            chain, seen, current = [], set(), unit
            while current is not None and current["pk"] not in seen:
                chain.insert(0, current["slug"])
                seen.add(current["pk"])
                current = by_pk.get(current["parent_id"])
            self.paths[unit["pk"]] = ":".join(chain)
            self.children.setdefault(unit["parent_id"], []).append(unit["pk"])
        self.by_path = {path: pk for pk, path in self.paths.items()}
        self.titles = {unit["pk"]: unit["title_en"] for unit in units}

    def listing(self) -> list[tuple[str, str]]:
        """``(setSpec, setName)`` for every set, collections by their path, then the kinds."""
        sets = sorted((path, self.titles[pk]) for pk, path in self.paths.items())
        sets.append((KIND_SET, "Kinds of record"))
        sets += [(f"{KIND_SET}:{kind.value}", str(kind.label)) for kind in RecordKind]
        return sets

    def of(self, collection_id: int | None, kind: str) -> list[str]:
        specs = [self.paths[collection_id]] if collection_id in self.paths else []
        return specs + ([f"{KIND_SET}:{kind}"] if kind else [])

    def condition(self, spec: str) -> models.Q | None:
        """The filter of a set on records and tombstones alike; None if there is no such set."""
        if spec == "":
            return models.Q()
        if spec == KIND_SET:
            return models.Q(kind__in=RecordKind.values)
        if spec.startswith(f"{KIND_SET}:") and spec[len(KIND_SET) + 1 :] in RecordKind.values:
            return models.Q(kind=spec[len(KIND_SET) + 1 :])
        if spec not in self.by_path:
            return None
        units, pending = [], [self.by_path[spec]]
        while pending:
            unit = pending.pop()
            units.append(unit)
            pending += self.children.get(unit, [])
        return models.Q(collection_id__in=units)


def _after(queryset, field: str, position, source: int):
    """Narrow ``queryset`` to what comes after ``position`` in (datestamp, source, id)."""
    if position is None:
        return queryset
    moment, last_source, pk = position
    if source > last_source:
        return queryset.filter(**{f"{field}__gte": moment})
    if source < last_source:
        return queryset.filter(**{f"{field}__gt": moment})
    return queryset.filter(**{f"{field}__gte": moment}).exclude(**{field: moment, "pk__lte": pk})


def _in_window(queryset, field: str, window: Window, condition: models.Q):
    queryset = queryset.filter(condition, **{f"{field}__lt": window.before})
    if window.start is not None:
        queryset = queryset.filter(**{f"{field}__gte": window.start})
    return queryset


HEADER_FIELDS = ("pk", "reference_code", "updated_at", "collection_id", "kind")


def _rows(records, with_metadata: bool):
    """Records as rows: a harvest reads 100,000 of them, objects would cost most of its time."""
    if with_metadata:
        return records.values(*dict.fromkeys(HEADER_FIELDS + crosswalk.FIELDS))
    return records.values(*HEADER_FIELDS)


def _records(window: Window, condition):
    return _in_window(Record.objects.published(), "updated_at", window, condition)


def _tombstones(window: Window, condition):
    # A record published again under the same code is live, whichever path brought it back.
    live = Record.objects.published().filter(reference_code=models.OuterRef("reference_code"))
    stones = Tombstone.objects.exclude(models.Exists(live))
    return _in_window(stones, "withdrawn_at", window, condition)


def count(window: Window, condition) -> int:
    """How many items the whole list holds (two queries, at the first request only)."""
    return _records(window, condition).count() + _tombstones(window, condition).count()


def batch(window: Window, sets: Sets, condition, with_metadata: bool) -> tuple[list[Item], bool]:
    """The next items of the list after the window's position, and whether more follow."""
    limit = BATCH_SIZE + 1
    records = _rows(
        _after(_records(window, condition), "updated_at", window.position, RECORD).order_by(
            "updated_at", "pk"
        ),
        with_metadata,
    )[:limit]
    stones = (
        _after(_tombstones(window, condition), "withdrawn_at", window.position, DELETED)
        .only("pk", "reference_code", "withdrawn_at", "collection_id", "kind")
        .order_by("withdrawn_at", "pk")[:limit]
    )
    items = [_record_item(record, sets) for record in records]
    items += [_tombstone_item(stone, sets) for stone in stones]
    items.sort(key=lambda item: item.position)
    return items[:BATCH_SIZE], len(items) > BATCH_SIZE


def _record_item(row: dict, sets: Sets) -> Item:
    return Item(
        reference_code=row["reference_code"],
        datestamp=row["updated_at"],
        source=RECORD,
        pk=row["pk"],
        set_specs=sets.of(row["collection_id"], row["kind"]),
        row=row,
    )


def _tombstone_item(stone: Tombstone, sets: Sets) -> Item:
    return Item(
        reference_code=stone.reference_code,
        datestamp=stone.withdrawn_at,
        source=DELETED,
        pk=stone.pk,
        set_specs=sets.of(stone.collection_id, stone.kind),
    )


def item(reference_code: str, sets: Sets, with_metadata: bool) -> Item | None:
    """The published record or the tombstone with this reference code, if there is one."""
    records = Record.objects.published().filter(reference_code=reference_code)
    row = _rows(records, with_metadata).first()
    if row is not None:
        return _record_item(row, sets)
    stone = Tombstone.objects.filter(reference_code=reference_code).first()
    return _tombstone_item(stone, sets) if stone is not None else None


def earliest() -> datetime.datetime:
    """The earliest datestamp of any item; now when the repository is empty."""
    moments = [
        Record.objects.published().aggregate(first=models.Min("updated_at"))["first"],
        Tombstone.objects.aggregate(first=models.Min("withdrawn_at"))["first"],
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else timezone.now()
