"""The facet counts beside the records list, and where each comes from.

- The unfiltered list and every list narrowed by one facet value (one kind, subject,
  person, organization, collection or language): exact counts read from the counts table
  (``catalogue.facet_counts``), which every write keeps current. No grouping at all.
- Any other list (two filters or more, a date range, "only with images"): the
  list's total and each facet are counted over at most ``EXACT_UP_TO`` + 1 matching
  records. Up to ``EXACT_UP_TO`` matches, that is every match and the counts are exact.
  Past it, the counts are those of the first ``EXACT_UP_TO`` matches, shown as "at least",
  and the exact counts are made after the response (``count_exactly``; see
  ``RecordFilterSet.counted``). A reader never waits on grouping the whole collection.
- A search: each facet groups the search's first matches (``by_sampling``); past the
  search's bound they are scaled by its estimated count and shown as "about"
  (``catalogue.search.bounded``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, IntegerField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .. import facet_counts
from ..models import (
    Collection,
    Language,
    Organization,
    Person,
    Record,
    RecordKind,
    RecordOrganization,
    RecordPerson,
    Subject,
)

FACET_LIMIT = 25
# Up to this many matching records, a combined filter is counted exactly as the page is
# made (grouping them for six facets costs about 15 ms at 1,000); past it, after.
EXACT_UP_TO = 1000


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    active: bool
    at_least: bool = False
    estimated: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def in_every_language(label) -> dict[str, str]:
    """A translatable label in each interface language: the counts are cached for all of them."""
    translated = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translated[code] = str(label)
    return translated


def _sample_size(base: QuerySet, limited: bool = True) -> RawSQL | Value:
    """How many records ``base`` (a sliced sample) holds, as a column of a grouped query:
    the subquery does not depend on the row, so the database runs it once. Not asked for
    when the grouping is not limited (an exact count)."""
    if not limited:
        return Value(0, output_field=IntegerField())
    try:
        sql, params = base.query.get_compiler(base.db).as_sql()
    except EmptyResultSet:
        return Value(0, output_field=IntegerField())
    return RawSQL(f"SELECT COUNT(*) FROM ({sql}) sample", params, output_field=IntegerField())


def _kind_rows(base: QuerySet, limited: bool = True):
    labels = dict(RecordKind.choices)
    rows = (
        Record.objects.filter(pk__in=base)
        .values("kind")
        .annotate(n=Count("pk"), sampled=_sample_size(base, limited))
        .order_by("-n", "kind")
    )
    for row in rows:
        label = in_every_language(labels.get(row["kind"], row["kind"]))
        yield row["kind"], label, row["n"], row["sampled"]


def _grouped_rows(model, key: str, prefix: str, text: str, record_field: str = "record"):
    def rows_for(base: QuerySet, limited: bool = True):
        rows = (
            model.objects.filter(**{f"{record_field}__in": base})
            .values(f"{prefix}__{key}", f"{prefix}__{text}_en", f"{prefix}__{text}_ru")
            .annotate(n=Count(record_field, distinct=True), sampled=_sample_size(base, limited))
            .order_by("-n", f"{prefix}__{text}_en")[:FACET_LIMIT]
        )
        for row in rows:
            labels = {"en": row[f"{prefix}__{text}_en"], "ru": row[f"{prefix}__{text}_ru"]}
            yield row[f"{prefix}__{key}"], labels, row["n"], row["sampled"]

    return rows_for


FACETS = [
    ("kind", _("Kind"), _kind_rows),
    ("subject", _("Subject"), _grouped_rows(Record.subjects.through, "slug", "subject", "label")),
    ("person", _("Person"), _grouped_rows(RecordPerson, "slug", "person", "name")),
    (
        "organization",
        _("Organization"),
        _grouped_rows(RecordOrganization, "slug", "organization", "name"),
    ),
    (
        "collection",
        _("Collection"),
        _grouped_rows(Record, "slug", "collection", "title", record_field="pk"),
    ),
    (
        "language",
        _("Language"),
        _grouped_rows(Record.languages.through, "code", "language", "name"),
    ),
]

# How a table value (a primary key) becomes the value in the address and its labels.
LABELLED = {
    "subject": (Subject, "slug", "label"),
    "person": (Person, "slug", "name"),
    "organization": (Organization, "slug", "name"),
    "collection": (Collection, "slug", "title"),
    "language": (Language, "code", "name"),
}


def from_table(filter_facet: str = "", filter_pk: str = "") -> dict:
    """The counts of the unfiltered or a single-filter list, from the counts table.

    One query for the counts, one per facet with values for their labels.
    """
    found = facet_counts.largest(filter_facet, filter_pk, FACET_LIMIT)
    counted = {"total": found["total"], "more": False, "partial": []}
    kinds = dict(RecordKind.choices)
    for name, _label, _rows_for in FACETS:
        rows = found[name]
        if name == "kind":
            counted[name] = [
                (value, in_every_language(kinds.get(value, value)), count) for value, count in rows
            ]
            continue
        model, key, text = LABELLED[name]
        labels = {
            str(row["pk"]): row
            for row in model.objects.filter(pk__in=[value for value, _count in rows]).values(
                "pk", key, f"{text}_en", f"{text}_ru"
            )
        }
        counted[name] = sorted(
            (
                (
                    labels[value][key],
                    {"en": labels[value][f"{text}_en"], "ru": labels[value][f"{text}_ru"]},
                    count,
                )
                for value, count in rows
                if value in labels
            ),
            key=lambda row: (-row[2], row[1]["en"] or ""),
        )
    return counted


def first_matches(filtered, limit: int) -> int:
    """How many records the list has, counting no further than ``limit`` + 1 (one query
    over at most that many keys, from an index where the filters have one)."""
    return filtered(Record.objects.published()).order_by().values("pk")[: limit + 1].count()


def by_grouping(filtered, limit: int | None = None, total: int | None = None) -> dict:
    """The list's total and each facet's counts over the records matching the other filters.

    ``filtered(queryset, without=name)`` applies the list's filters but one. With a
    ``limit``, each facet counts at most ``limit`` + 1 records, in one query that also says
    how many it took: no more than ``limit``, the counts are exact; more, they are those of
    the first matches ("at least") and the facet is named in ``partial``. ``total`` is
    ``first_matches()`` when the caller has it; past ``limit``, ``more`` is true. Without a
    limit, everything is counted exactly: what ``count_exactly`` does after a response.
    """
    if limit is None:
        total = filtered(Record.objects.published()).order_by().values("pk").count()
        more = False
    else:
        total = first_matches(filtered, limit) if total is None else total
        total, more = min(total, limit), total > limit
    counted = {"total": total, "more": more, "partial": []}
    first = {}
    for name, _label, rows_for in FACETS:
        base = filtered(Record.objects.published(), without=name).order_by().values("pk")
        if limit is None:
            rows = list(rows_for(base, limited=False))
        else:
            rows = list(rows_for(_first_keys(base, limit, first)))
            if rows and rows[0][3] > limit:
                counted["partial"].append(name)
        counted[name] = [(value, labels, count) for value, labels, count, _size in rows]
    return counted


def by_sampling(filtered, sample: int, total) -> dict:
    """A search's facet counts over the published records matching every other filter.

    ``filtered(queryset, without=name)`` applies the list's filters but one. Each facet
    groups at most ``sample`` + 1 records in one query that also says how
    many it took: no more than ``sample``, the counts are exact; more, they are scaled by
    the number of matches, ``total(base)`` (the search's bounded estimate), and marked as
    estimates ("about").
    """
    counted = {"total": None, "estimated": False, "more": False, "partial": []}
    first = {}
    for name, _label, rows_for in FACETS:
        base = filtered(Record.objects.published(), without=name).order_by().values("pk")
        rows = list(rows_for(_first_keys(base, sample, first)))
        if not rows or rows[0][3] <= sample:
            counted[name] = [(value, labels, count) for value, labels, count, _size in rows]
            continue
        scale = total(base) / rows[0][3]
        counted[name] = [
            (value, labels, _about(count * scale)) for value, labels, count, _size in rows
        ]
        counted["estimated"], counted["sample"] = True, sample
    return counted


def _about(estimate: float) -> int:
    """An estimate rounded as it is meant: to tens past a hundred, never below one."""
    return max(1, int(round(estimate, -1 if estimate >= 100 else 0)))


def _first_keys(base: QuerySet, limit: int, read: dict) -> QuerySet:
    """The first ``limit`` + 1 records of ``base``, as a list of keys read once for every
    facet whose other filters are the same (a search alone: one read for the six facets),
    so that each facet groups those keys rather than finding the matches again."""
    try:
        statement = str(base.query)
    except EmptyResultSet:
        return base[: limit + 1]
    if statement not in read:
        read[statement] = list(base.values_list("pk", flat=True)[: limit + 1])
    return Record.objects.filter(pk__in=read[statement]).order_by().values("pk")
