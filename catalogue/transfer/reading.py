"""Reading an import file (CSV or JSON, UTF-8) into a header and numbered rows."""

import codecs
import csv
import dataclasses
import io
import json

from django.utils.translation import gettext as _


class FileError(Exception):
    """The file as a whole cannot be read; the message names the file and the reason."""


@dataclasses.dataclass
class Table:
    header: list[str]
    # (row number, {column: raw value}); CSV rows are numbered as in a spreadsheet, the header
    # being row 1; JSON rows are numbered from 1 in the order of the list.
    rows: list[tuple[int, dict]]
    # The kind a JSON file declares ({"kind": "people", "rows": [...]}), if any.
    declared_kind: str = ""


def decode(data: bytes, filename: str) -> str:
    """UTF-8 text with or without a byte order mark; anything else is refused, never guessed."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = start + error.start
        line = data[:position].count(b"\n") + 1
        raise FileError(
            _(
                "%(file)s is not UTF-8: byte %(position)s (line %(line)s) is 0x%(byte)02X. "
                "Save the file as UTF-8 and import it again."
            )
            % {"file": filename, "position": position, "line": line, "byte": data[position]}
        ) from None


def read_table(data: bytes | str, filename: str) -> Table:
    text = decode(data, filename) if isinstance(data, bytes) else data
    if filename.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
        return _read_json(text, filename)
    return _read_csv(text, filename)


def _read_csv(text: str, filename: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        raise FileError(
            _("%(file)s, line %(line)s: not a readable CSV file (%(error)s).")
            % {"file": filename, "line": reader.line_num, "error": error}
        ) from None
    if not records or not any(records[0]):
        raise FileError(_("%(file)s has no header row.") % {"file": filename})
    header = [name.strip() for name in records[0]]
    _check_header(header, filename)
    rows = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise FileError(
                _("%(file)s, row %(row)s has %(cells)s cells but the header has %(columns)s.")
                % {"file": filename, "row": number, "cells": len(cells), "columns": len(header)}
            )
        rows.append((number, dict(zip(header, cells, strict=False))))
    return Table(header, rows)


def _read_json(text: str, filename: str) -> Table:
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(
            _("%(file)s, line %(line)s, column %(column)s: not valid JSON (%(error)s).")
            % {"file": filename, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    declared = ""
    if isinstance(content, dict):
        declared = content.get("kind", "")
        content = content.get("rows")
    if not isinstance(content, list) or not all(isinstance(row, dict) for row in content):
        raise FileError(
            _('%(file)s: a JSON import is a list of objects, or {"kind": …, "rows": [objects]}.')
            % {"file": filename}
        )
    header = []
    for row in content:
        header.extend(name for name in row if name not in header)
    return Table(header, list(enumerate(content, start=1)), declared)


def _check_header(header: list[str], filename: str) -> None:
    seen = set()
    for name in header:
        if not name:
            raise FileError(
                _("%(file)s: the header has an empty column name.") % {"file": filename}
            )
        if name in seen:
            raise FileError(
                _("%(file)s: the header names the column “%(column)s” twice.")
                % {"file": filename, "column": name}
            )
        seen.add(name)
