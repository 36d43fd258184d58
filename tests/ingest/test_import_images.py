"""import_images: a folder of scans becomes images of records and copies, tiled by the one
image service; again, it changes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from PIL import Image as Pillow
from reversion.models import Revision

from catalogue.images import service
from catalogue.images.forms import ImageForm
from catalogue.models import Copy, Image

from .conftest import CC0, expected_pyramid, picture, row, run, stored, stored_files, write_folder


def test_import_images_stores_each_row_tiled_in_the_right_root(media, scans, report, draft):
    copy = Copy.objects.create(record=report, key="delegates", label="A delegate's copy")
    write_folder(
        scans,
        [
            row("one.jpg", "INGEST-1", rights="https://rightsstatements.org/vocab/InC/1.0/"),
            row("two.png", "INGEST-1", copy="delegates", credit="The holder"),
            row("three.jpg", "INGEST-2", alt_ru="Страница"),
        ],
        {"one.jpg": picture((1300, 700)), "two.png": picture(fmt="PNG"), "three.jpg": picture()},
    )

    out, err = run(scans)

    one, two, three = Image.objects.order_by("pk")
    assert (one.record, one.copy, one.width, one.height) == (report, None, 1300, 700)
    assert one.rights == "http://rightsstatements.org/vocab/InC/1.0/"
    assert (two.record, two.copy, two.credit_en) == (None, copy, "The holder")
    assert (three.record, three.alt_text_ru) == (draft, "Страница")
    public = stored_files(media / "media")
    for image in (one, two):
        assert [
            name.removeprefix(f"iiif/{image.key}/")
            for name in public
            if name.startswith(f"iiif/{image.key}/")
        ] == expected_pyramid(image)
    assert not any(name.startswith(f"iiif/{three.key}/") for name in public)
    assert (media / "private" / "iiif" / three.key / "info.json").exists()
    assert "3 images added, 0 updated, 0 unchanged" in out
    assert err == ""


def test_import_images_info_json_lists_only_sizes_that_exist(media, scans, report):
    write_folder(scans, [row("one.jpg", "INGEST-1")], {"one.jpg": picture((1500, 1100))})

    run(scans)

    image = Image.objects.get()
    directory = media / "media" / "iiif" / image.key
    info = json.loads((directory / "info.json").read_text())
    for size in info["sizes"]:
        path = directory / f"full/{size['width']},{size['height']}/0/default.jpg"
        with Pillow.open(path) as stored:
            assert stored.size == (size["width"], size["height"])
    assert (info["width"], info["height"]) == (1500, 1100)


def test_import_images_dry_run_lists_rows_and_stores_nothing(media, scans, report):
    write_folder(scans, [row("one.jpg", "INGEST-1")], {"one.jpg": picture()})

    out, _err = run(scans, "--dry-run")

    assert "row 2 (one.jpg): would be added" in out
    assert "(dry run: nothing stored)" in out
    assert Image.objects.count() == 0
    assert stored(media) == []


def test_import_images_again_changes_nothing(media, scans, report):
    write_folder(
        scans,
        [row("one.jpg", "INGEST-1"), row("two.jpg", "INGEST-1")],
        {"one.jpg": picture(), "two.jpg": picture(colour=(10, 20, 30))},
    )
    run(scans)
    files = stored(media)
    stamps = list(Image.objects.order_by("pk").values_list("pk", "updated_at", "key"))
    revisions = Revision.objects.count()

    out, _err = run(scans)

    assert "0 images added, 0 updated, 2 unchanged" in out
    assert list(Image.objects.order_by("pk").values_list("pk", "updated_at", "key")) == stamps
    assert stored(media) == files
    assert Revision.objects.count() == revisions


def test_import_images_changed_metadata_updates_the_same_image(media, scans, report):
    write_folder(scans, [row("one.jpg", "INGEST-1", caption_en="Old")], {"one.jpg": picture()})
    run(scans)
    before = Image.objects.get()
    write_folder(scans, [row("one.jpg", "INGEST-1", caption_en="New", rights=CC0)], {})

    out, _err = run(scans)

    after = Image.objects.get()
    assert (after.pk, after.key, after.file.name) == (before.pk, before.key, before.file.name)
    assert (after.caption_en, after.rights) == ("New", CC0)
    assert "0 images added, 1 updated, 0 unchanged" in out


def test_import_images_new_images_follow_the_existing_ones(media, scans, report):
    write_folder(scans, [row("one.jpg", "INGEST-1")], {"one.jpg": picture()})
    run(scans)
    write_folder(scans, [row("two.jpg", "INGEST-1")], {"two.jpg": picture(colour=(1, 2, 3))})

    run(scans)

    assert [image.alt_text_en for image in report.images.all()] == ["Page one.jpg", "Page two.jpg"]


def test_import_images_makes_one_revision_of_the_records(media, scans, report, curator):
    write_folder(scans, [row("one.jpg", "INGEST-1")], {"one.jpg": picture()})
    before = report.updated_at

    run(scans, "--user", "curator")

    report.refresh_from_db()
    assert report.updated_at > before
    revision = Revision.objects.get()
    assert revision.comment == "Imported images from scans"
    assert revision.user == curator
    models = sorted(version.content_type.model for version in revision.version_set.all())
    assert models == ["image", "record"]


def test_import_images_failing_tiles_leave_nothing(media, scans, report, monkeypatch):
    write_folder(
        scans,
        [row("one.jpg", "INGEST-1"), row("two.jpg", "INGEST-1")],
        {"one.jpg": picture(), "two.jpg": picture(colour=(1, 2, 3))},
    )
    process, calls = service.process, []

    def process_then_fail(image, force=False):
        calls.append(image)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return process(image, force=force)

    monkeypatch.setattr(service, "process", process_then_fail)

    with pytest.raises(CommandError) as caught:
        run(scans)

    assert "No space left on device" in str(caught.value)
    assert Image.objects.count() == 0
    assert stored(media) == []
    assert Revision.objects.count() == 0


def test_load_catalogue_gives_the_collection_no_images(media, catalogue_loaded):
    assert Image.objects.count() == 0
    assert stored(media) == []


def test_import_images_sample_folder_ingests(media, catalogue_loaded, settings):
    folder = settings.BASE_DIR / "fixtures" / "images-sample"

    out, err = run(folder)

    images = Image.objects.order_by("pk")
    assert "3 images added, 0 updated, 0 unchanged" in out
    assert all("not a scan" in image.alt_text_en for image in images)
    assert all(image.rights == CC0 for image in images)
    assert all((media / "media" / "iiif" / image.key / "info.json").exists() for image in images)
    assert "0 images added, 0 updated, 3 unchanged" in run(folder)[0]


def test_import_images_knows_an_image_uploaded_in_the_admin(media, scans, report):
    data = picture()
    form = ImageForm(
        data={"alt_text_en": "Page one.jpg", "position": 0},
        files={"file": SimpleUploadedFile("scan.jpg", data, content_type="image/jpeg")},
        instance=Image(record=report),
    )
    assert form.is_valid(), form.errors
    form.save()
    write_folder(scans, [row("one.jpg", "INGEST-1")], {"one.jpg": data})

    out, _err = run(scans)

    assert "0 images added, 0 updated, 1 unchanged" in out
    assert Image.objects.count() == 1


def test_import_images_interrupted_leaves_nothing(media, scans, report, monkeypatch):
    write_folder(scans, [row("one.jpg", "INGEST-1")], {"one.jpg": picture()})

    def interrupted(image, force=False):
        (media / "private" / "iiif" / f".{image.key}-part").mkdir(parents=True)
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "process", interrupted)

    with pytest.raises(KeyboardInterrupt):
        run(scans)

    assert Image.objects.count() == 0
    assert stored(media) == []
    assert list((media / "private" / "iiif").iterdir()) == []
