"""Time the import of a large records CSV: ``make bench`` runs it on a scratch database."""

import csv
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from catalogue import models

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


class Command(BaseCommand):
    help = (
        "Write a CSV of --rows synthetic records, import it, import it again (all unchanged) "
        "and print the seconds each import took. Refuses a database that holds records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)

    def handle(self, *args, rows: int, **options):
        if models.Record.objects.exists():
            raise CommandError("The database holds records; run this on a scratch database.")
        with tempfile.TemporaryDirectory(prefix="import-benchmark-") as directory:
            path = self.write_file(Path(directory) / "records.csv", rows)
            first = self.timed(path)
            second = self.timed(path)
        self.stdout.write(
            f"{rows:,} rows on {connection.vendor}: first import {first:.1f} s, "
            f"second import (unchanged) {second:.1f} s"
        )

    def write_file(self, path: Path, rows: int) -> Path:
        collection = models.Collection.objects.create(
            slug="benchmark", reference_code="BENCH", title_en="Benchmark", level="fonds"
        )
        models.Language.objects.get_or_create(code="ru", defaults={"name_en": "Russian"})
        models.Language.objects.get_or_create(code="en", defaults={"name_en": "English"})
        models.Subject.objects.create(slug="benchmark-subject", label_en="Benchmark subject")
        models.Person.objects.create(slug="benchmark-person", name_en="Benchmark Person")
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(COLUMNS)
            for n in range(rows):
                writer.writerow(
                    [
                        f"BENCH-{n:06d}",
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

    def timed(self, path: Path) -> float:
        started = time.monotonic()
        call_command("import_catalogue", str(path), stdout=self.stdout)
        return time.monotonic() - started
