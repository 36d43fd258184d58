"""One crosswalk from a record to Dublin Core, for OAI-PMH and every other machine surface.

``dublin_core(records, address)`` describes a queryset of records in a fixed number of
queries, whatever its size: ``{pk: [(element, value, language), ...]}``, ``language`` being a
BCP 47 code for ``xml:lang`` or ``None``. ``address(reference_code)`` gives a record's
absolute permanent address. It reads plain rows, not model instances: a harvest describes
100,000 records, and building objects for them and their people and subjects would cost
most of its time.
"""

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation

from .models import (
    OrganizationRole,
    PersonRole,
    Record,
    RecordKind,
    RecordOrganization,
    RecordPerson,
    RecordRelation,
    Status,
)

LANGUAGES = ("en", "ru")
# The record fields the crosswalk reads; ``rows`` passed to ``describe`` carry at least these.
FIELDS = (
    "pk",
    "reference_code",
    "kind",
    "title_en",
    "title_ru",
    "original_title",
    "original_language__code",
    "description_en",
    "description_ru",
    "date",
    "extent_en",
    "extent_ru",
)
# Element and role for a person's or body's part in a record; parts not listed are left out.
PERSON_ELEMENTS = {
    PersonRole.AUTHOR: "creator",
    PersonRole.SPEAKER: "creator",
    PersonRole.ADDRESSEE: "contributor",
    PersonRole.SUBJECT: "subject",
}
BODY_ELEMENTS = {
    OrganizationRole.ISSUER: "creator",
    OrganizationRole.AUTHOR: "creator",
    OrganizationRole.ADDRESSEE: "contributor",
    OrganizationRole.PUBLISHER: "publisher",
    OrganizationRole.SUBJECT: "subject",
}
# The DCMI Type Vocabulary term for each kind: a photograph is an image, the rest are text.
DCMI_TYPE = {kind: "Text" for kind in RecordKind.values} | {RecordKind.PHOTOGRAPH: "StillImage"}

Triple = tuple[str, str, str | None]


@functools.cache
def _labels(choices: type, value: str) -> dict[str, str]:
    """A choice's label in each interface language (translated once per process)."""
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(choices(value).label)
    return labels


def _both(row: dict, field: str, element: str = "") -> list[Triple]:
    """``(element, value, language)`` for each language of a translated field that is filled."""
    return [
        (element or field, row[f"{field}_{language}"], language)
        for language in LANGUAGES
        if (row[f"{field}_{language}"] or "").strip()
    ]


def _agents(links: Iterable[tuple], elements: dict, choices: type) -> list[Triple]:
    triples = []
    for role, name_en, name_ru in links:
        element = elements.get(role)
        if element is None:
            continue
        for name, language in ((name_en, "en"), (name_ru, "ru")):
            if name:
                label = _labels(choices, role)[language]
                triples.append(
                    (element, name if element == "subject" else f"{name} ({label})", language)
                )
    return triples


def _related(pks: list[int]) -> dict[str, dict[int, list]]:
    """What each record links to, six queries for any number of records."""
    related: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    queries = {
        "languages": Record.languages.through.objects.filter(record_id__in=pks)
        .order_by("language__code")
        .values_list("record_id", "language__code"),
        "subjects": Record.subjects.through.objects.filter(record_id__in=pks)
        .order_by("subject__label_en")
        .values_list("record_id", "subject__label_en", "subject__label_ru"),
        "sources": Record.sources.through.objects.filter(record_id__in=pks)
        .order_by("source__key")
        .values_list(
            "record_id",
            "source__key",
            "source__title",
            "source__author",
            "source__date",
            "source__url",
        ),
        "people": RecordPerson.objects.filter(record_id__in=pks)
        .order_by("role", "person__name_en")
        .values_list("record_id", "role", "person__name_en", "person__name_ru"),
        "bodies": RecordOrganization.objects.filter(record_id__in=pks)
        .order_by("role", "organization__name_en")
        .values_list("record_id", "role", "organization__name_en", "organization__name_ru"),
        # Narrowed to published records here, not in SQL: a filter on the join makes SQLite
        # scan every record by status.
        "relations": RecordRelation.objects.filter(subject_id__in=pks)
        .order_by("object__reference_code")
        .values_list("subject_id", "object__reference_code", "object__status"),
    }
    for name, query in queries.items():
        for record_id, *values in query:
            related[name][record_id].append(values)
    return related


def _source(key, title, author, date, url) -> str:
    return ", ".join([f"[{key}]", title, *(part for part in (author, date, url) if part)])


def describe(rows: list[dict], address: Callable[[str], str]) -> dict[int, list[Triple]]:
    """Dublin Core for ``rows`` (dicts with ``FIELDS``), in six queries for any number."""
    if not rows:
        return {}
    related = _related([row["pk"] for row in rows])
    return {row["pk"]: _triples(row, related, address) for row in rows}


def _triples(row: dict, related, address) -> list[Triple]:
    pk = row["pk"]
    triples = _both(row, "title")
    original = ("title", row["original_title"], row["original_language__code"])
    # The Russian title of a Russian original is often the original title itself: once.
    if row["original_title"] and original not in triples:
        triples.append(original)
    triples += _agents(related["people"][pk], PERSON_ELEMENTS, PersonRole)
    triples += _agents(related["bodies"][pk], BODY_ELEMENTS, OrganizationRole)
    for label_en, label_ru in related["subjects"][pk]:
        triples += [
            ("subject", label, lang)
            for label, lang in ((label_en, "en"), (label_ru, "ru"))
            if label
        ]
    triples += _both(row, "description")
    if row["date"]:
        triples.append(("date", row["date"], None))
    triples.append(("type", DCMI_TYPE[row["kind"]], None))
    triples += [("type", label, lang) for lang, label in _labels(RecordKind, row["kind"]).items()]
    triples += _both(row, "extent", "format")
    triples.append(("identifier", address(row["reference_code"]), None))
    triples += [("language", code, None) for (code,) in related["languages"][pk]]
    triples += [
        ("relation", address(code), None)
        for code, status in related["relations"][pk]
        if status == Status.PUBLISHED
    ]
    triples += [("source", _source(*source), None) for source in related["sources"][pk]]
    if settings.CATALOGUE_RIGHTS:
        triples.append(("rights", settings.CATALOGUE_RIGHTS, None))
    return triples


def dublin_core(records, address: Callable[[str], str]) -> dict[int, list[Triple]]:
    """Dublin Core for each record of the queryset ``records``, by primary key."""
    return describe(list(records.values(*FIELDS)), address)
