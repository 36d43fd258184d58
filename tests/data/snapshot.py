"""Every row of the catalogue's tables, for comparing the database before and after a load."""

from django.apps import apps

# Counters the catalogue derives from its data, rebuilt by every load: the change marker moves
# and the facet counts are recounted (their equality with a fresh count is tested apart, in
# tests/admin/test_change_marker.py).
DERIVED = {"catalogue.ChangeMarker", "catalogue.FacetCount", "catalogue.RecordFacet"}


def snapshot() -> dict:
    rows = {}
    for model in apps.get_app_config("catalogue").get_models():
        if not model._meta.managed:
            continue  # the SQLite full-text table: an index over SearchDocument, not data
        if model._meta.label in DERIVED:
            continue
        for name in [f.name for f in model._meta.many_to_many]:
            through = getattr(model, name).through
            rows[through._meta.label] = sorted(map(repr, through.objects.values_list()))
        rows[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return rows
