"""Import a folder of images: ``images.csv`` and the files it names, all or nothing."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalogue.images.ingest import ADD, UNCHANGED, UPDATE, IngestFailed, check_folder, store
from catalogue.progress import Progress


class Command(BaseCommand):
    help = (
        "Import the images of a folder: DIR/images.csv names each file and its record or copy "
        "(format: README, Images). Every row and file is checked first; one bad row or file "
        "refuses the whole folder. Importing the same folder again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder holding images.csv and the image files.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and list every row; store nothing."
        )
        parser.add_argument("--user", help="The username that signs the import in the history.")

    def handle(self, *args, folder: str, dry_run: bool, user: str | None, **options):
        signer = self._user(user)
        started = time.monotonic()
        plan = check_folder(Path(folder), progress=Progress(self.stdout, "Checking", threshold=0))
        if plan.has_errors:
            for message in plan.messages():
                self.stderr.write(message)
            raise CommandError(f"{folder}: the folder has errors; no image was imported.")
        if dry_run:
            for row in plan.rows:
                self.stdout.write(f"row {row.number} ({row.file}): {self._action(row.action)}")
        else:
            tiling = Progress(self.stdout, "Making tiles", threshold=0)
            try:
                store(plan, user=signer, progress=tiling)
            except IngestFailed as error:
                raise CommandError(str(error)) from None
        counts = plan.counts
        summary = (
            f"{folder}: {counts[ADD]} images added, {counts[UPDATE]} updated, "
            f"{counts[UNCHANGED]} unchanged in {time.monotonic() - started:.1f} s"
        )
        self.stdout.write(summary + (" (dry run: nothing stored)." if dry_run else "."))

    def _action(self, action: str) -> str:
        return {ADD: "would be added", UPDATE: "metadata would be updated"}.get(action, action)

    def _user(self, username: str | None):
        if username is None:
            return None
        try:
            return get_user_model()._default_manager.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
