"""Writing a synthetic collection's rows in bulk: no model instance per row.

A record built as a model instance costs more than writing it (``__init__`` and the
translation fields' descriptors); ``generate_records`` writes plain tuples instead, with
primary keys it assigns itself so that links and search documents can refer to them.
"""

import contextlib
from collections.abc import Sequence

from django.core.management.color import no_style
from django.db import connections, models, router
from django.utils import timezone

FULL_TEXT_TRIGGER = "catalogue_searchdocument_fts_insert"
FULL_TEXT_TABLE = "catalogue_searchdocument_fts"


def defaults(model, attnames: Sequence[str]) -> tuple[list[str], list]:
    """The other concrete columns of ``model`` (not its key) and their default values.

    Computed once for a whole collection; timestamps are the moment of the call.
    """
    now = timezone.now()
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in attnames:
            continue
        automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        names.append(field.attname)
        values.append(now if automatic else field.get_default())
    return names, values


class Table:
    """Rows of one model written with one prepared statement per batch.

    ``write(rows)`` takes tuples in the order of ``attnames`` (strings, numbers, dates,
    ``None``; date-times are converted here) and returns the keys it gave them, following
    the highest key in the table. ``finish()`` moves PostgreSQL's sequence past them
    (SQLite follows explicit keys by itself).
    """

    def __init__(self, model, attnames: Sequence[str]):
        self.model = model
        self.connection = connections[router.db_for_write(model)]
        meta = model._meta
        fields = [meta.get_field(name) for name in attnames]
        self.date_times = [
            position
            for position, field in enumerate(fields)
            if isinstance(field, models.DateTimeField)
        ]
        others, values = defaults(model, attnames)
        self.constants = tuple(
            meta.get_field(name).get_db_prep_save(value, self.connection)
            for name, value in zip(others, values, strict=True)
        )
        quote = self.connection.ops.quote_name
        columns = [meta.pk.column, *(field.column for field in fields)]
        columns += [meta.get_field(name).column for name in others]
        self.statement = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        highest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        self.next_pk = (highest or 0) + 1

    def write(self, rows: Sequence[tuple]) -> range:
        pks = range(self.next_pk, self.next_pk + len(rows))
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.statement, list(self._values(pks, rows)))
        self.next_pk += len(rows)
        return pks

    def _values(self, pks: range, rows: Sequence[tuple]):
        adapt = self.connection.ops.adapt_datetimefield_value
        for pk, row in zip(pks, rows, strict=True):
            if self.date_times:
                row = list(row)
                for position in self.date_times:
                    row[position] = adapt(row[position])
            yield (pk, *row, *self.constants)

    def finish(self) -> None:
        statements = self.connection.ops.sequence_reset_sql(no_style(), [self.model])
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextlib.contextmanager
def full_text_built_once(connection):
    """On SQLite, index the documents written inside the block in one pass at its end.

    The trigger that adds each document to the full-text index as it is written is set
    aside, and FTS5 rebuilds the index from the documents table: about twice as fast for
    a large collection. PostgreSQL's index needs nothing (its column is generated).
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
            [FULL_TEXT_TRIGGER],
        )
        (trigger,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER {FULL_TEXT_TRIGGER}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(trigger)
        cursor.execute(f"INSERT INTO {FULL_TEXT_TABLE}({FULL_TEXT_TABLE}) VALUES ('rebuild')")


@contextlib.contextmanager
def load_settings(connection):
    """On SQLite, settings for writing a whole synthetic collection in one transaction.

    The page cache grows from 2 MB to 512 MB (the record table's indexes fit in it) and
    sorts stay in memory. Commits are not flushed to disk (``synchronous = OFF``): a power
    cut during generation may corrupt the file, which is acceptable for a throwaway
    benchmark database and never done for the catalogue's real writes (nor inside a
    transaction begun elsewhere). The journal stays WAL. The connection's own settings are
    restored afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings = {"cache_size": -512 * 1024}
    if not connection.in_atomic_block:  # SQLite refuses to change these inside a transaction
        settings |= {"synchronous": 0, "temp_store": 2}
    with connection.cursor() as cursor:
        before = {}
        for name, value in settings.items():
            cursor.execute(f"PRAGMA {name}")
            before[name] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in before.items():
                cursor.execute(f"PRAGMA {name} = {int(value)}")


def secondary_indexes(connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """The (name, definition) of each index of ``tables`` that no constraint stands on."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Indexes of UNIQUE and PRIMARY KEY clauses have no SQL of their own.
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({', '.join(['%s'] * len(tables))}) ORDER BY name",
                list(tables),
            )
        else:
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relname = ANY(%s) AND pg_table_is_visible(t.oid) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) "
                "ORDER BY i.relname",
                [list(tables)],
            )
        return cursor.fetchall()


@contextlib.contextmanager
def indexes_built_after(connection, tables: Sequence[str]):
    """Drop the secondary indexes of ``tables`` for the block and build them again after it.

    Building an index once from a full table is a sort; keeping eleven of them up to date
    row by row is a random write per index per row, and at a million records most of the
    load's time. Use inside a transaction: on both engines the indexes come back with it,
    or are never gone if the block fails.
    """
    indexes = secondary_indexes(connection, tables)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL builds no index on a table with foreign keys still to check: they
            # are checked now rather than at the commit (Django's are deferred).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in indexes:
            cursor.execute(definition)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
