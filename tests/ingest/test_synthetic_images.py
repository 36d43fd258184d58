"""generate_records --images: drawn pages that say what they are, stored and tiled by the
image service, so that the viewer can be seen on a fresh machine."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as Pillow

from catalogue.models import Image, Record, Status

from .conftest import expected_pyramid, stored_files


def test_generate_records_images_gives_a_share_of_records_synthetic_pages(media):
    out = io.StringIO()

    call_command(
        "generate_records", count=40, seed=3, images=0.5, image_size=(600, 500), stdout=out
    )

    images = list(Image.objects.select_related("record"))
    with_images = {image.record_id for image in images}
    assert 8 <= len(with_images) <= 32
    assert f"{len(images)} synthetic page images (600×500)" in out.getvalue()
    for image in images:
        assert image.alt_text_en.startswith("Synthetic page ")
        assert "not a scan" in image.alt_text_en
        assert (image.width, image.height) == (600, 500)
        root = "media" if image.record.status == Status.PUBLISHED else "private"
        prefix = f"iiif/{image.key}/"
        names = [n for n in stored_files(media / root) if n.startswith(prefix)]
        assert [n.removeprefix(prefix) for n in names] == expected_pyramid(image)


def test_generate_records_images_share_one_gives_every_record_pages_of_the_size(media):
    call_command(
        "generate_records", count=5, seed=4, images=1, image_size=(320, 240), stdout=io.StringIO()
    )

    image = Image.objects.order_by("pk").first()
    with image.file.open("rb"), Pillow.open(image.file) as page:
        assert page.size == (320, 240)
    assert Record.objects.filter(images__isnull=False).distinct().count() == 5


def test_generate_records_without_images_makes_none(media):
    call_command("generate_records", count=5, seed=5, stdout=io.StringIO())

    assert Image.objects.count() == 0


@pytest.mark.parametrize("option", [["--images", "1.5"], ["--image-size", "0x10"]])
def test_generate_records_refuses_bad_image_options(media, option):
    with pytest.raises(CommandError):
        call_command("generate_records", "--count", "5", *option, stdout=io.StringIO())
