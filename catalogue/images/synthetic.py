"""Synthetic page images for demonstrations, benchmarks and the sample folder.

Each is a plain drawn page that says in large letters what it is (for example "Synthetic page
2 of record SYN1-000007"): never a scan, never presented as one. A grid is drawn over it so
that a deep-zoom viewer shows where each tile lies.
"""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image as Pillow
from PIL import ImageDraw, ImageFont

from catalogue.models import Image, Record

from . import service

PAPER = "#f4f1e8"
INK = "#222222"
GRID = "#c9c2ae"
DEFAULT_SIZE = (1600, 1200)
SYNTHETIC_RIGHTS = "http://creativecommons.org/publicdomain/zero/1.0/"


def page(lines: list[str], size: tuple[int, int] = DEFAULT_SIZE, fmt: str = "JPEG") -> bytes:
    """A plain page of ``size`` with ``lines`` written large on it, as JPEG or PNG bytes."""
    width, height = size
    picture = Pillow.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(picture)
    step = max(32, min(width, height) // 12)
    for x in range(0, width, step):
        draw.line([(x, 0), (x, height)], fill=GRID, width=1)
    for y in range(0, height, step):
        draw.line([(0, y), (width, y)], fill=GRID, width=1)
    border = max(2, min(width, height) // 100)
    draw.rectangle([0, 0, width - 1, height - 1], outline=INK, width=border)
    font = ImageFont.load_default(size=max(10, min(width // 18, height // (3 * len(lines) + 2))))
    top = height // 3
    for line in lines:
        left, upper, right, lower = draw.textbbox((0, 0), line, font=font)
        draw.text(((width - (right - left)) // 2, top), line, font=font, fill=INK)
        top += int((lower - upper) * 1.6)
    output = io.BytesIO()
    if fmt == "JPEG":
        picture.save(output, "JPEG", quality=80)
    else:
        picture.save(output, fmt)
    return output.getvalue()


def record_page(reference_code: str, number: int, pages: int, size=DEFAULT_SIZE) -> bytes:
    return page(
        ["Synthetic page", f"{number} of {pages} of record {reference_code}", "not a scan"], size
    )


def attach_pages(
    records: list[Record], share: float, seed: int, size=DEFAULT_SIZE, progress=None
) -> int:
    """Give about ``share`` of ``records`` one to three synthetic pages each, stored and tiled
    through the image service as any image is. Returns how many images were made."""
    rng = random.Random(seed)
    chosen = [(record, rng.choice((1, 1, 2, 3))) for record in records if rng.random() < share]
    total, done = sum(pages for _record, pages in chosen), 0
    for record, pages in chosen:
        for number in range(1, pages + 1):
            image = Image(
                record=record,
                alt_text_en=(
                    f"Synthetic page {number} of {pages} of record {record.reference_code}, "
                    "generated for a demonstration; not a scan of any document"
                ),
                rights=SYNTHETIC_RIGHTS,
                position=number,
            )
            content = ContentFile(record_page(record.reference_code, number, pages, size))
            image.file.save("page.jpg", content, save=False)
            image.save()
            service.process(image)
            done += 1
            if progress is not None:
                progress(done, total)
    return done


def share(value: str) -> float:
    """An argument type: a fraction from 0 to 1."""
    number = float(value)
    if not 0 <= number <= 1:
        raise ValueError(value)
    return number


def image_size(value: str) -> tuple[int, int]:
    """An argument type: ``WIDTHxHEIGHT``, each side from 16 to 20,000 pixels."""
    width, height = (int(side) for side in value.lower().split("x"))
    if not (16 <= width <= 20_000 and 16 <= height <= 20_000):
        raise ValueError(value)
    return width, height


def attach_to_generated(stdout, prefix: str, fraction: float, seed: int, size) -> int:
    """Give generated records (``<prefix>-…``) synthetic pages; for ``generate_records``."""
    from catalogue.progress import Progress

    records = list(
        Record.objects.filter(reference_code__startswith=f"{prefix}-").order_by("reference_code")
    )
    progress = Progress(stdout, "Synthetic page images", threshold=0)
    made = attach_pages(records, fraction, seed, size, progress)
    stdout.write(f"{made} synthetic page images ({size[0]}×{size[1]}) in {progress.seconds:.1f} s.")
    return made
