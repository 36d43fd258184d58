"""Deleting through the admin as each role: nothing published records link to is lost.

An editor may not delete what a published record links to; a curator is shown the records
that would lose the link before confirming (recovery: test_recovery.py).
"""

import pytest

from catalogue import models
from tests import factories

from .builders import copy, ready_record
from .deletions import LOSS, delete_selected, delete_url
from .helpers import change_url

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
