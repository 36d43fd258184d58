"""A records list taken away as CSV, JSON, BibTeX and RIS, and each file read back."""

import csv
import io
import json
import re

import bibtexparser
import pytest
import rispy
from django.http import StreamingHttpResponse

from catalogue import models, transfer
from catalogue.views import exports
from tests.public.test_query_counts import build

from .conftest import DRAFT

FILTERED = "?subject=cult-of-personality&date_from=1956"


def download(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500] if not response.streaming else ""
    assert isinstance(response, StreamingHttpResponse)
    extension = url.split("?")[0].rsplit(".", 1)[1]
    assert response["Content-Disposition"] == f'attachment; filename="records.{extension}"'
    return b"".join(response.streaming_content).decode()


def listed_count(client, query: str) -> int:
    body = client.get(f"/en/records/{query}").content.decode()
    return int(re.search(r"(\d+) records? found", body)[1])


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def export_catalogue_text(format: str) -> str:
    kind = transfer.KINDS["records"]
    stream = io.StringIO()
    transfer.WRITERS[format](kind, transfer.export_rows(kind), stream)
    return stream.getvalue()


def parsed(format: str, text: str) -> list[str]:
    """The reference codes in a downloaded file, read with a parser of its format."""
    if format == "csv":
        return [row["reference_code"] for row in csv_rows(text)]
    if format == "json":
        return [row["reference_code"] for row in json.loads(text)["rows"]]
    if format == "bib":
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        return [entry.key for entry in library.entries]
    return [entry["accession_number"] for entry in rispy.loads(text)]


@pytest.mark.parametrize("format", ["csv", "json", "bib", "ris"])
def test_export_holds_the_filtered_list_and_no_draft(client, planted_draft, format):
    text = download(client, f"/en/records/export.{format}{FILTERED}")

    codes = parsed(format, text)
    assert listed_count(client, FILTERED) == 2
    assert sorted(codes) == ["C20-RESOLUTION", "C20-SPEECH"]
    assert DRAFT not in text
    assert "Unpublished working notes" not in text


@pytest.mark.parametrize("format", ["csv", "json", "bib", "ris"])
@pytest.mark.parametrize("query", ["?sort=-date", "?sort=title", "?q=cult&sort=relevance", "?"])
def test_export_keeps_the_order_of_the_list(client, planted_draft, format, query):
    body = client.get(f"/en/records/{query}").content.decode()
    listed = re.findall(r'<h3><a href="/en/records/([^/"]+)/">', body)

    codes = parsed(format, download(client, f"/en/records/export.{format}{query}"))

    assert codes == listed
    assert len(codes) == listed_count(client, query)


def test_export_csv_has_the_columns_and_rows_of_export_catalogue(client, planted_draft):
    text = download(client, "/en/records/export.csv?sort=reference")

    everything = export_catalogue_text("csv")
    published = [row for row in csv_rows(everything) if row["reference_code"] != DRAFT]
    assert text.splitlines()[0] == everything.splitlines()[0]
    assert csv_rows(text) == published
    assert len(published) == 3


@pytest.mark.parametrize("format", ["csv", "json"])
def test_export_reimports_with_no_change(client, planted_draft, format):
    text = download(client, f"/en/records/export.{format}{FILTERED}")

    plan = transfer.plan_import(io.BytesIO(text.encode()), f"records.{format}")

    assert plan.error_messages() == []
    assert [(row.key, row.action) for row in plan.rows] == [
        ("C20-SPEECH", "unchanged"),
        ("C20-RESOLUTION", "unchanged"),
    ]


def test_export_json_has_the_shape_of_export_catalogue(client, planted_draft):
    text = download(client, "/en/records/export.json?sort=reference")

    everything = json.loads(export_catalogue_text("json"))
    published = [row for row in everything["rows"] if row["reference_code"] != DRAFT]
    assert json.loads(text) == {"kind": "records", "rows": published}


