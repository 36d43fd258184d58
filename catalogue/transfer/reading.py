"""Reading an import file (CSV or JSON, UTF-8) into a header and numbered rows."""

import codecs
import csv
import dataclasses
import io
import json
import sys
from typing import BinaryIO, TextIO

from django.utils.translation import gettext as _

from .cells import control_character, unprotect

# A CSV file reports its reading progress every so many rows.
PROGRESS_ROWS = 10_000
# Enough of the start of a file to tell JSON from CSV, and an empty file from a blank line.
PEEK_BYTES = 64 * 1024


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


def read_table(file_obj: BinaryIO, filename: str, progress=None) -> Table:
    """The header and rows of a file opened in binary; ``FileError`` if it cannot be read.

    A CSV file is decoded and read as a stream, so that its text is never held whole beside
    its rows. ``progress(done, total)`` hears how many bytes of a CSV file have been read.
    """
    start = file_obj.tell()
    first = file_obj.read(PEEK_BYTES)
    opening = first.removeprefix(codecs.BOM_UTF8).lstrip()
    if not opening and len(first) < PEEK_BYTES:
        raise FileError(_("%(file)s is empty.") % {"file": filename})
    if filename.lower().endswith(".json") or opening.startswith((b"[", b"{")):
        return _read_json(decode(first + file_obj.read(), filename), filename)
    file_obj.seek(start)
    text = io.TextIOWrapper(file_obj, encoding="utf-8-sig", newline="")
    try:
        return _read_csv(text, filename, progress)
    except UnicodeDecodeError:
        file_obj.seek(start)
        decode(file_obj.read(), filename)
        raise
    finally:
        # The caller's file stays open: the wrapper would close it when collected.
        text.detach()


def _read_csv(stream: TextIO, filename: str, progress) -> Table:
    size = _size(stream.buffer)
    reader = csv.reader(stream, strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise FileError(_("%(file)s has no header row.") % {"file": filename})
        _check_header(header, filename)
        rows = []
        # Rows are numbered as a spreadsheet shows them, the header being row 1.
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise FileError(_wrong_length(filename, number, len(cells), len(header)))
            rows.append((number, dict(zip(header, map(unprotect, cells), strict=True))))
            if progress is not None and len(rows) % PROGRESS_ROWS == 0:
                progress(stream.buffer.tell(), size)
    except csv.Error as error:
        raise FileError(_csv_error(filename, reader.line_num, error)) from None
    if progress is not None:
        progress(size, size)
    return Table(header, rows)


def _size(file_obj: BinaryIO) -> int:
    position = file_obj.tell()
    size = file_obj.seek(0, io.SEEK_END)
    file_obj.seek(position)
    return size


def _wrong_length(filename: str, number: int, cells: int, columns: int) -> str:
    return _(
        "%(file)s, row %(row)s has %(cells)s cells but the header has %(columns)s; "
        "every row needs one cell per column, empty or not."
    ) % {"file": filename, "row": number, "cells": cells, "columns": columns}


def _csv_error(filename: str, line: int, error: csv.Error) -> str:
    if str(error).startswith("field larger than field limit"):
        return _(
            "%(file)s, line %(line)s: a cell is longer than %(limit)s characters, the most a "
            "CSV cell may hold. Shorten it, or import the data as a JSON file, which has no "
            "such limit."
        ) % {"file": filename, "line": line, "limit": f"{csv.field_size_limit():,}"}
    return _("%(file)s, line %(line)s: not a readable CSV file (%(error)s).") % {
        "file": filename,
        "line": line,
        "error": error,
    }


def _object(pairs: list[tuple]) -> dict:
    """A JSON object whose keys are all different: a repeated key would lose a value."""
    content = {}
    for key, value in pairs:
        if key in content:
            raise DuplicateKey(key)
        content[key] = value
    return content


class DuplicateKey(ValueError):
    pass


def _integer(digits: str) -> int | float:
    """A JSON integer. One longer than Python converts (``sys.get_int_max_str_digits()``) is
    read as infinity, so that its cell reports it like any number where text belongs."""
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        return float("inf")
    return int(digits)


def _read_json(text: str, filename: str) -> Table:
    try:
        content = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise FileError(
            _("%(file)s, line %(line)s, column %(column)s: not valid JSON (%(error)s).")
            % {"file": filename, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    except DuplicateKey as error:
        raise FileError(
            _("%(file)s: an object names the key “%(key)s” twice; keep one of them.")
            % {"file": filename, "key": error.args[0]}
        ) from None
    except RecursionError:
        raise FileError(
            _(
                "%(file)s: the JSON is nested too deeply to read; an import is a list of "
                "objects whose values are text or lists of text."
            )
            % {"file": filename}
        ) from None
    except ValueError as error:
        raise FileError(
            _("%(file)s: not valid JSON (%(error)s).") % {"file": filename, "error": error}
        ) from None
    declared = ""
    if isinstance(content, dict) and set(content) <= {"kind", "rows"}:
        declared = content.get("kind", "")
        content = content.get("rows")
    if (
        not isinstance(declared, str)
        or not isinstance(content, list)
        or not all(isinstance(row, dict) for row in content)
    ):
        raise FileError(
            _('%(file)s: a JSON import is a list of objects, or {"kind": …, "rows": [objects]}.')
            % {"file": filename}
        )
    header = []
    for row in content:
        header.extend(name for name in row if name not in header)
    _check_header(header, filename)
    return Table(header, list(enumerate(content, start=1)), declared)


def _check_header(header: list[str], filename: str) -> None:
    seen = set()
    for name in header:
        if not name:
            raise FileError(
                _("%(file)s: the header has an empty column name.") % {"file": filename}
            )
        problem = control_character(name)
        if problem:
            raise FileError(
                _("%(file)s: the column name %(column)s: %(reason)s.")
                % {"file": filename, "column": ascii(name), "reason": problem}
            )
        if name in seen:
            raise FileError(
                _("%(file)s: the header names the column “%(column)s” twice.")
                % {"file": filename, "column": name}
            )
        seen.add(name)
