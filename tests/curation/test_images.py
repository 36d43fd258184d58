"""Uploads: only whole, reasonably sized images are kept, with upright web derivatives."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as Pillow

from catalogue.images import ImageForm, make_derivatives, validate_image
from catalogue.models import Image, Record
from tests import factories
from tests.curation.conftest import stored_files


def picture_bytes(size=(400, 200), format="JPEG", mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Pillow.new(mode, size, "white" if mode != "1" else 1).save(buffer, format, **options)
    return buffer.getvalue()


def upload(data: bytes, name: str = "scan.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refusal(data: bytes, name: str = "scan.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        validate_image(upload(data, name))
    return caught.value.messages[0]


def form_for(record, data: bytes, name: str = "scan.jpg") -> ImageForm:
    return ImageForm(
        data={"alt_text_en": "A page of the report", "position": 0},
        files={"file": upload(data, name)},
        instance=Image(record=record),
    )


def test_validate_image_accepts_each_web_and_archive_format():
    for format in ("JPEG", "PNG", "TIFF", "WEBP"):
        validate_image(upload(picture_bytes(format=format), f"scan.{format.lower()}"))


def test_validate_image_refuses_text_renamed_jpg():
    message = refusal(b"This is the text of the report, not a scan.\n" * 20)

    assert message.startswith("This is not an image in a format the catalogue accepts")


def test_validate_image_refuses_svg():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'

    assert refusal(svg, "drawing.svg").startswith("This is not an image in a format")


def test_validate_image_refuses_truncated_jpeg():
    whole = picture_bytes((800, 600), quality=95)

    message = refusal(whole[: len(whole) // 2])

    assert message.startswith("The image is damaged or incomplete and cannot be read")


def test_validate_image_refuses_decompression_bomb_before_decoding():
    bomb = picture_bytes((10000, 10000), "PNG", mode="1")
    assert len(bomb) < 100_000  # a few kilobytes that would decode to 100 megapixels

    message = refusal(bomb, "bomb.png")

    assert message == "The image has too many pixels; the largest accepted is 60,000,000 pixels."


def test_validate_image_refuses_bomb_below_pillows_own_limit_from_its_header():
    bomb = picture_bytes((8000, 8000), "PNG", mode="1")  # 64 megapixels: Pillow would decode it

    message = refusal(bomb, "bomb.png")

    assert message == (
        "The image has too many pixels (8000 × 8000); the largest accepted is 60,000,000 pixels."
    )


def test_validate_image_refuses_more_pixels_than_the_setting(settings):
    settings.CATALOGUE_IMAGE_MAX_PIXELS = 1000

    message = refusal(picture_bytes((100, 20)))

    assert message == (
        "The image has too many pixels (100 × 20); the largest accepted is 1,000 pixels."
    )


def test_validate_image_refuses_oversize_file(settings):
    settings.CATALOGUE_IMAGE_MAX_BYTES = 1024 * 1024
    data = picture_bytes((2000, 2000), "PNG", mode="RGB", compress_level=0)

    message = refusal(data, "scan.png")

    assert (
        message == f"The file is {len(data) / 1024 / 1024:.1f} MB; the largest accepted is 1.0 MB."
    )


@pytest.mark.parametrize(
    "data, name",
    [
        (b"not an image at all", "notes.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "drawing.svg"),
        (picture_bytes((10000, 10000), "PNG", mode="1"), "bomb.png"),
    ],
)
def test_image_form_refusal_stores_nothing(media, data, name):
    record = factories.record()
    form = form_for(record, data, name)

    assert not form.is_valid()
    assert list(form.errors) == ["file"]
    assert stored_files(media) == []
    assert Image.objects.count() == 0


def test_image_form_makes_upright_derivatives_from_exif_rotated_jpeg(media):
    exif = Pillow.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; show rotated 90° clockwise
    data = picture_bytes((2400, 1200), exif=exif.tobytes())
    form = form_for(factories.record(), data)

    assert form.is_valid(), form.errors
    image = form.save()

    with Pillow.open(image.thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (150, 300))
    with Pillow.open(image.display.path) as display:
        assert (display.format, display.size) == ("WEBP", (800, 1600))
    assert stored_files(media) == [
        "images/display/scan.webp",
        "images/originals/scan.jpg",
        "images/thumbnail/scan.webp",
    ]


def test_make_derivatives_runs_once(media):
    form = form_for(factories.record(), picture_bytes())
    form.is_valid()
    image = form.save()

    assert make_derivatives(image) is False
    assert make_derivatives(image, force=True) is True
    assert len(stored_files(media)) == 3


def saved_image(record, name="scan.jpg") -> Image:
    form = form_for(record, picture_bytes(), name)
    assert form.is_valid(), form.errors
    return form.save()


def test_deleting_an_image_removes_its_files(media, django_capture_on_commit_callbacks):
    image = saved_image(factories.record())

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert stored_files(media) == []


def test_deleting_images_in_bulk_removes_their_files(media, django_capture_on_commit_callbacks):
    record = factories.record()
    saved_image(record, "one.jpg")
    saved_image(record, "two.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.filter(record=record).delete()

    assert stored_files(media) == []


def test_deleting_a_record_removes_its_images_files(media, django_capture_on_commit_callbacks):
    record = factories.record()
    saved_image(record)
    kept = saved_image(factories.record(), "other.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        Record.objects.filter(pk=record.pk).delete()

    assert stored_files(media) == sorted([kept.file.name, kept.thumbnail.name, kept.display.name])


def test_regenerate_images_command_rewrites_derivatives(media, capsys):
    image = saved_image(factories.record())
    image.thumbnail.delete(save=True)

    call_command("regenerate_images")

    image.refresh_from_db()
    assert image.thumbnail.name == "images/thumbnail/scan.webp"
    assert "1 of 1 images regenerated, 0 failed" in capsys.readouterr().out
