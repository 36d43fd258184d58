"""Days before 14 February 1918 read in both calendars, as historians of Russia write them."""

import datetime

import pytest
from django.utils import translation

from catalogue.dates import edtf_display, old_style

# Each Julian day that the Gregorian offset grows after, and the days either side.
CENTURY_BOUNDARIES = [
    (datetime.date(1700, 3, 10), (1700, 2, 28)),
    (datetime.date(1700, 3, 11), (1700, 2, 29)),
    (datetime.date(1700, 3, 12), (1700, 3, 1)),
    (datetime.date(1800, 3, 12), (1800, 2, 29)),
    (datetime.date(1800, 3, 13), (1800, 3, 1)),
    (datetime.date(1900, 3, 13), (1900, 2, 29)),
    (datetime.date(1900, 3, 14), (1900, 3, 1)),
    (datetime.date(1900, 3, 12), (1900, 2, 28)),
    # 2000 is a Gregorian leap year too: the offset stays 13 days.
    (datetime.date(2000, 3, 13), (2000, 2, 29)),
    (datetime.date(2000, 3, 14), (2000, 3, 1)),
    (datetime.date(1918, 2, 14), (1918, 2, 1)),
    (datetime.date(1918, 2, 13), (1918, 1, 31)),
    (datetime.date(1582, 10, 15), (1582, 10, 5)),
]


@pytest.mark.parametrize(("gregorian", "julian"), CENTURY_BOUNDARIES)
def test_old_style_follows_the_julian_leap_days_across_centuries(gregorian, julian):
    assert old_style(gregorian) == julian


DUAL = [
    ("1894-04-15", "15 April [O.S. 3 April] 1894", "15 апреля [3 апреля ст. ст.] 1894"),
    ("1878-12-18", "18 December [O.S. 6 December] 1878", "18 декабря [6 декабря ст. ст.] 1878"),
    (
        "1894-01-12",
        "12 January 1894 [O.S. 31 December 1893]",
        "12 января 1894 [31 декабря 1893 ст. ст.]",
    ),
    ("1918-02-13", "13 February [O.S. 31 January] 1918", "13 февраля [31 января ст. ст.] 1918"),
    ("1918-02-14", "14 February 1918", "14 февраля 1918"),
    ("1894-04-15~", "c. 15 April [O.S. 3 April] 1894", "около 15 апреля [3 апреля ст. ст.] 1894"),
    (
        "1917-11-07/1917-11-08",
        "7 November [O.S. 25 October] 1917 – 8 November [O.S. 26 October] 1917",
        "7 ноября [25 октября ст. ст.] 1917 – 8 ноября [26 октября ст. ст.] 1917",
    ),
    # A month or a year alone has no single Old Style day to give.
    ("1894-04", "April 1894", "апрель 1894"),
    ("1894", "1894", "1894"),
]


@pytest.mark.parametrize(("value", "english", "russian"), DUAL)
def test_a_day_before_1918_reads_in_both_calendars(value, english, russian):
    with translation.override("en"):
        assert edtf_display(value) == english
    with translation.override("ru"):
        assert edtf_display(value) == russian


def test_an_impossible_day_before_1918_is_shown_as_written():
    with translation.override("en"):
        assert edtf_display("1900-02-29") == "29 February 1900"


def test_person_page_gives_the_birth_day_in_both_calendars(client, catalogue):
    english = client.get("/en/people/khrushchev/").content.decode()
    russian = client.get("/ru/people/khrushchev/").content.decode()

    assert "15 April [O.S. 3 April] 1894" in english
    assert "15 апреля [3 апреля ст. ст.] 1894" in russian
    # The death day, after 1918, reads once.
    assert "11 September 1971" in english and "O.S. 29 August" not in english
