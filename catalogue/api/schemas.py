"""The shapes the API answers with; the OpenAPI description is generated from them.

Every object names its schema.org type in ``@type`` and its permanent page in ``url``.
Texts held in two languages come as ``<field>_en`` and ``<field>_ru`` (empty when missing).
"""

import datetime

from ninja import Field, Schema


class Typed(Schema):
    type: str = Field(alias="@type", description="Its schema.org type.")
    url: str = Field(description="The permanent address of its page (absolute).")


class Reference(Schema):
    slug: str
    url: str


class Citation(Schema):
    key: str
    title: str
    author: str
    date: str
    url: str


class RecordPersonLink(Reference):
    name_en: str
    role: str


class RecordOrganizationLink(Reference):
    name_en: str
    role: str


class CollectionLink(Reference):
    reference_code: str
    title_en: str


class RecordSummary(Typed):
    reference_code: str
    title_en: str
    title_ru: str
    original_title: str
    kind: str
    level: str
    date: str = Field(description="EDTF; empty when the date is unknown.")
    date_earliest: datetime.date | None
    date_latest: datetime.date | None
    collection: CollectionLink
    languages: list[str] = Field(description="BCP 47 codes.")
    subjects: list[str] = Field(description="Subject slugs.")
    events: list[str] = Field(description="Event slugs.")
    people: list[RecordPersonLink]
    organizations: list[RecordOrganizationLink]
    image_count: int
    published_at: datetime.datetime | None
    modified: datetime.datetime


class RecordRelationLink(Schema):
    type: str
    direction: str = Field(description="'to' when this record is the subject, 'from' if not.")
    reference_code: str
    url: str


class RecordDetail(RecordSummary):
    description_en: str
    description_ru: str
    extent_en: str
    extent_ru: str
    date_note_en: str
    relations: list[RecordRelationLink]
    sources: list[Citation]
    jsonld: dict = Field(description="The schema.org JSON-LD of the record's page.")


class RecordPage(Schema):
    next: str | None = Field(description="The next page, or null on the last one.")
    results: list[RecordSummary]


class Person(Typed):
    slug: str
    name_en: str
    name_ru: str
    native_name: str
    birth_date: str
    death_date: str
    wikidata_id: str
    record_count: int = Field(description="Published records that name the person.")


class PersonPage(Schema):
    next: str | None
    results: list[Person]


class MembershipPerson(Reference):
    name_en: str


class Membership(Schema):
    person: MembershipPerson
    role: str
    start: str = Field(description="EDTF; empty when unknown.")
    end: str = Field(description="EDTF; empty when unknown.")
    elected_by: str | None = Field(description="The slug of the electing event.")
    certainty: str = Field(description="'stated' by a source, or 'inferred' (see basis).")
    basis_en: str
    sources: list[Citation]


class Organization(Typed):
    slug: str
    name_en: str
    name_ru: str
    abbreviation_en: str
    kind: str
    parent: str | None
    founded: str
    dissolved: str
    wikidata_id: str
    memberships: list[Membership]


class OrganizationPage(Schema):
    next: str | None
    results: list[Organization]


class Event(Typed):
    slug: str
    name_en: str
    name_ru: str
    kind: str
    date: str
    date_earliest: datetime.date | None
    date_latest: datetime.date | None
    parent: str | None
    place_en: str
    record_count: int


class EventPage(Schema):
    next: str | None
    results: list[Event]


class CollectionChild(Reference):
    reference_code: str
    title_en: str


class Collection(Typed):
    slug: str
    reference_code: str
    title_en: str
    title_ru: str
    level: str
    parent: str | None
    children: list[CollectionChild]
    record_count: int = Field(description="Published records directly in the collection.")


class CollectionPage(Schema):
    next: str | None
    results: list[Collection]


class Subject(Typed):
    slug: str
    label_en: str
    label_ru: str
    scope_note_en: str
    record_count: int


class SubjectPage(Schema):
    next: str | None
    results: list[Subject]


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class Gone(Schema):
    """A record that was published and is withdrawn or deleted (its tombstone)."""

    detail: str
    reference_code: str
    title_en: str
    title_ru: str
    withdrawn_at: datetime.datetime
    note_en: str
    note_ru: str


# Documented on every operation: what a bad parameter and too many requests answer.
REFUSALS = {400: Error, 429: Error}
