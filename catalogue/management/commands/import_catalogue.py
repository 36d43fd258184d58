"""Import records, copies, people, organizations or memberships from a CSV or JSON file."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalogue import statistics
from catalogue.progress import Progress
from catalogue.transfer import ERROR, KINDS, ImportPlan, ImportRefused, apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Import a CSV or JSON file of records, copies, people, organizations or memberships "
        "(format: README, Bulk import and export). "
        "All or nothing; --dry-run shows what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .json file in UTF-8.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List every row's outcome and write nothing."
        )
        parser.add_argument(
            "--kind", choices=list(KINDS), help="What the file holds (default: from its name)."
        )
        parser.add_argument("--user", help="The username that signs the import in the history.")

    def handle(
        self, *args, file: str, dry_run: bool, kind: str | None, user: str | None, **options
    ):
        path = Path(file)
        signer = self._user(user)
        started = time.monotonic()
        try:
            with path.open("rb") as stream:
                plan = plan_import(
                    stream,
                    path.name,
                    kind=kind,
                    progress=Progress(self.stdout, "Checking"),
                    reading=Progress(self.stdout, "Reading"),
                    keep_objects=not dry_run,
                )
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}.") from None
        if dry_run:
            self._list(plan)
        for message in plan.error_messages():
            self.stderr.write(message)
        if not plan.has_errors and not dry_run:
            try:
                apply_import(plan, user=signer, progress=Progress(self.stdout, "Recording history"))
            except ImportRefused as error:
                raise CommandError(str(error)) from None
            statistics.analyze(rows=plan.counts["create"] + plan.counts["update"])
        self.stdout.write(self._summary(plan, time.monotonic() - started, dry_run))
        if plan.has_errors:
            raise CommandError(f"{path.name}: the file has errors; nothing was imported.")

    def _user(self, username: str | None):
        if username is None:
            return None
        try:
            return get_user_model()._default_manager.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None

    def _list(self, plan: ImportPlan) -> None:
        for row in plan.rows:
            self.stdout.write(f"row {row.number}: {row.action} {row.key}".rstrip())
            if row.action != ERROR:
                for column, (old, new) in row.changes.items():
                    self.stdout.write(f"    {column}: {old!r} → {new!r}")

    def _summary(self, plan: ImportPlan, seconds: float, dry_run: bool) -> str:
        counts = plan.counts
        errors = counts["error"] + len(plan.file_errors)
        summary = (
            f"{plan.filename}: {counts['create']} created, {counts['update']} updated, "
            f"{counts['unchanged']} unchanged, {errors} errors in {seconds:.1f} s"
        )
        if dry_run or plan.has_errors:
            summary += " (nothing written)"
        return summary + "."
