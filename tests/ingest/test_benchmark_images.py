"""benchmark_images: figures for tiling a scan and importing a folder, and nothing left behind."""

import io

from django.core.management import call_command

from catalogue.models import Collection, Image, Record

from .conftest import stored


def test_benchmark_images_reports_tiling_and_ingest_and_leaves_nothing(media):
    out = io.StringIO()

    call_command(
        "benchmark_images",
        "--runs=1",
        "--images=2",
        "--scan-size=1100x600",
        "--image-size=300x200",
        stdout=out,
    )

    tiling, ingest = out.getvalue().splitlines()
    assert tiling.startswith("Tiling a 1,100 × 600 scan into 12 files, median of 1: Pillow ")
    assert ingest.startswith("Import of 2 images of 300 × 200 on ")
    assert "again, all unchanged" in ingest
    assert (Record.objects.count(), Collection.objects.count(), Image.objects.count()) == (0, 0, 0)
    assert stored(media) == []
