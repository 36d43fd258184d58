"""The one image service: what is made from an image, and what is removed with it.

``process(image)`` makes everything the catalogue derives from an original; every path that
stores or restores an image calls it (the admin's image forms, ``regenerate_images``, the
history's revert and recovery). ``delete_files(image)`` removes the original and everything
derived from it; every deletion calls it (``catalogue.history.delete_all``, through which the
admin, ``publishing.delete_records`` and the cascade from a record or a copy pass, and the
admin's inline delete boxes). Nothing of this is in ``Image.save()`` or a signal.
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as Pillow
from PIL import ImageOps

from catalogue.models import Image

# (field, longest side in pixels) of each derivative, written in WebP.
DERIVATIVES = (("thumbnail", 300), ("display", 1600))
DERIVATIVE_FORMAT, DERIVATIVE_EXTENSION = "WEBP", "webp"


def _web_ready(picture: Pillow.Image) -> Pillow.Image:
    upright = ImageOps.exif_transpose(picture)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    return upright.convert("RGBA" if has_alpha else "RGB")


def _stored_files(image: Image) -> list:
    """(storage, name) of every file of ``image``: its original and what was derived."""
    fields = [image.file] + [getattr(image, name) for name, _size in DERIVATIVES]
    return [(field.storage, field.name) for field in fields if field]


def has_derivatives(image: Image) -> bool:
    """Whether every derivative of ``image`` is named and stored (asks the storage)."""
    fields = [getattr(image, name) for name, _size in DERIVATIVES]
    return all(field and field.storage.exists(field.name) for field in fields)


def process(image: Image, *, force: bool = False) -> bool:
    """Make what the catalogue derives from ``image``'s original: an upright thumbnail and
    display-size copy in WebP, each stored under a new random name.

    Made once: an image whose derivatives are all stored is left alone unless ``force`` (a
    replaced original, new sizes). Files it replaces are removed after the commit. Returns
    whether files were written.
    """
    if not force and has_derivatives(image):
        return False
    previous = _stored_files(image)[1:]
    image.file.open("rb")
    try:
        with Pillow.open(image.file) as picture:
            upright = _web_ready(picture)
    finally:
        image.file.close()
    for field_name, size in DERIVATIVES:
        derivative = upright.copy()
        derivative.thumbnail((size, size), Pillow.Resampling.LANCZOS)
        buffer = io.BytesIO()
        derivative.save(buffer, DERIVATIVE_FORMAT, quality=82)
        name = f"images/{uuid.uuid4().hex}.{DERIVATIVE_EXTENSION}"
        getattr(image, field_name).save(name, ContentFile(buffer.getvalue()), save=False)
    # Tiles for deep zoom (IIIF) are made here, from the same upright picture, when they come.
    image.save(update_fields=[name for name, _size in DERIVATIVES])
    _delete_after_commit(previous)
    return True


def delete_files(image: Image) -> None:
    """Remove every file of ``image`` (original and derivatives) once its deletion is
    committed: a deletion that is rolled back keeps its files."""
    _delete_after_commit(_stored_files(image))


def _delete_after_commit(files: list) -> None:
    def delete():
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(delete)
