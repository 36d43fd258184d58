"""A draft is invisible everywhere public. The fixture's draft would show on each page below:
it is about Khrushchev, the Central Committee, the cult of personality and the closed session,
it relates to the speech both ways and it has an image."""

import pytest

from .helpers import facet_counts, page

DRAFT_TITLES = ("Unpublished working notes on Khrushchev", "Неопубликованные заметки о Хрущёве")


def assert_no_draft(body: str) -> None:
    for title in DRAFT_TITLES:
        assert title not in body
    assert "C20-DRAFT" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/en/records/C20-DRAFT/",
        "/ru/records/C20-DRAFT/",
        "/en/records/C20-DRAFT/cite.bib",
        "/en/records/C20-DRAFT/cite.ris",
    ],
)
def test_draft_detail_and_citations_are_404(client, catalogue, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/records/",
        "/en/records/?q=khrushchev",
        "/ru/records/?q=хрущеве",
        "/en/records/?person=khrushchev",
        "/en/records/C20-SPEECH/",
        "/en/people/khrushchev/",
        "/en/organizations/central-committee-20/",
        "/en/events/closed-session/",
        "/en/subjects/cult-of-personality/",
        "/en/collections/congress-20-documents/",
        "/en/search/?q=notes",
        "/ru/search/?q=заметки",
    ],
)
def test_draft_is_not_listed_on_public_pages(client, catalogue, url):
    assert_no_draft(page(client, url))


def test_draft_is_not_counted_in_facets(client, catalogue):
    body = page(client, "/en/records/?date_from=1956-02-25&date_to=1956-02-25")

    assert facet_counts(body, "kind") == {"speech": 1}
    assert facet_counts(body, "subject") == {"cult of personality": 1}
    assert facet_counts(body, "person") == {"Joseph Stalin": 1, "Nikita Khrushchev": 1}
    assert facet_counts(body, "organization") == {}
    assert facet_counts(body, "language") == {"Russian": 1}
    assert "1 record found" in body


def test_draft_is_not_counted_anywhere(client, catalogue):
    home = page(client, "/en/")
    people = page(client, "/en/people/?q=khrushchev")
    events = page(client, "/en/events/")
    subjects = page(client, "/en/subjects/")
    collections = page(client, "/en/collections/")
    search = page(client, "/en/search/?q=khrushchev")

    assert "<strong>3</strong> records" in home
    assert "1 record" in people  # the speech only
    closed_session = events.split("Closed session of the 20th Congress</a></h2>", 1)[1]
    assert closed_session.split("</p>", 1)[0].endswith(" · 1 record")
    assert "(2 records)" in subjects
    assert 'Documents</a>\n  <span class="meta">C20.1 · series · 3 records' in collections
    # The speech (speaker: Khrushchev) is found; the draft about him is not counted.
    assert 'id="results-records">Records <span class="count">(1)</span>' in search


def test_draft_is_not_in_json_ld_or_related_records(client, catalogue):
    body = page(client, "/en/records/C20-SPEECH/")

    assert "version of" not in body
    assert "refers to" not in body
    assert "Unpublished" not in body.split('application/ld+json">', 1)[1].split("</script>")[0]
