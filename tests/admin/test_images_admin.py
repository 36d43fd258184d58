"""Images uploaded through the record and copy forms: checked, refused clearly, or made ready."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as Pillow

from catalogue import models
from tests.curation.test_images import expected_pyramid, png_declaring

from .builders import copy, ready_record
from .helpers import change_url, changelist_url, open_change_form

STORED_NAME = re.compile(r"^images/[0-9a-f]{32}\.(jpg|png|tif|webp)$")


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
        (
            lambda: SimpleUploadedFile("huge.png", png_declaring(100_000, 100_000), "image/png"),
            "The image has too many pixels; the largest accepted is 60,000,000 pixels.",
        ),
    ],
    ids=["text-renamed-jpg", "svg", "truncated-jpeg", "100-megapixel-png", "huge-declared-png"],
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
    assert (image.width, image.height) == (2400, 1800)
    assert stored_files(media_root) == files_of(image)
    form = curator_client.get(change_url(record)).content.decode()
    preview = reverse("admin:catalogue_image_preview", args=[image.pk])
    assert f'<img src="{preview}" alt="First page"' in form
    answer = curator_client.get(preview)
    assert Pillow.open(io.BytesIO(b"".join(answer.streaming_content))).size == (300, 225)


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


def uploaded(client, obj, name: str = "page.jpg") -> models.Image:
    """An image added through ``obj``'s change form, with its derivatives."""
    upload = SimpleUploadedFile(name, picture("JPEG", (640, 480)), "image/jpeg")
    response = add_image(client, obj, upload)
    assert response.status_code == 302
    return obj.images.order_by("-pk").first()


def files_of(image: models.Image) -> list[str]:
    """The original and the tiles, sizes and info.json of the image of a draft."""
    pyramid = [f"private-media/iiif/{image.key}/{name}" for name in expected_pyramid(image)]
    return sorted([f"private-media/{image.file.name}", *pyramid])


def delete_url(obj) -> str:
    return reverse(f"admin:catalogue_{obj._meta.model_name}_delete", args=[obj.pk])


def test_record_form_stores_an_image_under_a_name_nobody_can_guess(curator_client, media_root):
    record = ready_record()

    image = uploaded(curator_client, record, "Minutes of the Presidium.jpg")

    assert stored_files(media_root) == files_of(image)
    assert STORED_NAME.match(image.file.name)
    assert image.file.name.endswith(".jpg")
    assert not any("Presidium" in name for name in stored_files(media_root))


def test_image_delete_page_removes_every_file_of_the_image(
    curator_client, media_root, django_capture_on_commit_callbacks
):
    record = ready_record()
    image = uploaded(curator_client, record)
    kept = uploaded(curator_client, record, "kept.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(delete_url(image), {"post": "yes"})

    assert response.status_code == 302
    assert list(record.images.all()) == [kept]
    assert stored_files(media_root) == files_of(kept)


def test_delete_selected_images_removes_their_files(
    curator_client, media_root, django_capture_on_commit_callbacks
):
    record = ready_record()
    images = [uploaded(curator_client, record, f"page-{n}.jpg") for n in range(3)]
    assert stored_files(media_root) == sorted(sum((files_of(image) for image in images), []))
    data = {"action": "delete_selected", "_selected_action": [image.pk for image in images]}

    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(changelist_url(models.Image), {**data, "post": "yes"})

    assert (models.Image.objects.count(), stored_files(media_root)) == (0, [])


def test_deleting_a_record_in_the_admin_removes_its_and_its_copies_image_files(
    curator_client, media_root, django_capture_on_commit_callbacks
):
    record = ready_record()
    first = uploaded(curator_client, record)
    second = uploaded(curator_client, copy(record), "copy.jpg")
    other = ready_record()
    kept = uploaded(curator_client, other, "other.jpg")
    assert stored_files(media_root) == sorted(files_of(first) + files_of(second) + files_of(kept))

    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(delete_url(record), {"post": "yes"})

    assert not models.Record.objects.filter(pk=record.pk).exists()
    assert stored_files(media_root) == files_of(kept)


def test_inline_delete_box_removes_the_image_files(
    curator_client, media_root, django_capture_on_commit_callbacks
):
    record = ready_record()
    image = uploaded(curator_client, record)
    data = open_change_form(curator_client, record)
    assert data["images-0-id"] == str(image.pk)
    data["images-0-DELETE"] = "on"

    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(change_url(record), data)

    assert response.status_code == 302
    assert (models.Image.objects.count(), stored_files(media_root)) == (0, [])


def test_replacing_an_image_file_replaces_its_derivatives(
    curator_client, media_root, django_capture_on_commit_callbacks
):
    record = ready_record()
    image = uploaded(curator_client, record)
    data = open_change_form(curator_client, record)
    data["images-0-file"] = SimpleUploadedFile("tall.png", picture("PNG", (480, 640)))

    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(change_url(record), data)

    image.refresh_from_db()
    assert image.file.name.endswith(".png")
    assert (image.width, image.height) == (480, 640)
    assert set(files_of(image)) <= set(stored_files(media_root))
    # The replaced original stays for the history; its tiles were replaced.
    assert len(stored_files(media_root)) == len(files_of(image)) + 1
