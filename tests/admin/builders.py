"""For each catalogue model: build ``n`` rows for its changelist, or one object whose change
form shows ``n`` rows in each inline."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from catalogue import models
from tests import factories

_counter = itertools.count(1)


def png_upload(name: str = "page.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def ready_record(**fields) -> models.Record:
    """A draft with every ISAD(G) essential, ready to be published."""
    fields.setdefault("status", models.Status.DRAFT)
    fields.setdefault("date", "1956-02-25")
    fields.setdefault("extent_en", "1 item")
    return factories.record(**fields)


def copy(record: models.Record, **fields) -> models.Copy:
    n = next(_counter)
    fields.setdefault("key", f"copy-{n}")
    fields.setdefault("label_en", f"Test copy {n}")
    return models.Copy.objects.create(record=record, **fields)


def image(**fields) -> models.Image:
    n = next(_counter)
    fields.setdefault("file", png_upload(f"page-{n}.png"))
    fields.setdefault("alt_text_en", f"Test page {n}")
    return models.Image.objects.create(**fields)


def person_name(person: models.Person, **fields) -> models.PersonName:
    n = next(_counter)
    fields.setdefault("name", f"Variant {n}")
    fields.setdefault("kind", models.NameKind.TRANSLITERATION)
    return models.PersonName.objects.create(person=person, **fields)


def claim(**fields) -> models.Claim:
    n = next(_counter)
    fields.setdefault("slug", f"claim-{n}")
    fields.setdefault("topic_en", "venue")
    fields.setdefault("statement_en", f"Test statement {n}")
    if "source" not in fields:
        fields["source"] = factories.source()
    return models.Claim.objects.create(**fields)


def seats(organization: models.Organization, **fields) -> models.OrganizationSeats:
    fields.setdefault("role", models.MembershipRole.MEMBER)
    fields.setdefault("count", 3)
    return models.OrganizationSeats.objects.create(organization=organization, **fields)


def language(**fields) -> models.Language:
    n = next(_counter)
    fields.setdefault("code", "x" + "abcdefghijklmnopqrstuvwxyz"[n % 26] * 2)
    fields.setdefault("name_en", f"Test language {n}")
    return models.Language.objects.get_or_create(code=fields.pop("code"), defaults=fields)[0]


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
    "tombstone": lambda n: many(factories.tombstone, n),
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
