"""Back up the whole catalogue, its database and its media, into one archive file."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.storage.filesystem import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from catalogue.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database and every media directory to one archive (.tar.gz), while the "
        "catalogue keeps running. restore_catalogue puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, for example catalogue.tar.gz.")

    def handle(self, *args, path: str, **options):
        target = Path(path)
        if target.is_dir():
            raise CommandError(f"{target} is a directory; name the archive file to write.")
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{target}: {error.strerror}.") from None
        self.stdout.write(
            f"Wrote {target}: the {manifest['engine']} database and "
            f"{', '.join(manifest['media']) or 'no media'}."
        )
        if not isinstance(default_storage, FileSystemStorage):
            self.stdout.write(
                "Uploads are kept in object storage, not in MEDIA_ROOT: back up the bucket "
                "with the storage's own versioning or replication."
            )
