"""Everything a record's page shows, loaded onto one record in prepared queries.

It loads what ``RecordQuerySet.for_detail()`` prefetches, in the same order and with the same
rule (a related record shows only if published), but through ``PreparedQuery``: the SQL of
each query is built once per process. ``record.people.all()`` and the rest then read what was
loaded, as after ``prefetch_related``. A query whose rows could only hang off rows of another
is skipped when that other comes back empty, so the count stays the same however many rows
each one finds.
"""

from django.db.models import Q

from .agents import Event, Person
from .choices import Status
from .core import Language, Source, Subject
from .holdings import Claim, Copy, Image
from .organizations import Membership, Organization
from .prepared import PreparedQuery, remember
from .record_links import RecordOrganization, RecordPerson, RecordRelation
from .records import Record

CopySource = Copy.sources.through


def _relations(key):
    """The record's relations to published records, either way."""
    return Q(subject=key, object__status=Status.PUBLISHED) | Q(
        object=key, subject__status=Status.PUBLISHED
    )


def _people(key):
    return RecordPerson.objects.filter(record=key).values("person")


LANGUAGES = PreparedQuery(lambda key: Language.objects.filter(records=key))
SUBJECTS = PreparedQuery(lambda key: Subject.objects.filter(records=key))
SOURCES = PreparedQuery(lambda key: Source.objects.filter(records=key))
EVENTS = PreparedQuery(lambda key: Event.objects.chronological().filter(records=key))
IMAGES = PreparedQuery(lambda key: Image.objects.filter(Q(record=key) | Q(copy__record=key)))
PERSON_LINKS = PreparedQuery(lambda key: RecordPerson.objects.filter(record=key))
PEOPLE = PreparedQuery(lambda key: Person.objects.filter(pk__in=_people(key)))
MEMBERSHIPS = PreparedQuery(lambda key: Membership.objects.filter(person__in=_people(key)))
ORGANIZATION_LINKS = PreparedQuery(lambda key: RecordOrganization.objects.filter(record=key))
ORGANIZATIONS = PreparedQuery(
    lambda key: Organization.objects.filter(
        Q(pk__in=RecordOrganization.objects.filter(record=key).values("organization"))
        | Q(pk__in=Membership.objects.filter(person__in=_people(key)).values("organization"))
    )
)
RELATIONS = PreparedQuery(lambda key: RecordRelation.objects.filter(_relations(key)))
RELATED_RECORDS = PreparedQuery(
    lambda key: Record.objects.filter(
        Q(pk__in=RecordRelation.objects.filter(_relations(key)).values("subject"))
        | Q(pk__in=RecordRelation.objects.filter(_relations(key)).values("object"))
    ).exclude(pk=key)
)
COPIES = PreparedQuery(lambda key: Copy.objects.filter(record=key))
COPY_SOURCES = PreparedQuery(
    lambda key: CopySource.objects.filter(copy__record=key).order_by("source__key", "pk")
)
CLAIMS = PreparedQuery(lambda key: Claim.objects.filter(record=key))
# The sources cited by the record's links, relations, claims and copies, in one query.
CITED_SOURCES = PreparedQuery(
    lambda key: Source.objects.filter(
        Q(pk__in=RecordPerson.objects.filter(record=key).values("source"))
        | Q(pk__in=RecordOrganization.objects.filter(record=key).values("source"))
        | Q(pk__in=RecordRelation.objects.filter(_relations(key)).values("source"))
        | Q(pk__in=Claim.objects.filter(record=key).values("source"))
        | Q(pk__in=CopySource.objects.filter(copy__record=key).values("source"))
    )
)


def _cache(instance, name: str, value) -> None:
    """Set a foreign key's object, as ``select_related`` does."""
    instance._meta.get_field(name).set_cached_value(instance, value)


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
    images = IMAGES(key, using)
    people = PERSON_LINKS(key, using)
    organizations = ORGANIZATION_LINKS(key, using)
    relations = RELATIONS(key, using)
    copies = COPIES(key, using)
    claims = CLAIMS(key, using)
    copy_sources = COPY_SOURCES(key, using) if copies else []
    cited = any(link.source_id for link in [*people, *organizations, *relations])
    sources = {}
    if cited or claims or copy_sources:
        sources = {source.pk: source for source in CITED_SOURCES(key, using)}
    for link in [*people, *organizations, *relations, *claims]:
        _cache(link, "source", sources.get(link.source_id))
    _load_people(record, people, organizations, using)
    _load_relations(record, relations, using)
    _load_copies(record, copies, copy_sources, images, sources)
    for claim in claims:
        _cache(claim, "record", record)
    remember(record, "claims", claims)
    return record


def _load_people(record, people, organizations, using) -> None:
    key = record.pk
    persons, by_organization = {}, {}
    if people:
        persons = {person.pk: person for person in PEOPLE(key, using)}
    if people or organizations:
        by_organization = {item.pk: item for item in ORGANIZATIONS(key, using)}
    memberships = {pk: [] for pk in persons}
    for membership in MEMBERSHIPS(key, using) if people else []:
        _cache(membership, "organization", by_organization[membership.organization_id])
        _cache(membership, "person", persons[membership.person_id])
        memberships[membership.person_id].append(membership)
    for pk, person in persons.items():
        remember(person, "memberships", memberships[pk])
    for link in people:
        _cache(link, "record", record)
        _cache(link, "person", persons[link.person_id])
    for link in organizations:
        _cache(link, "record", record)
        _cache(link, "organization", by_organization[link.organization_id])
    remember(record, "people", people)
    remember(record, "organizations", organizations)


def _load_relations(record, relations, using) -> None:
    others = {}
    if relations:
        others = {other.pk: other for other in RELATED_RECORDS(record.pk, using)}
    others[record.pk] = record
    outgoing, incoming = [], []
    for relation in relations:
        _cache(relation, "subject", others[relation.subject_id])
        _cache(relation, "object", others[relation.object_id])
        (outgoing if relation.subject_id == record.pk else incoming).append(relation)
    remember(record, "relations", outgoing)
    remember(record, "inverse_relations", incoming)


def _load_copies(record, copies, copy_sources, images, sources) -> None:
    by_copy = {copy.pk: ([], []) for copy in copies}
    for link in copy_sources:
        by_copy[link.copy_id][0].append(sources[link.source_id])
    own = []
    for image in images:
        if image.record_id == record.pk:
            _cache(image, "record", record)
            own.append(image)
        elif image.copy_id in by_copy:
            by_copy[image.copy_id][1].append(image)
    for copy in copies:
        _cache(copy, "record", record)
        copy_sources_, copy_images = by_copy[copy.pk]
        for image in copy_images:
            _cache(image, "copy", copy)
        remember(copy, "sources", copy_sources_)
        remember(copy, "images", copy_images)
    remember(record, "images", own)
    remember(record, "copies", copies)
