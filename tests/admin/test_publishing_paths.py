"""Every way into publication takes the one path: readiness, time, public search, history.

For each entry (the service called from a shell or command, the admin action, the change
form, an import in CSV and JSON from the command and from the admin, a revert in the
history), an unready record is refused with what it lacks, and a ready one is published with
its time, found by the public search and kept in the history.
"""

import ast
import json
import re
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

import catalogue
from catalogue import history, models, publishing
from tests import factories

from .builders import ready_record
from .helpers import change_url, changelist_url, form_data, open_change_form

HEADER = "reference_code,collection,level,kind,title_en,date,extent_en,status"
READY_ROW = "TEST-PUB-1,congress,item,report,Test record quorum,1956-02-25,1 item,published"
UNREADY_ROW = "TEST-PUB-1,congress,item,report,Test record quorum,,,published"
IMPORT_URL = reverse("admin:catalogue_record_import")


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.CATALOGUE_IMPORT_DIR = tmp_path / "imports"
    return settings.CATALOGUE_IMPORT_DIR


@pytest.fixture
def collection(db):
    return factories.collection(slug="congress")


def publicly_found(word: str) -> list[str]:
    """The titles the public records page lists for a search for ``word``."""
    body = Client().get(f"/en/records/?q={word}").content.decode()
    results = body.split('class="results"', 1)[1]
    titles = re.findall(r"<h3><a href=\"/en/records/[^\"]+\">(.*?)</a></h3>", results)
    return [re.sub(r"<[^>]+>", "", title) for title in titles]


def assert_published_everywhere(reference_code: str, user, comment: str = "Published") -> None:
    record = models.Record.objects.get(reference_code=reference_code)
    newest = history.versions_of(record)[0]
    assert (record.status, record.published_at is not None) == ("published", True)
    assert publicly_found("quorum") == [record.title_en]
    assert (newest.user, newest.comment, newest.version.field_dict["status"]) == (
        user,
        comment,
        "published",
    )


def assert_not_published(reference_code: str) -> None:
    """The record may exist, as a draft that the public search does not find."""
    assert not models.Record.objects.filter(
        reference_code=reference_code, status=models.Status.PUBLISHED
    ).exists()
    assert publicly_found("quorum") == []


def unready_draft(**fields) -> models.Record:
    fields.setdefault("reference_code", "TEST-PUB-1")
    fields.setdefault("title_en", "Test record quorum")
    return factories.record(status=models.Status.DRAFT, **fields)


# The service, as a command or the shell calls it


def test_service_publish_refuses_an_unready_record_naming_what_it_lacks(curator):
    record = unready_draft()

    with pytest.raises(publishing.NotReady) as refused:
        publishing.publish(models.Record.objects.filter(pk=record.pk), user=curator)

    assert str(refused.value) == "TEST-PUB-1 cannot be published without: date, extent."
    assert refused.value.refused == {"TEST-PUB-1": ["date", "extent"]}
    assert models.Record.objects.get(pk=record.pk).title_en == "Test record quorum"
    assert_not_published("TEST-PUB-1")
    assert history.versions_of(record) == []


def test_service_publish_publishes_a_ready_record_everywhere(curator):
    record = ready_record(reference_code="TEST-PUB-1", title_en="Test record quorum")

    outcome = publishing.publish(models.Record.objects.filter(pk=record.pk), user=curator)

    assert [published.reference_code for published in outcome.changed] == ["TEST-PUB-1"]
    assert_published_everywhere("TEST-PUB-1", curator)


def test_service_publish_refuses_all_when_one_is_unready(curator):
    ready = ready_record(title_en="Test record quorum")
    unready = unready_draft(reference_code="TEST-PUB-2")

    with pytest.raises(publishing.NotReady):
        publishing.publish(
            models.Record.objects.filter(pk__in=[ready.pk, unready.pk]), user=curator
        )

    assert sorted(models.Record.objects.values_list("status", flat=True)) == ["draft", "draft"]


def test_service_unpublish_withdraws_from_the_public_search_and_keeps_it_in_history(curator):
    record = ready_record(title_en="Test record quorum")
    publishing.publish([record], user=curator)
    assert publicly_found("quorum") == ["Test record quorum"]

    outcome = publishing.unpublish([record], user=curator)

    record.refresh_from_db()
    assert (outcome.count, record.status, record.published_at) == (1, "draft", None)
    assert publicly_found("quorum") == []
    assert history.versions_of(record)[0].comment == "Unpublished"


