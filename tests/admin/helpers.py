"""Submitting admin forms as a curator's browser would: every field with the value it shows."""

import re

from django.contrib.auth.models import User
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse

OPENED_AT = re.compile(r'name="opened_at" value="([^"]+)"')


def change_url(obj) -> str:
    return reverse(f"admin:catalogue_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    return reverse(f"admin:catalogue_{model._meta.model_name}_changelist")


def _form_values(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or isinstance(value, FieldFile):
            continue
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        elif isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(item) for item in value]
        else:
            data[form.add_prefix(name)] = str(value)
    return data


def form_data(response) -> dict:
    """The data the change form in ``response`` would post if saved unchanged."""
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for form in formset.forms:
            data.update(_form_values(form))
    opened_at = OPENED_AT.search(response.content.decode())
    if opened_at:
        data["opened_at"] = opened_at.group(1)
    return data


def open_change_form(client, obj) -> dict:
    response = client.get(change_url(obj))
    assert response.context["adminform"].form.instance == obj
    return form_data(response)


def logged_in(user: User) -> Client:
    """A browser of its own, so that tests can act as two users at once."""
    client = Client()
    client.force_login(user)
    return client
