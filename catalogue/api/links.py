"""What every answer shares: absolute page addresses and the sources cited."""

from django.conf import settings
from django.utils import translation


def page_url(request, instance) -> str:
    """The permanent address of ``instance``'s page, in the default language, absolute."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(instance.get_absolute_url())


def text(value) -> str:
    """A translated field that may be empty in the database (NULL) as a string."""
    return value or ""


def citation(source) -> dict:
    return {
        "key": source.key,
        "title": source.title,
        "author": source.author,
        "date": source.date,
        "url": source.url,
    }
