"""Checking a folder of images before anything is stored: every row of ``images.csv`` and every
file it names, each refusal with its row, file and reason."""

import dataclasses
import hashlib
import warnings
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Q
from django.utils.translation import gettext as _
from PIL import Image as Pillow

from catalogue.models import Copy, Image, Record
from catalogue.transfer.cells import control_character
from catalogue.transfer.reading import FileError, read_table

from ..rights import canonical_rights, validate_rights

LISTING = "images.csv"
COLUMNS = (
    "file",
    "record",
    "copy",
    "alt_en",
    "alt_ru",
    "caption_en",
    "caption_ru",
    "rights",
    "credit",
    "credit_ru",
)
REQUIRED = ("file", "record", "alt_en")
# The model field each metadata column fills; "credit" is the English credit.
FIELDS = {
    "alt_en": "alt_text_en",
    "alt_ru": "alt_text_ru",
    "caption_en": "caption_en",
    "caption_ru": "caption_ru",
    "rights": "rights",
    "credit": "credit_en",
    "credit_ru": "credit_ru",
}
COLUMN_OF = {field: column for column, field in FIELDS.items()} | {"file": "file"}
ADD, UPDATE, UNCHANGED = "add", "update", "unchanged"


@dataclasses.dataclass
class Row:
    number: int
    file: str
    path: Path | None = None
    record: Record | None = None
    copy: Copy | None = None
    values: dict = dataclasses.field(default_factory=dict)
    checksum: str = ""
    action: str = ""
    # The stored image this row is (for an update or an unchanged row).
    image: Image | None = None
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def owner(self) -> tuple:
        return (self.copy.pk, None) if self.copy else (None, self.record.pk)


@dataclasses.dataclass
class Plan:
    folder: Path
    rows: list[Row] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(row.errors for row in self.rows)

    def messages(self) -> list[str]:
        found = list(self.errors)
        for row in self.rows:
            place = _("%(listing)s row %(row)s") % {"listing": LISTING, "row": row.number}
            place += f" ({row.file})" if row.file else ""
            found.extend(f"{place}: {error}" for error in row.errors)
        return found

    @property
    def counts(self) -> dict[str, int]:
        counts = {ADD: 0, UPDATE: 0, UNCHANGED: 0}
        for row in self.rows:
            if row.action:
                counts[row.action] += 1
        return counts


def check_folder(folder: Path, progress=None) -> Plan:
    """Read ``folder/images.csv`` and check every row and file; store nothing."""
    plan = Plan(Path(folder))
    listing = plan.folder / LISTING
    if not plan.folder.is_dir():
        plan.errors.append(_("%(folder)s is not a folder.") % {"folder": folder})
        return plan
    if not listing.is_file():
        plan.errors.append(
            _("%(folder)s has no %(listing)s: it lists the files and their records.")
            % {"folder": folder, "listing": LISTING}
        )
        return plan
    try:
        with listing.open("rb") as stream:
            table = read_table(stream, LISTING)
    except FileError as error:
        plan.errors.append(str(error))
        return plan
    missing = [name for name in REQUIRED if name not in table.header]
    unknown = [name for name in table.header if name not in COLUMNS]
    if missing:
        plan.errors.append(
            _("%(listing)s lacks the column(s) %(columns)s.")
            % {"listing": LISTING, "columns": ", ".join(missing)}
        )
    if unknown:
        plan.errors.append(
            _(
                "%(listing)s has column(s) the import does not know: %(unknown)s (the columns "
                "are %(columns)s)."
            )
            % {"listing": LISTING, "unknown": ", ".join(unknown), "columns": ", ".join(COLUMNS)}
        )
    if missing or unknown:
        return plan
    cells = [(number, {k: (v or "").strip() for k, v in row.items()}) for number, row in table.rows]
    owners = _Owners(cells)
    seen = {}
    for done, (number, values) in enumerate(cells, start=1):
        row = _check_row(plan.folder, number, values, owners)
        if not row.errors:
            identity = (*row.owner, row.checksum)
            if identity in seen:
                row.errors.append(
                    _(
                        "repeats row %(row)s: the same image (an identical file) for the same "
                        "record or copy."
                    )
                    % {"row": seen[identity]}
                )
            seen.setdefault(identity, number)
        plan.rows.append(row)
        if progress is not None:
            progress(done, len(cells))
    return plan


