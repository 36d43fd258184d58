import re

import pytest

from catalogue import models
from tests import factories

from .helpers import page


def test_home_counts_what_the_collection_holds(client, catalogue):
    body = page(client, "/en/")

    assert "<strong>3</strong> records" in body
    assert "<strong>3</strong> people" in body
    assert "<strong>2</strong> bodies" in body
    assert "<strong>2</strong> events" in body


def test_home_shows_declared_seats_against_catalogued_members(client, catalogue):
    body = page(client, "/en/")

    assert (
        "Central Committee elected by the 20th Congress</a>: 2 of 133 full members catalogued"
        in body
    )
    assert "0 of 122 candidate members catalogued" in body


def test_home_seat_line_follows_the_data(client, catalogue):
    factories.membership(organization=catalogue.cc, role=models.MembershipRole.CANDIDATE)
    commission = factories.organization(name_en="Central Auditing Commission")
    models.OrganizationSeats.objects.create(
        organization=commission, role=models.MembershipRole.MEMBER, count=63
    )

    body = page(client, "/en/")

    assert "1 of 122 candidate members catalogued" in body
    assert "Central Auditing Commission</a>: 0 of 63 full members catalogued" in body


def test_home_in_russian_uses_russian_interface(client, catalogue):
    body = page(client, "/ru/")

    assert '<html lang="ru">' in body
    assert "Что есть в собрании" in body
    assert "<strong>3</strong> документа" in body
    assert "в каталоге 2 из 133 членов" in body
    assert "Перейти к основному содержанию" in body


def test_language_switch_keeps_the_page_and_its_query(client, catalogue):
    body = page(client, "/en/records/?kind=speech&date_from=1956")

    assert '<a href="/ru/records/?kind=speech&amp;date_from=1956" hreflang="ru" lang="ru">' in body


def test_every_page_has_a_skip_link_and_landmarks(client, catalogue):
    body = page(client, "/en/people/")

    assert '<a class="skip-link" href="#main">' in body
    assert '<main id="main"' in body
    assert 'role="search"' in body
    assert "<footer" in body


def test_person_list_filters_by_seat_and_birth_year(client, catalogue):
    inferred = page(client, "/en/people/?organization=central-committee-20&certainty=inferred")
    born = page(client, "/en/people/?born_from=1890&born_to=1894")

    assert "Nikolai Bulganin" in inferred and "Nikita Khrushchev" not in inferred
    assert "Nikita Khrushchev" in born and "Nikolai Bulganin" not in born


def test_person_list_role_and_body_describe_the_same_seat(client, catalogue):
    body = page(client, "/en/people/?organization=central-committee-20&role=candidate")

    assert "0 people found" in body
    assert "Nobody in the catalogue matches all of these conditions." in body


def test_person_list_search_finds_khrushchev_in_any_script(client, catalogue):
    for query in ("хрущев", "Хрущёв", "khrushchev"):
        body = page(client, f"/en/people/?q={query}")
        assert "1 person found" in body
        assert "Khrushchev" in body


@pytest.mark.parametrize("query", ["born_from=abc", "role=emperor", "organization=none-such"])
def test_person_list_malformed_value_is_a_400_with_a_message(client, catalogue, query):
    body = page(client, f"/en/people/?{query}", status=400)

    assert "Part of this address could not be used:" in body


def test_person_detail_shows_seats_records_and_dates(client, catalogue):
    body = page(client, "/en/people/khrushchev/")

    assert "<h1>Nikita Khrushchev</h1>" in body
    assert '<p class="lead" lang="ru">Никита Сергеевич Хрущёв</p>' in body
    assert "15 April [O.S. 3 April] 1894" in body and "11 September 1971" in body
    assert "Central Committee elected by the 20th Congress</a></td>" in body
    assert "On the Cult of Personality and Its Consequences</a>" in body


def test_organization_page_shows_members_with_certainty_and_sources(client, catalogue):
    body = page(client, "/en/organizations/central-committee-20/")

    assert "2 of 133 full members catalogued; 0 of 122 candidate members catalogued." in body
    assert "inferred: Presidium full member elected by the plenum of 27 Feb 1956" in body
    assert "[MARXDIC] marxdic.com" in body


