"""The one image service: what is made from an image, where it is kept, and what is removed
with it.

``process(image)`` makes everything the catalogue derives from an original (the IIIF level-0
tiles, a ladder of full-image sizes and ``info.json``); every path that stores or restores an
image calls it (the admin's image forms, ``import_images``, ``regenerate_images``, the history's
revert and recovery, publication of a record whose images were never processed).
``publish_files``/``withdraw_files`` move the derived files between the private root and the
public one when a record's status changes (``catalogue.publishing`` calls them).
``delete_files(image)`` removes the original and everything derived from it. Nothing of this is
in ``Image.save()`` or a signal.
"""

import hashlib
import json
import shutil
import uuid
import warnings
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from PIL import Image as Pillow
from PIL import ImageOps

from catalogue.models import Image, Status

from . import iiif
from .storage import private_root, public_root

JPEG_QUALITY = 85


def is_public(image: Image) -> bool:
    """Whether ``image``'s record is published (reads the record, and the copy: a query or
    two unless they are loaded)."""
    record = image.record if image.record_id else image.copy.record
    return record.status == Status.PUBLISHED


def directory(image: Image, *, public: bool) -> Path:
    return (public_root() if public else private_root()) / iiif.directory(image.key)


def has_files(image: Image) -> bool:
    """Whether ``image``'s derived files are where its record's status wants them."""
    return image.tiled and (directory(image, public=is_public(image)) / "info.json").exists()


def _upright(image: Image) -> Pillow.Image:
    """The original, turned as its EXIF orientation says, in RGB (transparency on white)."""
    image.file.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Pillow.DecompressionBombWarning)
            with Pillow.open(image.file) as picture:
                upright = ImageOps.exif_transpose(picture)
                upright.load()
    finally:
        image.file.close()
    if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
        upright = upright.convert("RGBA")
        flat = Pillow.new("RGB", upright.size, "white")
        flat.paste(upright, mask=upright.getchannel("A"))
        return flat
    return upright.convert("RGB")


def checksum(image: Image) -> str:
    """The SHA-256 of ``image``'s original: how ``import_images`` knows an image it holds."""
    digest = hashlib.sha256()
    image.file.open("rb")
    try:
        for block in iter(lambda: image.file.read(1024 * 1024), b""):
            digest.update(block)
    finally:
        image.file.close()
    return digest.hexdigest()


def _write(picture: Pillow.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", quality=JPEG_QUALITY, optimize=False)


def write_pyramid(picture: Pillow.Image, target: Path, service_id: str) -> None:
    """Write every size, tile and the ``info.json`` of ``picture`` into ``target``: exactly
    what ``iiif.sizes``, ``iiif.tiles`` and ``iiif.info`` name, nothing else."""
    width, height = picture.size
    levels = {1: picture}
    for factor in iiif.scale_factors(width, height)[1:]:
        # Halving the level above, rounded up: the sizes IIIF clients compute.
        levels[factor] = levels[factor // 2].reduce(2)
    for factor, level in levels.items():
        _write(level, target / iiif.size_path(level.size))
        for tile in iiif.tiles_at(width, height, factor):
            left, top = tile.level_x, tile.level_y
            box = (left, top, left + tile.width, top + tile.height)
            _write(level.crop(box), target / tile.path)
    _write_info(target, service_id, width, height)


def _write_info(target: Path, service_id: str, width: int, height: int) -> None:
    info = iiif.info(service_id, width, height)
    (target / "info.json").write_text(json.dumps(info, indent=1), encoding="utf-8")


def service_id(image: Image) -> str:
    """The ``id`` written into ``image``'s info.json: its public address under
    ``CATALOGUE_BASE_URL``."""
    return settings.CATALOGUE_BASE_URL + iiif.public_path(image.key)


def write_info(image: Image) -> bool:
    """Write ``image``'s info.json again (the tiles stay); False when it has no files yet."""
    target = directory(image, public=is_public(image))
    if not (image.tiled and target.is_dir()):
        return False
    _write_info(target, service_id(image), image.width, image.height)
    return True


def process(image: Image, *, force: bool = False) -> bool:
    """Make the IIIF tiles, sizes and ``info.json`` of ``image`` from its original.

    Made once: an image whose files are in place is left alone unless ``force`` (a replaced
    original, a new tile size). The files are written beside their directory and then put in
    its place, in the public root if the image's record is published and in the private one
    otherwise. Sets the image's upright width and height, and the checksum of its original.
    Returns whether files were written.
    """
    if not force and has_files(image):
        return False
    picture = _upright(image)
    public = is_public(image)
    target = directory(image, public=public)
    staging = target.with_name(f".{image.key}-{uuid.uuid4().hex}")
    write_pyramid(picture, staging, service_id(image))
    _replace(staging, target)
    _remove(directory(image, public=not public))
    image.width, image.height = picture.size
    image.tiled = True
    image.checksum = checksum(image)
    image.save(update_fields=["width", "height", "tiled", "checksum"])
    return True


def _replace(staging: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(f".{target.name}-old-{uuid.uuid4().hex}")
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def images_of(record_pks) -> "list[Image]":
    """The images of the records and of their copies."""
    return list(
        Image.objects.filter(Q(record__in=record_pks) | Q(copy__record__in=record_pks))
        .select_related("record", "copy__record")
        .order_by("pk")
    )


def publish_files(record_pks) -> None:
    """Once the publication of ``record_pks`` is committed, move their images' derived files
    to the public root (making them first for an image that has none)."""

    def move():
        for image in images_of(record_pks):
            private, public = directory(image, public=False), directory(image, public=True)
            if private.exists():
                public.parent.mkdir(parents=True, exist_ok=True)
                _remove(public)
                shutil.move(private, public)
            if image.file and not (public / "info.json").exists():
                process(image, force=True)

    transaction.on_commit(move)


def withdraw_files(record_pks) -> None:
    """Move the derived files of ``record_pks``' images out of the public root at once:
    a withdrawal hides them before it is committed, so a draft's files are never public."""
    for image in images_of(record_pks):
        private, public = directory(image, public=False), directory(image, public=True)
        if public.exists():
            private.parent.mkdir(parents=True, exist_ok=True)
            _remove(private)
            shutil.move(public, private)


def delete_files(image: Image) -> None:
    """Remove every file of ``image`` (original, tiles, sizes) once its deletion is
    committed: a deletion that is rolled back keeps its files."""
    original = (image.file.storage, image.file.name) if image.file else None
    directories = [directory(image, public=True), directory(image, public=False)]

    def delete():
        if original:
            original[0].delete(original[1])
        for path in directories:
            _remove(path)

    transaction.on_commit(delete)
