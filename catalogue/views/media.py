"""Media files for the development server and ``DJANGO_SERVE_MEDIA``: the published images'
IIIF files under MEDIA_ROOT, open to every origin as IIIF clients need.

In production the web server serves MEDIA_ROOT as plain files (see the README); this view does
the same for a machine without one. An ``info.json`` is answered with the address the request
came to as its ``id``, so that a viewer on any host and port asks this server for the tiles;
the file itself carries ``CATALOGUE_BASE_URL``, the address of the public site.
"""

import json
from pathlib import Path

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

from catalogue.images import iiif


def _allow_every_origin(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def serve_media(request, path: str):
    if not settings.SERVE_MEDIA:
        raise Http404
    if path.endswith("/info.json"):
        return _allow_every_origin(_info(request, path))
    return _allow_every_origin(serve(request, path, document_root=settings.MEDIA_ROOT))


def _info(request, path: str):
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path).resolve()
    if root not in file.parents or not file.is_file():
        raise Http404
    data = json.loads(file.read_text(encoding="utf-8"))
    key = file.parent.name
    data["id"] = request.build_absolute_uri(iiif.public_path(key))
    return JsonResponse(data, content_type="application/ld+json")