def test_organization_page_draws_the_seat_chart_on_the_server(client, catalogue):
    body = page(client, "/en/organizations/central-committee-20/")

    chart = body.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<title id="seat-chart-title">Declared seats and catalogued members</title>' in chart
    assert "Full members: 2 / 133" in chart
    assert "Candidate members: 0 / 122" in chart
    assert re.findall(r'class="bar-declared" x="0" y="\d+" width="([\d.]+)"', chart) == [
        "320.0",
        "293.5",
    ]
    assert re.findall(r'class="bar-catalogued" x="0" y="\d+" width="([\d.]+)"', chart) == [
        "4.8",
        "0.0",
    ]


def test_organization_page_chart_numbers_are_not_localized(client, catalogue):
    body = page(client, "/ru/organizations/central-committee-20/")

    assert 'width="293.5"' in body
    assert "Члены: 2 / 133" in body


def test_organization_list_counts_catalogued_members(client, catalogue):
    body = page(client, "/en/organizations/")

    assert "2 members catalogued" in body


def test_event_list_is_chronological(client, catalogue):
    factories.event(name_en="Plenum of the Central Committee", date="1956-02-27")
    factories.event(name_en="Event of unknown date")

    body = page(client, "/en/events/")

    names = re.findall(r'<h2 class="h3"><a href="/en/events/[^"]+/">([^<]+)</a>', body)
    assert names == [
        "20th Congress of the CPSU",
        "Closed session of the 20th Congress",
        "Plenum of the Central Committee",
        "Event of unknown date",
    ]


def test_event_detail_lists_its_parts_records_and_elections(client, catalogue):
    body = page(client, "/en/events/congress-20/")

    assert "14 February 1956 – 25 February 1956" in body
    assert "Closed session of the 20th Congress</a> (25 February 1956)" in body
    assert "Elected at this event" in body


def test_collection_list_shows_the_arrangement_as_a_tree(client, catalogue):
    body = page(client, "/en/collections/")

    outer = body.split('<ul class="tree">', 1)[1]
    assert re.search(r"The 20th Congress</a>.*?<ul>\s*<li>\s*<a [^>]+>Documents</a>", outer, re.S)
    assert "3 records" in outer


def test_collection_detail_shows_its_place_and_records(client, catalogue):
    body = page(client, "/en/collections/congress-20-documents/")

    assert '<a href="/en/collections/congress-20/">The 20th Congress</a>' in body
    assert "Letter to the Congress</a>" in body


def test_subject_pages_list_their_records(client, catalogue):
    listing = page(client, "/en/subjects/")
    detail = page(client, "/ru/subjects/cult-of-personality/")

    assert 'cult of personality</a> <span class="meta">(2 records)' in listing
    assert "<h1>культ личности</h1>" in detail
    assert "О преодолении культа личности и его последствий</a>" in detail


def test_search_finds_people_in_any_spelling_and_marks_the_match(client, catalogue):
    body = page(client, "/ru/search/?q=хрущев")

    people = body.split('id="results-people"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/ru/people/khrushchev/">Никита <mark>Хрущёв</mark></a>' in people
    assert '<span class="count">(1)</span>' in people


def test_search_finds_records_people_and_events_together(client, catalogue):
    body = page(client, "/en/search/?q=congress")

    counts = dict(re.findall(r'id="results-(\w+)">[^<]+<span class="count">\((\d+)\)', body))
    assert counts == {"records": "1", "people": "0", "organizations": "1", "events": "2"}


def test_search_without_a_query_explains_what_to_type(client, catalogue):
    body = page(client, "/en/search/")

    assert "Type a name, a title or a reference code" in body


def test_search_with_a_huge_query_is_a_400_with_a_message(client, catalogue):
    body = page(client, "/en/search/?q=" + "хрущев " * 2000, status=400)

    assert "The search was longer than 200 characters; only its first words were searched." in body


def test_unknown_pages_are_404(client, catalogue):
    for url in (
        "/en/people/nobody/",
        "/en/organizations/none/",
        "/en/events/none/",
        "/en/collections/none/",
        "/en/subjects/none/",
        "/en/records/NONE/cite.bib",
    ):
        assert client.get(url).status_code == 404
