"""Every constraint of the models, through full_clean() and through the database."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import PIL.Image
import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from catalogue import models
from catalogue.images.storage import private_storage
from tests import factories

EARLY, LATE = datetime.date(1900, 1, 1), datetime.date(1950, 1, 1)


def language():
    return models.Language.objects.create(code="xx", name_en="Test language")


def person_name(**fields):
    fields.setdefault("person", factories.person())
    fields.setdefault("name", "Khruschev")
    return models.PersonName.objects.create(kind="other", **fields)


def seats(**fields):
    fields.setdefault("organization", factories.organization())
    fields.setdefault("role", "member")
    return models.OrganizationSeats.objects.create(count=133, **fields)


def record_person(**fields):
    fields.setdefault("record", factories.record())
    fields.setdefault("person", factories.person())
    fields.setdefault("role", "speaker")
    return models.RecordPerson.objects.create(**fields)


def record_organization(**fields):
    fields.setdefault("record", factories.record())
    fields.setdefault("organization", factories.organization())
    fields.setdefault("role", "issuer")
    return models.RecordOrganization.objects.create(**fields)


def relation(**fields):
    fields.setdefault("subject", factories.record())
    fields.setdefault("object", factories.record())
    fields.setdefault("type", "version_of")
    return models.RecordRelation.objects.create(**fields)


def copy(**fields):
    fields.setdefault("record", factories.record())
    fields.setdefault("key", "delegates")
    return models.Copy.objects.create(label_en="Copies", **fields)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image():
    content = io.BytesIO()
    PIL.Image.new("RGB", (2, 2)).save(content, format="PNG")
    name = private_storage().save("images/page.png", ContentFile(content.getvalue()))
    return models.Image.objects.create(record=factories.record(), file=name, alt_text_en="A page")


def claim():
    return models.Claim.objects.create(
        slug="venue",
        event=factories.event(),
        topic_en="venue",
        statement_en="Great Kremlin Palace",
        source=factories.source(),
    )


def search_document():
    # Saving a person writes its search document.
    return models.SearchDocument.objects.get(person=factories.person())


def change_marker():
    return models.ChangeMarker.objects.get_or_create(pk=1)[0]


def record_facet(**fields):
    fields.setdefault("record_id", 1)
    fields.setdefault("facet", "kind")
    fields.setdefault("value", "report")
    return models.RecordFacet.objects.create(**fields)


def facet_count(**fields):
    fields.setdefault("facet", "kind")
    fields.setdefault("value", "report")
    return models.FacetCount.objects.create(count=3, **fields)


def second(builder, *shared, **different):
    """Build one object, then a second sharing the ``shared`` fields; return the second."""
    first = builder()
    return builder(**{name: getattr(first, name) for name in shared}, **different)


@dataclass
class Case:
    make: Callable
    invalid: Callable  # the object -> the values that break the constraint
    error_field: str
    message: str
    raw: Callable | None = None  # values for a direct UPDATE, where they differ from invalid


def same(values):
    return lambda obj: values


CASES = {
    "source_key_format": Case(
        factories.source,
        same({"key": "-bad key"}),
        "key",
        "Use letters, digits, dots, hyphens and underscores only",
    ),
    "language_code_format": Case(language, same({"code": "Russian"}), "code", "Use a BCP 47 code."),
    "collection_level_valid": Case(
        factories.collection, same({"level": "box"}), "level", "Value 'box' is not a valid choice."
    ),
    "collection_reference_code_format": Case(
        factories.collection,
        same({"reference_code": "a b"}),
        "reference_code",
        "Use letters, digits",
    ),
    "collection_not_own_parent": Case(
        factories.collection,
        lambda obj: {"parent": obj},
        "parent",
        "A collection cannot be part of itself.",
    ),
    "person_wikidata_id_format": Case(
        factories.person,
        same({"wikidata_id": "Z35314"}),
        "wikidata_id",
        "A Wikidata id is Q followed by digits.",
    ),
    "person_wikidata_id_unique": Case(
        lambda: factories.person(wikidata_id="Q35314") and factories.person(),
        same({"wikidata_id": "Q35314"}),
        NON_FIELD_ERRORS,
        "Another record already has this Wikidata id.",
    ),
    "person_birth_earliest_before_birth_latest": Case(
        factories.person,
        same({"birth_date": "1950/1900"}),
        "birth_date",
        "ends before it begins",
        raw=same({"birth_earliest": LATE, "birth_latest": EARLY}),
    ),
    "person_death_earliest_before_death_latest": Case(
        factories.person,
        same({"death_date": "1950/1900"}),
        "death_date",
        "ends before it begins",
        raw=same({"death_earliest": LATE, "death_latest": EARLY}),
    ),
    "person_birth_earliest_before_death_latest": Case(
        factories.person,
        same({"birth_date": "1950", "death_date": "1900"}),
        NON_FIELD_ERRORS,
        "The date of death comes before the date of birth.",
        raw=same({"birth_earliest": LATE, "death_latest": EARLY}),
    ),
    "personname_kind_valid": Case(
        person_name, same({"kind": "nickname"}), "kind", "Value 'nickname' is not a valid choice."
    ),
    "personname_unique": Case(
        lambda: second(person_name, "person", name="Chruschtschow"),
        same({"name": "Khruschev"}),
        NON_FIELD_ERRORS,
        "Name variant with this Person and Name already exists.",
    ),
    "organization_kind_valid": Case(
        factories.organization,
        same({"kind": "club"}),
        "kind",
        "Value 'club' is not a valid choice.",
    ),
    "organization_wikidata_id_format": Case(
        factories.organization,
        same({"wikidata_id": "79854"}),
        "wikidata_id",
        "A Wikidata id is Q followed by digits.",
    ),
    "organization_wikidata_id_unique": Case(
        lambda: factories.organization(wikidata_id="Q79854") and factories.organization(),
        same({"wikidata_id": "Q79854"}),
        NON_FIELD_ERRORS,
        "Another record already has this Wikidata id.",
    ),
    "organization_founded_earliest_before_dissolved_latest": Case(
        factories.organization,
        same({"founded": "1950", "dissolved": "1900"}),
        NON_FIELD_ERRORS,
        "The date of dissolution comes before the date of founding.",
        raw=same({"founded_earliest": LATE, "dissolved_latest": EARLY}),
    ),
    "organization_not_own_parent": Case(
        factories.organization,
        lambda obj: {"parent": obj},
        "parent",
        "An organization cannot be part of itself.",
    ),
    "organizationseats_role_valid": Case(
        seats, same({"role": "delegate"}), "role", "Value 'delegate' is not a valid choice."
    ),
    "organizationseats_count_positive": Case(
        seats, same({"count": 0}), "count", "Ensure this value is greater than or equal to 1."
    ),
    "organizationseats_unique": Case(
        lambda: second(seats, "organization", role="candidate"),
        same({"role": "member"}),
        NON_FIELD_ERRORS,
        "Declared seats with this Organization and Role already exists.",
    ),
    "event_kind_valid": Case(
        factories.event, same({"kind": "party"}), "kind", "Value 'party' is not a valid choice."
    ),
    "event_date_earliest_before_date_latest": Case(
        factories.event,
        same({"date": "1956-03-10/1956-03-04"}),
        "date",
        "ends before it begins",
        raw=same({"date_earliest": LATE, "date_latest": EARLY}),
    ),
    "event_not_own_parent": Case(
        factories.event,
        lambda obj: {"parent": obj},
        "parent",
        "An event cannot be part of itself.",
    ),
    "membership_role_valid": Case(
        factories.membership,
        same({"role": "guest"}),
        "role",
        "Value 'guest' is not a valid choice.",
    ),
    "membership_certainty_valid": Case(
        factories.membership,
        same({"certainty": "rumoured"}),
        "certainty",
        "Value 'rumoured' is not a valid choice.",
    ),
    "membership_inferred_has_basis": Case(
        factories.membership,
        same({"certainty": "inferred", "basis": ""}),
        NON_FIELD_ERRORS,
        "An inferred membership must say how it was inferred.",
    ),
    "membership_start_earliest_before_end_latest": Case(
        factories.membership,
        same({"start": "1957", "end": "1956"}),
        NON_FIELD_ERRORS,
        "The membership ends before it starts.",
        raw=same({"start_earliest": LATE, "end_latest": EARLY}),
    ),
    "membership_unique": Case(
        lambda: second(factories.membership, "person", "organization", role="candidate"),
        same({"role": "member"}),
        NON_FIELD_ERRORS,
        "Membership with this Person, Organization, Role and From already exists.",
    ),
    "record_level_valid": Case(
        factories.record, same({"level": "box"}), "level", "Value 'box' is not a valid choice."
    ),
    "record_kind_valid": Case(
        factories.record, same({"kind": "poem"}), "kind", "Value 'poem' is not a valid choice."
    ),
    "record_status_valid": Case(
        factories.record,
        same({"status": "hidden"}),
        "status",
        "Value 'hidden' is not a valid choice.",
    ),
    "record_reference_code_format": Case(
        factories.record,
        same({"reference_code": "CPSU20 001"}),
        "reference_code",
        "Use letters, digits",
    ),
    "record_date_earliest_before_latest": Case(
        factories.record,
        same({"date": "1956-06-30/1956-02-25"}),
        "date",
        "ends before it begins",
        raw=same({"date_earliest": LATE, "date_latest": EARLY}),
    ),
    "record_published_has_time": Case(
        factories.record,
        same({"status": "published", "published_at": None}),
        NON_FIELD_ERRORS,
        "Constraint “record_published_has_time” is violated.",
    ),
    "recordperson_role_valid": Case(
        record_person, same({"role": "editor"}), "role", "Value 'editor' is not a valid choice."
    ),
    "recordperson_unique": Case(
        lambda: second(record_person, "record", "person", role="subject"),
        same({"role": "speaker"}),
        NON_FIELD_ERRORS,
        "Person in a record with this Record, Person and Role already exists.",
    ),
    "recordorganization_role_valid": Case(
        record_organization,
        same({"role": "sponsor"}),
        "role",
        "Value 'sponsor' is not a valid choice.",
    ),
    "recordorganization_certainty_valid": Case(
        record_organization,
        same({"certainty": "rumoured"}),
        "certainty",
        "Value 'rumoured' is not a valid choice.",
    ),
    "recordorganization_unique": Case(
        lambda: second(record_organization, "record", "organization", role="publisher"),
        same({"role": "issuer"}),
        NON_FIELD_ERRORS,
        "Organization in a record with this Record, Organization and Role already exists.",
    ),
    "recordrelation_type_valid": Case(
        relation, same({"type": "cites"}), "type", "Value 'cites' is not a valid choice."
    ),
    "recordrelation_unique": Case(
        lambda: second(relation, "subject", "object", type="refers_to"),
        same({"type": "version_of"}),
        NON_FIELD_ERRORS,
        "Related record with this Record, Related record and Relation already exists.",
    ),
    "recordrelation_not_to_itself": Case(
        relation,
        lambda obj: {"object": obj.subject},
        NON_FIELD_ERRORS,
        "A record cannot be related to itself.",
    ),
    "copy_unique_key": Case(
        lambda: second(copy, "record", key="other"),
        same({"key": "delegates"}),
        NON_FIELD_ERRORS,
        "Copy with this Record and Key already exists.",
    ),
    "image_of_record_or_copy": Case(
        image,
        lambda obj: {"copy": copy(record=obj.record)},
        NON_FIELD_ERRORS,
        "An image belongs to a record or to a copy, not both.",
    ),
    "image_has_alt_text": Case(
        image, same({"alt_text": "", "alt_text_en": ""}), "alt_text", "This field cannot be blank."
    ),
    "claim_about_one_thing": Case(
        claim,
        lambda obj: {"record": factories.record()},
        NON_FIELD_ERRORS,
        "A claim is about exactly one record, event, person or organization.",
    ),
    "tombstone_kind_valid": Case(
        factories.tombstone, same({"kind": "box"}), "kind", "Value 'box' is not a valid choice."
    ),
    "tombstone_reference_code_format": Case(
        factories.tombstone,
        same({"reference_code": "a b"}),
        "reference_code",
        "Use letters, digits",
    ),
    "source_kind_valid": Case(
        factories.source, same({"kind": "box"}), "kind", "Value 'box' is not a valid choice."
    ),
    "change_marker_one": Case(
        change_marker,
        same({"id": 2}),
        NON_FIELD_ERRORS,
        "Constraint “change_marker_one” is violated.",
    ),
    "record_facet_unique": Case(
        lambda: second(record_facet, "record_id", "facet", value="speech"),
        same({"value": "report"}),
        NON_FIELD_ERRORS,
        "already exists.",
    ),
    "facet_count_unique": Case(
        lambda: second(facet_count, "facet", value="speech"),
        same({"value": "report"}),
        NON_FIELD_ERRORS,
        "already exists.",
    ),
    "searchdocument_kind_valid": Case(
        search_document, same({"kind": "box"}), "kind", "Value 'box' is not a valid choice."
    ),
    "searchdocument_one_target_of_its_kind": Case(
        search_document,
        same({"kind": "record"}),
        NON_FIELD_ERRORS,
        "Constraint “searchdocument_one_target_of_its_kind” is violated.",
    ),
}


def declared_constraints() -> set[str]:
    return {
        constraint.name
        for model in apps.get_app_config("catalogue").get_models()
        for constraint in model._meta.constraints
    }


def test_every_declared_constraint_is_tested():
    assert set(CASES) == declared_constraints()


@pytest.mark.parametrize("name", CASES)
def test_constraint_refused_by_full_clean(db, name):
    case = CASES[name]
    obj = case.make()
    for attribute, value in case.invalid(obj).items():
        setattr(obj, attribute, value)

    with pytest.raises(ValidationError) as raised:
        obj.full_clean()

    messages = " ".join(raised.value.message_dict.get(case.error_field, []))
    assert case.message in messages, raised.value.message_dict


@pytest.mark.parametrize("name", CASES)
def test_constraint_refused_by_the_database(db, name):
    case = CASES[name]
    obj = case.make()
    values = (case.raw or case.invalid)(obj)
    # rewrite(False): write the named columns themselves, not their current-language copies.
    rows = type(obj).objects.filter(pk=obj.pk)
    if hasattr(rows, "rewrite"):
        rows = rows.rewrite(False)

    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**values)


def test_published_record_without_time_refused_by_bulk_create(db):
    collection = factories.collection()
    record = models.Record(
        reference_code="CPSU20-X",
        collection=collection,
        kind="speech",
        title_en="X",
        status="published",
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        models.Record.objects.bulk_create([record])

    assert models.Record.objects.filter(reference_code="CPSU20-X").count() == 0


def test_duplicate_membership_refused_by_a_direct_save(db):
    membership = factories.membership()
    duplicate = models.Membership(
        person=membership.person,
        organization=membership.organization,
        role="member",
        certainty="stated",
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()

    assert models.Membership.objects.count() == 1
