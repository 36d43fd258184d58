from django.db import migrations

# PostgreSQL only: the titles' own words as a stored tsvector with its GIN index, so that a
# broad search finds its first title matches (catalogue/search/bounded.py) from a small
# column whose statistics the planner knows, rather than by reading every match's weighted
# document. SQLite's FTS5 table already matches one column by itself.
CREATE = [
    "ALTER TABLE catalogue_searchdocument ADD COLUMN title_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title)) STORED",
    "CREATE INDEX catalogue_searchdocument_title ON catalogue_searchdocument "
    "USING GIN (title_document)",
]
DROP = [
    "DROP INDEX IF EXISTS catalogue_searchdocument_title",
    "ALTER TABLE catalogue_searchdocument DROP COLUMN IF EXISTS title_document",
]


def create_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0015_record_latest_first_indexes"),
    ]

    operations = [migrations.RunPython(create_title_index, drop_title_index)]