def test_publish_records_command_refuses_an_unready_record_naming_what_it_lacks(curator):
    unready_draft()

    with pytest.raises(CommandError) as refused:
        call_command("publish_records", "TEST-PUB-1", "--user", "curator")

    assert str(refused.value) == (
        "TEST-PUB-1 cannot be published without: date, extent. Nothing was published."
    )
    assert_not_published("TEST-PUB-1")


def test_publish_records_command_publishes_a_ready_record_everywhere(curator, capsys):
    ready_record(reference_code="TEST-PUB-1", title_en="Test record quorum")

    call_command("publish_records", "TEST-PUB-1", "--user", "curator")

    assert capsys.readouterr().out == "Published 1 of 1 records.\n"
    assert_published_everywhere("TEST-PUB-1", curator)


# The admin: the action and the change form


def test_publish_action_publishes_a_ready_record_everywhere(curator_client, curator):
    record = ready_record(reference_code="TEST-PUB-1", title_en="Test record quorum")

    curator_client.post(
        changelist_url(models.Record), {"action": "publish", "_selected_action": [record.pk]}
    )

    assert_published_everywhere("TEST-PUB-1", curator)


def test_publish_action_refuses_an_unready_record_and_leaves_it_unfound(curator_client):
    record = unready_draft()

    response = curator_client.post(
        changelist_url(models.Record), {"action": "publish", "_selected_action": [record.pk]}
    )

    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "TEST-PUB-1 was not published; it lacks: date, extent.",
        "Published 0 records.",
    ]
    assert_not_published("TEST-PUB-1")


def test_change_form_publishes_a_ready_record_everywhere(curator_client, curator):
    record = ready_record(reference_code="TEST-PUB-1", title_en="Test record quorum")
    data = open_change_form(curator_client, record)
    data["status"] = models.Status.PUBLISHED

    response = curator_client.post(change_url(record), data)

    assert response.status_code == 302
    # One revision for the form's save, with the record as published.
    assert_published_everywhere("TEST-PUB-1", curator, "Changed Status.")


def test_change_form_refuses_an_unready_record_and_leaves_it_unfound(curator_client):
    record = unready_draft()
    data = open_change_form(curator_client, record)
    data["status"] = models.Status.PUBLISHED

    response = curator_client.post(change_url(record), data)

    assert response.context["adminform"].form.errors["status"] == [
        "This record cannot be published without: date, extent."
    ]
    assert_not_published("TEST-PUB-1")


def test_change_form_adds_a_ready_record_as_published(curator_client, curator, collection):
    data = form_data(curator_client.get(reverse("admin:catalogue_record_add")))
    data.update(
        reference_code="TEST-PUB-1",
        collection=str(collection.pk),
        kind="report",
        title_en="Test record quorum",
        date="1956-02-25",
        extent_en="1 item",
        status="published",
    )

    response = curator_client.post(reverse("admin:catalogue_record_add"), data)

    assert response.status_code == 302
    assert_published_everywhere("TEST-PUB-1", curator, "Added.")


# Imports: the command (CSV and JSON) and the admin's preview


def records_json(row: str) -> str:
    names = HEADER.split(",")
    values = row.split(",")
    return json.dumps({"kind": "records", "rows": [dict(zip(names, values, strict=True))]})


def import_file(tmp_path, row: str, format: str) -> Path:
    path = tmp_path / f"records.{format}"
    text = f"{HEADER}\n{row}\n" if format == "csv" else records_json(row)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("format", ["csv", "json"])
def test_import_command_refuses_a_row_that_would_publish_an_unready_record(
    collection, tmp_path, capsys, format
):
    path = import_file(tmp_path, UNREADY_ROW, format)

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_catalogue", str(path))

    row = 2 if format == "csv" else 1
    assert capsys.readouterr().err.splitlines() == [
        f"records.{format}, row {row}, column status: "
        "This record cannot be published without: date, extent."
    ]
    assert not models.Record.objects.exists()


@pytest.mark.parametrize("format", ["csv", "json"])
def test_import_command_publishes_a_ready_record_everywhere(collection, curator, tmp_path, format):
    path = import_file(tmp_path, READY_ROW, format)

    call_command("import_catalogue", str(path), "--user", "curator")

    assert_published_everywhere("TEST-PUB-1", curator)
    older = history.versions_of(models.Record.objects.get())[1]
    assert older.comment == f"Imported from records.{format}"


