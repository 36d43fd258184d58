"""Who may do what in the admin: curators everything, editors drafts, viewers nothing."""

import pytest
from django.urls import reverse

from catalogue import models
from tests import factories

from .builders import copy, ready_record
from .helpers import change_url, changelist_url, form_data, open_change_form
from .test_pages import QUERIES

ADMIN_LOGIN = reverse("admin:login")


@pytest.mark.parametrize("model", list(QUERIES))
def test_anonymous_visitor_is_sent_to_the_login_page(client, db, model):
    url = reverse(f"admin:catalogue_{model}_changelist")

    response = client.get(url)

    assert (response.status_code, response.url) == (302, f"{ADMIN_LOGIN}?next={url}")


@pytest.mark.parametrize("model", list(QUERIES))
def test_staff_without_a_role_sees_no_catalogue_list(staff_client, model):
    response = staff_client.get(reverse(f"admin:catalogue_{model}_changelist"))

    assert response.status_code == 403


def test_staff_without_a_role_cannot_open_or_change_a_record(staff_client):
    record = factories.record(title_en="Lenin's Testament")

    opened = staff_client.get(change_url(record))
    posted = staff_client.post(change_url(record), {"title_en": "Changed"})

    assert (opened.status_code, posted.status_code) == (403, 403)
    record.refresh_from_db()
    assert record.title_en == "Lenin's Testament"


def test_staff_without_a_role_is_told_there_is_nothing_to_see(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert response.context["app_list"] == []


def test_editor_adds_a_draft_record(editor_client):
    collection = factories.collection()
    data = form_data(editor_client.get(reverse("admin:catalogue_record_add")))
    data.update(
        reference_code="EDIT-1", collection=collection.pk, kind="report", title_en="New draft"
    )

    response = editor_client.post(reverse("admin:catalogue_record_add"), data)

    assert response.status_code == 302
    record = models.Record.objects.get(reference_code="EDIT-1")
    assert (record.title_en, record.status) == ("New draft", models.Status.DRAFT)


def test_editor_edits_a_draft_but_not_its_status(editor_client):
    record = ready_record(title_en="Draft")
    data = open_change_form(editor_client, record)
    data.update(title_en="Draft, revised", status=models.Status.PUBLISHED)

    response = editor_client.post(change_url(record), data)

    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.title_en, record.status) == ("Draft, revised", models.Status.DRAFT)


def test_editor_sees_a_published_record_read_only(editor_client):
    record = factories.record(title_en="Published record")

    response = editor_client.get(change_url(record))

    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False
    assert 'name="title_en"' not in response.content.decode()
    assert "Published record" in response.content.decode()


def test_editor_cannot_change_a_published_record(editor_client, curator_client):
    record = factories.record(title_en="Published record")
    data = open_change_form(curator_client, record)
    data["title_en"] = "Changed by an editor"

    response = editor_client.post(change_url(record), data)

    assert response.status_code == 403
    record.refresh_from_db()
    assert record.title_en == "Published record"


def test_editor_cannot_delete_a_published_record(editor_client):
    record = factories.record()
    url = reverse("admin:catalogue_record_delete", args=[record.pk])

    response = editor_client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert models.Record.objects.filter(pk=record.pk).exists()


def test_editor_cannot_bulk_delete_a_published_record(editor_client):
    draft = ready_record()
    published = factories.record()

    response = editor_client.post(
        changelist_url(models.Record),
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert models.Record.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2


def test_editor_deletes_a_draft(editor_client):
    draft = ready_record()
    url = reverse("admin:catalogue_record_delete", args=[draft.pk])

    response = editor_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not models.Record.objects.filter(pk=draft.pk).exists()


def test_editor_cannot_change_a_copy_of_a_published_record(editor_client, curator_client):
    item = copy(factories.record(), label_en="Delegate's copy")
    data = open_change_form(curator_client, item)
    data["label_en"] = "Changed"

    response = editor_client.post(change_url(item), data)

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.label_en == "Delegate's copy"


def test_editor_is_not_offered_the_publish_actions(editor_client):
    ready_record()

    response = editor_client.get(changelist_url(models.Record))

    actions = {name for name, label in response.context["action_form"].fields["action"].choices}
    assert actions == {"", "delete_selected", "export_csv", "export_json"}


def test_editor_cannot_publish_by_posting_the_action(editor_client):
    draft = ready_record()

    editor_client.post(
        changelist_url(models.Record), {"action": "publish", "_selected_action": [draft.pk]}
    )

    draft.refresh_from_db()
    assert draft.status == models.Status.DRAFT


def test_viewer_reads_a_record(viewer_client):
    record = factories.record(title_en="Lenin's Testament")

    response = viewer_client.get(change_url(record))

    assert response.context["has_change_permission"] is False
    assert "Lenin&#x27;s Testament" in response.content.decode()


@pytest.mark.parametrize("status", [models.Status.DRAFT, models.Status.PUBLISHED])
def test_viewer_cannot_change_a_record(viewer_client, curator_client, status):
    record = ready_record(status=status, title_en="Lenin's Testament")
    data = open_change_form(curator_client, record)
    data["title_en"] = "Changed by a viewer"

    response = viewer_client.post(change_url(record), data)

    assert response.status_code == 403
    record.refresh_from_db()
    assert record.title_en == "Lenin's Testament"


def test_viewer_cannot_add_or_delete(viewer_client):
    record = ready_record()
    delete_url = reverse("admin:catalogue_record_delete", args=[record.pk])

    added = viewer_client.post(reverse("admin:catalogue_person_add"), {"slug": "x", "name_en": "X"})
    deleted = viewer_client.post(delete_url, {"post": "yes"})

    assert (added.status_code, deleted.status_code) == (403, 403)
    assert models.Record.objects.filter(pk=record.pk).exists()
    assert not models.Person.objects.exists()


def test_curator_deletes_a_published_record(curator_client):
    record = factories.record()
    url = reverse("admin:catalogue_record_delete", args=[record.pk])

    response = curator_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not models.Record.objects.filter(pk=record.pk).exists()


def test_editor_cannot_add_a_copy_to_a_published_record(editor_client):
    published = factories.record()
    data = form_data(editor_client.get(reverse("admin:catalogue_copy_add")))
    data.update(record=published.pk, key="delegate", label_en="Delegate's copy")

    response = editor_client.post(reverse("admin:catalogue_copy_add"), data)

    assert "Select a valid choice" in str(response.context["adminform"].form.errors["record"])
    assert not models.Copy.objects.exists()


def test_editor_adds_a_copy_to_a_draft(editor_client):
    draft = ready_record()
    data = form_data(editor_client.get(reverse("admin:catalogue_copy_add")))
    data.update(record=draft.pk, key="delegate", label_en="Delegate's copy")

    response = editor_client.post(reverse("admin:catalogue_copy_add"), data)

    assert response.status_code == 302
    assert list(draft.copies.values_list("label_en", flat=True)) == ["Delegate's copy"]
