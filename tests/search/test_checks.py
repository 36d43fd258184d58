"""The system check that the engine's full-text index is whole: the triggers on SQLite, the
generated column and its index on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from catalogue.checks import full_text_index_complete

# One part of each engine's index, as a later migration rebuilding the table would lose it.
DROP_ONE_PART = {
    "sqlite": ("DROP TRIGGER catalogue_searchdocument_fts_update", "fts_update"),
    "postgresql": ("DROP INDEX catalogue_searchdocument_document", "document"),
}


def test_full_text_check_passes_on_a_migrated_database(db):
    assert full_text_index_complete(None, databases=["default"]) == []


def test_full_text_check_names_a_dropped_part(db):
    statement, suffix = DROP_ONE_PART[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statement)

    errors = full_text_index_complete(None, databases=["default"])

    assert [error.id for error in errors] == ["catalogue.E003"]
    assert errors[0].msg.startswith(
        f"The search index of database 'default' lacks catalogue_searchdocument_{suffix}:"
    )


def test_full_text_check_stops_the_check_command(db):
    statement, _suffix = DROP_ONE_PART[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statement)

    with pytest.raises(SystemCheckError, match="catalogue.E003"):
        call_command("check", databases=["default"])
