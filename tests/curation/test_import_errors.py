"""Files that break an import: each is refused whole, with the file, row, column and reason."""

import pytest

from catalogue import transfer
from catalogue.models import Person, Record
from tests.curation.conftest import plan

HEADER = "reference_code,collection,kind,title_en,date,subjects,languages"


def records_csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_import_with_bad_row_in_the_middle_writes_nothing(vocabulary):
    text = records_csv(
        "R-1,congress,speech,First,1956-02-25,,",
        "R-2,congress,not-a-kind,Second,1956-02-25,,",
        "R-3,congress,report,Third,1956-02,,",
    )
    result = plan(text)

    assert [row.action for row in result.rows] == ["create", "error", "create"]
    assert result.error_messages() == [
        "records.csv, row 3, column kind: Value 'not-a-kind' is not a valid choice."
    ]
    with pytest.raises(transfer.ImportRefused):
        transfer.apply_import(result)
    assert Record.objects.count() == 0


def test_import_unknown_subject_names_row_and_column(vocabulary):
    result = plan(records_csv("R-1,congress,speech,First,,cult-of-personality|thaw,"))

    assert result.error_messages() == [
        "records.csv, row 2, column subjects: Subject “thaw” does not exist"
    ]


def test_import_invalid_edtf_date_is_an_error(vocabulary):
    result = plan(records_csv("R-1,congress,speech,First,25 February 1956,,"))

    assert result.rows[0].action == "error"
    [(column, message)] = result.rows[0].errors
    assert column == "date"
    assert "“25 February 1956” is not a valid EDTF date" in message


def test_import_wrong_separator_says_which_separator_to_use(vocabulary):
    result = plan(records_csv('R-1,congress,speech,First,,,"ru;en"'))

    assert result.error_messages() == [
        "records.csv, row 2, column languages: “ru;en” looks like several values separated "
        "by “;”; separate values with “|”"
    ]


def test_import_comma_between_slugs_is_a_wrong_separator(vocabulary):
    result = plan(records_csv('R-1,congress,speech,First,,"cult-of-personality, thaw",'))

    assert "separated by “,”" in result.error_messages()[0]


def test_import_duplicated_identifier_names_both_rows(vocabulary):
    result = plan(
        records_csv(
            "R-1,congress,speech,First,,,",
            "R-2,congress,speech,Second,,,",
            "R-1,congress,speech,First again,,,",
        )
    )

    assert result.error_messages() == [
        "records.csv, row 4, column reference_code: rows 2 and 4 both identify R-1; "
        "keep one of them."
    ]


def test_import_cp1251_file_is_refused_as_not_utf8(vocabulary):
    data = (HEADER + "\nR-1,congress,speech,Доклад,,,\n").encode("cp1251")

    result = plan(data)

    offset = data.index("Доклад".encode("cp1251"))
    assert result.file_errors == [
        f"records.csv is not UTF-8: byte {offset} (line 2) is 0xC4. "
        "Save the file as UTF-8 and import it again."
    ]
    assert result.rows == []


def test_import_utf8_with_byte_order_mark_is_read(vocabulary):
    data = "\ufeff".encode() + records_csv("R-1,congress,speech,Доклад,,,").encode()

    result = plan(data)
    transfer.apply_import(result)

    assert Record.objects.get(reference_code="R-1").title_en == "Доклад"


def test_import_unknown_column_is_an_error(vocabulary):
    result = plan("reference_code,title_en,titel_ru\nR-1,First,Первый\n")

    assert len(result.file_errors) == 1
    assert result.file_errors[0].startswith(
        "records.csv: unknown column “titel_ru”; the columns of records are reference_code,"
    )
    assert result.has_errors


def test_import_missing_key_column_is_an_error(vocabulary):
    result = plan("slug,name_en\nkhrushchev,Nikita Khrushchev\n", "people.csv")
    assert result.file_errors == []

    result = plan("name_en\nNikita Khrushchev\n", "people.csv")
    assert result.file_errors == [
        "people.csv: the column “slug” is missing; people are matched by slug."
    ]


def test_import_role_outside_the_vocabulary_is_an_error(vocabulary):
    result = plan("reference_code,people\nR-1,khrushchev:orator\n")

    assert result.rows[0].errors == [
        (
            "people",
            "“orator” is not a role; use one of author, speaker, addressee, subject, "
            "mentioned, other",
        )
    ]


def test_import_kind_cannot_be_told_from_an_ambiguous_file(db):
    result = plan("slug,name_en\nx,X\n", "upload.csv")

    assert result.file_errors == [
        "upload.csv: cannot tell what the file holds; name the kind (organizations, people, "
        "records, copies, memberships) in the file name or choose it."
    ]


def test_import_new_record_without_title_is_an_error(vocabulary):
    result = plan("reference_code,collection,kind\nR-1,congress,speech\n")

    assert result.rows[0].errors == [("title_en", "This field cannot be blank.")]


def test_import_status_change_needs_the_publish_permission(vocabulary, editor):
    text = "reference_code,collection,kind,title_en,status\nR-1,congress,speech,First,published\n"

    result = plan(text, user=editor)

    assert result.rows[0].errors == [("status", "You may not publish or unpublish records.")]


def test_import_people_json_reports_the_item_number(db):
    data = (
        '{"kind": "people", "rows": '
        '[{"slug": "a", "name_en": "A"}, {"slug": "b", "birth_date": "1956-13"}]}'
    )

    result = plan(data, "upload.json")

    assert result.kind.name == "people"
    messages = result.error_messages()
    assert any(message.startswith("upload.json, row 2, column birth_date:") for message in messages)
    assert Person.objects.count() == 0
