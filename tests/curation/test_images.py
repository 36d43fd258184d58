"""Uploads: only whole, reasonably sized images are kept, with upright web derivatives, under
names nobody can guess; every file goes when its image does."""

import io
import json
import re
import shutil
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as Pillow

from catalogue import history
from catalogue.images import iiif, service
from catalogue.images.forms import ImageForm
from catalogue.images.validation import validate_image
from catalogue.models import Image, Status
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


def draft():
    """A draft record: its images' derived files stay in the private root."""
    return factories.record(status=Status.DRAFT)


def originals(root) -> list[str]:
    return [name for name in stored_files(root) if name.startswith("private/images/")]


def pyramid(root, image, place: str) -> list[str]:
    """The derived files of ``image`` under the public or private root."""
    prefix = f"{place}/iiif/{image.key}/"
    return [name[len(prefix) :] for name in stored_files(root) if name.startswith(prefix)]


def expected_pyramid(image) -> list[str]:
    names = {"info.json"}
    names.update(iiif.size_path(size) for size in iiif.sizes(image.width, image.height))
    names.update(tile.path for tile in iiif.tiles(image.width, image.height))
    return sorted(names)


def test_image_stored_name_is_random_with_the_real_format(media):
    # A PNG uploaded under a telling name with the wrong extension.
    image = saved_image(draft(), "Khrushchev passport.jpg", picture_bytes(format="PNG"))

    assert STORED_NAME.match(image.file.name), image.file.name
    assert image.file.name.endswith(".png")
    assert re.fullmatch(r"[0-9a-f]{32}", image.key)
    assert not any("passport" in name.lower() for name in stored_files(media))
    assert originals(media) == [f"private/{image.file.name}"]


def test_original_is_private_and_has_no_address(media):
    image = saved_image(draft())

    assert (media / "private" / image.file.name).exists()
    assert not list((media / "media").rglob("*.jpg"))
    with pytest.raises(ValueError):
        _ = image.file.url


def test_image_form_makes_upright_pyramid_from_exif_rotated_jpeg(media):
    exif = Pillow.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; show rotated 90° clockwise
    image = saved_image(draft(), data=picture_bytes((2400, 1200), exif=exif.tobytes()))

    assert (image.width, image.height) == (1200, 2400)
    info = json.loads((media / "private" / "iiif" / image.key / "info.json").read_text())
    assert (info["width"], info["height"]) == (1200, 2400)
    with Pillow.open(
        media / "private" / "iiif" / image.key / "full/600,1200/0/default.jpg"
    ) as half:
        assert (half.format, half.size) == ("JPEG", (600, 1200))


def test_process_makes_every_size_and_tile_info_json_names(media):
    image = Image(record=draft(), alt_text_en="A page", file=upload(picture_bytes((2000, 500))))
    image.save()
    assert pyramid(media, image, "private") == []

    assert service.process(image) is True

    image.refresh_from_db()
    assert image.tiled
    made = pyramid(media, image, "private")
    assert made == expected_pyramid(image)
    info = json.loads((media / "private" / "iiif" / image.key / "info.json").read_text())
    for size in info["sizes"]:
        path = (
            media / "private" / "iiif" / image.key / iiif.size_path((size["width"], size["height"]))
        )
        with Pillow.open(path) as picture:
            assert picture.size == (size["width"], size["height"])
    for tile in iiif.tiles(image.width, image.height):
        with Pillow.open(media / "private" / "iiif" / image.key / tile.path) as picture:
            assert picture.size == (tile.width, tile.height)


def test_process_runs_once_and_forced_makes_the_pyramid_again(media):
    image = saved_image(draft())
    info = media / "private" / "iiif" / image.key / "info.json"
    info.write_text("{}")

    assert service.process(image) is False
    assert service.process(image, force=True) is True

    assert json.loads(info.read_text())["width"] == 400
    assert pyramid(media, image, "private") == expected_pyramid(image)


def test_regenerate_images_missing_remakes_a_lost_pyramid(media, capsys):
    image = saved_image(draft())
    other = saved_image(draft(), "other.jpg")
    shutil.rmtree(media / "private" / "iiif" / image.key)
    untouched = (media / "private" / "iiif" / other.key / "info.json").stat().st_mtime_ns

    call_command("regenerate_images", "--missing")

    assert pyramid(media, image, "private") == expected_pyramid(image)
    assert (media / "private" / "iiif" / other.key / "info.json").stat().st_mtime_ns == untouched
    assert "1 of 2 images regenerated, 0 failed" in capsys.readouterr().out


def test_reverting_an_image_makes_again_the_pyramid_of_its_first_original(
    media, curator, django_capture_on_commit_callbacks
):
    with history.revision(curator, "Uploaded"):
        image = saved_image(draft(), data=picture_bytes((400, 200)))
    first = image.file.name
    form = ImageForm(
        data={"alt_text_en": "A page of the report", "position": 0},
        files={"file": upload(picture_bytes((200, 400)), "other.jpg")},
        instance=image,
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True), history.revision(curator, "Replaced"):
        form.save()
    info = media / "private" / "iiif" / image.key / "info.json"
    assert json.loads(info.read_text())["width"] == 200

    uploaded = history.versions_of(image)[-1].version
    with django_capture_on_commit_callbacks(execute=True):
        reverted = history.revert(uploaded, curator)

    assert reverted.file.name == first
    assert json.loads(info.read_text())["width"] == 400


def test_regenerate_images_info_writes_the_new_base_url_and_keeps_the_tiles(
    media, settings, capsys
):
    image = saved_image(draft())
    info = media / "private" / "iiif" / image.key / "info.json"
    tile = media / "private" / "iiif" / image.key / "full/max/0/default.jpg"
    tile_written = tile.stat().st_mtime_ns
    settings.CATALOGUE_BASE_URL = "https://archive.example.org"

    call_command("regenerate_images", "--info")

    assert (
        json.loads(info.read_text())["id"] == f"https://archive.example.org/media/iiif/{image.key}"
    )
    assert tile.stat().st_mtime_ns == tile_written
    assert "1 of 1 images regenerated, 0 failed" in capsys.readouterr().out
