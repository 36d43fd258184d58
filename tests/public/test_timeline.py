"""The collection's timeline: drawn on the server, each mark a link, readable as a list."""

import re

from django.utils import translation

from catalogue import models, timeline
from catalogue.models.fields import set_edtf_bounds

from .helpers import page


def figure(body: str) -> str:
    return body.split('<div class="timeline">', 1)[1].split("</details>", 1)[0]


def listed(body: str) -> list[str]:
    """The timeline's ordered list, as a screen reader reads it."""
    items = figure(body).split("<ol>", 1)[1].split("</ol>", 1)[0]
    texts = (re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", items))
    return [" ".join(text.split()) for text in texts]


def test_events_page_draws_events_and_records_in_order_of_date(client, catalogue):
    body = page(client, "/en/events/")

    assert listed(body) == [
        "Letter to the Congress (record; 23 December 1922 – 4 January 1923)",
        "20th Congress of the CPSU (event; 14 February 1956 – 25 February 1956)",
        "Closed session of the 20th Congress (event; 25 February 1956)",
        "On the Cult of Personality and Its Consequences (record; 25 February 1956)",
        "On overcoming the cult of personality and its consequences (record; 30 June 1956)",
    ]
    assert "From 1922 to 1956: 5 events and records in order of date." in body
    drawing = figure(body).split("</svg>", 1)[0]
    assert '<a href="/en/records/C20-LETTER/" tabindex="-1">' in drawing
    assert '<a href="/en/events/closed-session/" tabindex="-1">' in drawing
    assert 'aria-hidden="true"' in drawing


def test_timeline_leaves_out_drafts(client, catalogue):
    assert models.Record.objects.filter(reference_code="C20-DRAFT", date="1956-02-25").exists()

    body = page(client, "/en/events/")

    assert "Unpublished working notes" not in figure(body)


def test_home_page_timeline_keeps_the_events_that_are_part_of_none(client, catalogue):
    body = page(client, "/ru/")

    titles = listed(body)
    assert titles[0] == "Letter to the Congress (документ; 23 декабря 1922 – 4 января 1923)"
    assert "XX съезд КПСС (событие; 14 февраля 1956 – 25 февраля 1956)" in titles
    assert not any("Closed session" in title for title in titles)
    assert "Собрание во времени" in body


def test_uncertain_and_approximate_dates_are_drawn_as_such(client, catalogue):
    models.Record.objects.filter(reference_code="C20-RESOLUTION").update(date="1956-06~")
    models.Record.objects.filter(reference_code="C20-LETTER").update(date="1922-12-23?")
    events = list(models.Event.objects.chronological())
    records = list(models.Record.objects.published())

    with translation.override("en"):
        chart = timeline.timeline(events, records, "en")

    marks = {item.label: item for item in chart.items}
    assert marks["On overcoming the cult of personality and its consequences"].uncertain
    assert marks["Letter to the Congress"].uncertain
    assert not marks["On the Cult of Personality and Its Consequences"].uncertain
    body = page(client, "/en/events/")
    assert body.count("span--uncertain") == 2


def test_timeline_marks_are_placed_by_their_spans():
    letter = models.Record(reference_code="L", title_en="Letter", date="1922-12-23/1923-01-04")
    publication = models.Record(reference_code="P", title_en="Publication", date="1989")
    congress = models.Event(slug="c", name_en="Congress", date="1956-02-14/1956-02-25")
    for item in (letter, publication, congress):
        set_edtf_bounds(item)

    chart = timeline.timeline([congress], [publication, letter], "en")

    assert (chart.first_year, chart.last_year) == (1922, 1989)
    first, middle, last = chart.items
    assert [first.label, middle.label, last.label] == ["Letter", "Congress", "Publication"]
    # Rows go down in order of date and marks right along the years.
    assert first.y < middle.y < last.y
    assert first.x < middle.x < last.x
    # The year 1989 is a whole year wide; the congress's twelve days a bar of the least width.
    assert last.width > 2 * middle.width
    assert middle.width == timeline.MINIMUM_BAR
    assert [tick.year for tick in chart.ticks] == [1930, 1940, 1950, 1960, 1970, 1980, 1990]
    assert chart.ticks[-1].anchor == "end"


def test_no_dated_item_draws_no_timeline(client, db):
    body = page(client, "/en/events/")

    assert timeline.timeline([], [], "en") is None
    assert '<div class="timeline">' not in body
