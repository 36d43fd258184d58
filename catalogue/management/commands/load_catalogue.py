from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from catalogue.loading import FixtureError, default_fixture_paths, load_catalogue


class Command(BaseCommand):
    help = (
        "Check and load catalogue fixture files (by default every fixtures/*.json, in name "
        "order) in one transaction. Nothing is written unless every object passes."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Fixture files, in the order to load them.")
        parser.add_argument(
            "--check", action="store_true", help="Check the files only; write nothing."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, files: list[str], check: bool, database: str, **options) -> None:
        paths = [Path(name) for name in files] or default_fixture_paths()
        if not paths:
            raise CommandError("No fixture files given and none found in fixtures/.")
        try:
            summary = load_catalogue(paths, using=database, check_only=check)
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded.\n{error}") from None
        verb = "Checked" if check else "Loaded"
        total = sum(count for count, _ in summary.values())
        self.stdout.write(f"{verb} {total} objects from {len(paths)} files:")
        for label, (count, new) in summary.items():
            self.stdout.write(f"  {label}: {count} ({new} new)")
