"""Exports that import with no change, re-imports that change nothing, and the commands."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from catalogue import transfer
from catalogue.models import (
    Copy,
    Language,
    Membership,
    Organization,
    Person,
    PersonRole,
    Record,
    RecordPerson,
    Status,
)
from catalogue.progress import Progress
from tests import factories
from tests.curation.conftest import plan


@pytest.fixture
def collection(vocabulary):
    """A small but varied catalogue built for the test, touching every kind of column."""
    party = factories.organization(slug="party", name_en="Party", name_ru="Партия")
    committee = factories.organization(
        slug="committee", name_en="Committee", parent=party, founded="1956-02-25"
    )
    event = factories.event(slug="congress-event")
    speech = factories.record(
        reference_code="R-SPEECH",
        collection=vocabulary["collection"],
        kind="speech",
        title_en="A speech",
        title_ru="Речь",
        description_en='Quoted "text", with commas | and a bar\nover two lines',
        date="1956-02-25",
        extent_en="1 item",
        original_language=vocabulary["ru"],
    )
    speech.languages.set([vocabulary["ru"], vocabulary["en"]])
    speech.subjects.set([vocabulary["cult"]])
    speech.events.set([event])
    speech.sources.set([vocabulary["source"]])
    RecordPerson.objects.create(record=speech, person=vocabulary["khrushchev"], role="speaker")
    RecordPerson.objects.create(record=speech, person=vocabulary["stalin"], role="subject")
    factories.record(
        reference_code="R-DRAFT",
        collection=vocabulary["collection"],
        status=Status.DRAFT,
        date="1956-02~",
    )
    Copy.objects.create(record=speech, key="first", label_en="First copy", holder_ru="Архив")
    vocabulary["khrushchev"].wikidata_id = "Q35314"
    vocabulary["khrushchev"].birth_date = "1894-04-15"
    vocabulary["khrushchev"].save()
    factories.membership(
        person=vocabulary["khrushchev"],
        organization=committee,
        start="1956-02-25",
        elected_by=event,
        certainty="inferred",
        basis_en="Named in a list",
    )
    factories.membership(person=vocabulary["stalin"], organization=party)
    return vocabulary


def exported(kind: str, format: str) -> str:
    stream = io.StringIO()
    kinds = transfer.KINDS[kind]
    transfer.WRITERS[format](kinds, transfer.export_rows(kinds), stream)
    return stream.getvalue()


@pytest.mark.parametrize("format", ["csv", "json"])
@pytest.mark.parametrize("kind", list(transfer.KINDS))
def test_export_reimports_with_no_change(collection, kind, format):
    text = exported(kind, format)

    result = plan(text, f"{kind}.{format}")

    assert result.error_messages() == []
    assert result.rows, "the export holds the collection's rows"
    assert {row.action for row in result.rows} == {"unchanged"}


def test_export_into_an_empty_catalogue_rebuilds_it(collection):
    files = {kind: exported(kind, "csv") for kind in ("records", "copies", "memberships")}
    Membership.objects.all().delete()
    Record.objects.all().delete()

    for kind, text in files.items():
        transfer.apply_import(plan(text, f"{kind}.csv"))

    assert {kind: exported(kind, "csv") for kind in files} == files
    speech = Record.objects.get(reference_code="R-SPEECH")
    assert speech.date_earliest.isoformat() == "1956-02-25"
    assert speech.title_ru == "Речь"


def test_import_twice_changes_nothing_the_second_time(vocabulary):
    text = (
        "reference_code,collection,kind,title_en,title_ru,languages,people,date\n"
        "R-1,congress,speech,First,Первый,ru|en,khrushchev:speaker,1956-02-25\n"
        "R-2,congress,report,Second,,,,1956\n"
    )
    first = plan(text)
    transfer.apply_import(first)

    second = plan(text)

    assert first.counts == {"create": 2, "update": 0, "unchanged": 0, "error": 0}
    assert second.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}


def test_import_update_shows_old_and_new_values(vocabulary):
    factories.record(
        reference_code="R-1",
        collection=vocabulary["collection"],
        title_en="Old",
        date="1956",
        extent_en="1 item",
    )

    result = plan("reference_code,title_en,date,people\nR-1,New,1956-02-25,stalin:subject\n")

    [row] = result.rows
    assert (row.action, row.key) == ("update", "R-1")
    assert row.changes == {
        "title_en": ("Old", "New"),
        "date": ("1956", "1956-02-25"),
        "people": ("", "stalin:subject"),
    }
    transfer.apply_import(result)
    record = Record.objects.get(reference_code="R-1")
    assert (record.title_en, record.date_latest.isoformat()) == ("New", "1956-02-25")
    assert [str(role) for role in record.people.all()] == ["Joseph Stalin (subject)"]


def test_import_person_matched_by_wikidata_id_keeps_the_person(vocabulary):
    vocabulary["khrushchev"].wikidata_id = "Q35314"
    vocabulary["khrushchev"].save()

    result = plan(
        "slug,wikidata_id,name_ru\nnikita-khrushchev,Q35314,Никита Хрущёв\n", "people.csv"
    )
    transfer.apply_import(result)

    assert result.rows[0].action == "update"
    person = Person.objects.get(wikidata_id="Q35314")
    assert (person.pk, person.slug) == (vocabulary["khrushchev"].pk, "nikita-khrushchev")


def test_import_organization_may_name_a_parent_later_in_the_file(db):
    text = (
        "slug,name_en,kind,parent\npresidium,Presidium,bureau,cc\ncc,Central Committee,committee,\n"
    )

    transfer.apply_import(plan(text, "organizations.csv"))

    assert Organization.objects.get(slug="presidium").parent.slug == "cc"


def test_import_removes_values_the_file_no_longer_lists(collection):
    result = plan("reference_code,languages,people\nR-SPEECH,ru,khrushchev:speaker\n")
    transfer.apply_import(result)

    speech = Record.objects.get(reference_code="R-SPEECH")
    assert [language.code for language in speech.languages.all()] == ["ru"]
    assert [(role.person.slug, role.role) for role in speech.people.all()] == [
        ("khrushchev", PersonRole.SPEAKER)
    ]


def test_import_command_dry_run_lists_rows_and_writes_nothing(vocabulary, tmp_path, capsys):
    path = tmp_path / "records.csv"
    path.write_text("reference_code,collection,kind,title_en\nR-1,congress,speech,First\n")

    call_command("import_catalogue", str(path), "--dry-run")

    out = capsys.readouterr().out
    assert "row 2: create R-1\n" in out
    assert "    title_en: '' → 'First'\n" in out
    assert "records.csv: 1 created, 0 updated, 0 unchanged, 0 errors in" in out
    assert "(nothing written)." in out
    assert Record.objects.count() == 0


def test_import_command_errors_name_file_row_and_column(vocabulary, tmp_path, capsys):
    path = tmp_path / "records.csv"
    path.write_text("reference_code,collection,kind,title_en\nR-1,nowhere,speech,First\n")

    with pytest.raises(CommandError, match="the file has errors; nothing was imported"):
        call_command("import_catalogue", str(path))

    captured = capsys.readouterr()
    assert "records.csv, row 2, column collection: Collection “nowhere” does not exist" in (
        captured.err
    )
    assert Record.objects.count() == 0


def test_import_command_shows_progress_and_summary_on_large_files(vocabulary, tmp_path, capsys):
    rows = [f"R-{n},congress,report,Record {n}" for n in range(450)]
    path = tmp_path / "records.csv"
    path.write_text("reference_code,collection,kind,title_en\n" + "\n".join(rows) + "\n")

    call_command("import_catalogue", str(path))

    out = capsys.readouterr().out
    assert "Checking: 450/450 (100%)\n" in out
    assert "Checking: 45/450 (10%)" not in out  # lines come every tenth, not every row
    assert "\r" not in out  # not a terminal: plain lines
    assert "records.csv: 450 created, 0 updated, 0 unchanged, 0 errors in " in out
    assert Record.objects.count() == 450


def test_import_command_small_file_prints_only_the_summary(vocabulary, tmp_path, capsys):
    path = tmp_path / "records.csv"
    path.write_text("reference_code,collection,kind,title_en\nR-1,congress,report,One\n")

    call_command("import_catalogue", str(path))

    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("records.csv: 1 created, 0 updated, 0 unchanged, 0 errors in ")


def test_export_command_writes_every_kind_into_a_directory(collection, tmp_path):
    call_command("export_catalogue", str(tmp_path / "out"), "--format", "json")

    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == [f"{kind}.json" for kind in sorted(transfer.KINDS)]
    people = json.loads((tmp_path / "out" / "people.json").read_text())
    assert people["kind"] == "people"
    assert [row["slug"] for row in people["rows"]] == ["stalin", "khrushchev"]


def test_export_command_writes_one_kind_to_a_file(collection, tmp_path):
    target = tmp_path / "speeches.csv"

    call_command("export_catalogue", str(target), "--format", "csv", "--kind", "records")

    lines = target.read_text().splitlines()
    assert lines[0].startswith("reference_code,collection,level,kind,title_en,title_ru,")
    assert lines[1].startswith("R-DRAFT,")


def test_sample_files_import_in_order_and_again_without_change(db, settings):
    samples = settings.BASE_DIR / "fixtures" / "import"
    factories.collection(slug="sample")
    Language.objects.create(code="ru", name_en="Russian")
    order = ("organizations", "people", "memberships", "records", "copies")

    for kind in order:
        with (samples / f"{kind}-sample.csv").open("rb") as stream:
            transfer.apply_import(transfer.plan_import(stream, stream.name))

    for kind in order:
        with (samples / f"{kind}-sample.csv").open("rb") as stream:
            assert {row.action for row in transfer.plan_import(stream, stream.name).rows} == {
                "unchanged"
            }
    assert Membership.objects.filter(organization__slug="cc-20").count() == 2
    assert Copy.objects.get(key="wilson-center").identifier == "115995"


@pytest.mark.parametrize("kind", list(transfer.KINDS))
def test_template_file_has_the_columns_of_its_kind(settings, kind):
    template = settings.BASE_DIR / "fixtures" / "import" / f"{kind}-template.csv"

    assert (
        template.read_text(encoding="utf-8") == ",".join(transfer.KINDS[kind].column_names) + "\n"
    )


def test_progress_on_a_terminal_redraws_one_line():
    stream = io.StringIO()
    progress = Progress(stream, "Checking", tty=True)

    for done in (500, 1000):
        progress(done, 1000)
    progress(1, 10)  # a few rows: no progress at all

    assert stream.getvalue() == "\rChecking: 500/1,000 (50%)\rChecking: 1,000/1,000 (100%)\n"


def test_imported_records_and_people_are_found_by_the_public_search(vocabulary):
    from catalogue import search

    people = "slug,name_en,name_ru\nbulganin,Nikolai Bulganin,Николай Булганин\n"
    records = (
        "reference_code,collection,kind,title_en,date,extent_en,status,people\n"
        "R-10,congress,speech,Closing words,1956-02-25,1 item,published,bulganin:speaker\n"
    )

    transfer.apply_import(plan(people, "people.csv"))
    transfer.apply_import(plan(records, "records.csv"))

    found_people = search.search_people(Person.objects.all(), "булганин")
    found_records = search.search_records(Record.objects.all(), "bulganin")
    assert [person.slug for person in found_people] == ["bulganin"]
    assert [record.reference_code for record in found_records] == ["R-10"]
