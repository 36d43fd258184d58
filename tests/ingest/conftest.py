import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as Pillow

from catalogue.images import iiif
from tests import factories
from tests.data.conftest import _catalogue_for_module, catalogue_loaded  # noqa: F401

HEADER = ["file", "record", "copy", "alt_en", "alt_ru", "caption_en", "caption_ru", "rights"]
HEADER += ["credit"]
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@pytest.fixture
def media(db, settings, tmp_path) -> Path:
    """Public (``media/``) and private (``private/``) roots of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


@pytest.fixture
def scans(tmp_path) -> Path:
    """The folder to import, apart from both media roots."""
    folder = tmp_path / "scans"
    folder.mkdir()
    return folder


def picture(size=(700, 600), fmt="JPEG", colour=(200, 190, 170), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Pillow.new(mode, size, colour if mode != "1" else 1).save(buffer, fmt)
    return buffer.getvalue()


def row(file: str, record: str, **values) -> dict:
    return {"file": file, "record": record, "alt_en": f"Page {file}", **values}


def write_folder(folder: Path, rows: list[dict], files: dict[str, bytes], header=None) -> Path:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "images.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header or HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def run(folder: Path, *options: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_images", str(folder), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def stored(media: Path) -> list[str]:
    """Every file in the public and the private root."""
    return stored_files(media / "media") + stored_files(media / "private")


def expected_pyramid(image) -> list[str]:
    names = {"info.json"}
    names.update(iiif.size_path(size) for size in iiif.sizes(image.width, image.height))
    names.update(tile.path for tile in iiif.tiles(image.width, image.height))
    return sorted(names)


@pytest.fixture
def report(db):
    return factories.record(reference_code="INGEST-1", title_en="A published record")


@pytest.fixture
def draft(db):
    from catalogue.models import Status

    return factories.record(reference_code="INGEST-2", title_en="A draft", status=Status.DRAFT)
