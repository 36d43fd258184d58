"""Recovering what a curator deleted brings back its links to records, its name variants,
seats and claims."""

from catalogue import models
from tests import factories

from .builders import claim, copy, person_name, seats
from .deletions import (
    delete_selected,
    delete_url,
    public_page,
    recover,
    recover_list_url,
    recover_url,
)


def test_curator_deletes_a_subject_and_recovers_it_with_its_records(curator_client, peace):
    records = list(models.Record.objects.order_by("reference_code"))
    curator_client.post(delete_url(peace), {"post": "yes"})
    deleted_pages = [public_page(curator_client, r) for r in records if r.is_published]

    confirmation = recover(curator_client, models.Subject)

    assert all("Peaceful coexistence" not in page for page in deleted_pages)
    assert "TEST-PUB-1" in confirmation
    for record in records:
        assert list(record.subjects.values_list("label_en", flat=True)) == ["Peaceful coexistence"]
        if record.is_published:
            assert "Peaceful coexistence" in public_page(curator_client, record)


def test_curator_recovers_one_of_two_subjects_deleted_together(curator_client, peace):
    thaw = factories.subject(label_en="Thaw")
    other = factories.record(reference_code="TEST-PUB-3")
    other.subjects.add(thaw, peace)

    delete_selected(curator_client, [peace, thaw])
    versions = curator_client.get(recover_list_url(models.Subject)).context["versions"]
    (thaw_version,) = [v for v in versions if v.object_repr == "Thaw"]
    curator_client.post(recover_url(models.Subject, thaw_version))

    assert list(other.subjects.values_list("label_en", flat=True)) == ["Thaw"]
    assert models.Record.objects.filter(subjects__label_en="Peaceful coexistence").count() == 0


def test_recovered_subject_skips_a_record_deleted_since(curator_client, peace):
    curator_client.post(delete_url(peace), {"post": "yes"})
    gone = models.Record.objects.get(reference_code="TEST-PUB-1")
    curator_client.post(delete_url(gone), {"post": "yes"})

    recover(curator_client, models.Subject)

    subject = models.Subject.objects.get(label_en="Peaceful coexistence")
    assert sorted(subject.records.values_list("reference_code", flat=True)) == [
        "TEST-DRAFT",
        "TEST-PUB-2",
    ]


def test_curator_recovers_an_event_with_its_records_and_claims(curator_client):
    event = factories.event(name_en="Twentieth Congress")
    record = factories.record(reference_code="TEST-PUB")
    record.events.add(event)
    claim(event=event, statement_en="Held in the Kremlin")

    curator_client.post(delete_url(event), {"post": "yes"})
    recover(curator_client, models.Event)

    event = models.Event.objects.get(name_en="Twentieth Congress")
    assert list(event.records.all()) == [record]
    assert list(event.claims.values_list("statement_en", flat=True)) == ["Held in the Kremlin"]
    assert "Twentieth Congress" in public_page(curator_client, record)


def test_curator_recovers_a_source_with_everything_that_cited_it(curator_client):
    source = factories.source(key="SRC-NOTES", title="Delegate's notes")
    record = factories.record(reference_code="TEST-PUB")
    record.sources.add(source)
    person = factories.person()
    person.sources.add(source)
    item = copy(record)
    item.sources.add(source)

    page = curator_client.get(delete_url(source)).content.decode()
    curator_client.post(delete_url(source), {"post": "yes"})
    recover(curator_client, models.Source)

    source = models.Source.objects.get(title="Delegate's notes")
    assert "will lose the source “[SRC-NOTES] Delegate&#x27;s notes”: TEST-PUB" in page
    assert (list(source.records.all()), list(source.people.all())) == ([record], [person])
    assert list(source.copies.all()) == [item]


def test_curator_recovers_a_language_with_its_records(curator_client):
    language = models.Language.objects.create(code="xts", name_en="Test language")
    record = factories.record(reference_code="TEST-PUB")
    record.languages.add(language)

    curator_client.post(delete_url(language), {"post": "yes"})
    recover(curator_client, models.Language)

    assert list(record.languages.values_list("code", flat=True)) == ["xts"]


def test_curator_recovers_a_person_with_name_variants_and_claims(curator_client):
    person = factories.person(name_en="Test Delegate")
    person_name(person, name="Test Variant")
    claim(person=person, statement_en="Born in Kalinovka")

    curator_client.post(delete_url(person), {"post": "yes"})
    confirmation = recover(curator_client, models.Person)

    person = models.Person.objects.get(name_en="Test Delegate")
    assert "Test Variant" in confirmation
    assert list(person.names.values_list("name", flat=True)) == ["Test Variant"]
    assert list(person.claims.values_list("statement_en", flat=True)) == ["Born in Kalinovka"]


def test_curator_recovers_an_organization_with_its_seats_and_claims(curator_client):
    body = factories.organization(name_en="Test Presidium")
    seats(body, count=11)
    claim(organization=body, statement_en="Renamed in 1952")

    curator_client.post(delete_url(body), {"post": "yes"})
    recover(curator_client, models.Organization)

    body = models.Organization.objects.get(name_en="Test Presidium")
    assert list(body.seats.values_list("count", flat=True)) == [11]
    assert list(body.claims.values_list("statement_en", flat=True)) == ["Renamed in 1952"]


def test_curator_recovers_a_record_with_the_relation_another_record_had_to_it(curator_client):
    published = factories.record(reference_code="TEST-PUB")
    # Ready to be published (a date and an extent): recovery publishes it again.
    target = factories.record(reference_code="TEST-TARGET", date="1956-02-25", extent_en="1 p.")
    models.RecordRelation.objects.create(
        subject=published, object=target, type=models.RelationType.REFERS_TO
    )

    page = curator_client.get(delete_url(target)).content.decode()
    curator_client.post(delete_url(target), {"post": "yes"})
    lost = list(published.relations.all())
    recover(curator_client, models.Record)

    assert ": TEST-PUB</li>" in page
    assert lost == []
    assert list(published.relations.values_list("object__reference_code", flat=True)) == [
        "TEST-TARGET"
    ]
