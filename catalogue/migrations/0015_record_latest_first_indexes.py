from django.db import migrations, models

# PostgreSQL puts NULLs first in a descending index, SQLite last; the list's "-date" order
# asks for NULLS LAST, which SQLite cannot write in an index but gets from DESC.
INDEXES = {
    "record_status_latest": '"status", "date_latest" DESC{nulls}, "reference_code", '
    '"date_earliest"',
    "record_status_kind_latest": '"status", "kind", "date_latest" DESC{nulls}, "reference_code", '
    '"date_earliest"',
}


def create_indexes(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX "{name}" ON "catalogue_record" ({columns.format(nulls=nulls)})'
        )


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0014_record_default_order_index_holds_the_id"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(create_indexes, drop_indexes)],
            state_operations=[
                migrations.AddIndex(
                    model_name="record",
                    index=models.Index(
                        fields=["status", "-date_latest", "reference_code", "date_earliest"],
                        name="record_status_latest",
                    ),
                ),
                migrations.AddIndex(
                    model_name="record",
                    index=models.Index(
                        fields=["status", "kind", "-date_latest", "reference_code", "date_earliest"],
                        name="record_status_kind_latest",
                    ),
                ),
            ],
        ),
    ]
