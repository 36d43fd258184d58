"""Paging the records list: numbered pages first, then next and previous by cursor."""

import html
import re

import pytest
from django.utils import timezone

from catalogue import changes, models
from tests import factories

from .helpers import page, result_titles

PAGE_SIZE = 20


@pytest.fixture
def minutes(db) -> list[str]:
    """235 published minutes, 1956-01-01 onwards, and a draft among them."""
    fonds = factories.collection(slug="plenums")
    stamp = timezone.now()
    records = [
        models.Record(
            reference_code=f"TEST-MIN-{n:03d}",
            collection=fonds,
            kind=models.RecordKind.MINUTES,
            title_en=f"Test minutes {n:03d}",
            date=f"1956-{1 + n // 28:02d}-{1 + n % 28:02d}",
            status=models.Status.PUBLISHED,
            published_at=stamp,
        )
        for n in range(235)
    ]
    for record in records:
        models.set_edtf_bounds(record)
    models.Record.objects.bulk_create(records)
    factories.record(reference_code="TEST-MIN-DRAFT", status=models.Status.DRAFT)
    changes.everything_changed()
    return [record.title_en for record in records]


def link(body: str, rel: str) -> str:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', body)
    return html.unescape(found.group(1)) if found else ""


def test_record_paging_numbers_the_first_pages_then_goes_on_by_cursor(client, minutes):
    tenth = page(client, "/en/records/?kind=minutes&page=10")

    next_url = link(tenth, "next")
    eleventh = page(client, f"/en/records/{next_url}")

    assert 'aria-current="page">10</span>' in tenth
    assert "after=" in next_url and "kind=minutes" in next_url
    assert result_titles(eleventh) == minutes[200:220]
    assert result_titles(eleventh) == result_titles(
        page(client, "/en/records/?kind=minutes&page=11")
    )


def test_record_paging_goes_back_by_cursor_and_ends_at_the_last_record(client, minutes):
    eleventh = page(client, "/en/records/" + link(page(client, "/en/records/?page=10"), "next"))
    twelfth = page(client, "/en/records/" + link(eleventh, "next"))

    back = page(client, "/en/records/" + link(twelfth, "prev"))

    assert result_titles(twelfth) == minutes[220:235]
    assert link(twelfth, "next") == ""
    assert result_titles(back) == minutes[200:220]


def test_record_paging_by_cursor_keeps_the_sort(client, minutes):
    tenth = page(client, "/en/records/?sort=-reference&page=10")

    eleventh = page(client, "/en/records/" + link(tenth, "next"))

    assert "sort=-reference" in link(tenth, "next")
    expected = sorted(minutes, reverse=True)[200:220]
    assert result_titles(eleventh) == expected


def test_record_paging_deep_page_by_number_shows_its_records(client, minutes):
    body = page(client, "/en/records/?page=12")

    assert result_titles(body) == minutes[220:235]


@pytest.mark.parametrize("cursor", ["forged", "WyJkYXRlIiwgWzFdXQ:1:abc", ""])
def test_record_paging_forged_cursor_answers_400_with_the_first_page(client, minutes, cursor):
    body = page(client, f"/en/records/?after={cursor}x", status=400)

    assert "This cursor is not one the catalogue gave out. This is the first page." in body
    assert result_titles(body) == minutes[:20]
