"""Facets of combined filters: exact up to a threshold of matches, estimated and said so past it."""

from catalogue import models
from catalogue.filters import facets
from tests import factories

from .helpers import page


def test_record_list_combined_filters_count_exactly_below_the_threshold(client, catalogue):
    body = page(client, "/en/records/?kind=speech&date_from=1956")

    assert "about" not in body.split('id="facets-heading"', 1)[1].split("</nav>", 1)[0]
    assert "are estimated" not in body


def test_record_list_combined_filters_estimate_past_the_threshold_and_say_so(
    client, catalogue, monkeypatch
):
    fonds = factories.collection(slug="plenums")
    for _number in range(6):
        factories.record(kind=models.RecordKind.MINUTES, collection=fonds, date="1956-06")
    monkeypatch.setattr(facets, "EXACT_UP_TO", 3)

    body = page(client, "/en/records/?collection=plenums&date_from=1956")

    assert 'href="?collection=plenums&amp;date_from=1956&amp;kind=minutes">minutes</a>' in body
    assert '<span class="count">(about 6)</span>' in body
    assert "Counts marked “about” are estimated from 3 of the matching records." in body
