"""Write every image's thumbnail and display size again (after a change of sizes or format)."""

from django.core.management.base import BaseCommand

from catalogue.images import service
from catalogue.models import Image
from catalogue.progress import Progress


class Command(BaseCommand):
    help = "Regenerate the thumbnail and display-size copies of every image."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only images that lack a derivative."
        )

    def handle(self, *args, missing: bool, **options):
        images = Image.objects.order_by("pk")
        total = images.count()
        progress = Progress(self.stdout, "Regenerating images")
        made = failed = 0
        for done, image in enumerate(images.iterator(), start=1):
            try:
                made += service.process(image, force=not missing)
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
            progress(done, total)
        self.stdout.write(
            f"{made} of {total} images regenerated, {failed} failed, in {progress.seconds:.1f} s."
        )
