"""A large records CSV for timing imports, alone or under load."""

import csv
from pathlib import Path

from .. import models

COLUMNS = [
    "reference_code",
    "collection",
    "kind",
    "title_en",
    "title_ru",
    "date",
    "languages",
    "subjects",
    "people",
    "status",
]


def write_records_csv(path: Path, rows: int, prefix: str = "BENCH") -> Path:
    """Write ``rows`` draft records to ``path``, with what they refer to created if missing."""
    collection, _ = models.Collection.objects.get_or_create(
        slug="benchmark",
        defaults={"reference_code": "BENCH", "title_en": "Benchmark", "level": "fonds"},
    )
    models.Language.objects.get_or_create(code="ru", defaults={"name_en": "Russian"})
    models.Language.objects.get_or_create(code="en", defaults={"name_en": "English"})
    models.Subject.objects.get_or_create(
        slug="benchmark-subject", defaults={"label_en": "Benchmark subject"}
    )
    models.Person.objects.get_or_create(
        slug="benchmark-person", defaults={"name_en": "Benchmark Person"}
    )
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for n in range(rows):
            writer.writerow(
                [
                    f"{prefix}-{n:06d}",
                    collection.slug,
                    "report",
                    f"Benchmark record {n}",
                    f"Запись {n}",
                    f"19{n % 100:02d}-0{n % 9 + 1}",
                    "ru|en",
                    "benchmark-subject",
                    "benchmark-person:author" if n % 2 else "",
                    "draft",
                ]
            )
    return path
