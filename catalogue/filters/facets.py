"""The facet counts beside the records list, and where each comes from.

- The unfiltered list and every list narrowed by one facet value (one kind, subject,
  person, organization, collection or language): exact counts read from the counts table
  (``catalogue.facet_counts``), which every write keeps current. No grouping at all.
- Any other list (two filters or more, a date range, a search, "only with images"): each
  facet groups its matching records when there are at most ``EXACT_UP_TO`` of them, which
  is exact; past that it groups a sample of ``EXACT_UP_TO`` of them and scales the counts by
  the number of matches, and the page says "about" before each. A reader never waits on
  grouping the whole collection.
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
# Up to this many matching records, a combined filter's facets are counted exactly.
EXACT_UP_TO = 5000


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    active: bool
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


def _sample_size(base: QuerySet) -> RawSQL:
    """How many records ``base`` (a sliced sample) holds, as a column of a grouped query:
    the subquery does not depend on the row, so the database runs it once."""
    try:
        sql, params = base.query.get_compiler(base.db).as_sql()
    except EmptyResultSet:
        return Value(0, output_field=IntegerField())
    return RawSQL(f"SELECT COUNT(*) FROM ({sql}) sample", params, output_field=IntegerField())


def _kind_rows(base: QuerySet):
    labels = dict(RecordKind.choices)
    rows = (
        Record.objects.filter(pk__in=base)
        .values("kind")
        .annotate(n=Count("pk"), sampled=_sample_size(base))
        .order_by("-n", "kind")
    )
    for row in rows:
        label = in_every_language(labels.get(row["kind"], row["kind"]))
        yield row["kind"], label, row["n"], row["sampled"]


def _grouped_rows(model, key: str, prefix: str, text: str, record_field: str = "record"):
    def rows_for(base: QuerySet):
        rows = (
            model.objects.filter(**{f"{record_field}__in": base})
            .values(f"{prefix}__{key}", f"{prefix}__{text}_en", f"{prefix}__{text}_ru")
            .annotate(n=Count(record_field, distinct=True), sampled=_sample_size(base))
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
    counted = {"total": found["total"], "estimated": False}
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


def by_grouping(filtered, sample: int | None = None, total=None) -> dict:
    """Each facet's counts over the published records matching every other filter.

    ``filtered(queryset, without=name)`` applies the list's filters but one. Each facet
    groups at most ``sample`` (``EXACT_UP_TO``) + 1 records in one query that also says how
    many it took: no more than ``sample``, the counts are exact; more, they are scaled by
    the number of matches, ``total(base)`` (by default one count more; a search passes its
    bounded estimate), and marked as estimates.
    """
    sample = sample or EXACT_UP_TO
    counted = {"total": None, "estimated": False}
    for name, _label, rows_for in FACETS:
        base = filtered(Record.objects.published(), without=name).order_by().values("pk")
        rows = list(rows_for(base[: sample + 1]))
        if not rows or rows[0][3] <= sample:
            counted[name] = [(value, labels, count) for value, labels, count, _size in rows]
            continue
        scale = (total(base) if total else base.count()) / rows[0][3]
        counted[name] = [
            (value, labels, _about(count * scale)) for value, labels, count, _size in rows
        ]
        counted["estimated"], counted["sample"] = True, sample
    return counted


def _about(estimate: float) -> int:
    """An estimate rounded as it is meant: to tens past a hundred, never below one."""
    return max(1, int(round(estimate, -1 if estimate >= 100 else 0)))
