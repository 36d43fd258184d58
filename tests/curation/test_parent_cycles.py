"""Organizations and events form trees: no body or event is part of itself, however far up."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogue.models import Event, Organization
from tests import factories
from tests.admin.helpers import change_url, open_change_form

MESSAGES = {
    Organization: "An organization cannot be part of itself.",
    Event: "An event cannot be part of itself.",
}
MAKERS = {Organization: factories.organization, Event: factories.event}


def chain(model, length: int) -> list:
    """Objects each part of the one before: [top, its child, its grandchild, …]."""
    objects = [MAKERS[model]()]
    for _n in range(length - 1):
        objects.append(MAKERS[model](parent=objects[-1]))
    return objects


@pytest.mark.parametrize("model", [Organization, Event])
@pytest.mark.parametrize("length", [1, 2, 4])
def test_parent_cycle_is_refused_by_full_clean(db, model, length):
    objects = chain(model, length)
    top, bottom = objects[0], objects[-1]
    top.parent = bottom

    with pytest.raises(ValidationError) as raised:
        top.full_clean()

    assert raised.value.message_dict == {"parent": [MESSAGES[model]]}
    top.refresh_from_db()
    assert top.parent is None


@pytest.mark.parametrize("model", [Organization, Event])
def test_parent_within_the_tree_passes_full_clean(db, model):
    top, middle, bottom = chain(model, 3)
    sibling = MAKERS[model](parent=top)
    bottom.parent = sibling

    bottom.full_clean()
    bottom.save()

    assert list(model.objects.filter(parent=sibling)) == [bottom]


@pytest.mark.parametrize("model", [Organization, Event])
def test_own_parent_is_refused_by_the_database(db, model):
    item = MAKERS[model]()

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=item.pk).update(parent=item.pk)

    item.refresh_from_db()
    assert item.parent is None


def test_organization_cycle_is_refused_in_the_admin(curator_client):
    top, bottom = chain(Organization, 2)
    data = open_change_form(curator_client, top)
    data["parent"] = str(bottom.pk)

    response = curator_client.post(change_url(top), data)

    assert response.status_code == 200
    assert MESSAGES[Organization] in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None
