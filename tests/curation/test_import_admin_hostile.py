"""Broken files and repeated confirmations in the admin's import: a message, never a 500."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from catalogue import history
from catalogue.models import Organization, Record
from tests import factories

ORGANIZATIONS_URL = reverse("admin:catalogue_organization_import")
RECORDS_URL = reverse("admin:catalogue_record_import")
RECORDS = (
    "reference_code,collection,level,kind,title_en,date,extent_en,status\n"
    "TEST-IMP-1,congress,item,report,Imported test record alpha,1956-02-25,1 item,draft\n"
    "TEST-IMP-2,congress,item,report,Imported test record beta,1956-02,2 pages,draft\n"
)


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.CATALOGUE_IMPORT_DIR = tmp_path / "imports"
    return settings.CATALOGUE_IMPORT_DIR


@pytest.fixture
def cpsu(db):
    return factories.organization(slug="cpsu", name_en="CPSU", wikidata_id="Q79854")


def upload(client, url: str, name: str, content: str | bytes, kind: str):
    data = content.encode() if isinstance(content, str) else content
    return client.post(url, {"file": SimpleUploadedFile(name, data), "kind": kind})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "organizations.json",
            "[" * 200_000,
            "organizations.json: the JSON is nested too deeply to read",
        ),
        (
            "organizations.json",
            '[{"slug": "presidium", "name_en": "Presidium", "kind": ["bureau"]}]',
            "organizations.json, row 1, column kind: expected text, not a list",
        ),
        (
            "organizations.csv",
            "slug,name_en,kind,wikidata_id\npresidium,Presidium,bureau,Q1\n"
            "secretariat,Secretariat,secretariat,Q1\n",
            "organizations.csv, row 3, column wikidata_id: rows 2 and 3 both give “Q1”",
        ),
        (
            "organizations.csv",
            "slug,name_en,kind,parent\npresidium,Presidium,bureau,presidium\n",
            "organizations.csv, row 2, column parent: “presidium” would be part of itself",
        ),
        (
            "organizations.csv",
            "slug,name_en,kind\npresidium,Presi\x00dium,bureau\n",
            "organizations.csv, row 2, column name_en: the value holds the control character "
            "U+0000 at position 6",
        ),
        (
            "organizations.csv",
            "slug,name_en,kind\npresidium,Presidium\n",
            "organizations.csv, row 2 has 2 cells but the header has 3",
        ),
        ("organizations.csv", "", "The submitted file is empty."),
        ("organizations.csv", "\n  \n", "organizations.csv is empty."),
        (
            "organizations.csv",
            "slug,name_en,kind\nCPSU,CPSU,party\n",
            "organizations.csv, row 2, column slug: “CPSU” differs only in case from “cpsu”",
        ),
    ],
)
def test_admin_import_of_a_broken_file_shows_the_error_and_writes_nothing(
    curator_client, cpsu, name, content, message
):
    response = upload(curator_client, ORGANIZATIONS_URL, name, content, "organizations")

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'name="token"' not in page
    assert list(Organization.objects.values_list("slug", flat=True)) == ["cpsu"]


def test_admin_import_of_a_file_too_big_suggests_the_command(curator_client, cpsu, settings):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 1024
    content = "slug,name_en,kind\n" + "".join(f"body-{n},Body {n},bureau\n" for n in range(100))

    response = upload(
        curator_client, ORGANIZATIONS_URL, "organizations.csv", content, "organizations"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "the admin imports files of up to 1.0\xa0KB" in page
    assert "python manage.py import_catalogue organizations.csv" in page
    assert Organization.objects.count() == 1


def confirm_at_once(token: str, clients: list[Client]) -> list:
    """Post the same confirmation from every client at the same moment."""
    start = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def confirm(index: int) -> None:
        start.wait()
        try:
            responses[index] = clients[index].post(RECORDS_URL, {"token": token}, follow=True)
        except Exception as error:  # a crash in the view: kept for the assertion to show
            responses[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.django_db(transaction=True)
def test_admin_import_confirmed_twice_at_once_imports_once(curator):
    factories.collection(slug="congress")
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(curator)
    token = upload(clients[0], RECORDS_URL, "records.csv", RECORDS, "records").context["token"]

    responses = confirm_at_once(token, clients)

    assert [getattr(response, "status_code", response) for response in responses] == [200, 200]
    pages = [response.content.decode() for response in responses]
    imported = [page for page in pages if "Imported records.csv: 2 created" in page]
    refused = [page for page in pages if "This import was already confirmed." in page]
    assert (len(imported), len(refused)) == (1, 1)
    records = Record.objects.filter(reference_code__startswith="TEST-IMP").order_by("pk")
    assert [record.reference_code for record in records] == ["TEST-IMP-1", "TEST-IMP-2"]
    assert len(history.versions_of(records[0])) == 1