def test_import_refuses_to_leave_a_published_record_incomplete(collection, tmp_path, capsys):
    ready_record(
        reference_code="TEST-PUB-1",
        collection=collection,
        status=models.Status.PUBLISHED,
        title_en="Test record quorum",
    )
    path = tmp_path / "records.csv"
    path.write_text("reference_code,extent_en\nTEST-PUB-1,\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_catalogue", str(path))

    assert (
        "records.csv, row 2, column status: This record cannot be published without: extent."
        in (capsys.readouterr().err)
    )
    assert models.Record.objects.get().extent_en == "1 item"


def test_import_in_the_admin_previews_the_unready_row_as_an_error(curator_client, collection):
    upload = import_upload(UNREADY_ROW)

    response = curator_client.post(IMPORT_URL, {"file": upload, "kind": "records"})

    content = response.content.decode()
    assert (
        "records.csv, row 2, column status: This record cannot be published without: date, "
        "extent." in content
    )
    assert 'name="token"' not in content
    assert not models.Record.objects.exists()


def test_import_in_the_admin_publishes_a_ready_record_everywhere(
    curator_client, curator, collection
):
    preview = curator_client.post(IMPORT_URL, {"file": import_upload(READY_ROW), "kind": "records"})

    curator_client.post(IMPORT_URL, {"token": preview.context["token"]})

    assert_published_everywhere("TEST-PUB-1", curator)


def import_upload(row: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("records.csv", f"{HEADER}\n{row}\n".encode(), "text/csv")


# Revert in the history


def revert_url(record, version) -> str:
    return reverse("admin:catalogue_record_revert", args=[record.pk, version.pk])


def test_revert_to_a_published_version_publishes_a_ready_record_again(curator_client, curator):
    record = ready_record(reference_code="TEST-PUB-1", title_en="Test record quorum")
    publishing.publish([record], user=curator)
    publishing.unpublish([record], user=curator)
    published_version = history.versions_of(record)[1].version

    response = curator_client.post(revert_url(record, published_version))

    assert response.status_code == 302
    assert_published_everywhere("TEST-PUB-1", curator)


def test_revert_to_a_published_version_that_lacks_the_essentials_is_refused(
    curator_client, curator
):
    # A version published without an extent, as imports once allowed.
    with history.revision(curator, "Imported from records.csv"):
        record = factories.record(
            reference_code="TEST-PUB-1", title_en="Test record quorum", date="1956-02-25"
        )
    publishing.unpublish([record], user=curator)
    record.refresh_from_db()
    record.extent_en = "1 item"
    record.save()
    published_version = history.versions_of(record)[1].version
    assert published_version.field_dict["status"] == "published"

    response = curator_client.post(revert_url(record, published_version), follow=True)

    [message] = [str(message) for message in response.context["messages"]]
    assert message == (
        "Nothing was restored: TEST-PUB-1 Test record quorum is published in that version, "
        "and as it would be now it lacks what publication needs. TEST-PUB-1 cannot be "
        "published without: extent. Restore a draft version, or complete the record and "
        "publish it."
    )
    record.refresh_from_db()
    assert (record.status, record.extent_en) == ("draft", "1 item")
    assert_not_published("TEST-PUB-1")


def test_revert_to_a_draft_version_withdraws_through_unpublish(curator_client, curator):
    record = ready_record(reference_code="TEST-PUB-1", title_en="Test record quorum")
    with history.revision(curator, "Drafted"):
        record.save()
    publishing.publish([record], user=curator)
    draft_version = history.versions_of(record)[1].version

    curator_client.post(revert_url(record, draft_version))

    record.refresh_from_db()
    assert (record.status, record.published_at) == ("draft", None)
    assert history.versions_of(record)[0].comment == "Unpublished"
    assert publicly_found("quorum") == []


# The models know nothing of the search


def test_models_package_does_not_import_the_search_package():
    models_dir = Path(catalogue.__file__).parent / "models"
    imported = []
    for path in sorted(models_dir.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level == 1:
                    module = f"catalogue.models.{module}"
                elif node.level == 2:
                    module = f"catalogue.{module}" if module else "catalogue"
                names = [f"{module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            imported.extend((path.name, name) for name in names)

    assert ("records.py", "catalogue.models.choices.Status") in imported  # the walk reads them
    assert [
        (name, module) for name, module in imported if module.startswith("catalogue.search")
    ] == []