class _Owners:
    """The records and copies the listing names, and their images, read in a few queries."""

    def __init__(self, cells):
        codes = {values.get("record", "") for _number, values in cells}
        self.records = {
            record.reference_code: record
            for record in Record.objects.filter(reference_code__in=codes)
        }
        self.copies = {
            (copy.record.reference_code, copy.key): copy
            for copy in Copy.objects.filter(record__in=self.records.values()).select_related(
                "record"
            )
        }
        self.images = {
            (image.copy_id, image.record_id, image.checksum): image
            for image in Image.objects.filter(
                Q(record__in=self.records.values()) | Q(copy__in=self.copies.values())
            ).exclude(checksum="")
        }


def _check_row(folder: Path, number: int, values: dict, owners: _Owners) -> Row:
    row = Row(number, values.get("file", ""))
    row.values = {field: values.get(column, "") for column, field in FIELDS.items()}
    if row.values["rights"]:
        row.values["rights"] = canonical_rights(row.values["rights"])
    row.path, reason = _inside(folder, row.file)
    if reason:
        row.errors.append(reason)
    _check_owner(row, values, owners)
    _check_cells(row, values)
    if not row.errors:
        _check_file(row)
    if not row.errors:
        row.image = owners.images.get((*row.owner, row.checksum))
        if row.image is None:
            row.action = ADD
        elif all((getattr(row.image, name) or "") == value for name, value in row.values.items()):
            row.action = UNCHANGED
        else:
            row.action = UPDATE
    return row


def _check_owner(row: Row, values: dict, owners: _Owners) -> None:
    code, key = values.get("record", ""), values.get("copy", "")
    row.record = owners.records.get(code)
    if not code:
        row.errors.append("record: " + _("the column is empty; give the record's reference code."))
    elif row.record is None:
        row.errors.append("record: " + _("there is no record “%(code)s”.") % {"code": code})
    elif key:
        row.copy = owners.copies.get((code, key))
        if row.copy is None:
            row.errors.append(
                "copy: " + _("record %(code)s has no copy “%(key)s”.") % {"code": code, "key": key}
            )


def _check_cells(row: Row, values: dict) -> None:
    for column in ("file", "record", "copy", *FIELDS):
        if reason := control_character(values.get(column, "")):
            row.errors.append(f"{column}: {reason}.")
    try:
        # Checked apart from full_clean(), so that a row refused for its file or record
        # names its rights too.
        validate_rights(row.values["rights"])
    except ValidationError as error:
        row.errors.extend(f"rights: {message}" for message in error.messages)
    if not row.values["alt_text_en"]:
        row.errors.append("alt_en: " + _("the column is empty; say what the image shows."))


def _check_file(row: Row) -> None:
    """The file through the model's own validation (``validate_image``), with the row's
    metadata; sets the file's checksum."""
    candidate = Image(record=None if row.copy else row.record, copy=row.copy, **row.values)
    try:
        with row.path.open("rb") as handle:
            row.checksum = _sha256(handle)
            with warnings.catch_warnings():
                # Assigning reads the size from the header; validate_image refuses a bomb.
                warnings.simplefilter("ignore", Pillow.DecompressionBombWarning)
                candidate.file = File(handle, name=row.path.name)
            candidate.full_clean(exclude=["position", "key", "rights"])
    except ValidationError as error:
        row.errors.extend(_messages(error))
    except OSError as error:
        row.errors.append("file: " + _("cannot be read (%(error)s).") % {"error": error.strerror})


def _inside(folder: Path, name: str) -> tuple[Path | None, str]:
    """The file ``name`` inside ``folder``, or why it is not one."""
    if not name:
        return None, "file: " + _("the column is empty; name a file in the folder.")
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive:
        return None, "file: " + _(
            "an absolute path; name a file inside the folder, relative to it."
        )
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return None, "file: " + _("the path leaves the folder (..); name a file inside it.")
    path = folder / name
    real, root = path.resolve(), folder.resolve()
    if not real.is_relative_to(root):
        return None, "file: " + _("a link to a file outside the folder; copy the file into it.")
    if not real.exists():
        return None, "file: " + _("there is no such file in the folder.")
    if not real.is_file():
        return None, "file: " + _("not a file.")
    if real == root / LISTING:
        return None, "file: " + _("%(listing)s is the listing, not an image.") % {
            "listing": LISTING
        }
    return real, ""


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(block)
    handle.seek(0)
    return digest.hexdigest()


def _messages(error: ValidationError) -> list[str]:
    found = []
    for field, messages in error.message_dict.items():
        column = COLUMN_OF.get(field, "" if field == "__all__" else field)
        found.extend(f"{column}: {message}" if column else message for message in messages)
    return found
