"""What a record needs before it may be published (the ISAD(G) essentials and image alt text)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Record

ESSENTIAL_FIELDS = {
    "reference_code": gettext_lazy("reference code"),
    "title_en": gettext_lazy("English title"),
    "date": gettext_lazy("date"),
    "level": gettext_lazy("level of description"),
}


def missing_for_publication(record: Record, images=None) -> list[str]:
    """Name what ``record`` lacks to be published; empty when it may be published.

    Reads ``record.images`` (one query unless prefetched) when ``images`` is not given.
    """
    missing = [str(label) for name, label in ESSENTIAL_FIELDS.items() if not getattr(record, name)]
    if not (record.extent_en or record.extent_ru):
        missing.append(_("extent"))
    if images is None:
        images = record.images.all() if record.pk else []
    for image in images:
        if not (image.alt_text_en or "").strip():
            missing.append(_("alt text on image %(file)s") % {"file": image.file.name})
    return missing
