"""The read-only JSON API at /api/v1/: published records and what they name.

Built with django-ninja, which generates the OpenAPI 3 description from the schemas.
"""

from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from . import agents, errors, records
from .throttling import AddressRateThrottle


class Documentation(DocsBase):
    """Swagger UI from ninja's static files, started by our own script (no inline script)."""

    def render_page(self, request, api, **kwargs):
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "catalogue/api_docs.html", context)


api = NinjaAPI(
    title="Catalogue API",
    version="1",
    description=(
        "Read-only access to the published records of the catalogue and to the people, "
        "organizations, events, collections and subjects they name. Lists are paged with "
        "a cursor: follow `next` until it is null."
    ),
    docs=Documentation(),
    docs_url="/docs/",
    urls_namespace="api",
    throttle=AddressRateThrottle(),
)
errors.install(api)
api.add_router("", records.router)
api.add_router("", agents.router)
