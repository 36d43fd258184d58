"""Time the image pipeline: tiling one large scan, and importing a folder of images.

``make bench`` runs it on a scratch database. Everything it writes (the synthetic pages, the
folder, both media roots) is in a temporary directory removed afterwards; the record it
attaches the images to is deleted at the end.
"""

import csv
import io
import math
import statistics
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from PIL import Image as Pillow

from catalogue import models
from catalogue.images import iiif, service, synthetic

REFERENCE = "BENCH-IMAGES"


class Command(BaseCommand):
    help = (
        "Print the median time to tile a 6,000 × 4,000 scan (with Pillow, which the catalogue "
        "uses, and with pyvips when it is installed, for comparison) and the time to import a "
        "folder of 100 synthetic images."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="Tilings to take the median of.")
        parser.add_argument("--images", type=int, default=100, help="Images in the folder.")
        parser.add_argument("--scan-size", type=synthetic.image_size, default=(6000, 4000))
        parser.add_argument("--image-size", type=synthetic.image_size, default=(2000, 1500))

    def handle(self, *args, runs: int, images: int, scan_size, image_size, **options):
        if runs < 1 or images < 1:
            raise CommandError("--runs and --images must be at least 1.")
        if models.Record.objects.filter(reference_code=REFERENCE).exists():
            raise CommandError(f"A record {REFERENCE} exists; run this on a scratch database.")
        with tempfile.TemporaryDirectory(prefix="image-benchmark-") as directory:
            work = Path(directory)
            with override_settings(
                MEDIA_ROOT=work / "media", CATALOGUE_PRIVATE_MEDIA_ROOT=work / "private"
            ):
                self.tiling(work, runs, scan_size)
                self.ingest(work, images, image_size)

    def tiling(self, work: Path, runs: int, size) -> None:
        scan = work / "scan.jpg"
        scan.write_bytes(synthetic.page(["SAMPLE - not a scan", "benchmark scan"], size))
        paths = {tile.path for tile in iiif.tiles(*size)}
        files = len(paths | {iiif.size_path(level) for level in iiif.sizes(*size)}) + 1
        figures = [f"Pillow {self.median(runs, work, lambda t: pillow_pyramid(scan, t)):.2f} s"]
        try:
            import pyvips  # noqa: F401
        except (ImportError, OSError):
            figures.append("pyvips not installed (pip install pyvips pyvips-binary to compare)")
        else:
            same = self.median(runs, work, lambda t: vips_pyramid(scan, t))
            layout = self.median(runs, work, lambda t: vips_dzsave(scan, t))
            figures.append(f"pyvips {same:.2f} s (the same files)")
            figures.append(f"pyvips dzsave {layout:.2f} s (its own IIIF layout, no size ladder)")
        self.stdout.write(
            f"Tiling a {size[0]:,} × {size[1]:,} scan into {files} files, median of {runs}: "
            + "; ".join(figures)
            + "."
        )

    def median(self, runs: int, work: Path, tile) -> float:
        times = []
        for run in range(runs):
            target = work / f"pyramid-{time.monotonic_ns()}-{run}"
            started = time.perf_counter()
            tile(target)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def ingest(self, work: Path, count: int, size) -> None:
        folder = work / "folder"
        folder.mkdir()
        with (folder / "images.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["file", "record", "alt_en", "rights"])
            for n in range(1, count + 1):
                lines = ["SAMPLE - not a scan", f"Synthetic page {n} of the benchmark folder"]
                (folder / f"page-{n:03d}.jpg").write_bytes(synthetic.page(lines, size))
                alt = f"Synthetic page {n} of the benchmark folder, not a scan"
                writer.writerow([f"page-{n:03d}.jpg", REFERENCE, alt, synthetic.SYNTHETIC_RIGHTS])
        collection = models.Collection.objects.create(
            slug="bench-images", reference_code=REFERENCE, title_en="Benchmark", level="fonds"
        )
        record = models.Record.objects.create(
            reference_code=REFERENCE,
            collection=collection,
            kind=models.RecordKind.REPORT,
            title_en="Benchmark record of synthetic images",
            status=models.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        try:
            first = self.timed(folder)
            again = self.timed(folder)
        finally:
            record.delete()
            collection.delete()
        self.stdout.write(
            f"Import of {count} images of {size[0]:,} × {size[1]:,} on {connection.vendor}: "
            f"{first:.1f} s ({first / count:.2f} s an image); again, all unchanged, {again:.1f} s."
        )

    def timed(self, folder: Path) -> float:
        started = time.perf_counter()
        call_command("import_images", str(folder), stdout=io.StringIO())
        return time.perf_counter() - started


def pillow_pyramid(scan: Path, target: Path) -> None:
    """What ``service.process`` does with an original: decode it, write its pyramid."""
    with Pillow.open(scan) as picture:
        picture.load()
        upright = picture.convert("RGB")
    service.write_pyramid(upright, target, "https://example.org/iiif/benchmark")


def vips_pyramid(scan: Path, target: Path) -> None:
    """The same files as ``service.write_pyramid`` (names and sizes), made with libvips."""
    import pyvips

    image = pyvips.Image.new_from_file(str(scan), access="sequential").copy_memory()
    width, height = image.width, image.height
    levels = {1: image}
    for factor in iiif.scale_factors(width, height)[1:]:
        above = levels[factor // 2]
        level_width, level_height = math.ceil(above.width / 2), math.ceil(above.height / 2)
        level = above.resize(level_width / above.width, vscale=level_height / above.height)
        if (level.width, level.height) != (level_width, level_height):
            level = level.embed(0, 0, level_width, level_height, extend="copy")
        levels[factor] = level.copy_memory()
    for factor, level in levels.items():
        _vips_write(level, target / iiif.size_path((level.width, level.height)))
        for tile in iiif.tiles_at(width, height, factor):
            box = (tile.level_x, tile.level_y, tile.width, tile.height)
            _vips_write(level.crop(*box), target / tile.path)


def _vips_write(image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.jpegsave(str(path), Q=service.JPEG_QUALITY)


def vips_dzsave(scan: Path, target: Path) -> None:
    import pyvips

    target.mkdir(parents=True)
    pyvips.Image.new_from_file(str(scan)).dzsave(
        str(target / "scan"),
        layout="iiif3",
        tile_size=iiif.TILE_SIZE,
        overlap=0,
        id="https://example.org/iiif",
        suffix=f".jpg[Q={service.JPEG_QUALITY}]",
    )
