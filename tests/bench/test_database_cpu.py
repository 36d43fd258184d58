"""benchmark_http's database column: the PostgreSQL server's processor time, none on SQLite."""

import pytest
from django.db import connection

from catalogue.bench.server import database_cpu_seconds


@pytest.mark.engine("sqlite")
@pytest.mark.django_db
def test_sqlite_runs_its_queries_in_the_worker_so_it_has_no_database_column():
    assert database_cpu_seconds(connection) is None


@pytest.mark.engine("postgresql")
@pytest.mark.django_db
def test_the_postgresql_servers_time_is_read_and_only_grows():
    # The tests' server runs on this machine (its processes are in /proc).
    before = database_cpu_seconds(connection)
    assert before is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM generate_series(1, 200000)")
    after = database_cpu_seconds(connection)

    assert after >= before >= 0
