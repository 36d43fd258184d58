"""Broken and hostile files given to ``import_catalogue``: each is a planned error, never a crash.

Every case runs the command as a maintainer would and checks the exit status, the message
(file, row, column, reason) and a dump of the database taken before and after.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue.models import Organization, Person
from tests import factories


@pytest.fixture
def catalogue(db):
    """What a file could spoil: two bodies, one inside the other, and a person."""
    cpsu = factories.organization(slug="cpsu", name_en="CPSU", wikidata_id="Q79854")
    factories.organization(slug="central-committee", name_en="Central Committee", parent=cpsu)
    factories.person(slug="khrushchev", name_en="Nikita Khrushchev", wikidata_id="Q35314")


def dump() -> str:
    out = io.StringIO()
    # The full-text table is a virtual one whose columns are answers to a query, not data.
    call_command(
        "dumpdata",
        "catalogue",
        "auth",
        "reversion",
        exclude=["catalogue.fulltextentry"],
        stdout=out,
    )
    return out.getvalue()


def refused(tmp_path, name: str, content: str | bytes) -> list[str]:
    """Import a file that must be refused; the error lines it printed."""
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    before = dump()
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(path), stdout=out, stderr=err)

    assert raised.value.returncode == 1
    assert str(raised.value) == f"{name}: the file has errors; nothing was imported."
    assert "(nothing written)" in out.getvalue()
    assert dump() == before
    return err.getvalue().splitlines()


def test_import_json_nested_deeply_is_refused(catalogue, tmp_path):
    errors = refused(tmp_path, "organizations.json", "[" * 200_000 + "]" * 200_000)

    assert errors == [
        "organizations.json: the JSON is nested too deeply to read; an import is a list of "
        "objects whose values are text or lists of text."
    ]


def test_import_json_with_a_huge_number_is_refused(catalogue, tmp_path):
    content = '[{"slug": "x", "name_en": ' + "9" * 5000 + "}]"

    errors = refused(tmp_path, "organizations.json", content)

    assert errors == ["organizations.json, row 1, column name_en: expected text, not a number"]


@pytest.mark.parametrize(
    ("value", "named"),
    [
        (["party"], "a list"),
        ({"en": "party"}, "an object"),
        (1, "a number"),
        (1.5, "a number"),
        (True, "true"),
        (False, "false"),
        (None, "null"),
    ],
)
def test_import_json_value_of_the_wrong_type_is_refused(catalogue, tmp_path, value, named):
    rows = [
        {"slug": "presidium", "name_en": "Presidium", "kind": "bureau"},
        {"slug": "secretariat", "name_en": "Secretariat", "kind": value},
    ]

    errors = refused(tmp_path, "organizations.json", json.dumps(rows))

    assert errors == [f"organizations.json, row 2, column kind: expected text, not {named}"]


@pytest.mark.parametrize("value", [{"code": "ru"}, 7, None, [["ru"]]])
def test_import_json_many_valued_cell_of_the_wrong_type_is_refused(catalogue, tmp_path, value):
    rows = [{"slug": "presidium", "name_en": "Presidium", "kind": "bureau", "sources": value}]

    errors = refused(tmp_path, "organizations.json", json.dumps(rows))

    assert len(errors) == 1
    assert errors[0].startswith("organizations.json, row 1, column sources: expected ")


@pytest.mark.parametrize("declared", [["organizations"], {"a": 1}, 3, None])
def test_import_json_declared_kind_of_the_wrong_type_is_refused(catalogue, tmp_path, declared):
    content = json.dumps({"kind": declared, "rows": [{"slug": "x", "name_en": "X"}]})

    errors = refused(tmp_path, "upload.json", content)

    assert errors == [
        'upload.json: a JSON import is a list of objects, or {"kind": …, "rows": [objects]}.'
    ]


def test_import_json_object_with_a_repeated_key_is_refused(catalogue, tmp_path):
    content = '[{"slug": "presidium", "name_en": "Presidium", "name_en": "Praesidium"}]'

    errors = refused(tmp_path, "organizations.json", content)

    assert errors == [
        "organizations.json: an object names the key “name_en” twice; keep one of them."
    ]


def test_import_two_new_people_with_one_wikidata_id_is_refused(catalogue, tmp_path):
    content = (
        "slug,name_en,wikidata_id\nmikoyan,Anastas Mikoyan,Q1\nmolotov,Vyacheslav Molotov,Q1\n"
    )

    errors = refused(tmp_path, "people.csv", content)

    assert errors == [
        "people.csv, row 3, column wikidata_id: rows 2 and 3 both give “Q1”, which must be "
        "unique; keep one of them."
    ]


def test_import_wikidata_id_of_a_stored_organization_is_refused(catalogue, tmp_path):
    content = "slug,name_en,kind,wikidata_id\npresidium,Presidium,bureau,Q79854\n"

    errors = refused(tmp_path, "organizations.csv", content)

    assert len(errors) == 1
    assert errors[0].startswith("organizations.csv, row 2")
    assert "Wikidata id" in errors[0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "people.csv",
            "slug,name_en\nKhrushchev,Nikita Khrushchev\n",
            "people.csv, row 2, column slug: “Khrushchev” differs only in case from "
            "“khrushchev” of Nikita Khrushchev; write it as stored, or choose another.",
        ),
        (
            "organizations.csv",
            "slug,name_en,kind\npresidium,Presidium,bureau\nPresidium,Presidium again,bureau\n",
            "organizations.csv, row 3, column slug: rows 2 and 3 both give “Presidium”, which "
            "must be unique; keep one of them.",
        ),
    ],
)
def test_import_key_that_differs_only_in_case_is_refused(
    catalogue, tmp_path, name, content, expected
):
    assert refused(tmp_path, name, content) == [expected]


def test_import_organization_that_is_its_own_parent_is_refused(catalogue, tmp_path):
    content = "slug,name_en,kind,parent\npresidium,Presidium,bureau,presidium\n"

    errors = refused(tmp_path, "organizations.csv", content)

    assert errors == [
        "organizations.csv, row 2, column parent: “presidium” would be part of itself: "
        "presidium → presidium."
    ]


def test_import_organizations_in_a_cycle_within_the_file_are_refused(catalogue, tmp_path):
    content = (
        "slug,name_en,kind,parent\n"
        "presidium,Presidium,bureau,secretariat\n"
        "secretariat,Secretariat,bureau,bureau\n"
        "bureau,Bureau,bureau,presidium\n"
    )

    errors = refused(tmp_path, "organizations.csv", content)

    cycle = "presidium → secretariat → bureau → presidium"
    assert errors == [
        f"organizations.csv, row 2, column parent: “presidium” would be part of itself: {cycle}.",
        f"organizations.csv, row 3, column parent: “secretariat” would be part of itself: {cycle}.",
        f"organizations.csv, row 4, column parent: “bureau” would be part of itself: {cycle}.",
    ]


def test_import_organization_closing_a_cycle_with_stored_ones_is_refused(catalogue, tmp_path):
    content = "slug,name_en,kind,parent\ncpsu,CPSU,party,central-committee\n"

    errors = refused(tmp_path, "organizations.csv", content)

    assert errors == [
        "organizations.csv, row 2, column parent: An organization cannot be part of itself."
    ]
    assert Organization.objects.get(slug="cpsu").parent is None


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x0b"])
def test_import_csv_cell_with_a_control_character_is_refused(catalogue, tmp_path, character):
    content = f"slug,name_en,kind\npresidium,Presi{character}dium,bureau\n"

    errors = refused(tmp_path, "organizations.csv", content)

    assert errors == [
        f"organizations.csv, row 2, column name_en: the value holds the control character "
        f"U+{ord(character):04X} at position 6; remove it and import the file again"
    ]


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800"])
def test_import_json_string_with_a_control_character_is_refused(catalogue, tmp_path, escape):
    content = '[{"slug": "presidium", "name_en": "Presidium", "sources": ["a' + escape + '"]}]'

    errors = refused(tmp_path, "organizations.json", content)

    assert len(errors) == 1
    assert errors[0].startswith(
        "organizations.json, row 1, column sources: the value holds the control character U+"
    )


def test_import_control_character_in_the_header_is_refused(catalogue, tmp_path):
    errors = refused(tmp_path, "organizations.csv", "slug,name_en\x00,kind\nx,X,bureau\n")

    assert errors == [
        "organizations.csv: the column name 'name_en\\x00': the value holds the control "
        "character U+0000 at position 8; remove it and import the file again."
    ]


@pytest.mark.parametrize(
    ("row", "cells"), [("presidium,Presidium", 2), ("presidium,Presidium,bureau,,", 5)]
)
def test_import_row_with_the_wrong_number_of_cells_is_refused(catalogue, tmp_path, row, cells):
    content = f"slug,name_en,kind\nsecretariat,Secretariat,bureau\n{row}\n"

    errors = refused(tmp_path, "organizations.csv", content)

    assert errors == [
        f"organizations.csv, row 3 has {cells} cells but the header has 3; every row needs "
        "one cell per column, empty or not."
    ]


def test_import_header_naming_a_column_twice_is_refused(catalogue, tmp_path):
    errors = refused(tmp_path, "organizations.csv", "slug,name_en,slug\nx,X,y\n")

    assert errors == ["organizations.csv: the header names the column “slug” twice."]


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"\xef\xbb\xbf"])
def test_import_empty_file_is_refused(catalogue, tmp_path, content):
    assert refused(tmp_path, "people.csv", content) == ["people.csv is empty."]


def test_import_file_not_in_utf8_is_refused(catalogue, tmp_path):
    content = "slug,name_en\nkhrushchev,Хрущёв\n".encode("koi8-r")

    errors = refused(tmp_path, "people.csv", content)

    assert errors == [
        "people.csv is not UTF-8: byte 24 (line 2) is 0xE8. "
        "Save the file as UTF-8 and import it again."
    ]


def test_import_cell_beyond_the_csv_limit_says_what_to_do(catalogue, tmp_path):
    content = "slug,name_en,kind\npresidium," + "x" * 200_000 + ",bureau\n"

    errors = refused(tmp_path, "organizations.csv", content)

    assert errors == [
        "organizations.csv, line 2: a cell is longer than 131,072 characters, the most a CSV "
        "cell may hold. Shorten it, or import the data as a JSON file, which has no such limit."
    ]


def test_import_long_text_is_read_from_json(catalogue, tmp_path):
    path = tmp_path / "organizations.json"
    text = "x" * 200_000
    path.write_text(json.dumps([{"slug": "cpsu", "description_en": text}]))

    call_command("import_catalogue", str(path), stdout=io.StringIO())

    assert Organization.objects.get(slug="cpsu").description_en == text


def test_import_command_shows_progress_while_reading_and_checking(catalogue, tmp_path):
    path = tmp_path / "people.csv"
    rows = [f"person-{n},Person {n}" for n in range(400)]
    path.write_text("slug,name_en\n" + "\n".join(rows) + "\n")
    out = io.StringIO()

    call_command("import_catalogue", str(path), "--dry-run", stdout=out)

    lines = out.getvalue().splitlines()
    size = path.stat().st_size
    assert f"Reading: {size:,}/{size:,} (100%)" in lines
    assert "Checking: 400/400 (100%)" in lines
    assert lines.index(f"Reading: {size:,}/{size:,} (100%)") < lines.index(
        "Checking: 400/400 (100%)"
    )
    assert Person.objects.count() == 1


def test_import_json_identifier_nested_as_deep_as_json_allows_is_refused(catalogue, tmp_path):
    nested = "[" * 900 + '"Q1"' + "]" * 900
    content = '[{"slug": "mikoyan", "name_en": "Anastas Mikoyan", "wikidata_id": ' + nested + "}]"

    errors = refused(tmp_path, "people.json", content)

    assert errors == ["people.json, row 1, column wikidata_id: expected text, not a list"]


@pytest.mark.parametrize("character", ["\x00", "\x1b"])
def test_import_wikidata_id_with_a_control_character_is_refused(catalogue, tmp_path, character):
    # The identifier is looked up before its cell is read: the lookup must not reach the
    # database with it (PostgreSQL refuses a NUL in any query).
    content = f"slug,name_en,wikidata_id\nbulganin,Nikolai Bulganin,Q{character}1\n"

    errors = refused(tmp_path, "people.csv", content)

    assert errors == [
        f"people.csv, row 2, column wikidata_id: the value holds the control character "
        f"U+{ord(character):04X} at position 2; remove it and import the file again"
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "people.csv",
            "slug,name_en,birth_date,death_date\nbulganin,Nikolai Bulganin,1975,1895\n",
            "The date of death comes before the date of birth.",
        ),
        (
            "organizations.csv",
            "slug,name_en,kind,founded,dissolved\npresidium,Presidium,bureau,1991,1952\n",
            "The date of dissolution comes before the date of founding.",
        ),
        (
            "memberships.csv",
            "person,organization,role,start,end,certainty\n"
            "khrushchev,central-committee,member,1964,1956,stated\n",
            "The membership ends before it starts.",
        ),
    ],
)
def test_import_dates_in_the_wrong_order_say_so(catalogue, tmp_path, name, content, message):
    errors = refused(tmp_path, name, content)

    assert errors == [f"{name}, row 2: {message}"]
