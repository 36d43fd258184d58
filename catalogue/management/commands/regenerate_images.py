"""Make every image's IIIF tiles, sizes and info.json again (after a change of tile size or
format), only the missing ones, or only the info.json files (after CATALOGUE_BASE_URL changed)."""

from django.core.management.base import BaseCommand

from catalogue.images import service
from catalogue.models import Image
from catalogue.progress import Progress


class Command(BaseCommand):
    help = "Make the IIIF tiles, sizes and info.json of every image again."

    def add_arguments(self, parser):
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument(
            "--missing", action="store_true", help="Only images whose files are not in place."
        )
        choice.add_argument(
            "--info",
            action="store_true",
            help="Only write each info.json again, with the current CATALOGUE_BASE_URL.",
        )

    def handle(self, *args, missing: bool, info: bool, **options):
        images = Image.objects.select_related("record", "copy__record").order_by("pk")
        total = images.count()
        progress = Progress(self.stdout, "Regenerating images")
        made = failed = 0
        for done, image in enumerate(images.iterator(chunk_size=500), start=1):
            try:
                if info:
                    made += service.write_info(image)
                else:
                    made += service.process(image, force=not missing)
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
            progress(done, total)
        self.stdout.write(
            f"{made} of {total} images regenerated, {failed} failed, in {progress.seconds:.1f} s."
        )
