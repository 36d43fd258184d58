"""Time the import of a large records CSV: ``make bench`` runs it on a scratch database."""

import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from catalogue import models
from catalogue.bench.imports import write_records_csv


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
            path = write_records_csv(Path(directory) / "records.csv", rows)
            first = self.timed(path)
            second = self.timed(path)
        self.stdout.write(
            f"{rows:,} rows on {connection.vendor}: first import {first:.1f} s, "
            f"second import (unchanged) {second:.1f} s"
        )

    def timed(self, path: Path) -> float:
        started = time.monotonic()
        call_command("import_catalogue", str(path), stdout=self.stdout)
        return time.monotonic() - started
