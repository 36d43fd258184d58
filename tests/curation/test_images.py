"""Uploads: only whole, reasonably sized images are kept, with upright web derivatives, under
names nobody can guess; every file goes when its image does."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as Pillow

from catalogue import history, publishing
from catalogue.images import service
from catalogue.images.forms import ImageForm
from catalogue.images.validation import validate_image
from catalogue.models import Copy, Image
from tests import factories
from tests.curation.conftest import stored_files

STORED_NAME = re.compile(r"^images/[0-9a-f]{32}\.(jpg|png|tif|webp)$")


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


def png_declaring(width: int, height: int) -> bytes:
    """A few bytes of PNG whose header declares ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect/></svg>"
)


def truncated_jpeg() -> bytes:
    whole = picture_bytes((800, 600), quality=95)
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    "make_data, name, message",
    [
        (lambda: b"Minutes of the session, typed.\n" * 20, "page.jpg", "This is not an image"),
        (truncated_jpeg, "page.jpg", "The image is damaged or incomplete and cannot be read"),
        (lambda: SVG_WITH_SCRIPT, "page.svg", "This is not an image"),
        (
            lambda: picture_bytes((10000, 10000), "PNG", mode="1"),
            "bomb.png",
            "The image has too many pixels; the largest accepted is 60,000,000 pixels.",
        ),
        (
            lambda: picture_bytes((600, 600), "PNG", compress_level=0) + b"\0" * 1024 * 1024,
            "large.png",
            "The file is 2.0 MB; the largest accepted is 1.0 MB.",
        ),
        (
            lambda: png_declaring(100_000, 100_000),
            "huge.png",
            "The image has too many pixels; the largest accepted is 60,000,000 pixels.",
        ),
    ],
    ids=["text-renamed-jpg", "truncated-jpeg", "svg-with-script", "bomb", "bytes", "huge-header"],
)
def test_image_full_clean_refuses_hostile_file(media, settings, make_data, name, message):
    settings.CATALOGUE_IMAGE_MAX_BYTES = 1024 * 1024
    image = Image(record=factories.record(), alt_text_en="A page", file=upload(make_data(), name))

    with pytest.raises(ValidationError) as caught:
        image.full_clean()

    assert list(caught.value.message_dict) == ["file"]
    assert caught.value.message_dict["file"][0].startswith(message)
    assert stored_files(media) == []


def test_image_full_clean_accepts_a_whole_picture(media):
    image = Image(
        record=factories.record(), alt_text_en="A page", file=upload(picture_bytes((640, 480)))
    )

    image.full_clean()
    image.save()

    assert (image.width, image.height) == (640, 480)


