"""History through the admin: each change kept with who and why, a diff, revert and recover."""

import pytest
from django.urls import reverse

from catalogue import history, models
from tests import factories

from .builders import copy, ready_record
from .helpers import change_url, changelist_url, open_change_form


def history_url(obj) -> str:
    return reverse(f"admin:catalogue_{obj._meta.model_name}_history", args=[obj.pk])


def revert_url(obj, version) -> str:
    return reverse(f"admin:catalogue_{obj._meta.model_name}_revert", args=[obj.pk, version.pk])


def recover_list_url(model) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_recoverlist")


def recover_url(model, version) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_recover", args=[version.pk])


def edit_title(client, record, title: str):
    data = open_change_form(client, record)
    data["title_en"] = title
    response = client.post(change_url(record), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()


@pytest.fixture
def edited_record(curator_client):
    """A draft the curator retitled twice in the admin: "First title", then "Second title"."""
    record = ready_record(title_en="Draft title")
    edit_title(curator_client, record, "First title")
    edit_title(curator_client, record, "Second title")
    return record


def test_history_page_shows_who_changed_the_title_with_old_and_new(
    curator_client, curator, edited_record
):
    response = curator_client.get(history_url(edited_record))

    newest, first = response.context["rows"]
    assert (newest["entry"].user, newest["entry"].comment) == (curator, "Changed Title [en].")
    assert newest["changes"] == [("title [en]", "First title", "Second title")]
    assert first["changes"] is None
    assert "<del>First title</del>" in response.content.decode()
    assert "<ins>Second title</ins>" in response.content.decode()


def test_curator_reverts_a_title_after_a_confirmation(curator_client, curator, edited_record):
    older = history.versions_of(edited_record)[1].version
    stamp = edited_record.updated_at

    confirmation = curator_client.get(revert_url(edited_record, older))
    response = curator_client.post(revert_url(edited_record, older))

    assert confirmation.context["changes"] == [("title [en]", "Second title", "First title")]
    assert response.url == change_url(edited_record)
    edited_record.refresh_from_db()
    assert edited_record.title_en == "First title"
    assert edited_record.updated_at > stamp
    newest = history.versions_of(edited_record)[0]
    assert (newest.user, newest.comment.startswith("Reverted to the version of")) == (curator, True)


def test_form_opened_before_a_revert_is_refused(
    curator_client, second_curator_client, edited_record
):
    stale = open_change_form(second_curator_client, edited_record)
    curator_client.post(revert_url(edited_record, history.versions_of(edited_record)[1].version))
    stale["title_en"] = "Overwrite"

    response = second_curator_client.post(change_url(edited_record), stale)

    assert "after you opened it" in str(response.context["adminform"].form.non_field_errors())
    edited_record.refresh_from_db()
    assert edited_record.title_en == "First title"


def test_editor_reverts_a_draft(editor_client, edited_record):
    older = history.versions_of(edited_record)[1].version

    response = editor_client.post(revert_url(edited_record, older))

    assert response.status_code == 302
    edited_record.refresh_from_db()
    assert edited_record.title_en == "First title"


def test_editor_cannot_revert_a_published_record(curator_client, editor_client, edited_record):
    curator_client.post(
        changelist_url(models.Record),
        {"action": "publish", "_selected_action": [edited_record.pk]},
    )
    older = history.versions_of(edited_record)[1].version

    page = editor_client.get(history_url(edited_record))
    response = editor_client.post(revert_url(edited_record, older))

    assert [row["may_revert"] for row in page.context["rows"]] == [False, False, False]
    assert response.status_code == 403
    edited_record.refresh_from_db()
    assert (edited_record.title_en, edited_record.status) == (
        "Second title",
        models.Status.PUBLISHED,
    )


def test_viewer_reads_the_history_but_cannot_revert_or_recover(viewer_client, edited_record):
    older = history.versions_of(edited_record)[1].version

    page = viewer_client.get(history_url(edited_record))
    reverted = viewer_client.post(revert_url(edited_record, older))
    recover_list = viewer_client.get(recover_list_url(models.Record))

    assert len(page.context["rows"]) == 2
    assert "Revert to this version" not in page.content.decode()
    assert (reverted.status_code, recover_list.status_code) == (403, 403)
    edited_record.refresh_from_db()
    assert edited_record.title_en == "Second title"


def test_publish_and_unpublish_actions_are_kept_in_the_history(curator_client, curator):
    record = ready_record(title_en="Ready draft")

    for action in ("publish", "unpublish"):
        curator_client.post(
            changelist_url(models.Record), {"action": action, "_selected_action": [record.pk]}
        )

    entries = history.versions_of(record)
    assert [(entry.user, entry.comment) for entry in entries] == [
        (curator, "Unpublished"),
        (curator, "Published"),
    ]
    assert history.diff(entries[1].version, entries[0].version)[0] == (
        "status",
        "published",
        "draft",
    )


def test_copy_changed_in_the_record_form_is_kept_with_the_record(curator_client, curator):
    record = ready_record()
    item = copy(record, label_en="Delegate's copy")
    data = open_change_form(curator_client, record)
    data["copies-0-label_en"] = "Archive copy"

    curator_client.post(change_url(record), data)

    copy_entry = history.versions_of(item)[0]
    record_entry = history.versions_of(record)[0]
    assert copy_entry.version.revision_id == record_entry.version.revision_id
    assert (copy_entry.user, copy_entry.version.field_dict["label_en"]) == (curator, "Archive copy")
    assert "Archive copy" in record_entry.comment


def test_deleted_record_is_recovered_with_its_copies(curator_client):
    record = ready_record(reference_code="TEST-DEL", title_en="To be deleted")
    copy(record, label_en="First copy")
    copy(record, label_en="Second copy")

    curator_client.post(reverse("admin:catalogue_record_delete", args=[record.pk]), {"post": "yes"})
    assert not models.Record.objects.filter(reference_code="TEST-DEL").exists()
    assert not models.Copy.objects.filter(label_en__in=["First copy", "Second copy"]).exists()
    listed = curator_client.get(recover_list_url(models.Record))
    (version,) = listed.context["versions"]
    confirmation = curator_client.get(recover_url(models.Record, version))
    response = curator_client.post(recover_url(models.Record, version))

    assert version.object_repr == "TEST-DEL To be deleted"
    assert sorted(item.object_repr for item in confirmation.context["carried"]) == [
        "First copy",
        "Second copy",
    ]
    recovered = models.Record.objects.get(reference_code="TEST-DEL")
    assert response.url == change_url(recovered)
    assert sorted(recovered.copies.values_list("label_en", flat=True)) == [
        "First copy",
        "Second copy",
    ]
    assert curator_client.get(recover_list_url(models.Record)).context["versions"] == []


def test_records_deleted_together_are_each_recoverable(curator_client):
    records = [ready_record(title_en=f"Deleted together {n}") for n in (1, 2)]

    curator_client.post(
        changelist_url(models.Record),
        {"action": "delete_selected", "_selected_action": [r.pk for r in records], "post": "yes"},
    )

    listed = curator_client.get(recover_list_url(models.Record)).context["versions"]
    assert sorted(version.object_repr for version in listed) == sorted(str(r) for r in records)
    assert not models.Record.objects.filter(pk__in=[r.pk for r in records]).exists()


def test_person_is_reverted_like_a_record(curator_client):
    person = factories.person(name_en="Test Person A")
    for name in ("Test Person B", "Test Person C"):
        data = open_change_form(curator_client, person)
        data["name_en"] = name
        curator_client.post(change_url(person), data)
    older = history.versions_of(person)[1].version

    curator_client.post(revert_url(person, older))

    person.refresh_from_db()
    assert person.name_en == "Test Person B"


def test_recovering_a_record_whose_reference_code_was_taken_since_is_refused(curator_client):
    record = ready_record(reference_code="TEST-AGAIN", title_en="Deleted first")
    curator_client.post(reverse("admin:catalogue_record_delete", args=[record.pk]), {"post": "yes"})
    ready_record(reference_code="TEST-AGAIN", title_en="Catalogued since")
    (version,) = curator_client.get(recover_list_url(models.Record)).context["versions"]

    response = curator_client.post(recover_url(models.Record, version), follow=True)

    assert "Nothing was restored: TEST-AGAIN Deleted first conflicts" in response.content.decode()
    assert list(models.Record.objects.values_list("title_en", flat=True)) == ["Catalogued since"]
