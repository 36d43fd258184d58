"""Time the import of a large records CSV on a scratch database.

    DJANGO_DEBUG=true .venv/bin/python benchmarks/import_records.py [ROWS]

Builds a throwaway SQLite database (or uses DATABASE_URL), writes a CSV of ROWS records
(100,000 by default) with made-up test values, imports it, then imports it again (all rows
unchanged) and prints the seconds each run took.
"""

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
workdir = Path(tempfile.mkdtemp(prefix="import-benchmark-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'benchmark.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from catalogue import models  # noqa: E402


def prepare() -> Path:
    call_command("migrate", verbosity=0)
    collection = models.Collection.objects.create(
        slug="benchmark", reference_code="BENCH", title_en="Benchmark", level="fonds"
    )
    models.Language.objects.create(code="ru", name_en="Russian")
    models.Language.objects.create(code="en", name_en="English")
    models.Subject.objects.create(slug="subject-a", label_en="Subject A")
    models.Person.objects.create(slug="person-a", name_en="Person A")
    path = workdir / "records.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
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
        )
        for n in range(ROWS):
            writer.writerow(
                [
                    f"BENCH-{n:06d}",
                    collection.slug,
                    "report",
                    f"Benchmark record {n}",
                    f"Запись {n}",
                    f"19{n % 100:02d}-0{n % 9 + 1}",
                    "ru|en",
                    "subject-a",
                    "person-a:author" if n % 2 else "",
                    "draft",
                ]
            )
    return path


def timed(path: Path) -> float:
    started = time.monotonic()
    call_command("import_catalogue", str(path))
    return time.monotonic() - started


if __name__ == "__main__":
    source = prepare()
    first = timed(source)
    second = timed(source)
    print(
        f"{ROWS:,} rows on {django.db.connection.vendor}: "
        f"first import {first:.1f} s, second import (unchanged) {second:.1f} s"
    )
