"""A curator's admin given NUL and other control characters: a 400 page, never a database error.

PostgreSQL refuses NUL in text with a DataError where SQLite stores it; both engines must answer
the same way, and nothing may be written.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from catalogue import models
from tests import factories

from .helpers import change_url, changelist_url, open_change_form


def draft_record() -> models.Record:
    return factories.record(
        title_en="On the Cult of Personality",
        description_en="A summary.",
        date="1956-02-25",
        status=models.Status.DRAFT,
    )


CATALOGUE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "catalogue"]
REFUSED = "holds a control character (such as NUL)"


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=lambda model: model._meta.model_name)
def test_admin_changelist_search_refuses_a_control_character(curator_client, model):
    served = curator_client.get(changelist_url(model), {"q": "khrushchev"})

    refused = curator_client.get(changelist_url(model), {"q": "khrushchev\x00"})

    assert served.status_code == 200
    assert refused.status_code == 400
    assert REFUSED in refused.content.decode()


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=lambda model: model._meta.model_name)
def test_admin_changelist_filters_refuse_a_control_character(curator_client, model):
    served = curator_client.get(changelist_url(model))
    parameters = [
        name for spec in served.context["cl"].filter_specs for name in spec.expected_parameters()
    ]

    for name in parameters:
        refused = curator_client.get(changelist_url(model), {name: "\x00"})

        assert refused.status_code == 400, name
        assert REFUSED in refused.content.decode(), name


def test_admin_record_filters_exist_to_be_refused(curator_client):
    # The loop above must have filters to try on the records' changelist.
    served = curator_client.get(changelist_url(models.Record))

    assert {spec.title for spec in served.context["cl"].filter_specs} >= {"status", "kind"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title_en", "On the Cult of Personality\x00"),
        ("title_en", "On the Cult of Personality\x1b[31m"),
        ("description_en", "First line\x7f"),
        ("collection", "1\x00"),
        ("kind", "speech\x00"),
        ("date", "1956-02-25\x00"),
    ],
)
def test_admin_change_form_refuses_a_control_character_and_writes_nothing(
    curator_client, field, value
):
    record = draft_record()
    data = open_change_form(curator_client, record)
    assert field in data

    response = curator_client.post(change_url(record), {**data, field: value})

    record.refresh_from_db()
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert record.title_en == "On the Cult of Personality"
    assert record.date == "1956-02-25"


def test_admin_change_form_keeps_line_breaks_and_tabs(curator_client):
    record = draft_record()
    data = open_change_form(curator_client, record)

    response = curator_client.post(
        change_url(record), {**data, "description_en": "First line\r\n\tSecond line"}
    )

    record.refresh_from_db()
    assert response.status_code == 302
    assert record.description_en == "First line\r\n\tSecond line"


def test_admin_add_form_refuses_a_control_character_and_writes_nothing(curator_client):
    response = curator_client.post(
        "/admin/catalogue/subject/add/",
        {"slug": "cult-of-personality", "label_en": "cult of personality\x00"},
    )

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not models.Subject.objects.filter(slug="cult-of-personality").exists()


@pytest.mark.parametrize(
    ("field", "value"), [("collection", "abc"), ("languages", ["abc"]), ("subjects", ["1", "x"])]
)
def test_admin_change_form_with_a_key_that_is_not_a_number_shows_a_form_error(
    curator_client, field, value
):
    record = draft_record()
    data = open_change_form(curator_client, record)

    response = curator_client.post(change_url(record), {**data, field: value})

    record.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    assert 'class="errorlist' in response.content.decode()
    assert record.title_en == "On the Cult of Personality"


def test_admin_action_with_a_row_key_that_is_not_a_number_says_so(curator_client):
    record = draft_record()

    response = curator_client.post(
        changelist_url(models.Record),
        {"action": "delete_selected", "_selected_action": ["abc"]},
        follow=True,
    )

    assert response.status_code == 200
    assert "The ticked rows could not be read; tick them again." in response.content.decode()
    assert models.Record.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("build", "page"),
    [
        (factories.organization, "change"),
        (factories.organization, "delete"),
        (factories.organization, "history"),
        (factories.person, "change"),
        (factories.tombstone, "change"),
    ],
)
def test_admin_page_with_an_empty_to_field_is_the_page_itself(curator_client, build, page):
    obj = build()
    name = f"admin:catalogue_{obj._meta.model_name}_{page}"

    response = curator_client.get(reverse(name, args=[obj.pk]), {"_to_field": ""})

    assert response.status_code == 200
    assert str(obj) in response.content.decode()
