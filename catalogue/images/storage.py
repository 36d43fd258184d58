"""Where image files are kept.

Originals are always private: they live under ``CATALOGUE_PRIVATE_MEDIA_ROOT``, which no
address serves. What is derived from an image (its IIIF tiles, sizes and ``info.json``) lives
in the private root while the image's record is a draft, and in ``MEDIA_ROOT`` (served as plain
files) once it is published; ``catalogue.images.service`` moves it when the record's status
changes.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage under ``CATALOGUE_PRIVATE_MEDIA_ROOT`` with no public address."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.CATALOGUE_PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("A private image file has no public address.")


def private_storage() -> PrivateStorage:
    """The storage of originals (a callable, so that migrations do not record a path)."""
    return PrivateStorage()


def public_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def private_root() -> Path:
    return Path(settings.CATALOGUE_PRIVATE_MEDIA_ROOT)
