"""Small builders for test data: each returns a saved object with sensible defaults."""

import itertools

from catalogue import models

_counter = itertools.count(1)


def _next() -> int:
    return next(_counter)


def collection(**fields) -> models.Collection:
    n = _next()
    fields.setdefault("slug", f"collection-{n}")
    fields.setdefault("reference_code", f"TEST-{n}")
    fields.setdefault("title_en", f"Test collection {n}")
    fields.setdefault("level", models.Level.FONDS)
    return models.Collection.objects.create(**fields)


def record(**fields) -> models.Record:
    n = _next()
    if "collection" not in fields:
        fields["collection"] = collection()
    fields.setdefault("reference_code", f"TEST-R{n}")
    fields.setdefault("kind", models.RecordKind.REPORT)
    fields.setdefault("title_en", f"Test record {n}")
    fields.setdefault("status", models.Status.PUBLISHED)
    if fields["status"] == models.Status.PUBLISHED:
        from django.utils import timezone

        fields.setdefault("published_at", timezone.now())
    return models.Record.objects.create(**fields)


def person(**fields) -> models.Person:
    n = _next()
    fields.setdefault("slug", f"person-{n}")
    fields.setdefault("name_en", f"Test Person {n}")
    return models.Person.objects.create(**fields)


def organization(**fields) -> models.Organization:
    n = _next()
    fields.setdefault("slug", f"organization-{n}")
    fields.setdefault("name_en", f"Test Body {n}")
    fields.setdefault("kind", models.OrganizationKind.COMMITTEE)
    return models.Organization.objects.create(**fields)


def event(**fields) -> models.Event:
    n = _next()
    fields.setdefault("slug", f"event-{n}")
    fields.setdefault("name_en", f"Test Event {n}")
    fields.setdefault("kind", models.EventKind.MEETING)
    return models.Event.objects.create(**fields)


def source(**fields) -> models.Source:
    n = _next()
    fields.setdefault("key", f"SRC-{n}")
    fields.setdefault("title", f"Test source {n}")
    return models.Source.objects.create(**fields)


def subject(**fields) -> models.Subject:
    n = _next()
    fields.setdefault("slug", f"subject-{n}")
    fields.setdefault("label_en", f"Test subject {n}")
    return models.Subject.objects.create(**fields)


def membership(**fields) -> models.Membership:
    if "person" not in fields:
        fields["person"] = person()
    if "organization" not in fields:
        fields["organization"] = organization()
    fields.setdefault("role", models.MembershipRole.MEMBER)
    fields.setdefault("certainty", models.Certainty.STATED)
    return models.Membership.objects.create(**fields)


def tombstone(**fields) -> models.Tombstone:
    n = _next()
    fields.setdefault("reference_code", f"TEST-GONE{n}")
    fields.setdefault("title_en", f"Withdrawn test record {n}")
    fields.setdefault("kind", models.RecordKind.REPORT)
    if "collection" not in fields:
        fields["collection"] = collection()
    return models.Tombstone.objects.create(**fields)
