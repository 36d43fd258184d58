"""Everything a record's page shows, loaded onto one record in prepared queries.

It loads what ``RecordQuerySet.for_detail()`` prefetches, in the same order and with the same
rule (a related record shows only if published), but through ``PreparedQuery``: the SQL of
each query is built once per process. ``record.people.all()`` and the rest then read what was
loaded, as after ``prefetch_related``. A query whose rows could only hang off rows of another
is skipped when that other comes back empty, as ``prefetch_related`` does, so the count stays
the same however many rows each one finds.
"""

from django.db.models import Q

from .agents import Event
from .choices import Status
from .core import Language, Source, Subject
from .holdings import Claim, Copy, Image
from .organizations import Membership
from .prepared import PreparedQuery, remember
from .record_links import RecordOrganization, RecordPerson, RecordRelation
from .records import Record

CopySource = Copy.sources.through


def _relations(key):
    """The record's relations to published records, either way."""
    return Q(subject=key, object__status=Status.PUBLISHED) | Q(
        object=key, subject__status=Status.PUBLISHED
    )


PUBLISHED = PreparedQuery(
    lambda key: (
        Record.objects.published()
        .filter(reference_code=str(key))
        .select_related("collection", "original_language")
    )
)
LANGUAGES = PreparedQuery(lambda key: Language.objects.filter(records=key))
SUBJECTS = PreparedQuery(lambda key: Subject.objects.filter(records=key))
SOURCES = PreparedQuery(lambda key: Source.objects.filter(records=key))
EVENTS = PreparedQuery(lambda key: Event.objects.chronological().filter(records=key))
IMAGES = PreparedQuery(lambda key: Image.objects.filter(Q(record=key) | Q(copy__record=key)))
PEOPLE = PreparedQuery(
    lambda key: RecordPerson.objects.filter(record=key).select_related("person", "source")
)
MEMBERSHIPS = PreparedQuery(
    lambda key: Membership.objects.filter(
        person__in=RecordPerson.objects.filter(record=key).values("person")
    ).select_related("organization")
)
ORGANIZATIONS = PreparedQuery(
    lambda key: RecordOrganization.objects.filter(record=key).select_related(
        "organization", "source"
    )
)
RELATIONS = PreparedQuery(
    lambda key: RecordRelation.objects.filter(_relations(key)).select_related(
        "subject", "object", "source"
    )
)
COPIES = PreparedQuery(lambda key: Copy.objects.filter(record=key))
COPY_SOURCES = PreparedQuery(
    lambda key: (
        CopySource.objects.filter(copy__record=key)
        .select_related("source")
        .order_by("source__key", "pk")
    )
)
CLAIMS = PreparedQuery(lambda key: Claim.objects.filter(record=key).select_related("source"))


def _cache(instance, name: str, value) -> None:
    """Set a foreign key's object, as ``select_related`` does."""
    instance._meta.get_field(name).set_cached_value(instance, value)


def published(reference: str, using: str) -> Record | None:
    """The published record of this reference code, with its collection and original
    language, or ``None``."""
    found = PUBLISHED(reference, using)
    return found[0] if found else None


def load(record: Record) -> Record:
    """Load onto ``record`` what its page shows; returns it."""
    key, using = record.pk, record._state.db
    for name, query in (
        ("languages", LANGUAGES),
        ("subjects", SUBJECTS),
        ("sources", SOURCES),
        ("events", EVENTS),
    ):
        remember(record, name, query(key, using))
    people = PEOPLE(key, using)
    memberships = {link.person_id: [] for link in people}
    for membership in MEMBERSHIPS(key, using) if people else []:
        memberships[membership.person_id].append(membership)
    for link in people:
        remember(link.person, "memberships", memberships[link.person_id])
    remember(record, "people", people)
    remember(record, "organizations", ORGANIZATIONS(key, using))
    relations = RELATIONS(key, using)
    remember(record, "relations", [item for item in relations if item.subject_id == key])
    remember(record, "inverse_relations", [item for item in relations if item.object_id == key])
    _load_copies(record, IMAGES(key, using), using)
    remember(record, "claims", CLAIMS(key, using))
    for name in ("people", "organizations", "relations", "claims", "copies", "images"):
        for item in record._prefetched_objects_cache[name]:
            _cache(item, "subject" if name == "relations" else "record", record)
    for relation in record._prefetched_objects_cache["inverse_relations"]:
        _cache(relation, "object", record)
    return record


def _load_copies(record, images, using) -> None:
    copies = COPIES(record.pk, using)
    by_copy = {copy.pk: ([], []) for copy in copies}
    for link in COPY_SOURCES(record.pk, using) if copies else []:
        by_copy[link.copy_id][0].append(link.source)
    for image in images:
        if image.copy_id in by_copy:
            by_copy[image.copy_id][1].append(image)
    for copy in copies:
        sources, copy_images = by_copy[copy.pk]
        for image in copy_images:
            _cache(image, "copy", copy)
        remember(copy, "sources", sources)
        remember(copy, "images", copy_images)
    remember(record, "images", [image for image in images if image.record_id == record.pk])
    remember(record, "copies", copies)
