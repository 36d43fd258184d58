"""Storing a checked folder: rows in one transaction, tiles by the image service, one revision
of the history; if anything fails, the transaction is undone and every file written removed."""

import hashlib
import shutil

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue import history
from catalogue.models import Image, Record

from .. import service
from .checking import ADD, UPDATE, Plan


class IngestFailed(Exception):
    """Storing stopped part way; nothing of the folder was kept."""


def store(plan: Plan, user=None, progress=None) -> dict[str, int]:
    """Store what ``plan`` found new or changed, all or nothing; returns the counts by action.

    The new images' originals are stored, their rows saved, changed metadata saved; then the
    image service makes the tiles of each new image (into the public root when its record is
    published); then one revision "Imported images from <folder>" records the records touched.
    """
    if plan.has_errors:
        raise IngestFailed("\n".join(plan.messages()))
    added = []
    try:
        with transaction.atomic():
            positions = _next_positions(plan)
            for row in plan.rows:
                if row.action == ADD:
                    added.append(_add(row, positions))
                elif row.action == UPDATE:
                    for field, value in row.values.items():
                        setattr(row.image, field, value)
                    row.image.save()
            for done, image in enumerate(added, start=1):
                service.process(image, force=True)
                if progress is not None:
                    progress(done, len(added))
            records, now = _records_touched(plan), timezone.now()
            # A record's images are part of it: its "last updated" moves (and the cached
            # facet counts keyed on it, "has images" among them, are counted again).
            Record.objects.filter(pk__in=[record.pk for record in records]).update(updated_at=now)
            for record in records:
                record.updated_at = now
            history.save_revision(
                Record,
                records,
                user,
                _("Imported images from %(folder)s") % {"folder": plan.folder.name or plan.folder},
            )
    except Exception as error:
        _remove_files(added)
        raise IngestFailed(
            _("Storing the images failed (%(error)s); nothing of %(folder)s was kept.")
            % {"error": error, "folder": plan.folder}
        ) from error
    except BaseException:
        _remove_files(added)  # interrupted: the transaction is undone, the files go too
        raise
    return plan.counts


def _add(row, positions: dict) -> Image:
    data = row.path.read_bytes()
    if hashlib.sha256(data).hexdigest() != row.checksum:
        raise ValueError(_("%(file)s changed after it was checked") % {"file": row.file})
    owner = (row.copy.pk, None) if row.copy else (None, row.record.pk)
    positions[owner] = positions.get(owner, -1) + 1
    image = Image(
        record=None if row.copy else row.record,
        copy=row.copy,
        checksum=row.checksum,
        position=positions[owner],
        **row.values,
    )
    # Saved under a random name by the field; the original is kept in the private root.
    image.file.save(row.path.name, ContentFile(data), save=False)
    try:
        image.save()
    except BaseException:
        image.file.storage.delete(image.file.name)
        raise
    return image


def _next_positions(plan: Plan) -> dict:
    """The highest position of each record's and copy's images, so that new ones follow."""
    records = {row.record.pk for row in plan.rows if row.action == ADD and not row.copy}
    copies = {row.copy.pk for row in plan.rows if row.action == ADD and row.copy}
    positions = {}
    for copy, record, highest in (
        Image.objects.filter(record__in=records)
        .values_list("copy", "record")
        .annotate(highest=Max("position"))
        .order_by()
    ):
        positions[(copy, record)] = highest
    for copy, record, highest in (
        Image.objects.filter(copy__in=copies)
        .values_list("copy", "record")
        .annotate(highest=Max("position"))
        .order_by()
    ):
        positions[(copy, record)] = highest
    return positions


def _records_touched(plan: Plan) -> list[Record]:
    touched = {}
    for row in plan.rows:
        if row.action in (ADD, UPDATE):
            record = row.copy.record if row.copy else row.record
            touched[record.pk] = record
    return [touched[pk] for pk in sorted(touched)]


def _remove_files(images: list[Image]) -> None:
    """Remove the originals and the tiles written for ``images`` (their rows are rolled back)."""
    for image in images:
        if image.file.name and image.file.storage.exists(image.file.name):
            image.file.storage.delete(image.file.name)
        for public in (True, False):
            target = service.directory(image, public=public)
            # The service writes beside the directory first (".<key>-<random>").
            for path in [target, *target.parent.glob(f".{image.key}-*")]:
                shutil.rmtree(path, ignore_errors=True)
