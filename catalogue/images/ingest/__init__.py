"""Bulk ingest of a folder of images: ``images.csv`` and the files beside it.

``check_folder`` reads the listing and checks every row and every file (through the model's
own ``full_clean()``, so the ingest accepts what the admin accepts) and writes nothing;
``store`` writes a plan without errors in one transaction and has the image service make the
tiles, removing every file it wrote if anything fails. ``import_images`` is the command.
"""

from .checking import ADD, COLUMNS, LISTING, UNCHANGED, UPDATE, Plan, check_folder  # noqa: F401
from .storing import IngestFailed, store  # noqa: F401
