"""Writing the catalogue out in the import format, so that an export imports with no change."""

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from .cells import protect
from .columns import SEPARATOR
from .context import Context, chunked
from .kinds import Kind


def export_rows(kind: Kind, queryset=None) -> Iterator[dict]:
    """One dict per object, column by column, in the form an import compares against."""
    context = Context()
    instances = list(queryset if queryset is not None else kind.export_queryset())
    for chunk in chunked(instances, 2000):
        context.load_related(kind.model, kind.columns, [instance.pk for instance in chunk])
        for instance in chunk:
            yield {column.name: column.current(instance, context) for column in kind.columns}


def _cell(value) -> str:
    text = SEPARATOR.join(value) if isinstance(value, tuple) else str(value)
    return protect(text)


def write_csv(kind: Kind, rows, stream: TextIO) -> int:
    """Rows as CSV that a spreadsheet opens without running any cell (see ``cells``)."""
    # Lines end in CRLF (RFC 4180): the writer then quotes a cell holding either character,
    # where with a bare LF a carriage return inside a cell went out unquoted and broke the row.
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(kind.column_names)
    count = 0
    for row in rows:
        writer.writerow([_cell(value) for value in row.values()])
        count += 1
    return count


def write_json(kind: Kind, rows, stream: TextIO) -> int:
    content = [
        {name: list(value) if isinstance(value, tuple) else value for name, value in row.items()}
        for row in rows
    ]
    json.dump({"kind": kind.name, "rows": content}, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return len(content)


WRITERS = {"csv": write_csv, "json": write_json}
