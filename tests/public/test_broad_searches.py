"""Broad searches: counted exactly up to a limit, estimated and said so past it, ranked
within a bounded window of matches with title hits on top, and paged without gaps."""

import html
import re

import pytest

from catalogue import models
from catalogue.search import bounded
from catalogue.views import paging
from tests import factories

from .helpers import page, result_titles


def link(body: str, rel: str) -> str:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', body)
    return html.unescape(found.group(1)) if found else ""


def minutes(count: int, **fields) -> list[models.Record]:
    """``count`` published minutes mentioning the harvest in their descriptions."""
    return [
        factories.record(
            title_en=f"Minutes {n:02d}",
            description_en="The plenum heard a report on the harvest.",
            date=f"1956-03-{n + 1:02d}",
            **fields,
        )
        for n in range(count)
    ]


def status(body: str) -> str:
    return re.search(r'<p role="status">([^<]*)</p>', body).group(1)


def test_broad_search_counts_exactly_up_to_the_limit(client, db, settings):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 20
    minutes(11)

    body = page(client, "/en/records/?q=harvest")

    assert status(body) == "11 records found"
    assert "(about" not in body
    assert "Ranked by relevance among" not in body


def test_broad_search_past_the_limit_says_its_count_and_facets_are_estimates(client, db, settings):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 5
    minutes(11, kind=models.RecordKind.MINUTES)

    body = page(client, "/en/records/?q=harvest")

    # Eleven matches spread evenly over the keys: the estimate is exact here.
    assert status(body) == "About 11 records found"
    assert '<span class="count">(about 11)</span>' in body
    assert "Counts marked “about” are estimated from 5 of the matching records." in body
    assert "Ranked by relevance among the first 5 matches" in body


def test_broad_search_never_counts_or_shows_a_draft(client, db, settings):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 10
    minutes(4, status=models.Status.DRAFT)
    shown = minutes(6)

    body = page(client, "/en/records/?q=harvest")

    assert models.Record.objects.filter(status=models.Status.DRAFT).count() == 4
    assert status(body) == "6 records found"
    assert sorted(result_titles(body)) == sorted(record.title_en for record in shown)


def test_broad_search_keeps_an_exact_title_hit_on_top_past_the_limit(client, db, settings):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 5
    minutes(12)
    # Made last, so the furthest from the first matches the window ranks.
    factories.record(title_en="Harvest", description_en="The harvest of 1955.")

    body = page(client, "/en/records/?q=harvest")
    found = page(client, "/en/search/?q=harvest")

    assert result_titles(body)[0] == "Harvest"
    assert status(body) == "About 13 records found"
    assert '<span class="count">(about 13)</span>' in found
    assert found.index("<mark>Harvest</mark></a>") < found.index("Minutes 00")


def test_broad_search_ranks_title_matches_above_description_matches(client, db, settings):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 5
    minutes(8)
    titled = [factories.record(title_en=f"Harvest report {n}") for n in range(3)]

    titles = result_titles(page(client, "/en/records/?q=harvest"))

    assert sorted(titles[:3]) == sorted(record.title_en for record in titled)
    assert all(title.startswith("Minutes") for title in titles[3:])


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_broad_search_pages_without_duplicates_or_gaps(client, db, settings, monkeypatch, sort):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 25
    monkeypatch.setattr(paging, "NUMBERED_PAGES", 1)
    described = minutes(40)
    titled = [factories.record(title_en=f"Harvest report {n}") for n in range(3)]
    factories.record(title_en="A draft harvest", status=models.Status.DRAFT)

    seen, url = [], f"?q=harvest&sort={sort}"
    while url:
        body = page(client, f"/en/records/{url}")
        seen += result_titles(body)
        url = link(body, "next")

    plain = seen
    assert len(plain) == len(set(plain))
    if sort == "relevance":
        # The first 25 matches and the title matches past them: 28 of 43, titles first.
        window = [record.title_en for record in described[:25] + titled]
        assert sorted(plain) == sorted(window)
        assert sorted(plain[:3]) == sorted(record.title_en for record in titled)
    else:
        assert sorted(plain) == sorted(record.title_en for record in described + titled)


def test_broad_search_download_holds_every_match_in_order_of_relevance(client, db, settings):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 3
    described = minutes(6)
    titled = factories.record(title_en="Harvest")

    response = client.get("/en/records/export.csv?q=harvest")
    rows = b"".join(response.streaming_content).decode().splitlines()[1:]

    assert len(rows) == len(described) + 1
    assert rows[0].split(",")[0] == titled.reference_code


@pytest.mark.parametrize("matches", [6, 12])
def test_broad_search_query_count_does_not_grow_with_matches(
    client, db, settings, django_assert_num_queries, matches
):
    settings.CATALOGUE_SEARCH_EXACT_UP_TO = 3
    minutes(matches)

    # The change marker; the window (its first matches, the last, the first title matches);
    # the keys of the first matches, read once for the six facets; per facet its sample
    # and, for a facet with values, its estimate (the first matches, the last); the page's
    # keys and rows; the thumbnails (2).
    with django_assert_num_queries(19):
        body = page(client, "/en/records/?q=harvest")

    assert status(body).startswith("About ")


def test_estimate_scales_the_window_by_the_stretch_of_keys_it_covers():
    assert bounded.estimate(first=1, last=100, final=1000, limit=100) == 1000
    assert bounded.estimate(first=1, last=10, final=10, limit=10) == 11
    assert bounded.estimate(first=1, last=1000, final=22_417, limit=1000) == 22_000


def test_global_search_shows_a_renamed_person_at_once_though_its_ranking_is_cached(client, db):
    person = factories.person(name_en="Bulganin Test")
    assert "Bulganin</mark> Test" in page(client, "/en/search/?q=Bulganin")

    person.name_en = "Saburov Test"
    person.save()

    # Not found under the old name, even as the row read again; found under the new one.
    assert "Saburov Test" not in page(client, "/en/search/?q=Bulganin")
    assert "Saburov</mark> Test" in page(client, "/en/search/?q=Saburov")


def test_global_search_leaves_out_a_person_deleted_after_the_ranking_was_cached(client, db):
    person = factories.person(name_en="Pervukhin Test")
    assert "Pervukhin</mark> Test" in page(client, "/en/search/?q=Pervukhin")

    person.delete()

    assert "Pervukhin</mark> Test" not in page(client, "/en/search/?q=Pervukhin")
