"""Inserting many plain rows at once, for imports and the history they write."""

from collections.abc import Iterable, Sequence

from django.db import connections, router


def insert_rows(model, attnames: Sequence[str], rows: Iterable[Sequence], batch: int = 500) -> None:
    """Insert ``rows`` (values in the order of ``attnames``) with one prepared statement.

    For tables whose rows carry no logic of their own (many-to-many links, history versions):
    building a model instance per row would cost more than the rest of an imported record.
    Values go through each field's own conversion, as ``bulk_create`` would do.
    """
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = [model._meta.get_field(name) for name in attnames]
    fields = [field.target_field if field.is_relation else field for field in fields]
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in attnames
    )
    statement = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(attnames))})"
    )
    pending = []
    with connection.cursor() as cursor:
        for row in rows:
            pending.append(
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
            )
            if len(pending) >= batch:
                cursor.executemany(statement, pending)
                pending = []
        if pending:
            cursor.executemany(statement, pending)
