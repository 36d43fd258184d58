from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from catalogue.api import api
from catalogue.oai.views import endpoint as oai_endpoint
from catalogue.views import language_redirect
from catalogue.views.crawlers import robots_txt, sitemap, sitemap_section
from catalogue.views.media import serve_media

urlpatterns = [
    path("", language_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("oai", oai_endpoint, name="oai"),
    path("iiif/", include("catalogue.iiif.urls")),
]
urlpatterns += i18n_patterns(path("", include("catalogue.urls")), prefix_default_language=True)

# Published images' files, when no web server in front serves MEDIA_ROOT (DJANGO_SERVE_MEDIA).
urlpatterns += [path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", serve_media, name="media")]

handler400 = "catalogue.views.errors.bad_request"
handler403 = "catalogue.views.errors.permission_denied"
handler404 = "catalogue.views.errors.page_not_found"
handler500 = "catalogue.views.errors.server_error"
