"""What each kind of object contributes to its search document.

Each builder takes an object whose related rows are prefetched (see ``querysets()``) and
returns the document's field values. Romanizations are added for the Cyrillic words of
names and titles, not of descriptions: a Latin query finds a Cyrillic name, and a Cyrillic
query is itself romanized (``terms.alternatives``) to find Latin text.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

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


def words(*texts: str | None) -> list[str]:
    """The folded words of ``texts``, in order."""
    return [word for text in texts if text for word in WORD.findall(fold(text))]


def romanizations(*texts: str | None) -> list[str]:
    """Every folded Latin spelling of every Cyrillic word of ``texts``."""
    found = []
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            found.extend(forms(word))
    return found


def _text(tokens: Iterable[str]) -> str:
    return " ".join(tokens)


def _unique(tokens: Iterable[str], exclude: Iterable[str] = ()) -> str:
    excluded = set(exclude)
    return " ".join(token for token in dict.fromkeys(tokens) if token not in excluded)


def person_names(person: Person) -> list[str]:
    """Every recorded form of a person's name (``names`` prefetched)."""
    return [
        person.name_en,
        person.name_ru,
        person.full_name_en,
        person.full_name_ru,
        person.native_name,
        *(variant.name for variant in person.names.all()),
    ]


def record_fields(record: Record) -> dict:
    titles = [record.reference_code, record.title_en, record.title_ru, record.original_title]
    title = words(*titles)
    names = [name for part in record.people.all() for name in person_names(part.person)]
    return {
        "kind": DocumentKind.RECORD,
        "record_id": record.pk,
        "public": record.status == Status.PUBLISHED,
        "title": _text(title),
        "variants": _unique([*romanizations(*titles), *words(*names), *romanizations(*names)]),
        "body": _text(words(record.description_en, record.description_ru)),
    }


def person_fields(person: Person) -> dict:
    main = [
        person.name_en,
        person.name_ru,
        person.full_name_en,
        person.full_name_ru,
        person.native_name,
    ]
    variants = [variant.name for variant in person.names.all()]
    title = words(*main)
    return {
        "kind": DocumentKind.PERSON,
        "person_id": person.pk,
        "public": True,
        "title": _text(title),
        "variants": _unique([*words(*variants), *romanizations(*main, *variants)], exclude=title),
        "body": _text(words(person.biography_en, person.biography_ru)),
    }


def organization_fields(organization: Organization) -> dict:
    main = [
        organization.name_en,
        organization.name_ru,
        organization.abbreviation_en,
        organization.abbreviation_ru,
    ]
    title = words(*main)
    return {
        "kind": DocumentKind.ORGANIZATION,
        "organization_id": organization.pk,
        "public": True,
        "title": _text(title),
        "variants": _unique(romanizations(*main), exclude=title),
        "body": _text(words(organization.description_en, organization.description_ru)),
    }


def event_fields(event: Event) -> dict:
    main = [event.name_en, event.name_ru]
    title = words(*main)
    places = [event.place_en, event.place_ru]
    return {
        "kind": DocumentKind.EVENT,
        "event_id": event.pk,
        "public": True,
        "title": _text(title),
        "variants": _unique(
            [*romanizations(*main), *words(*places), *romanizations(*places)], exclude=title
        ),
        "body": _text(words(event.description_en, event.description_ru)),
    }


def querysets() -> dict[str, tuple[QuerySet, callable]]:
    """For each kind: the objects with what their documents need, and the builder."""
    people_in_record = RecordPerson.objects.select_related("person").prefetch_related(
        Prefetch("person__names", queryset=PersonName.objects.order_by())
    )
    return {
        DocumentKind.RECORD: (
            Record.objects.order_by("pk").prefetch_related(
                Prefetch("people", queryset=people_in_record.order_by())
            ),
            record_fields,
        ),
        DocumentKind.PERSON: (
            Person.objects.order_by("pk").prefetch_related(
                Prefetch("names", queryset=PersonName.objects.order_by())
            ),
            person_fields,
        ),
        DocumentKind.ORGANIZATION: (Organization.objects.order_by("pk"), organization_fields),
        DocumentKind.EVENT: (Event.objects.order_by("pk"), event_fields),
    }


def build(kind: str, objects: Iterable) -> list[SearchDocument]:
    builder = querysets()[kind][1]
    return [SearchDocument(**builder(obj)) for obj in objects]
