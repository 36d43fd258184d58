"""The IIIF answers: JSON-LD with the Presentation 3 profile, open to every origin (viewers
on other sites fetch them), and a JSON refusal a viewer can show for anything else."""

import json

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogue import tombstones
from catalogue.models import Collection, Record

from . import collections, manifests

REFERENCE_LENGTH = Record._meta.get_field("reference_code").max_length


def _answer(data: dict, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=1)
    response = HttpResponse(body, status=status, content_type=manifests.CONTENT_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _refusal(message: str, status: int = 404, **extra) -> HttpResponse:
    return _answer({"detail": str(message), **extra}, status=status)


def _no_manifest(reference: str) -> HttpResponse:
    """A withdrawn record's manifest is gone (410), a former code's redirects, others 404."""
    renamed_to, stone = tombstones.lookup(reference)
    if renamed_to is not None:
        return HttpResponsePermanentRedirect(manifests.manifest_url(renamed_to))
    if stone is not None:
        message = _("This record was withdrawn from the catalogue on %(date)s.") % {
            "date": stone.withdrawn_at.strftime("%Y-%m-%d")
        }
        return _refusal(message, status=410, reference_code=stone.reference_code)
    return _refusal(_("No published record with images has this reference code."))


@require_safe
def manifest(request, reference: str):
    if len(reference) > REFERENCE_LENGTH:
        return _refusal(_("No published record with images has this reference code."))
    record = Record.objects.published().for_manifest().filter(reference_code=reference).first()
    if record is None:
        return _no_manifest(reference)
    if not manifests.images_of(record):
        return _refusal(_("This record has no images."))
    return _answer(manifests.manifest(record, request.build_absolute_uri))


def _collection(request, slug: str, page: int | None):
    unit = Collection.objects.filter(slug=slug).first()
    if unit is None:
        return _refusal(_("No collection is found at this address."))
    found = collections.listing(unit, page)
    if found is None:
        return _refusal(_("This collection has no such page."))
    data = collections.collection(found, request.build_absolute_uri, paged=page is not None)
    return _answer(data)


@require_safe
def catalogue_collection(request):
    return _answer(collections.catalogue_collection(request.build_absolute_uri))


@require_safe
def collection(request, slug: str):
    return _collection(request, slug, None)


@require_safe
def collection_page(request, slug: str, page: int):
    return _collection(request, slug, page)
