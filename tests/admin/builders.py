"""For each catalogue model: build ``n`` rows for its changelist, or one object whose change
form shows ``n`` rows in each inline."""

from catalogue import models
from tests import factories

from .conftest import claim, copy, image, language, person_name, seats

ROLES = list(models.MembershipRole)


def many(build, n):
    return [build() for _ in range(n)][0]


def record_with_inlines(n: int) -> models.Record:
    record = factories.record()
    targets = [factories.record(collection=record.collection) for _ in range(n)]
    for target in targets:
        copy(record)
        image(record=record)
        models.RecordPerson.objects.create(
            record=record, person=factories.person(), role=models.PersonRole.AUTHOR
        )
        models.RecordOrganization.objects.create(
            record=record,
            organization=factories.organization(),
            role=models.OrganizationRole.ISSUER,
        )
        models.RecordRelation.objects.create(
            subject=record,
            object=target,
            type=models.RelationType.REFERS_TO,
            source=factories.source(),
        )
        claim(record=record)
    return record


def copy_with_images(n: int) -> models.Copy:
    item = copy(factories.record())
    for _ in range(n):
        image(copy=item)
    return item


def person_with_inlines(n: int) -> models.Person:
    person = factories.person()
    for _ in range(n):
        person_name(person)
        membership = factories.membership(person=person, elected_by=factories.event())
        membership.sources.add(factories.source())
        claim(person=person)
    return person


def organization_with_inlines(n: int) -> models.Organization:
    organization = factories.organization()
    for role in ROLES[:n]:
        seats(organization, role=role, source=factories.source())
        factories.membership(organization=organization, role=role)
        claim(organization=organization)
    return organization


def event_with_claims(n: int) -> models.Event:
    event = factories.event()
    for _ in range(n):
        claim(event=event)
    return event


CHANGELIST_ROWS = {
    "collection": lambda n: many(factories.collection, n),
    "record": lambda n: many(factories.record, n),
    "copy": lambda n: many(lambda: copy(factories.record()), n),
    "image": lambda n: many(lambda: image(record=factories.record()), n),
    "person": lambda n: many(factories.person, n),
    "personname": lambda n: many(lambda: person_name(factories.person()), n),
    "organization": lambda n: many(factories.organization, n),
    "organizationseats": lambda n: many(lambda: seats(factories.organization()), n),
    "membership": lambda n: many(factories.membership, n),
    "event": lambda n: many(factories.event, n),
    "subject": lambda n: many(factories.subject, n),
    "source": lambda n: many(factories.source, n),
    "language": lambda n: many(language, n),
    "claim": lambda n: many(lambda: claim(record=factories.record()), n),
}

CHANGE_FORM_OBJECT = {
    **CHANGELIST_ROWS,
    "record": record_with_inlines,
    "copy": copy_with_images,
    "person": person_with_inlines,
    "organization": organization_with_inlines,
    "event": event_with_claims,
}


def background() -> None:
    """Two of each thing a changelist filters by, so every filter shows with 1 row as with 3."""
    for _ in range(2):
        factories.collection()
        factories.source()
        factories.organization()
        factories.event()
        factories.subject()
        language()
