"""Every catalogue model's changelist, change form and add form, at a constant query cost."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .builders import CHANGE_FORM_OBJECT, CHANGELIST_ROWS, background
from .helpers import change_url

# model name: queries for its changelist, change form and add form.
QUERIES = {
    "collection": (8, 6, 5),
    "record": (18, 17, 5),
    "copy": (12, 9, 5),
    "image": (8, 7, 5),
    "person": (9, 11, 5),
    "personname": (8, 7, 5),
    "organization": (8, 11, 5),
    "organizationseats": (8, 8, 5),
    "membership": (21, 11, 5),
    "event": (10, 8, 5),
    "subject": (7, 6, 5),
    "source": (7, 6, 5),
    "language": (7, 6, 5),
    "claim": (12, 9, 5),
    # Written by withdrawing a record, never added by hand: no add form.
    "tombstone": (10, 7, None),
}

INLINE_MODELS = {
    "record": {"copy", "image", "recordperson", "recordorganization", "recordrelation", "claim"},
    "copy": {"image"},
    "person": {"personname", "membership", "claim"},
    "organization": {"organizationseats", "membership", "claim"},
    "event": {"claim"},
}


def test_every_catalogue_model_is_in_the_admin(curator_client):
    response = curator_client.get(reverse("admin:app_list", args=["catalogue"]))

    listed = {model["object_name"].lower() for model in response.context["app_list"][0]["models"]}
    assert listed == set(QUERIES)


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("model", list(QUERIES))
def test_changelist_lists_rows_at_constant_cost(
    curator_client, django_assert_num_queries, model, rows
):
    background()
    CHANGELIST_ROWS[model](rows)
    ContentType.objects.clear_cache()
    expected = QUERIES[model][0]

    with django_assert_num_queries(expected):
        response = curator_client.get(reverse(f"admin:catalogue_{model}_changelist"))

    changelist = response.context["cl"]
    content = response.content.decode()
    assert changelist.result_count == changelist.model.objects.count() >= rows
    assert all(change_url(obj) in content for obj in changelist.model.objects.all())


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("model", list(QUERIES))
def test_change_form_shows_inline_rows_at_constant_cost(
    curator_client, django_assert_num_queries, model, rows
):
    obj = CHANGE_FORM_OBJECT[model](rows)
    ContentType.objects.clear_cache()
    expected = QUERIES[model][1]

    with django_assert_num_queries(expected):
        response = curator_client.get(reverse(f"admin:catalogue_{model}_change", args=[obj.pk]))

    assert response.context["original"] == obj
    inline_rows = {
        inline.formset.model._meta.model_name: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert inline_rows == {name: rows for name in INLINE_MODELS.get(model, ())}


@pytest.mark.parametrize("model", [name for name, counts in QUERIES.items() if counts[2]])
def test_add_form_opens_empty_at_constant_cost(curator_client, django_assert_num_queries, model):
    ContentType.objects.clear_cache()

    with django_assert_num_queries(QUERIES[model][2]):
        response = curator_client.get(reverse(f"admin:catalogue_{model}_add"))

    form = response.context["adminform"].form
    assert form.instance.pk is None
    assert "opened_at" not in response.content.decode()


def test_tombstones_cannot_be_added_by_hand(curator_client):
    response = curator_client.get(reverse("admin:catalogue_tombstone_add"))

    assert response.status_code == 403
