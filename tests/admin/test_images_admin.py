"""Images uploaded through the record and copy forms: checked, refused clearly, or made ready."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow

from catalogue import models

from .builders import copy, ready_record
from .helpers import change_url, open_change_form


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def picture(format: str = "JPEG", size=(64, 48), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Pillow.new(mode, size, "white" if mode == "RGB" else 1).save(buffer, format)
    return buffer.getvalue()


def add_image(client, obj, upload, alt_text: str = "Test page", prefix: str = "images"):
    data = open_change_form(client, obj)
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(n + 1)
    data[f"{prefix}-{n}-file"] = upload
    data[f"{prefix}-{n}-alt_text_en"] = alt_text
    data[f"{prefix}-{n}-position"] = "0"
    return client.post(change_url(obj), data)


def image_errors(response, prefix: str = "images") -> list[str]:
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return [error for form in inline.formset.forms for error in form.errors.get("file", [])]
    raise AssertionError(f"no {prefix} inline")


TEXT_AS_JPEG = SimpleUploadedFile("page.jpg", b"Minutes of the session, typed.\n", "image/jpeg")
SVG = SimpleUploadedFile(
    "page.svg",
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"/></svg>',
    "image/svg+xml",
)
NOT_AN_IMAGE = "This is not an image in a format the catalogue accepts"


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (lambda: TEXT_AS_JPEG, NOT_AN_IMAGE),
        (lambda: SVG, NOT_AN_IMAGE),
        (
            lambda: SimpleUploadedFile("cut.jpg", picture("JPEG", (400, 300))[:600], "image/jpeg"),
            "The image is damaged or incomplete and cannot be read",
        ),
        (
            lambda: SimpleUploadedFile("bomb.png", picture("PNG", (10000, 10000), "1")),
            "The image has too many pixels; the largest accepted is 60,000,000 pixels.",
        ),
    ],
    ids=["text-renamed-jpg", "svg", "truncated-jpeg", "100-megapixel-png"],
)
def test_record_form_refuses_an_upload_that_is_no_usable_image(
    curator_client, media_root, make_upload, message
):
    record = ready_record()
    upload = make_upload()
    upload.seek(0)

    response = add_image(curator_client, record, upload)

    (error,) = image_errors(response)
    assert error.startswith(message)
    assert message in response.content.decode()
    assert models.Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_record_form_refuses_a_file_too_large_in_bytes(curator_client, media_root, settings):
    settings.CATALOGUE_IMAGE_MAX_BYTES = 1024
    record = ready_record()
    upload = SimpleUploadedFile("large.png", picture("PNG", (300, 300), "RGB") + b"\0" * 2048)

    response = add_image(curator_client, record, upload)

    (error,) = image_errors(response)
    assert error.startswith("The file is 0.0 MB; the largest accepted is 0.0 MB.")
    assert (models.Image.objects.count(), stored_files(media_root)) == (0, [])


def test_record_form_stores_a_valid_image_with_its_thumbnail_and_display_copy(
    curator_client, media_root
):
    record = ready_record()
    upload = SimpleUploadedFile("page.jpg", picture("JPEG", (2400, 1800)), "image/jpeg")

    response = add_image(curator_client, record, upload, alt_text="First page")

    assert response.status_code == 302
    (image,) = record.images.all()
    assert image.alt_text_en == "First page"
    assert Pillow.open(image.thumbnail.path).size == (300, 225)
    assert Pillow.open(image.display.path).size == (1600, 1200)
    assert stored_files(media_root) == sorted(
        [image.file.name, image.thumbnail.name, image.display.name]
    )
    form = curator_client.get(change_url(record)).content.decode()
    assert f'<img src="{image.thumbnail.url}" alt="First page"' in form


def test_record_form_refuses_an_image_without_alt_text(curator_client, media_root):
    record = ready_record()
    upload = SimpleUploadedFile("page.png", picture("PNG"), "image/png")

    response = add_image(curator_client, record, upload, alt_text="")

    (form,) = [
        form
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "images"
        for form in inline.formset.forms
    ]
    assert form.errors["alt_text_en"] == ["This field is required."]
    assert (models.Image.objects.count(), stored_files(media_root)) == (0, [])


def test_copy_form_checks_its_images_too(curator_client, media_root):
    item = copy(ready_record())
    upload = SimpleUploadedFile("page.jpg", b"not a picture", "image/jpeg")

    response = add_image(curator_client, item, upload)

    (error,) = image_errors(response)
    assert error.startswith(NOT_AN_IMAGE)
    assert (models.Image.objects.count(), stored_files(media_root)) == (0, [])
