"""Deleting through the admin as each role: nothing published records link to is lost.

An editor may not delete what a published record links to; a curator is shown the records
that would lose the link before confirming, and recovering the object gives them back.
"""

import pytest
from django.urls import reverse

from catalogue import models
from tests import factories

from .builders import claim, copy, person_name, ready_record, seats
from .helpers import change_url, changelist_url


def delete_url(obj) -> str:
    return reverse(f"admin:catalogue_{obj._meta.model_name}_delete", args=[obj.pk])


def recover_list_url(model) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_recoverlist")


def recover_url(model, version) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_recover", args=[version.pk])


def delete_selected(client, objects, confirmed: bool = True, follow: bool = False):
    data = {"action": "delete_selected", "_selected_action": [obj.pk for obj in objects]}
    if confirmed:
        data["post"] = "yes"
    return client.post(changelist_url(type(objects[0])), data, follow=follow)


def recover(client, model) -> str:
    """Recover the one deleted ``model`` from its "Recover deleted" list; the page's text."""
    (version,) = client.get(recover_list_url(model)).context["versions"]
    confirmation = client.get(recover_url(model, version)).content.decode()
    response = client.post(recover_url(model, version))
    assert response.status_code == 302
    return confirmation


def public_page(client, record) -> str:
    return client.get(f"/en/records/{record.reference_code}/").content.decode()


@pytest.fixture
def peace(db) -> models.Subject:
    """A subject of two published records and of a draft."""
    subject = factories.subject(label_en="Peaceful coexistence")
    for code in ("TEST-PUB-2", "TEST-PUB-1"):
        factories.record(reference_code=code).subjects.add(subject)
    ready_record(reference_code="TEST-DRAFT").subjects.add(subject)
    return subject


LOSS = (
    "These 2 published records will lose the subject “Peaceful coexistence”: TEST-PUB-1, TEST-PUB-2"
)


# Editors


def test_editor_cannot_delete_a_subject_of_published_records(editor_client, peace):
    form = editor_client.get(change_url(peace)).content.decode()

    response = editor_client.post(delete_url(peace), {"post": "yes"})

    assert delete_url(peace) not in form
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only a curator can delete this subject: published records link to it." in page
    assert LOSS in page
    assert "TEST-DRAFT" not in page
    assert sorted(peace.records.values_list("reference_code", flat=True)) == [
        "TEST-DRAFT",
        "TEST-PUB-1",
        "TEST-PUB-2",
    ]


def test_editor_deletes_a_subject_only_a_draft_uses(editor_client):
    subject = factories.subject(label_en="Draft only")
    draft = ready_record(reference_code="TEST-DRAFT")
    draft.subjects.add(subject)

    form = editor_client.get(change_url(subject)).content.decode()
    response = editor_client.post(delete_url(subject), {"post": "yes"})

    assert delete_url(subject) in form
    assert response.status_code == 302
    assert not models.Subject.objects.filter(label_en="Draft only").exists()
    assert list(draft.subjects.all()) == []


def test_editor_bulk_delete_refuses_and_names_the_subjects_in_use(editor_client, peace):
    unused = factories.subject(label_en="Unused subject")

    response = delete_selected(editor_client, [peace, unused], follow=True)

    page = response.content.decode()
    assert "Nothing was deleted: only a curator can delete what published records link to." in page
    assert LOSS in page
    assert "Unused subject" not in page.split("Nothing was deleted")[1].split("</li>")[0]
    assert models.Subject.objects.filter(pk__in=[peace.pk, unused.pk]).count() == 2
    assert peace.records.count() == 3


def test_editor_bulk_deletes_subjects_no_published_record_uses(editor_client):
    subjects = [factories.subject(), factories.subject()]
    ready_record().subjects.add(*subjects)

    response = delete_selected(editor_client, subjects)

    assert response.status_code == 302
    assert not models.Subject.objects.filter(pk__in=[s.pk for s in subjects]).exists()


@pytest.mark.parametrize("kind", ["event", "language", "source"])
def test_editor_cannot_delete_vocabulary_of_a_published_record(editor_client, kind):
    record = factories.record(reference_code="TEST-PUB")
    if kind == "event":
        term = factories.event()
        record.events.add(term)
    elif kind == "language":
        term = models.Language.objects.create(code="xts", name_en="Test language")
        record.languages.add(term)
    else:
        term = factories.source()
        record.sources.add(term)

    response = editor_client.post(delete_url(term), {"post": "yes"})

    assert response.status_code == 403
    assert "TEST-PUB" in response.content.decode()
    assert type(term).objects.filter(pk=term.pk).exists()


def test_editor_cannot_delete_the_collection_of_a_published_record(editor_client):
    record = factories.record(reference_code="TEST-PUB")

    response = editor_client.post(delete_url(record.collection), {"post": "yes"})

    assert response.status_code == 403
    assert (
        f"This published record links to the collection “{record.collection}”: TEST-PUB"
        in response.content.decode()
    )
    assert models.Record.objects.get(reference_code="TEST-PUB").collection == record.collection


