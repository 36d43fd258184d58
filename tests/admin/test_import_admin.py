"""Import and export in the admin: a preview that is the dry run, then a confirmation."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue import history, models, transfer
from catalogue.search import search_records
from tests import factories

from .helpers import changelist_url

HEADER = "reference_code,collection,level,kind,title_en,date,extent_en,status"
IMPORT_URL = reverse("admin:catalogue_record_import")


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.CATALOGUE_IMPORT_DIR = tmp_path / "imports"
    return settings.CATALOGUE_IMPORT_DIR


@pytest.fixture
def collection(db):
    return factories.collection(slug="congress")


def records_file(*rows: str, name: str = "records.csv") -> SimpleUploadedFile:
    text = "\n".join([HEADER, *rows]) + "\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


GOOD_ROWS = (
    "TEST-IMP-1,congress,item,report,Imported test record alpha,1956-02-25,1 item,published",
    "TEST-IMP-2,congress,item,report,Imported test record beta,1956-02,2 pages,published",
)


def preview(client, upload):
    return client.post(IMPORT_URL, {"file": upload, "kind": "records"})


def test_import_preview_lists_a_bad_row_with_its_column_and_writes_nothing(
    curator_client, collection
):
    upload = records_file(
        GOOD_ROWS[0],
        "TEST-IMP-3,congress,item,report,Imported test record gamma,1956-13-45,1 item,draft",
        GOOD_ROWS[1],
    )

    response = preview(curator_client, upload)

    plan = response.context["plan"]
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 0, "error": 1}
    (message,) = plan.error_messages()
    assert message.startswith("records.csv, row 3, column date: ")
    content = response.content.decode()
    assert "records.csv, row 3, column date: " in content
    assert 'name="token"' not in content
    assert not models.Record.objects.filter(reference_code__startswith="TEST-IMP").exists()


def test_import_preview_shows_changes_then_confirm_writes_searchable_records(
    curator_client, curator, collection
):
    existing = factories.record(
        reference_code="TEST-IMP-1",
        collection=collection,
        level=models.Level.ITEM,
        title_en="Old test title",
        date="1956-02-25",
        extent_en="1 item",
    )

    response = preview(curator_client, records_file(*GOOD_ROWS))

    rows = {row.key: row for row in response.context["plan"].rows}
    assert (rows["TEST-IMP-1"].action, rows["TEST-IMP-2"].action) == ("update", "create")
    assert rows["TEST-IMP-1"].changes == {
        "title_en": ("Old test title", "Imported test record alpha")
    }
    assert "<del>Old test title</del>" in response.content.decode()
    assert models.Record.objects.filter(reference_code__startswith="TEST-IMP").count() == 1

    confirmed = curator_client.post(IMPORT_URL, {"token": response.context["token"]})

    assert confirmed.url == changelist_url(models.Record)
    existing.refresh_from_db()
    assert existing.title_en == "Imported test record alpha"
    found = search_records(models.Record.objects.all(), "beta")
    assert [record.reference_code for record in found] == ["TEST-IMP-2"]
    entry = history.versions_of(existing)[0]
    assert (entry.user, entry.comment) == (curator, "Imported from records.csv")


def test_import_confirmed_twice_writes_once(curator_client, collection):
    token = preview(curator_client, records_file(*GOOD_ROWS)).context["token"]
    curator_client.post(IMPORT_URL, {"token": token})

    again = curator_client.post(IMPORT_URL, {"token": token}, follow=True)

    assert "This import was already confirmed." in again.content.decode()
    assert models.Record.objects.filter(reference_code__startswith="TEST-IMP").count() == 2


def test_import_is_refused_when_the_catalogue_changed_since_the_preview(curator_client, collection):
    token = preview(curator_client, records_file(*GOOD_ROWS)).context["token"]
    factories.record(reference_code="TEST-IMP-2", collection=collection, title_en="Added since")

    response = curator_client.post(IMPORT_URL, {"token": token})

    assert "The catalogue changed since the preview" in response.content.decode()
    assert response.context["plan"].counts["update"] == 1
    assert not models.Record.objects.filter(reference_code="TEST-IMP-1").exists()
    assert models.Record.objects.get(reference_code="TEST-IMP-2").title_en == "Added since"


def test_import_is_refused_when_the_kept_file_changed(curator_client, collection, import_dir):
    token = preview(curator_client, records_file(*GOOD_ROWS)).context["token"]
    (kept,) = import_dir.glob("*.upload")
    kept.write_text(HEADER + "\nTEST-IMP-9,congress,item,report,Changed,1956,1 item,draft\n")

    response = curator_client.post(IMPORT_URL, {"token": token}, follow=True)

    assert "The uploaded file changed since the preview" in response.content.decode()
    assert not models.Record.objects.filter(reference_code__startswith="TEST-IMP").exists()


def test_import_token_that_was_tampered_with_is_refused(curator_client, collection):
    token = preview(curator_client, records_file(*GOOD_ROWS)).context["token"]

    response = curator_client.post(IMPORT_URL, {"token": token[:-2] + "xx"}, follow=True)

    assert "has expired or is not valid" in response.content.decode()
    assert not models.Record.objects.filter(reference_code__startswith="TEST-IMP").exists()


@pytest.mark.parametrize("model", ["record", "copy", "person", "organization", "membership"])
def test_curator_is_offered_import_on_the_changelists(curator_client, model):
    response = curator_client.get(reverse(f"admin:catalogue_{model}_changelist"))

    assert reverse(f"admin:catalogue_{model}_import") in response.content.decode()


@pytest.mark.parametrize("role", ["editor_client", "viewer_client"])
def test_editor_and_viewer_cannot_import(request, role, collection):
    client = request.getfixturevalue(role)

    changelist = client.get(changelist_url(models.Record))
    opened = client.get(IMPORT_URL)
    posted = preview(client, records_file(*GOOD_ROWS))

    assert IMPORT_URL not in changelist.content.decode()
    assert (opened.status_code, posted.status_code) == (403, 403)
    assert not models.Record.objects.filter(reference_code__startswith="TEST-IMP").exists()


def expected_export(kind_name: str, format: str) -> str:
    kind = transfer.KINDS[kind_name]
    stream = io.StringIO()
    transfer.WRITERS[format](kind, transfer.export_rows(kind), stream)
    return stream.getvalue()


@pytest.mark.parametrize("format", ["csv", "json"])
def test_export_downloads_what_export_catalogue_writes(curator_client, format):
    factories.person(slug="test-person", name_en="Test Person")

    response = curator_client.get(reverse("admin:catalogue_person_export", args=[format]))

    assert response["Content-Disposition"] == f'attachment; filename="people.{format}"'
    assert response.content.decode() == expected_export("people", format)
    assert "test-person" in response.content.decode()


def test_export_action_downloads_only_the_selected_rows(viewer_client):
    chosen = factories.person(slug="chosen-person", name_en="Chosen Person")
    factories.person(slug="other-person", name_en="Other Person")

    response = viewer_client.post(
        changelist_url(models.Person), {"action": "export_json", "_selected_action": [chosen.pk]}
    )

    rows = json.loads(response.content)["rows"]
    assert [row["slug"] for row in rows] == ["chosen-person"]


def test_json_file_of_people_is_previewed_and_confirmed_from_the_people_list(curator_client):
    rows = [{"slug": "test-person-json", "name_en": "Test Person", "name_ru": "Тестовый человек"}]
    upload = SimpleUploadedFile(
        "upload.json", json.dumps({"kind": "people", "rows": rows}).encode(), "application/json"
    )
    url = reverse("admin:catalogue_person_import")

    response = curator_client.post(url, {"file": upload, "kind": "people"})
    curator_client.post(url, {"token": response.context["token"]})

    assert response.context["plan"].counts["create"] == 1
    person = models.Person.objects.get(slug="test-person-json")
    assert (person.name_en, person.name_ru) == ("Test Person", "Тестовый человек")