def saved_image(record=None, name="scan.jpg", data=None, **fields) -> Image:
    """An image uploaded through the admin's form, derivatives and all."""
    form = ImageForm(
        data={"alt_text_en": "A page of the report", "position": 0},
        files={"file": upload(data or picture_bytes(), name)},
        instance=Image(record=record, **fields),
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_image_stored_name_is_random_with_the_real_format(media):
    # A PNG uploaded under a telling name with the wrong extension.
    image = saved_image(factories.record(), "Khrushchev passport.jpg", picture_bytes(format="PNG"))

    names = [image.file.name, image.thumbnail.name, image.display.name]
    assert all(STORED_NAME.match(name) for name in names), names
    assert image.file.name.endswith(".png")
    assert not any("passport" in name.lower() for name in stored_files(media))
    assert stored_files(media) == sorted(names)
    assert len(set(names)) == 3


def test_image_form_makes_upright_derivatives_from_exif_rotated_jpeg(media):
    exif = Pillow.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; show rotated 90° clockwise
    image = saved_image(factories.record(), data=picture_bytes((2400, 1200), exif=exif.tobytes()))

    with Pillow.open(image.thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (150, 300))
    with Pillow.open(image.display.path) as display:
        assert (display.format, display.size) == ("WEBP", (800, 1600))


def test_process_makes_derivatives_of_an_image_saved_without_them(media):
    image = Image(
        record=factories.record(), alt_text_en="A page", file=upload(picture_bytes((2000, 500)))
    )
    image.save()
    assert stored_files(media) == [image.file.name]

    assert service.process(image) is True

    image.refresh_from_db()
    with Pillow.open(image.thumbnail.path) as thumbnail:
        assert thumbnail.size == (300, 75)
    with Pillow.open(image.display.path) as display:
        assert display.size == (1600, 400)
    assert stored_files(media) == sorted(
        [image.file.name, image.thumbnail.name, image.display.name]
    )


def test_process_runs_once_and_forced_replaces_the_old_derivatives(
    media, django_capture_on_commit_callbacks
):
    image = saved_image(factories.record())
    first = sorted([image.file.name, image.thumbnail.name, image.display.name])

    assert service.process(image) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert service.process(image, force=True) is True

    now = sorted([image.file.name, image.thumbnail.name, image.display.name])
    assert now != first
    assert stored_files(media) == now


def test_regenerate_images_missing_remakes_a_lost_derivative(media, capsys):
    image = saved_image(factories.record())
    other = saved_image(factories.record(), "other.jpg")
    image.thumbnail.storage.delete(image.thumbnail.name)

    call_command("regenerate_images", "--missing")

    image.refresh_from_db()
    with Pillow.open(image.thumbnail.path) as thumbnail:
        assert thumbnail.size == (300, 150)
    assert Image.objects.get(pk=other.pk).thumbnail.name == other.thumbnail.name
    assert "1 of 2 images regenerated, 0 failed" in capsys.readouterr().out


def test_deleting_an_image_removes_its_files(media, curator, django_capture_on_commit_callbacks):
    image = saved_image(factories.record())
    kept = saved_image(factories.record(), "other.jpg")
    assert len(stored_files(media)) == 6

    with django_capture_on_commit_callbacks(execute=True):
        history.delete(image, curator)

    assert stored_files(media) == sorted([kept.file.name, kept.thumbnail.name, kept.display.name])


def test_deleting_images_in_bulk_removes_their_files(
    media, curator, django_capture_on_commit_callbacks
):
    record = factories.record()
    saved_image(record, "one.jpg")
    saved_image(record, "two.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        history.delete_all(Image.objects.filter(record=record), curator)

    assert stored_files(media) == []


def test_deleting_records_removes_their_and_their_copies_images_files(
    media, curator, django_capture_on_commit_callbacks
):
    record = factories.record()
    saved_image(record)
    saved_image(copy=Copy.objects.create(record=record, key="delegates", label_en="Copies"))
    second = factories.record()
    saved_image(second, "second.jpg")
    kept = saved_image(factories.record(), "other.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        publishing.delete_records([record, second], user=curator)

    assert stored_files(media) == sorted([kept.file.name, kept.thumbnail.name, kept.display.name])


def test_rolled_back_deletion_keeps_the_files(media, curator, django_capture_on_commit_callbacks):
    image = saved_image(factories.record())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), history.revision(curator, "Undone"):
            history.delete(image, curator)
            raise RuntimeError("the deletion is rolled back")

    assert callbacks == []
    assert stored_files(media) == sorted(
        [image.file.name, image.thumbnail.name, image.display.name]
    )


def test_deleting_a_copy_removes_its_images_files(
    media, curator, django_capture_on_commit_callbacks
):
    record = factories.record()
    copy = Copy.objects.create(record=record, key="delegates", label_en="Copies")
    saved_image(copy=copy)
    kept = saved_image(record, "record.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        history.delete(copy, curator)

    assert stored_files(media) == sorted([kept.file.name, kept.thumbnail.name, kept.display.name])


def test_reverting_an_image_makes_again_the_derivatives_its_replacement_removed(
    media, curator, django_capture_on_commit_callbacks
):
    with history.revision(curator, "Uploaded"):
        image = saved_image(factories.record(), data=picture_bytes((400, 200)))
    first, first_thumbnail = image.file.name, image.thumbnail.name
    form = ImageForm(
        data={"alt_text_en": "A page of the report", "position": 0},
        files={"file": upload(picture_bytes((200, 400)), "other.jpg")},
        instance=image,
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True), history.revision(curator, "Replaced"):
        form.save()
    assert first_thumbnail not in stored_files(media)

    uploaded = history.versions_of(image)[-1].version
    with django_capture_on_commit_callbacks(execute=True):
        reverted = history.revert(uploaded, curator)

    assert reverted.file.name == first
    with Pillow.open(reverted.thumbnail.path) as thumbnail:
        assert thumbnail.size == (300, 150)
