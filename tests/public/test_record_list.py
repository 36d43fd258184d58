import pytest

from catalogue import models, publishing
from catalogue.filters import records
from tests import factories

from .helpers import facet_counts, page, result_titles

SPEECH = "On the Cult of Personality and Its Consequences"
LETTER = "Letter to the Congress"
RESOLUTION = "On overcoming the cult of personality and its consequences"


def test_record_list_shows_published_records_by_date(client, catalogue):
    body = page(client, "/en/records/")

    assert result_titles(body) == [LETTER, SPEECH, RESOLUTION]
    assert "3 records found" in body


def test_record_list_search_finds_russian_title_without_yo_and_marks_it(client, catalogue):
    body = page(client, "/en/records/?q=культа")

    # The search drops a Russian case ending: "культа" also finds "О культе личности".
    assert sorted(result_titles(body)) == sorted([RESOLUTION, SPEECH])
    assert "<mark>культа</mark>" in page(client, "/ru/records/?q=культа")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=letter", [LETTER]),
        ("date_from=1956&date_to=1956-02", [SPEECH]),
        ("date_from=1956-02-25&date_to=1956-02-25", [SPEECH]),
        ("date_from=1923-01", [LETTER, SPEECH, RESOLUTION]),
        ("date_to=1922-12-24", [LETTER]),
        ("person=khrushchev", [SPEECH]),
        ("organization=central-committee-20", [RESOLUTION]),
        ("subject=cult-of-personality", [SPEECH, RESOLUTION]),
        ("collection=congress-20-documents&language=ru", [LETTER, SPEECH]),
        ("has_images=on", [SPEECH]),
        ("sort=-date", [RESOLUTION, SPEECH, LETTER]),
        ("sort=title", [LETTER, RESOLUTION, SPEECH]),
        ("sort=-reference", [SPEECH, RESOLUTION, LETTER]),
        ("kind=speech&kind=letter", [LETTER]),
    ],
)
def test_record_list_filters_narrow_the_results(client, catalogue, query, expected):
    assert result_titles(page(client, f"/en/records/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("person=khrushchev", [SPEECH]),
        ("organization=central-committee-20", [RESOLUTION]),
        ("subject=cult-of-personality", [SPEECH, RESOLUTION]),
        ("collection=congress-20-documents&language=ru", [LETTER, SPEECH]),
        ("subject=cult-of-personality&kind=speech", [SPEECH]),
    ],
)
def test_record_list_filters_by_values_with_many_records_narrow_the_results_alike(
    client, catalogue, monkeypatch, query, expected
):
    # Past this many records, a value is checked record by record (EXISTS), not read first.
    monkeypatch.setattr(records, "LINKS_LEAD_UP_TO", 0)

    assert result_titles(page(client, f"/en/records/?{query}")) == expected


def test_record_list_date_range_matches_records_whose_span_overlaps_it(client, catalogue):
    # Dictated from 23 December 1922 to 4 January 1923: January 1923 overlaps the span.
    body = page(client, "/en/records/?date_from=1923-01&date_to=1923-01")

    assert result_titles(body) == [LETTER]


def test_record_list_facets_honour_the_other_filters(client, catalogue):
    body = page(client, "/en/records/?subject=cult-of-personality&kind=speech")

    # The kind facet ignores the chosen kind but honours the subject.
    assert facet_counts(body, "kind") == {"resolution": 1, "speech": 1}
    assert facet_counts(body, "person") == {"Joseph Stalin": 1, "Nikita Khrushchev": 1}
    assert facet_counts(body, "subject") == {"cult of personality": 1}


def test_record_list_facet_link_keeps_other_filters_and_drops_page(client, catalogue):
    body = page(client, "/en/records/?q=cult&page=1")

    assert 'href="?q=cult&amp;kind=speech"' in body


def test_record_list_chips_remove_one_filter_each(client, catalogue):
    body = page(client, "/en/records/?kind=speech&date_from=1956-02")

    assert "Kind: speech" in body
    assert "From: February 1956" in body
    assert 'href="?date_from=1956-02" aria-label="Remove the filter Kind: speech"' in body


def test_record_list_empty_result_says_so_and_offers_to_widen(client, catalogue):
    body = page(client, "/en/records/?kind=letter&date_from=1956")

    assert "No published record matches all of these conditions." in body
    assert 'href="?date_from=1956">without “Kind: letter”' in body
    assert 'href="?kind=letter">without “From: 1956”' in body


def test_record_list_pagination_keeps_the_filters(client, catalogue):
    for _number in range(25):
        factories.record(kind=models.RecordKind.MINUTES, date="1956-03")

    body = page(client, "/en/records/?kind=minutes&sort=reference")

    assert "Page 1 of 2" in body
    assert 'href="?kind=minutes&amp;sort=reference&amp;page=2"' in body
    assert "25 records found" in body
    assert len(result_titles(page(client, "/en/records/?kind=minutes&page=2"))) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", "“abc” is not a page number; this is the first page."),
        ("page=999999", "There is no page 999999; there are 1. This is the nearest one."),
        ("page=0", "There is no page 0; there are 1. This is the nearest one."),
        ("date_from=notadate", "“notadate” is not a date."),
        ("date_from=1956-13", "“1956-13” is not a date."),
        ("date_to=1956-02-30", "“1956-02-30” is not a date."),
        ("kind=zzz", "Select a valid choice. zzz is not one of the available choices."),
        ("person=nobody-at-all", "Select a valid choice."),
        ("language=xx", "Select a valid choice."),
        ("sort=cost", "Select a valid choice. cost is not one of the available choices."),
        ("q=" + "x" * 10_000, "Ensure this value has at most 200 characters (it has 10000)."),
    ],
)
def test_record_list_malformed_value_is_a_400_with_a_message(client, catalogue, query, message):
    body = page(client, f"/en/records/?{query}", status=400)

    assert "Part of this address could not be used:" in body
    assert message in body


def test_record_list_malformed_value_keeps_the_valid_filters(client, catalogue):
    body = page(client, "/en/records/?kind=letter&date_from=notadate", status=400)

    assert result_titles(body) == [LETTER]


def test_record_list_relevance_without_a_search_falls_back_to_date(client, catalogue):
    body = page(client, "/en/records/?sort=relevance")

    assert result_titles(body) == [LETTER, SPEECH, RESOLUTION]


def test_record_list_facet_counts_are_cached_until_a_record_changes(
    client, catalogue, django_assert_num_queries
):
    url = "/en/records/?subject=cult-of-personality"
    first = facet_counts(page(client, url), "kind")

    # Warm: the subject looked up, the change marker, the page and the thumbnails (images,
    # copies; no copy here, so no copies' images); no facet, no total.
    with django_assert_num_queries(5):
        client.get(url)
    publishing.unpublish(models.Record.objects.filter(pk=catalogue.speech.pk), user=None)
    after_unpublishing = facet_counts(page(client, url), "kind")

    assert first == {"resolution": 1, "speech": 1}
    assert after_unpublishing == {"resolution": 1}


def test_record_list_facet_counts_follow_a_deleted_record(client, catalogue):
    url = "/en/records/?subject=cult-of-personality"
    page(client, url)

    catalogue.speech.delete()

    assert facet_counts(page(client, url), "kind") == {"resolution": 1}
