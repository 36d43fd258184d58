from io import StringIO

import pytest
from django.core.management import call_command

from catalogue import models, publishing, search
from tests import factories


def found_records(query: str) -> list:
    return list(search.search_records(models.Record.objects.all(), query))


def test_index_follows_a_record_title_change(db):
    record = factories.record(title_en="Draft text of the report")

    record.title_en = "Final text of the report"
    record.save()

    assert found_records("final") == [record]
    assert found_records("draft") == []


def test_index_forgets_a_deleted_record(db):
    record = factories.record(title_en="Secret speech")

    record.delete()

    assert found_records("secret") == []
    assert not models.SearchDocument.objects.filter(kind="record").exists()


def test_index_follows_publish_and_unpublish_in_bulk(db):
    draft = factories.record(
        title_en="Resolution of 30 June",
        status=models.Status.DRAFT,
        date="1956-06-30",
        extent_en="1 item",
    )
    assert found_records("resolution") == []

    publishing.publish(models.Record.objects.filter(pk=draft.pk), user=None)
    assert found_records("resolution") == [draft]

    publishing.unpublish(models.Record.objects.filter(pk=draft.pk), user=None)
    assert found_records("resolution") == []
    assert search.search_records(models.Record.objects.all(), "resolution").count() == 0


def test_index_follows_a_draft_saved_as_published(db):
    record = factories.record(title_en="Letter to the Congress", status=models.Status.DRAFT)

    record.status = models.Status.PUBLISHED
    record.published_at = record.updated_at
    record.save()

    assert found_records("congress") == [record]


def test_index_follows_name_variants_added_and_removed(khrushchev):
    variant = models.PersonName.objects.create(
        person=khrushchev, name="Kruschev", kind=models.NameKind.OTHER
    )
    people = models.Person.objects.all()
    assert list(search.search_people(people, "kruschev")) == [khrushchev]

    variant.delete()

    assert list(search.search_people(people, "kruschev")) == []


def test_index_follows_a_person_rename_into_their_records(db):
    person = factories.person(name_en="Vyacheslav Molotov")
    record = factories.record(title_en="Letter")
    models.RecordPerson.objects.create(record=record, person=person, role=models.PersonRole.AUTHOR)
    assert found_records("molotov") == [record]

    person.name_en = "Vyacheslav Skryabin"
    person.save()

    assert found_records("skryabin") == [record]
    assert found_records("molotov") == []


def test_index_follows_people_removed_from_a_record(khrushchev):
    record = factories.record(title_en="Report")
    part = models.RecordPerson.objects.create(
        record=record, person=khrushchev, role=models.PersonRole.SPEAKER
    )

    part.delete()

    assert found_records("khrushchev") == []


def test_index_survives_deleting_a_person_with_variants(khrushchev):
    models.PersonName.objects.create(person=khrushchev, name="Kruschev", kind="other")

    khrushchev.delete()

    assert list(search.search_people(models.Person.objects.all(), "kruschev")) == []
    assert not models.SearchDocument.objects.filter(kind="person").exists()


def test_index_follows_organization_and_event_saves(db):
    body = factories.organization(name_en="Presidium")
    session = factories.event(name_en="Opening session")

    body.name_en = "Secretariat"
    body.save()
    session.name_en = "Closed session"
    session.save()

    assert list(search.search_organizations(models.Organization.objects.all(), "secret")) == [body]
    assert list(search.search_events(models.Event.objects.all(), "closed")) == [session]


def test_rebuild_search_index_restores_a_wiped_index(khrushchev):
    record = factories.record(title_en="Speech on the cult of personality")
    models.SearchDocument.objects.all().delete()
    assert found_records("cult") == []

    output = StringIO()
    call_command("rebuild_search_index", stdout=output)

    assert found_records("cult") == [record]
    assert list(search.search_people(models.Person.objects.all(), "Хрущёв")) == [khrushchev]
    assert "Indexed 2 documents (1 record, 1 person, 0 organization, 0 event)" in output.getvalue()


@pytest.mark.parametrize("query", ["cult", "культ", "kult", "личности", "lichnosti"])
def test_search_finds_records_after_a_fixture_style_raw_save(db, query):
    collection = factories.collection()
    record = models.Record(
        reference_code="FIX-1",
        collection=collection,
        kind=models.RecordKind.RESOLUTION,
        title_en="On overcoming the cult of personality",
        title_ru="О преодолении культа личности",
        status=models.Status.PUBLISHED,
        published_at=collection.created_at,
    )
    record.save_base(raw=True)

    assert found_records(query) == [record]
