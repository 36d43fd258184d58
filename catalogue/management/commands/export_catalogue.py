"""Export records, copies, people, organizations and memberships as CSV or JSON files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.transfer import KINDS, WRITERS, export_rows


class Command(BaseCommand):
    help = (
        "Export the catalogue in the import format: one kind to a file, or every kind to "
        "<kind>.<format> files in a directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="A file (with --kind) or a directory.")
        parser.add_argument("--format", choices=list(WRITERS), required=True)
        parser.add_argument("--kind", choices=list(KINDS), help="One kind (default: all).")

    def handle(self, *args, out: str, format: str, kind: str | None, **options):
        target = Path(out)
        if kind and not target.is_dir():
            jobs = [(KINDS[kind], target)]
        else:
            try:
                target.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise CommandError(f"{target}: {error.strerror}.") from None
            kinds = [KINDS[kind]] if kind else list(KINDS.values())
            jobs = [(item, target / f"{item.name}.{format}") for item in kinds]
        for item, path in jobs:
            try:
                with path.open("w", encoding="utf-8", newline="") as stream:
                    count = WRITERS[format](item, export_rows(item), stream)
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}.") from None
            self.stdout.write(f"Wrote {count} {item.name} to {path}.")