def test_export_citations_are_in_the_language_of_the_address(client, planted_draft):
    english = rispy.loads(download(client, "/en/records/export.ris?kind=speech"))
    russian = rispy.loads(download(client, "/ru/records/export.ris?kind=speech"))
    bibtex = bibtexparser.parse_string(download(client, "/ru/records/export.bib?kind=speech"))

    assert [entry["title"] for entry in english] == [
        "On the Cult of Personality and Its Consequences"
    ]
    assert [entry["title"] for entry in russian] == ["О культе личности и его последствиях"]
    assert [entry["urls"] for entry in russian] == [["http://testserver/ru/records/C20-SPEECH/"]]
    assert bibtex.entries[0]["title"] == "{О культе личности и его последствиях}"


def test_export_reads_the_records_in_batches(client, planted_draft, monkeypatch):
    monkeypatch.setattr(exports, "FIRST_BATCH", 1)
    monkeypatch.setattr(exports, "BATCH", 2)
    published = models.Record.objects.published().order_by("reference_code")
    expected = list(published.values_list("reference_code", flat=True))

    for format in ("csv", "json", "bib", "ris"):
        codes = parsed(format, download(client, f"/en/records/export.{format}?sort=reference"))
        assert codes == expected
    assert len(expected) == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?kind=poem",
            "<li>Kind: Select a valid choice. poem is not one of the available choices.",
        ),
        ("?date_from=1956-13", "<li>From:"),
        ("?person=nobody", "<li>Person: Select a valid choice."),
        ("?sort=shoe-size", "<li>Sort by: Select a valid choice."),
    ],
)
@pytest.mark.parametrize("format", ["csv", "ris"])
def test_export_with_a_bad_filter_is_refused_with_a_message(
    client, planted_draft, query, message, format
):
    response = client.get(f"/en/records/export.{format}{query}")
    listed = client.get(f"/en/records/{query}")

    text = response.content.decode()
    assert (response.status_code, listed.status_code) == (400, 400)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "<p>Part of this address could not be used:</p>" in text
    assert message in text
    assert "<p>Nothing was downloaded: correct the address and try again.</p>" in text


def test_export_refusal_speaks_russian_at_a_russian_address(client, planted_draft):
    text = client.get("/ru/records/export.csv?kind=poem").content.decode()

    assert "<p>Часть адреса не удалось использовать:</p>" in text
    assert "Ничего не скачано" in text


def test_export_in_an_unknown_format_is_not_found(client, planted_draft):
    assert client.get("/en/records/export.xlsx").status_code == 404


def test_list_links_to_downloads_that_keep_its_filters(client, planted_draft):
    body = client.get("/en/records/?subject=cult-of-personality&sort=-date&page=1").content.decode()

    for format in ("csv", "json", "bib", "ris"):
        assert (
            f'href="/en/records/export.{format}?subject=cult-of-personality&amp;sort=-date" '
            "download>"
        ) in body


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(
    ("format", "batch", "queries"),
    [
        # The order (1); per batch the records (1), then for CSV and JSON the stored values
        # of the six many-valued columns and the seven key tables they and the references
        # name (13), for citations the people with their names (1).
        ("csv", 500, 15),
        ("json", 500, 15),
        ("bib", 500, 3),
        ("ris", 500, 3),
        # One record a batch: the same queries again for each record.
        ("csv", 1, None),
        ("ris", 1, None),
    ],
)
def test_export_query_count_is_constant_per_batch(
    client, db, django_assert_num_queries, monkeypatch, rows, format, batch, queries
):
    build(rows)
    monkeypatch.setattr(exports, "BATCH", batch)
    published = rows + 1
    if queries is None:
        per_batch = {"csv": 14, "ris": 2}[format]
        queries = 1 + per_batch * published

    with django_assert_num_queries(queries):
        text = download(client, f"/en/records/export.{format}?sort=reference")

    assert len(parsed(format, text)) == published
