"""A CSV export opened in a spreadsheet runs nothing, and imports back to the same values."""

import csv
import io

import pytest

from catalogue import transfer
from catalogue.models import Person
from catalogue.transfer.cells import FORMULA_STARTS
from tests import factories

# Values a spreadsheet would run as a formula, and values that look like the escaped ones.
HOSTILE = {
    "name_en": "=HYPERLINK(“http://example.invalid”)",
    "name_ru": "-minus",
    "full_name_en": "+7 495",
    "full_name_ru": "''two quotes",
    "native_name": "@SUM(A1)",
    "birth_place_en": "\tafter a tab",
    "birth_place_ru": "\rafter a carriage return",
    "death_place_en": "'=quoted formula",
    "death_place_ru": "'plain quote",
    "biography_en": "'",
    "biography_ru": "a = b, -1, @x",
    "birth_date": "-0044",
}


@pytest.fixture
def hostile_person(db):
    return factories.person(slug="hostile", **HOSTILE)


def exported_people() -> str:
    stream = io.StringIO()
    kind = transfer.KINDS["people"]
    transfer.write_csv(kind, transfer.export_rows(kind), stream)
    return stream.getvalue()


def test_export_csv_cell_is_never_a_formula(hostile_person):
    content = exported_people()

    header, row = list(csv.reader(io.StringIO(content)))
    cells = dict(zip(header, row, strict=True))
    assert cells["name_en"] == "'=HYPERLINK(“http://example.invalid”)"
    assert cells["birth_date"] == "'-0044"
    assert cells["death_place_en"] == "''=quoted formula"
    assert cells["death_place_ru"] == "''plain quote"
    assert cells["biography_ru"] == "a = b, -1, @x"
    assert cells["slug"] == "hostile"
    assert [name for name, cell in cells.items() if cell.startswith(FORMULA_STARTS)] == []


def test_export_csv_with_hostile_cells_imports_with_no_change(hostile_person):
    content = exported_people()

    result = transfer.plan_import(io.BytesIO(content.encode()), "people.csv")
    transfer.apply_import(result)

    assert result.error_messages() == []
    assert result.counts == {"create": 0, "update": 0, "unchanged": 1, "error": 0}
    person = Person.objects.get(slug="hostile")
    assert {name: getattr(person, name) for name in HOSTILE} == HOSTILE


def test_export_csv_with_hostile_cells_creates_the_same_values(hostile_person):
    content = exported_people()
    Person.objects.all().delete()

    result = transfer.plan_import(io.BytesIO(content.encode()), "people.csv")
    transfer.apply_import(result)

    assert result.counts["create"] == 1
    person = Person.objects.get(slug="hostile")
    assert {name: getattr(person, name) for name in HOSTILE} == HOSTILE


def test_import_csv_keeps_a_leading_quote_it_did_not_add(db):
    content = "slug,name_en,biography_en\nquoted,'Quoted,'=sum\n"

    result = transfer.plan_import(io.BytesIO(content.encode()), "people.csv")
    transfer.apply_import(result)

    person = Person.objects.get(slug="quoted")
    assert (person.name_en, person.biography_en) == ("'Quoted", "=sum")
