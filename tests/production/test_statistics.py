"""After a bulk write, PostgreSQL's planner gets statistics of the new rows at once."""

import pytest
from django.core.management import call_command
from django.db import connection

from catalogue import statistics
from tests import factories


def _records_planned() -> float:
    """How many records the planner believes the table holds (-1: it has no statistics)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalogue_record'")
        return cursor.fetchone()[0]


@pytest.mark.engine("sqlite")
@pytest.mark.django_db
def test_sqlite_is_left_as_it_is():
    assert statistics.analyze() is False


@pytest.mark.engine("postgresql")
@pytest.mark.django_db
def test_a_small_write_is_left_to_autovacuum():
    assert statistics.analyze(rows=statistics.BULK_ROWS - 1) is False


@pytest.mark.engine("postgresql")
@pytest.mark.django_db
def test_a_bulk_write_gathers_the_statistics_of_the_new_rows():
    for _ in range(3):
        factories.record()
    assert _records_planned() != 3

    assert statistics.analyze(rows=statistics.BULK_ROWS) is True
    assert _records_planned() == 3


@pytest.mark.engine("postgresql")
@pytest.mark.django_db(transaction=True)
def test_vacuum_runs_outside_a_transaction():
    for _ in range(2):
        factories.record()

    assert statistics.analyze(vacuum=True) is True
    assert _records_planned() == 2


@pytest.mark.django_db
def test_an_import_passes_the_rows_it_wrote(monkeypatch, tmp_path):
    factories.collection(slug="congress")
    seen = []
    monkeypatch.setattr(statistics, "analyze", lambda rows=None, **options: seen.append(rows))
    path = tmp_path / "records.csv"
    path.write_text(
        "reference_code,collection,level,kind,title_en,date,extent_en,status\n"
        "TEST-IMPORTED,congress,item,speech,Test imported,1956-02-25,1 item,published\n"
        "TEST-RESOLUTION,congress,item,letter,Test resolution,1956-06-30,1 item,draft\n",
        encoding="utf-8",
    )

    call_command("import_catalogue", str(path))

    assert seen == [2]


@pytest.mark.engine("postgresql")
@pytest.mark.django_db
def test_inside_a_transaction_vacuum_gives_way_to_analyze():
    for _ in range(2):
        factories.record()

    assert statistics.analyze(vacuum=True) is True
    assert _records_planned() == 2
