"""The records list on a small screen: search first, then the results; the rest folded away."""

from catalogue import models
from tests import factories

from .helpers import facet_counts, page


def test_search_box_comes_first_and_the_filters_fold_away(client, catalogue):
    body = page(client, "/en/records/?kind=speech&date_from=1956")

    search = body.index('name="q"')
    folded = body.index('<details class="filters">')
    assert search < folded < body.index('id="id_kind"') < body.index('class="results"')
    assert "<summary>Filters and facets (2 active)</summary>" in body
    # The count comes before the active filters and the results.
    status = body.index("1 record found")
    assert status < body.index('class="chips"') < body.index('class="result-list"')


def test_filters_open_by_themselves_when_a_value_is_refused(client, catalogue):
    body = page(client, "/ru/records/?date_from=1956-13", status=400)

    assert '<details class="filters" open>' in body
    assert "<summary>Фильтры (выбрано: 0)</summary>" in body


def test_long_facet_shows_six_values_and_folds_the_rest(client, catalogue):
    speech = models.Record.objects.get(reference_code="C20-SPEECH")
    for index in range(8):
        speech.subjects.add(factories.subject(label_en=f"Theme {index}"))
    body = page(client, "/en/records/")

    subjects = body.split('id="facet-subject"', 1)[1].split("</section>", 1)[0]
    shown, folded = subjects.split("<details>", 1)
    assert shown.count("<li>") == 6
    assert folded.count("<li>") == len(facet_counts(body, "subject")) - 6
    assert '3 more<span class="visually-hidden">: Subject</span>' in folded