def test_editor_cannot_delete_a_source_of_a_published_records_copy(editor_client):
    source = factories.source(key="SRC-NOTES", title="Delegate's notes")
    copy(factories.record(reference_code="TEST-PUB"), label_en="Copy A").sources.add(source)

    response = editor_client.post(delete_url(source), {"post": "yes"})

    assert response.status_code == 403
    assert "will lose the source “[SRC-NOTES] Delegate&#x27;s notes”: TEST-PUB" in (
        response.content.decode()
    )
    assert models.Copy.objects.get(label_en="Copy A").sources.get() == source


def test_editor_cannot_bulk_delete_a_copy_of_a_published_record(editor_client):
    item = copy(factories.record(reference_code="TEST-PUB"), label_en="Archive copy")

    response = delete_selected(editor_client, [item], follow=True)

    assert "will lose the copy “Archive copy”: TEST-PUB" in response.content.decode()
    assert models.Copy.objects.filter(pk=item.pk).exists()


def test_editor_cannot_delete_a_draft_a_published_record_refers_to(editor_client):
    published = factories.record(reference_code="TEST-PUB")
    draft = ready_record(reference_code="TEST-DRAFT")
    models.RecordRelation.objects.create(
        subject=published, object=draft, type=models.RelationType.REFERS_TO
    )

    response = editor_client.post(delete_url(draft), {"post": "yes"})

    assert response.status_code == 403
    assert ": TEST-PUB" in response.content.decode()
    assert published.relations.get().object == draft


# Viewers


def test_viewer_cannot_delete_a_subject_or_learn_its_records(viewer_client, peace):
    unused = factories.subject()

    response = viewer_client.post(delete_url(peace), {"post": "yes"})
    bulk = delete_selected(viewer_client, [peace, unused])

    assert response.status_code == 403
    assert "TEST-PUB-1" not in response.content.decode()
    assert "TEST-PUB-1" not in bulk.content.decode()
    assert models.Subject.objects.filter(pk__in=[peace.pk, unused.pk]).count() == 2
    assert peace.records.count() == 3


# Curators


def test_curator_is_shown_the_records_that_lose_a_subject(curator_client, peace):
    page = curator_client.get(delete_url(peace)).content.decode()

    assert LOSS in page
    assert "Yes, I’m sure" in page
    assert models.Subject.objects.filter(pk=peace.pk).exists()


def test_curator_bulk_delete_shows_the_records_before_confirming(curator_client, peace):
    other = factories.subject(label_en="Thaw")
    factories.record(reference_code="TEST-PUB-3").subjects.add(other)

    page = delete_selected(curator_client, [peace, other], confirmed=False).content.decode()

    assert LOSS in page
    assert "This published record will lose the subject “Thaw”: TEST-PUB-3" in page
    assert models.Subject.objects.count() == 2


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


def test_editor_is_told_which_published_records_name_a_person(editor_client):
    person = factories.person(name_en="Test Author")
    record = factories.record(reference_code="TEST-PUB")
    models.RecordPerson.objects.create(record=record, person=person, role=models.PersonRole.AUTHOR)

    response = editor_client.post(delete_url(person), {"post": "yes"})

    assert response.status_code == 403
    assert "This published record links to the person “Test Author”: TEST-PUB" in (
        response.content.decode()
    )
    assert list(record.people.values_list("person__name_en", flat=True)) == ["Test Author"]


def test_nobody_deletes_a_person_with_roles_on_records(curator_client):
    person = factories.person(name_en="Test Author")
    record = factories.record(reference_code="TEST-PUB")
    models.RecordPerson.objects.create(record=record, person=person, role=models.PersonRole.AUTHOR)

    response = curator_client.post(delete_url(person), {"post": "yes"})

    page = response.content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "This published record links to the person “Test Author”: TEST-PUB" in page
    assert list(record.people.values_list("person__name_en", flat=True)) == ["Test Author"]


def test_nobody_deletes_an_organization_with_memberships(curator_client):
    body = factories.organization(name_en="Test Presidium")
    factories.membership(organization=body, person=factories.person(name_en="Test Member"))

    response = curator_client.post(delete_url(body), {"post": "yes"})

    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert list(body.memberships.values_list("person__name_en", flat=True)) == ["Test Member"]


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


def test_editor_is_refused_in_russian(editor_client, peace):
    response = editor_client.post(delete_url(peace), {"post": "yes"}, HTTP_ACCEPT_LANGUAGE="ru")

    page = response.content.decode()
    assert "может только куратор: на него ссылаются опубликованные документы." in page
    assert "2 опубликованных документа потеряют связь с объектом «Peaceful coexistence»" in page


@pytest.mark.parametrize("count", [1, 3])
def test_delete_page_costs_the_same_for_any_number_of_records(
    curator_client, django_assert_num_queries, count
):
    subject = factories.subject(label_en="Thaw")
    for _ in range(count):
        factories.record().subjects.add(subject)

    with django_assert_num_queries(9):
        response = curator_client.get(delete_url(subject))

    assert "will lose the subject “Thaw”" in response.content.decode()
