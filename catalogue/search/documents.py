"""What each kind of object contributes to its search document.

Each builder takes primary keys and returns unsaved documents, reading rows as values (no
model instances) in a fixed number of queries per batch. Romanizations are added for the
Cyrillic words of names and titles, not of descriptions: a Latin query finds a Cyrillic
name, and a Cyrillic query is itself romanized (``terms.alternatives``) to find Latin text.
"""

import functools
from collections.abc import Iterable

from ..models import (
    DocumentKind,
    Event,
    Organization,
    Person,
    PersonName,
    Record,
    RecordPerson,
    SearchDocument,
    Status,
)
from ..text import fold
from .romanize import forms
from .terms import WORD


# Texts are taken apart at white space and each piece is looked up once: a catalogue
# repeats its words, and no word spans white space, so the result is the same.
@functools.lru_cache(maxsize=100_000)
def _folded_words(piece: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(piece)))


@functools.lru_cache(maxsize=100_000)
def _romanized_words(piece: str) -> tuple[str, ...]:
    return tuple(form for word in WORD.findall(piece.lower()) for form in forms(word))


def words(*texts: str | None) -> list[str]:
    """The folded words of ``texts``, in order."""
    return [
        word for text in texts if text for piece in text.split() for word in _folded_words(piece)
    ]


def romanizations(*texts: str | None) -> list[str]:
    """Every folded Latin spelling of every Cyrillic word of ``texts``."""
    return [
        form for text in texts if text for piece in text.split() for form in _romanized_words(piece)
    ]


def _text(tokens: Iterable[str]) -> str:
    return " ".join(tokens)


def _unique(tokens: Iterable[str], exclude: Iterable[str] = ()) -> str:
    excluded = set(exclude)
    return " ".join(token for token in dict.fromkeys(tokens) if token not in excluded)


PERSON_NAME_FIELDS = ("name_en", "name_ru", "full_name_en", "full_name_ru", "native_name")
RECORD_FIELDS = (
    "pk",
    "reference_code",
    "title_en",
    "title_ru",
    "original_title",
    "status",
    "description_en",
    "description_ru",
)


def names_of_people(person_pks: Iterable[int]) -> dict[int, list[str]]:
    """Every recorded form of each person's name: two queries for any number of people."""
    names: dict[int, list[str]] = {}
    for row in Person.objects.filter(pk__in=person_pks).values_list("pk", *PERSON_NAME_FIELDS):
        names[row[0]] = [name for name in row[1:] if name]
    variants = PersonName.objects.filter(person__in=person_pks).order_by("pk")
    for person_pk, name in variants.values_list("person_id", "name"):
        names.setdefault(person_pk, []).append(name)
    return names


def record_fields(record: dict, names: list[str]) -> dict:
    """A record's document: ``names`` are those of the people in it, every form."""
    titles = [record["reference_code"], record["title_en"], record["title_ru"]]
    titles.append(record["original_title"])
    return {
        "kind": DocumentKind.RECORD,
        "record_id": record["pk"],
        "public": record["status"] == Status.PUBLISHED,
        "title": _text(words(*titles)),
        "variants": _unique([*romanizations(*titles), *words(*names), *romanizations(*names)]),
        "body": _text(words(record["description_en"], record["description_ru"])),
    }


def record_documents(pks: list[int]) -> list[SearchDocument]:
    rows = Record.objects.filter(pk__in=pks).order_by("pk").values(*RECORD_FIELDS)
    parts = RecordPerson.objects.filter(record__in=pks).order_by("pk")
    people_of: dict[int, list[int]] = {}
    for record_pk, person_pk in parts.values_list("record_id", "person_id"):
        people_of.setdefault(record_pk, []).append(person_pk)
    names = names_of_people({pk for people in people_of.values() for pk in people})
    return [
        SearchDocument(
            **record_fields(
                row,
                [name for person in people_of.get(row["pk"], []) for name in names[person]],
            )
        )
        for row in rows
    ]


def person_documents(pks: list[int]) -> list[SearchDocument]:
    names = names_of_people(pks)
    biographies = Person.objects.filter(pk__in=pks).order_by("pk")
    built = []
    for pk, *main, biography_en, biography_ru in biographies.values_list(
        "pk", *PERSON_NAME_FIELDS, "biography_en", "biography_ru"
    ):
        title = words(*main)
        variants = names[pk][len([name for name in main if name]) :]
        built.append(
            SearchDocument(
                kind=DocumentKind.PERSON,
                person_id=pk,
                public=True,
                title=_text(title),
                variants=_unique(
                    [*words(*variants), *romanizations(*main, *variants)], exclude=title
                ),
                body=_text(words(biography_en, biography_ru)),
            )
        )
    return built


def organization_documents(pks: list[int]) -> list[SearchDocument]:
    built = []
    for organization in Organization.objects.filter(pk__in=pks).order_by("pk"):
        main = [
            organization.name_en,
            organization.name_ru,
            organization.abbreviation_en,
            organization.abbreviation_ru,
        ]
        title = words(*main)
        built.append(
            SearchDocument(
                kind=DocumentKind.ORGANIZATION,
                organization_id=organization.pk,
                public=True,
                title=_text(title),
                variants=_unique(romanizations(*main), exclude=title),
                body=_text(words(organization.description_en, organization.description_ru)),
            )
        )
    return built


def event_documents(pks: list[int]) -> list[SearchDocument]:
    built = []
    for event in Event.objects.filter(pk__in=pks).order_by("pk"):
        main = [event.name_en, event.name_ru]
        places = [event.place_en, event.place_ru]
        title = words(*main)
        built.append(
            SearchDocument(
                kind=DocumentKind.EVENT,
                event_id=event.pk,
                public=True,
                title=_text(title),
                variants=_unique(
                    [*romanizations(*main), *words(*places), *romanizations(*places)],
                    exclude=title,
                ),
                body=_text(words(event.description_en, event.description_ru)),
            )
        )
    return built


BUILDERS = {
    DocumentKind.RECORD: (Record, record_documents),
    DocumentKind.PERSON: (Person, person_documents),
    DocumentKind.ORGANIZATION: (Organization, organization_documents),
    DocumentKind.EVENT: (Event, event_documents),
}


def build(kind: str, pks: list[int]) -> list[SearchDocument]:
    """The documents of the ``kind`` objects with these primary keys (that still exist)."""
    return BUILDERS[kind][1](pks)


def all_pks(kind: str) -> list[int]:
    return list(BUILDERS[kind][0]._default_manager.order_by("pk").values_list("pk", flat=True))
