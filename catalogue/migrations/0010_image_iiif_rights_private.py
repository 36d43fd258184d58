"""Images become IIIF services: a random key names the directory of their tiles and sizes, which
replace the thumbnail and display files; originals move to the private root; rights and credit."""

import catalogue.images.rights
import catalogue.images.storage
import catalogue.images.validation
import catalogue.models.fields
import catalogue.models.holdings
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.db import migrations, models


def give_keys_and_hide_originals(apps, schema_editor):
    """A key for every image, and its original moved out of MEDIA_ROOT, where it could be
    fetched, into the private root; ``regenerate_images --missing`` then makes its tiles."""
    Image = apps.get_model("catalogue", "Image")
    public, private = Path(settings.MEDIA_ROOT), Path(settings.CATALOGUE_PRIVATE_MEDIA_ROOT)
    for image in Image.objects.all().iterator():
        image.key = uuid.uuid4().hex
        image.save(update_fields=["key"])
        if image.file and (public / image.file.name).exists():
            (private / image.file.name).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(public / image.file.name, private / image.file.name)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_date_order_messages"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="image",
            name="display",
        ),
        migrations.RemoveField(
            model_name="image",
            name="thumbnail",
        ),
        migrations.AddField(
            model_name="image",
            name="credit",
            field=models.CharField(
                blank=True,
                help_text="Who holds or gave the image, as it should be credited.",
                max_length=300,
                verbose_name="credit",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="credit_en",
            field=models.CharField(
                blank=True,
                help_text="Who holds or gave the image, as it should be credited.",
                max_length=300,
                null=True,
                verbose_name="credit",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="credit_ru",
            field=models.CharField(
                blank=True,
                help_text="Who holds or gave the image, as it should be credited.",
                max_length=300,
                null=True,
                verbose_name="credit",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="key",
            field=models.CharField(editable=False, max_length=32, null=True, verbose_name="key"),
        ),
        migrations.RunPython(give_keys_and_hide_originals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="image",
            name="key",
            field=models.CharField(
                default=catalogue.models.holdings.new_image_key,
                editable=False,
                help_text="The random name of the directory of the image's tiles and sizes.",
                max_length=32,
                unique=True,
                verbose_name="key",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="rights",
            field=models.CharField(
                blank=True,
                help_text="A RightsStatements.org or Creative Commons URI saying how the image may be used.",
                max_length=200,
                validators=[catalogue.images.rights.validate_rights],
                verbose_name="rights",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="tiled",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Whether the image's tiles, sizes and info.json have been made.",
                verbose_name="tiles made",
            ),
        ),
        migrations.AlterField(
            model_name="image",
            name="file",
            field=catalogue.models.fields.UnguessableImageField(
                height_field="height",
                storage=catalogue.images.storage.private_storage,
                upload_to=catalogue.models.holdings.image_upload_to,
                validators=[catalogue.images.validation.validate_image],
                verbose_name="image file",
                width_field="width",
            ),
        ),
    ]
