"""Atom feeds of newly published records, read with a feed reader's parser."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from catalogue import models
from tests import factories
from tests.public.test_query_counts import build

from .conftest import DRAFT


def read_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def staggered(planted_draft):
    """The three published records, published a day apart: resolution, then speech, then
    the letter (the order of ``reference_code`` would be different)."""
    start = timezone.now() - datetime.timedelta(days=10)
    published = models.Record.objects.published()
    for days, code in enumerate(("C20-RESOLUTION", "C20-SPEECH")):
        published.filter(reference_code=code).update(
            published_at=start + datetime.timedelta(days=days)
        )
    latest = published.exclude(reference_code__in=("C20-RESOLUTION", "C20-SPEECH")).get()
    latest.published_at = start + datetime.timedelta(days=5)
    latest.save()
    return planted_draft


def newest_first() -> list[models.Record]:
    return list(models.Record.objects.published().order_by("-published_at"))


def test_feed_lists_published_records_newest_first(client, staggered):
    feed = read_feed(client, "/en/feed/")

    records = newest_first()
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/en/records/{record.reference_code}/" for record in records
    ]
    assert [entry.title for entry in feed.entries] == [record.title_en for record in records]
    assert [entry.published_parsed[:6] for entry in feed.entries] == [
        record.published_at.utctimetuple()[:6] for record in records
    ]
    assert feed.feed.title == "The 20th Congress archive: newly published records"
    assert feed.feed.language == "en"


def test_feed_in_russian_has_russian_titles_and_addresses(client, staggered):
    feed = read_feed(client, "/ru/feed/")

    speech = next(entry for entry in feed.entries if "C20-SPEECH" in entry.link)
    assert speech.title == "О культе личности и его последствиях"
    assert speech.link == "http://testserver/ru/records/C20-SPEECH/"
    assert speech.summary.startswith("Речь, 25 февраля 1956")
    assert feed.feed.language == "ru"
    assert len(feed.entries) == 3


def test_feed_summary_says_kind_date_and_reference(client, staggered):
    feed = read_feed(client, "/en/feed/")

    speech = next(entry for entry in feed.entries if "C20-SPEECH" in entry.link)
    assert speech.summary.startswith("Speech, 25 February 1956. C20-SPEECH.")


def test_feed_never_holds_a_draft(client, staggered):
    for url in ("/en/feed/", "/ru/feed/", "/en/collections/congress-20/feed/"):
        feed = read_feed(client, url)
        assert feed.entries
        assert not [entry for entry in feed.entries if DRAFT in entry.link]
        assert "Unpublished working notes" not in str(feed)


def test_collection_feed_holds_its_records_and_those_below_it(client, staggered):
    other = factories.collection(slug="elsewhere")
    factories.record(reference_code="ELSEWHERE-1", collection=other, title_en="Elsewhere")

    fonds = read_feed(client, "/en/collections/congress-20/feed/")
    series = read_feed(client, "/en/collections/congress-20-documents/feed/")
    elsewhere = read_feed(client, "/en/collections/elsewhere/feed/")

    in_series = {
        f"http://testserver/en/records/{record.reference_code}/"
        for record in models.Record.objects.published().filter(collection=staggered.series)
    }
    assert {entry.link for entry in fonds.entries} == in_series
    assert {entry.link for entry in series.entries} == in_series
    assert [entry.title for entry in elsewhere.entries] == ["Elsewhere"]
    assert fonds.feed.title == "The 20th Congress: newly published records"


def test_collection_feed_of_an_unknown_collection_is_not_found(client, db):
    assert client.get("/en/collections/no-such-unit/feed/").status_code == 404


def test_feed_holds_the_latest_publications_only(client, staggered, monkeypatch):
    from catalogue.feeds import NewRecordsFeed

    monkeypatch.setattr(NewRecordsFeed, "size", 2)

    feed = read_feed(client, "/en/feed/")

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/en/records/{record.reference_code}/" for record in newest_first()[:2]
    ]


def test_pages_link_to_the_feeds(client, planted_draft):
    home = client.get("/ru/").content.decode()
    collection = client.get("/en/collections/congress-20/").content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" href="/ru/feed/" '
        'title="Новые опубликованные записи">'
    ) in home
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'href="/en/collections/congress-20/feed/" '
        'title="The 20th Congress: newly published records">'
    ) in collection


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("url", "queries"), [("/en/feed/", 1), ("/en/collections/fonds/feed/", 3)])
def test_feed_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, rows, url, queries
):
    build(rows)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert len(feedparser.parse(response.content).entries) == rows + 1
