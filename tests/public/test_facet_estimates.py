"""Combined filters: counted exactly up to a threshold of matches; past it, the first matches
are shown as "at least", the exact counts are made after the response and shown from then
on, and after a write the earlier exact counts are shown "as of" their time until recounted."""

import pytest

from catalogue import models
from catalogue.filters import facets
from tests import factories

from .helpers import facet_counts, page, result_titles

URL = "/en/records/?collection=plenums&date_from=1956"


def status(body: str) -> str:
    return body.split('<p role="status">', 1)[1].split("</p>", 1)[0]


def facet_block(body: str) -> str:
    return body.split('id="facets-heading"', 1)[1].split("</nav>", 1)[0]


@pytest.fixture
def plenums(db):
    """Six published minutes of 1956 in one fonds, a draft among them, one older record."""
    fonds = factories.collection(slug="plenums")
    for _number in range(6):
        factories.record(kind=models.RecordKind.MINUTES, collection=fonds, date="1956-06")
    factories.record(
        kind=models.RecordKind.MINUTES,
        collection=fonds,
        date="1956-07",
        status=models.Status.DRAFT,
    )
    factories.record(kind=models.RecordKind.SPEECH, collection=fonds, date="1950-01")
    return fonds


def test_record_list_combined_filters_count_exactly_below_the_threshold(client, plenums):
    body = page(client, URL)

    assert status(body) == "6 records found"
    assert facet_counts(body, "kind") == {"minutes": 6}
    assert "at least" not in facet_block(body)
    assert "as of" not in body


def test_record_list_combined_filters_past_the_threshold_show_the_first_matches_and_say_so(
    client, plenums, monkeypatch
):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)

    body = page(client, URL)

    assert status(body) == "More than 3 records found; counting them all."
    assert '">minutes</a> <span class="count">(at least 4)</span>' in body
    assert (
        "Counts marked “at least” are those of the first 3 matching records; the exact counts "
        "are being made and will show when the page is loaded again."
    ) in body


def test_record_list_combined_filters_past_the_threshold_are_exact_on_the_next_request(
    client, plenums, monkeypatch
):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)
    page(client, URL)

    body = page(client, URL)

    # The draft among the minutes is not counted.
    assert status(body) == "6 records found"
    assert facet_counts(body, "kind") == {"minutes": 6}
    assert "at least" not in facet_block(body)
    assert "as of" not in body


def test_record_list_combined_filters_after_a_write_show_earlier_counts_as_of_their_time(
    client, plenums, monkeypatch
):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)
    page(client, URL)
    page(client, URL)
    factories.record(kind=models.RecordKind.MINUTES, collection=plenums, date="1956-09")

    body = page(client, URL)

    assert status(body).startswith("6 records found (as of ")
    assert "records have changed since, and the counts are being made again." in body
    assert facet_counts(body, "kind") == {"minutes": 6}


def test_record_list_combined_filters_after_a_write_are_exact_again_on_the_next_request(
    client, plenums, monkeypatch
):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)
    page(client, URL)
    page(client, URL)
    factories.record(kind=models.RecordKind.MINUTES, collection=plenums, date="1956-09")
    page(client, URL)

    body = page(client, URL)

    assert status(body) == "7 records found"
    assert facet_counts(body, "kind") == {"minutes": 7}
    assert "as of" not in body


def test_record_list_combined_filters_below_the_threshold_show_a_write_at_once(client, plenums):
    page(client, URL)
    factories.record(kind=models.RecordKind.MINUTES, collection=plenums, date="1956-09")

    body = page(client, URL)

    assert status(body) == "7 records found"
    assert facet_counts(body, "kind") == {"minutes": 7}
    assert "as of" not in body


def test_record_list_combined_filters_in_russian_say_so_in_russian(client, plenums, monkeypatch):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)

    body = page(client, URL.replace("/en/", "/ru/"))

    assert "Найдено больше 3 записей; идёт подсчёт всех." in body
    assert "(не менее 4)" in body


@pytest.mark.parametrize("rows", [1, 3])
def test_record_list_combined_filters_counted_earlier_cost_the_same_queries_for_any_rows(
    client, db, django_assert_num_queries, rows, monkeypatch
):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 1)
    fonds = factories.collection(slug="plenums")
    for _number in range(rows + 1):
        factories.record(kind=models.RecordKind.MINUTES, collection=fonds, date="1956-06")
    page(client, URL)

    # The collection looked up, the change marker, the page and its thumbnails (images,
    # copies): the counts and the total are cached, nothing is counted.
    with django_assert_num_queries(5):
        body = page(client, URL)

    assert status(body) == f"{rows + 1} records found"


def test_record_list_combined_filters_page_past_the_first_matches_is_served_before_the_count(
    client, plenums, monkeypatch
):
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)
    for _number in range(16):
        factories.record(kind=models.RecordKind.MINUTES, collection=plenums, date="1956-08")

    # 22 matching records: page 2 exists, though only 4 have been seen when it is asked for.
    body = page(client, URL + "&page=2")

    assert "There is no page" not in body
    assert len(result_titles(body)) == 2
