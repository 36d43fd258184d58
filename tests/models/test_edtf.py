"""EDTF dates: what they parse to, the bounds stored beside them, and what is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from catalogue import models
from catalogue.models import edtf_bounds
from tests import factories


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("1956-02-25", "1956-02-25", "1956-02-25"),
        ("1956-02", "1956-02-01", "1956-02-29"),
        ("1956-02~", "1956-02-01", "1956-02-29"),
        ("1956", "1956-01-01", "1956-12-31"),
        ("1922-12-23/1923-01-04", "1922-12-23", "1923-01-04"),
        ("[1956-02-14,1956-02-15]", "1956-02-14", "1956-02-15"),
    ],
)
def test_edtf_bounds_span_every_day_the_date_can_mean(value, earliest, latest):
    bounds = edtf_bounds(value)

    assert bounds == (datetime.date.fromisoformat(earliest), datetime.date.fromisoformat(latest))


def test_edtf_open_end_has_no_latest_bound():
    assert edtf_bounds("1956-02-25/..") == (datetime.date(1956, 2, 25), None)


def test_record_saved_with_an_edtf_date_stores_its_bounds(db):
    record = factories.record(date="1922-12-23/1923-01-04")

    record.refresh_from_db()

    assert (record.date_earliest, record.date_latest) == (
        datetime.date(1922, 12, 23),
        datetime.date(1923, 1, 4),
    )


def test_record_date_change_moves_its_bounds(db):
    record = factories.record(date="1956-02")

    record.date = "1956-02-25"
    record.save()
    record.refresh_from_db()

    assert (record.date_earliest, record.date_latest) == (
        datetime.date(1956, 2, 25),
        datetime.date(1956, 2, 25),
    )


def test_record_with_unknown_date_has_no_bounds(db):
    record = factories.record(date="1956")

    record.date = ""
    record.save()
    record.refresh_from_db()

    assert (record.date_earliest, record.date_latest) == (None, None)


def test_set_edtf_bounds_derives_every_date_of_a_raw_person():
    person = models.Person(birth_date="1894-04-15", death_date="1971-09~")

    models.set_edtf_bounds(person)

    assert (person.birth_earliest, person.birth_latest, person.death_latest) == (
        datetime.date(1894, 4, 15),
        datetime.date(1894, 4, 15),
        datetime.date(1971, 9, 30),
    )


@pytest.mark.parametrize("value", ["1956-13", "25 February 1956", "1956-02-30", "1956-02-25T"])
def test_invalid_edtf_is_refused_naming_the_field(db, value):
    record = factories.record()
    record.date = value

    with pytest.raises(ValidationError) as raised:
        record.full_clean()

    assert raised.value.message_dict["date"] == [
        f"“{value}” is not a valid EDTF date. Write for example 1956-02-25, 1956-02, "
        "1956-02~ (about February 1956) or 1922-12-23/1923-01-04."
    ]


def test_interval_ending_before_it_begins_is_refused(db):
    event = factories.event()
    event.date = "1956-03-10/1956-03-04"

    with pytest.raises(ValidationError) as raised:
        event.full_clean()

    assert raised.value.message_dict["date"] == ["“1956-03-10/1956-03-04” ends before it begins."]


def test_full_clean_sees_the_bounds_of_dates_just_typed(db):
    person = factories.person()
    person.birth_date, person.death_date = "1950", "1900"

    with pytest.raises(ValidationError) as raised:
        person.full_clean()

    assert raised.value.messages == ["The date of death comes before the date of birth."]
