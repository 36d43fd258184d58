"""What the catalogue accepts as an image: a whole JPEG, PNG, TIFF or WebP within its limits.

``validate_image`` is the validator of ``Image.file``, so the admin's forms and ``full_clean()``
refuse the same files. It imports nothing of the models: the model field refers to it.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image as Pillow
from PIL import UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp"}


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def _content(value):
    """The bytes to check, or None for a file already in storage (checked when it came in)."""
    if isinstance(value, FieldFile):
        if not value or value._committed:
            return None
        return value.file
    return value


def validate_image(value) -> None:
    """Refuse anything but a complete JPEG, PNG, TIFF or WebP within the size limits.

    The byte size is checked before the file is opened, and the pixel count is read from the
    header and checked before anything is decoded, so a decompression bomb never reaches
    memory; Pillow's own bomb warning is made an error too. SVG, PDF and a renamed text file
    are none of the accepted formats.
    """
    content = _content(value)
    if content is None:
        return
    limit_bytes = settings.CATALOGUE_IMAGE_MAX_BYTES
    if content.size > limit_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; the largest accepted is %(limit)s MB.")
            % {"size": _megabytes(content.size), "limit": _megabytes(limit_bytes)},
            code="too_large",
        )
    content.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(content, formats=ACCEPTED_FORMATS) as picture:
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
        content.seek(0)


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


def real_extension(content) -> str:
    """The file name extension of the format ``content`` really is (read from its header),
    whatever its uploaded name says; ``bin`` for what is none of the accepted formats."""
    content.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Pillow.DecompressionBombWarning)
            with Pillow.open(content, formats=ACCEPTED_FORMATS) as picture:
                return EXTENSIONS[picture.format]
    except (UnidentifiedImageError, Pillow.DecompressionBombError, OSError, SyntaxError):
        return "bin"
    finally:
        content.seek(0)
