"""Uploaded images: checked with Pillow, given web derivatives once, removed with their row."""

import io
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext as _
from PIL import Image as Pillow
from PIL import ImageOps, UnidentifiedImageError

from .models import Image

ACCEPTED_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")
THUMBNAIL_SIZE = 300
DISPLAY_SIZE = 1600
DERIVATIVE_FORMAT, DERIVATIVE_EXTENSION = "WEBP", "webp"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def validate_image(uploaded_file) -> None:
    """Refuse anything but a complete JPEG, PNG, TIFF or WebP within the size limits.

    The pixel count is read from the header and checked before anything is decoded, so a
    decompression bomb never reaches memory; Pillow's own bomb warning is made an error too.
    """
    limit_bytes = settings.CATALOGUE_IMAGE_MAX_BYTES
    if uploaded_file.size > limit_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; the largest accepted is %(limit)s MB.")
            % {"size": _megabytes(uploaded_file.size), "limit": _megabytes(limit_bytes)},
            code="too_large",
        )
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(uploaded_file, formats=ACCEPTED_FORMATS) as picture:
                _check_pixels(*picture.size)
                picture.load()  # decodes every byte: a truncated file fails here
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise ValidationError(
            _(
                "This is not an image in a format the catalogue accepts: upload a JPEG, PNG, TIFF "
                "or WebP file (not SVG, PDF or a renamed file)."
            ),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            _("The image is damaged or incomplete and cannot be read (%(error)s).")
            % {"error": error},
            code="damaged",
        ) from None
    finally:
        uploaded_file.seek(0)


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    size = _(" (%(width)s × %(height)s)") % {"width": width, "height": height} if width else ""
    return ValidationError(
        _("The image has too many pixels%(size)s; the largest accepted is %(limit)s pixels.")
        % {"size": size, "limit": f"{settings.CATALOGUE_IMAGE_MAX_PIXELS:,}"},
        code="too_many_pixels",
    )


def _check_pixels(width: int, height: int) -> None:
    if width * height > settings.CATALOGUE_IMAGE_MAX_PIXELS:
        raise _too_many_pixels(width, height)


def _web_ready(picture: Pillow.Image) -> Pillow.Image:
    upright = ImageOps.exif_transpose(picture)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    return upright.convert("RGBA" if has_alpha else "RGB")


def make_derivatives(image: Image, force: bool = False) -> bool:
    """Write the thumbnail and display-size copies of ``image``, upright, in WebP.

    Made once: an image that has both is left alone unless ``force``. Returns whether files
    were written.
    """
    if image.thumbnail and image.display and not force:
        return False
    previous = [(field.storage, field.name) for field in (image.thumbnail, image.display) if field]
    stem = PurePosixPath(image.file.name).stem
    image.file.open("rb")
    try:
        with Pillow.open(image.file) as picture:
            upright = _web_ready(picture)
    finally:
        image.file.close()
    for field_name, size in (("thumbnail", THUMBNAIL_SIZE), ("display", DISPLAY_SIZE)):
        derivative = upright.copy()
        derivative.thumbnail((size, size), Pillow.Resampling.LANCZOS)
        buffer = io.BytesIO()
        derivative.save(buffer, DERIVATIVE_FORMAT, quality=82)
        name = f"images/{field_name}/{stem}.{DERIVATIVE_EXTENSION}"
        getattr(image, field_name).save(name, ContentFile(buffer.getvalue()), save=False)
    image.save(update_fields=["thumbnail", "display"])
    kept = {image.thumbnail.name, image.display.name}
    for storage, name in previous:
        if name not in kept:
            storage.delete(name)
    return True


class ImageForm(forms.ModelForm):
    """The upload form of an image (the admin's image inlines use it)."""

    class Meta:
        model = Image
        fields = ["file", "alt_text_en", "alt_text_ru", "caption_en", "caption_ru", "position"]
        # Pillow opens the upload once, in validate_image, under the catalogue's own limits.
        field_classes = {"file": forms.FileField}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_image(upload)
        return upload

    def save(self, commit=True):
        replaced = "file" in self.changed_data
        image = super().save(commit=commit)
        if commit:
            make_derivatives(image, force=replaced)
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_derivatives():
                save_m2m()
                make_derivatives(image, force=replaced)

            self.save_m2m = save_m2m_and_derivatives
        return image


def _delete_files(sender, instance: Image, using: str, **kwargs) -> None:
    files = [
        (field.storage, field.name)
        for field in (instance.file, instance.thumbnail, instance.display)
        if field
    ]

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    # After the commit: a delete that is rolled back keeps its files.
    transaction.on_commit(delete_files, using=using)


def connect_file_cleanup() -> None:
    """Remove an image's files when its row is deleted.

    This is storage upkeep, not domain logic, so it is a ``post_delete`` receiver: Django sends
    the signal for ``image.delete()``, for ``Image.objects.filter(...).delete()`` and for the
    cascade from a deleted record or copy alike, which no model or QuerySet method would see.
    """
    post_delete.connect(_delete_files, sender=Image, dispatch_uid="catalogue_image_files")
