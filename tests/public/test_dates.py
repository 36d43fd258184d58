import pytest
from django.template import Context, Template
from django.utils import translation

from catalogue.dates import edtf_display

CASES = [
    ("1956-02-25", "25 February 1956", "25 февраля 1956"),
    ("1956-02~", "c. February 1956", "около февраля 1956"),
    ("1956-02", "February 1956", "февраль 1956"),
    (
        "1922-12-23/1923-01-04",
        "23 December 1922 – 4 January 1923",
        "23 декабря 1922 – 4 января 1923",
    ),
    ("1956", "1956", "1956"),
    ("", "unknown", "неизвестно"),
    (None, "unknown", "неизвестно"),
    ("1956-02-25?", "25 February 1956 (uncertain)", "25 февраля 1956 (под вопросом)"),
    ("1956/..", "from 1956", "с 1956"),
    ("../1956-03", "until March 1956", "до марта 1956"),
    (
        "[1956-02-14,1956-02-15]",
        "14 February 1956 or 15 February 1956",
        "14 февраля 1956 или 15 февраля 1956",
    ),
    ("{1956-03-04,1956-03-09}", "4 March 1956 and 9 March 1956", "4 марта 1956 и 9 марта 1956"),
]


@pytest.mark.parametrize(("value", "english", "russian"), CASES)
def test_edtf_display_reads_in_each_language(value, english, russian):
    with translation.override("en"):
        assert edtf_display(value) == english
    with translation.override("ru"):
        assert edtf_display(value) == russian


def test_edtf_display_shows_an_unreadable_value_as_written():
    with translation.override("en"):
        assert edtf_display("1956-21") == "1956-21"


def test_edtf_display_filter_renders_in_templates():
    template = Template("{% load catalogue_tags %}{{ value|edtf_display }}")

    with translation.override("ru"):
        rendered = template.render(Context({"value": "1956-02-25"}))

    assert rendered == "25 февраля 1956"
