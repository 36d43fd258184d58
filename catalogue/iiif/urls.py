"""``/iiif/...``: at the root, not under a language prefix (each document holds both)."""

from django.urls import path, re_path

from catalogue.converters import ReferenceCodeConverter

from . import views

urlpatterns = [
    path("collection.json", views.catalogue_collection, name="iiif_catalogue"),
    path("collections/<slug:slug>/collection.json", views.collection, name="iiif_collection"),
    path(
        "collections/<slug:slug>/pages/<int:page>/collection.json",
        views.collection_page,
        name="iiif_collection_page",
    ),
    re_path(
        rf"^(?P<reference>{ReferenceCodeConverter.regex})/manifest\.json$",
        views.manifest,
        name="iiif_manifest",
    ),
]
