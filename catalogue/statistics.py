"""The PostgreSQL planner's statistics, brought up to date after a bulk write.

PostgreSQL plans each query from statistics of every table (how many rows, how values spread),
which ``ANALYZE`` gathers. Autovacuum gathers them on its own once a tenth of a table has
changed, but a minute or more later (and not at all where it is turned off); until then a
freshly loaded table plans as if it were empty. Measured over HTTP at 100,000 generated
records: the filtered list's first request after a write took 33 s and a selective search
2.4 s (median) before ``ANALYZE``, 0.8 s and 0.08 s after. So the commands that write in
bulk (``generate_records``, ``import_catalogue``, ``restore_catalogue``) call ``analyze()``
when they finish. SQLite's planner works without gathered statistics and its plans are left
as they are.
"""

from django.db import connections

# Below this many rows written, the statistics are left to autovacuum.
BULK_ROWS = 1_000


def analyze(rows: int | None = None, vacuum: bool = False, database: str = "default") -> bool:
    """``ANALYZE`` the database (``VACUUM ANALYZE`` with ``vacuum``) on PostgreSQL, when
    ``rows`` is None or at least BULK_ROWS; whether it ran.

    ``VACUUM`` also marks the new rows visible to all, so counts and key scans read only
    the indexes; it cannot run inside a transaction (a caller's, or a test's), where
    ``ANALYZE`` alone runs. Call this after the write commits.
    """
    connection = connections[database]
    if connection.vendor != "postgresql" or (rows is not None and rows < BULK_ROWS):
        return False
    vacuum = vacuum and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
    return True
