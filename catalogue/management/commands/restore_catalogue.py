"""Put back a catalogue written by backup_catalogue: the database and the media together."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media directories by those of an archive written by "
        "backup_catalogue. The archive is read and checked whole first: a damaged or foreign "
        "file changes nothing. Stop the app servers while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="An archive written by backup_catalogue.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, path: str, interactive: bool, **options):
        if interactive:
            answer = input(
                "This replaces the whole catalogue (its database and media) by the archive's. "
                "Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = restore(Path(path))
        except BackupError as error:
            raise CommandError(f"{error} Nothing was restored.") from None
        self.stdout.write(
            f"Restored {path} (backed up {manifest['created']}): the {manifest['engine']} "
            f"database and {', '.join(manifest['media']) or 'no media'}. "
            "Run `manage.py migrate` if the code is newer than the backup."
        )
