"""Rewrite every search document from the catalogue."""

import time

from django.core.management.base import BaseCommand

from catalogue.search import index


class Command(BaseCommand):
    help = (
        "Rewrite the search index (every record, person, organization and event) from the "
        "catalogue. Safe to run at any time; run it after loading data with bulk_create."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        counts = index.rebuild(progress=self.progress)
        if counts:
            self.stdout.write("")
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {sum(counts.values())} documents ({summary}) "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def progress(self, kind: str, done: int, total: int) -> None:
        self.stdout.write(f"\r  {kind}: {done}/{total}", ending="")
        self.stdout.flush()
