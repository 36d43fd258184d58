"""A backup and its restore give back the same catalogue; a bad archive changes nothing."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image as PillowImage

from catalogue import models
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def _png(colour) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def catalogue(settings, tmp_path):
    # Every media directory of the test's own (images' originals may be kept apart).
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CATALOGUE_PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    series = factories.collection(slug="congress-20", reference_code="C20", title_en="Congress")
    speech = factories.record(
        reference_code="C20-SPEECH",
        collection=series,
        kind=models.RecordKind.SPEECH,
        title_en="On the Cult of Personality and Its Consequences",
        title_ru="О культе личности и его последствиях",
        date="1956-02-25",
    )
    factories.record(
        reference_code="C20-LETTER",
        collection=series,
        kind=models.RecordKind.LETTER,
        title_en="Letter to the Congress",
        date="1922-12-23/1923-01-04",
    )
    image = models.Image(record=speech, alt_text_en="The first page")
    image.file.save("page.png", ContentFile(_png((120, 90, 60))), save=False)
    image.save()
    return speech, image


def _fields(reference_code: str) -> tuple:
    record = models.Record.objects.get(reference_code=reference_code)
    return (record.title_en, record.title_ru, record.date, record.date_earliest, record.date_latest)


def _counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (models.Record, models.Collection, models.Image)
    }


def _backup(tmp_path):
    archive = tmp_path / "catalogue.tar.gz"
    call_command("backup_catalogue", str(archive), stdout=io.StringIO())
    return archive


def _restore(archive):
    call_command("restore_catalogue", str(archive), "--no-input", stdout=io.StringIO())


def test_restore_brings_back_the_records_fields_and_image_files_of_the_backup(
    catalogue, tmp_path, settings, client
):
    speech, image = catalogue
    counts, fields, image_bytes = _counts(), _fields("C20-SPEECH"), image.file.read()
    image.file.close()
    archive = _backup(tmp_path)

    models.Record.objects.filter(reference_code="C20-LETTER").delete()
    models.Record.objects.filter(pk=speech.pk).update(title_en="A title typed by mistake")
    Path(image.file.path).write_bytes(_png((0, 0, 0)))
    stray = Path(image.file.path).with_name("stray.png")
    stray.write_bytes(_png((1, 1, 1)))
    _restore(archive)

    assert _counts() == counts
    assert _fields("C20-SPEECH") == fields
    assert Path(image.file.path).read_bytes() == image_bytes
    assert not stray.exists()
    page = client.get("/en/records/C20-SPEECH/").content.decode()
    assert "On the Cult of Personality and Its Consequences" in page
    assert "A title typed by mistake" not in page


def _refused(archive, message):
    with pytest.raises(CommandError, match=message) as refusal:
        _restore(archive)
    assert "Nothing was restored." in str(refusal.value)


def _tar(path, files: dict[str, bytes]):
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(content)
            archive.addfile(member, io.BytesIO(content))
    return path


def _manifest(**changes) -> bytes:
    manifest = {
        "format": "catalogue-backup",
        "version": 1,
        "engine": "sqlite",
        "created": "2026-01-01T00:00:00+00:00",
        "database": "database.sqlite3",
        "media": ["MEDIA_ROOT"],
    }
    return json.dumps({**manifest, **changes}).encode()


def test_restore_of_a_damaged_backup_changes_neither_the_database_nor_the_media(
    catalogue, tmp_path, settings
):
    speech, image = catalogue
    archive = _backup(tmp_path)
    whole = archive.read_bytes()
    archive.write_bytes(whole[: len(whole) // 2])
    models.Record.objects.filter(reference_code="C20-LETTER").delete()
    changed = _png((0, 0, 0))
    Path(image.file.path).write_bytes(changed)

    _refused(archive, "is not a complete catalogue backup")

    assert list(models.Record.objects.values_list("reference_code", flat=True)) == ["C20-SPEECH"]
    assert Path(image.file.path).read_bytes() == changed


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"notes.txt": b"minutes of the plenum"}, "it has no catalogue-backup.json"),
        ({"catalogue-backup.json": b"{not json"}, "is not valid JSON"),
        ({"catalogue-backup.json": _manifest(format="another-tool")}, "names another format"),
        ({"catalogue-backup.json": _manifest(version=7)}, "format version 7"),
        (
            {"catalogue-backup.json": _manifest(), "database.sqlite3": b"", "../outside": b"x"},
            "it holds '../outside'",
        ),
    ],
)
def test_restore_refuses_a_foreign_archive_and_keeps_the_catalogue(
    catalogue, tmp_path, files, message
):
    archive = _tar(tmp_path / "foreign.tar.gz", files)

    _refused(archive, message)

    assert models.Record.objects.count() == 2


def test_restore_refuses_a_file_that_is_not_an_archive(catalogue, tmp_path):
    archive = tmp_path / "catalogue.tar.gz"
    archive.write_bytes(b"Minutes of the closed session\n")

    _refused(archive, "is not a complete catalogue backup")

    assert models.Record.objects.count() == 2


def test_restore_refuses_a_database_file_that_is_not_a_database(catalogue, tmp_path):
    name = DATABASE_FILES[connection.vendor]
    manifest = _manifest(engine=connection.vendor, database=name)
    archive = _tar(
        tmp_path / "hollow.tar.gz", {"catalogue-backup.json": manifest, name: b"not a database"}
    )

    _refused(archive, "its database is not a sound catalogue database")

    assert models.Record.objects.count() == 2


def test_restore_refuses_a_backup_of_the_other_database_engine(catalogue, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    names = DATABASE_FILES
    archive = _tar(
        tmp_path / "other.tar.gz",
        {
            "catalogue-backup.json": _manifest(engine=other, database=names[other]),
            names[other]: b"",
        },
    )

    _refused(archive, f"holds a {other} database; this catalogue runs on {connection.vendor}")

    assert models.Record.objects.count() == 2
