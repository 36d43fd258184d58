"""Images remember the SHA-256 of their original, so that importing the same folder again finds
the images it stored and changes nothing; the images already stored get theirs."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import migrations, models


def checksum_stored_originals(apps, schema_editor):
    Image = apps.get_model("catalogue", "Image")
    root = Path(settings.CATALOGUE_PRIVATE_MEDIA_ROOT)
    for image in Image.objects.filter(checksum="").exclude(file="").iterator():
        path = root / image.file.name
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as stream:
                for block in iter(lambda: stream.read(1024 * 1024), b""):
                    digest.update(block)
            image.checksum = digest.hexdigest()
            image.save(update_fields=["checksum"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0010_image_iiif_rights_private"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="checksum",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text=(
                    "The SHA-256 of the original file, by which a bulk import knows an image it "
                    "has stored already."
                ),
                max_length=64,
                verbose_name="checksum",
            ),
        ),
        migrations.RunPython(checksum_stored_originals, migrations.RunPython.noop),
    ]
